#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace okrsek::test {

struct HttpResult {
    unsigned status = 0;
    std::map<std::string, std::string> headers;  ///< lower-case names
    std::string body;

    nlohmann::json json() const { return nlohmann::json::parse(body); }
};

/// A blocking HTTP/1.1 client over one keep-alive connection to 127.0.0.1:port.
class HttpClient {
public:
    explicit HttpClient(unsigned short port);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    HttpResult get(const std::string& target);
    HttpResult request(const std::string& method, const std::string& target,
                       const std::string& body = {},
                       const std::map<std::string, std::string>& headers = {});

private:
    struct Impl;
    Impl* m_impl;
};

}  // namespace okrsek::test
