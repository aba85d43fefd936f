#pragma once

#include <array>
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <memory>
#include <optional>

#include "http/application.hpp"
#include "http/rate_limiter.hpp"

namespace okrsek::http {

/// What every connection shares: the application, limits and the server's stopping flag.
struct SessionContext {
    const Application& application;
    RateLimiter& rate_limiter;
    std::size_t max_body_bytes;
    std::size_t max_header_bytes;
    std::chrono::seconds read_timeout;
    const std::vector<boost::asio::ip::address>& trusted_proxies;
    std::atomic<bool>& stopping;
};

/// One keep-alive connection: read a request, answer it, repeat. Asynchronous on its own strand.
class Session : public std::enable_shared_from_this<Session> {
public:
    Session(boost::asio::ip::tcp::socket&& socket, const SessionContext& context);

    void start();

    /// Closes the connection if it is waiting for a request (used at shutdown).
    void close_if_idle();

private:
    using Body = boost::beast::http::string_body;

    void read_request();
    void on_header(boost::beast::error_code ec, std::size_t bytes);
    void on_read(boost::beast::error_code ec, std::size_t bytes);
    void send(Response response, bool keep_alive, bool head_only);
    void on_write(bool keep_alive, boost::beast::error_code ec, std::size_t bytes);
    void close();
    void linger();
    void on_linger(boost::beast::error_code ec, std::size_t bytes);
    Response answer(const boost::beast::http::request<Body>& message);

    boost::beast::tcp_stream m_stream;
    boost::beast::flat_buffer m_buffer;
    std::optional<boost::beast::http::request_parser<Body>> m_parser;
    boost::beast::http::response<Body> m_response;
    const SessionContext& m_context;
    boost::asio::ip::address m_peer;  ///< unspecified when the socket could not tell
    std::atomic<bool> m_idle{true};
    std::array<char, 8192> m_discard{};
    std::size_t m_discarded = 0;
};

}  // namespace okrsek::http
