#include "http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <ostream>

namespace okrsek::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

struct HttpClient::Impl {
    explicit Impl(unsigned short server_port) : stream(io), port(server_port) { connect(); }
    void connect() {
        stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    }
    asio::io_context io;
    beast::tcp_stream stream;
    beast::flat_buffer buffer;
    unsigned short port;
};

HttpClient::HttpClient(unsigned short port) : m_impl(new Impl(port)) {}

HttpClient::~HttpClient() {
    delete m_impl;
}

HttpResult HttpClient::get(const std::string& target) {
    return request("GET", target);
}

HttpResult HttpClient::request(const std::string& method, const std::string& target,
                               const std::string& body,
                               const std::map<std::string, std::string>& headers) {
    for (int attempt = 0; attempt < 2; ++attempt) {
        bhttp::request<bhttp::string_body> message(bhttp::string_to_verb(method), target, 11);
        message.set(bhttp::field::host, "127.0.0.1");
        for (const auto& [name, value] : headers) message.set(name, value);
        message.body() = body;
        message.prepare_payload();
        message.keep_alive(true);
        beast::error_code ec;
        bhttp::write(m_impl->stream, message, ec);
        // A server may answer (413) and stop reading before the whole body is sent: the write
        // then fails, but the answer is there to read.
        const bool write_failed = static_cast<bool>(ec);
        ec = {};
        bhttp::response_parser<bhttp::string_body> parser;
        parser.body_limit(64 * 1024 * 1024);
        parser.skip(method == "HEAD");  // a HEAD answer announces a body it does not send
        bhttp::read(m_impl->stream, m_impl->buffer, parser, ec);
        if (ec && write_failed) ec = beast::error_code(boost::asio::error::broken_pipe);
        if (ec) {
            // The server closed the connection (e.g. after an error answer): reconnect once.
            m_impl->stream.close();
            m_impl->buffer.clear();
            m_impl->connect();
            if (attempt == 0) continue;
            throw beast::system_error(ec);
        }
        const auto& response = parser.get();
        HttpResult result;
        result.status = response.result_int();
        for (const auto& field : response) {
            std::string name(field.name_string());
            for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            // Repeated headers (Set-Cookie) are kept, one per line.
            auto& value = result.headers[name];
            if (!value.empty()) value += '\n';
            value += std::string(field.value());
        }
        result.body = response.body();
        if (!response.keep_alive()) {
            m_impl->stream.close();
            m_impl->buffer.clear();
            m_impl->connect();
        }
        return result;
    }
    return {};
}

}  // namespace okrsek::test
