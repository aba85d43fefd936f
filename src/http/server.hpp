#pragma once

#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "http/application.hpp"

namespace okrsek::http {

struct ServerSettings {
    std::string address = "127.0.0.1";
    unsigned short port = 8080;  ///< 0: any free port (see Server::port())
    unsigned threads = 0;        ///< 0: one per core
    std::size_t max_body_bytes = max_api_body_bytes;
    std::size_t max_header_bytes = 16u * 1024u;
    std::chrono::seconds read_timeout{30};  ///< for one whole request, and idle keep-alive
    double rate_per_second = 50.0;          ///< API requests per client address; 0 turns limits off
    double rate_burst = 200.0;
    /// Reverse proxies whose X-Forwarded-For header names the client (see client_address()).
    std::vector<boost::asio::ip::address> trusted_proxies;
    std::chrono::seconds shutdown_grace{10};  ///< how long stop() waits for requests in flight
};

/// The HTTP/1.1 server (Boost.Beast): keep-alive, header and body limits, timeouts, a rate limit
/// per client address on /api/, graceful shutdown. Only this class touches sockets; every
/// answer comes from Application::handle.
class Server {
public:
    /// Binds and listens at once (so port() is known); throws core::Error(unavailable) when the
    /// address cannot be bound.
    Server(const Application& application, ServerSettings settings);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    unsigned short port() const noexcept;

    /// Serves until stop() or, when `handle_signals`, SIGTERM/SIGINT. Blocks.
    void run(bool handle_signals);

    /// Starts serving on background threads (for tests); stop() or the destructor ends it.
    void start();

    /// Stops accepting, lets requests in flight finish (up to shutdown_grace), closes idle
    /// connections, and returns when every thread has ended. Safe to call more than once.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace okrsek::http
