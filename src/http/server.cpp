#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <mutex>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "http/session.hpp"

namespace okrsek::http {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

struct Server::Impl {
    Impl(const Application& application, ServerSettings server_settings)
        : settings(std::move(server_settings)),
          rate_limiter(settings.rate_per_second, settings.rate_burst),
          context{application,
                  rate_limiter,
                  settings.max_body_bytes,
                  settings.max_header_bytes,
                  settings.read_timeout,
                  settings.trusted_proxies,
                  stopping},
          acceptor(io) {}

    void listen() {
        boost::system::error_code ec;
        const auto address = asio::ip::make_address(settings.address, ec);
        if (ec) {
            throw core::Error(core::ErrorCode::invalid_argument,
                              "'" + settings.address + "' is not an IP address", "listen");
        }
        const tcp::endpoint endpoint(address, settings.port);
        acceptor.open(endpoint.protocol(), ec);
        if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
        if (!ec) acceptor.bind(endpoint, ec);
        if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
        if (ec) {
            throw core::Error(core::ErrorCode::unavailable,
                              "cannot listen on " + settings.address + ":" +
                                  std::to_string(settings.port) + ": " + ec.message(),
                              "listen");
        }
    }

    void accept() {
        acceptor.async_accept(
            asio::make_strand(io), [this](boost::system::error_code ec, tcp::socket socket) {
                if (ec) {
                    if (ec != asio::error::operation_aborted && !stopping) accept();
                    return;
                }
                auto session = std::make_shared<Session>(std::move(socket), context);
                remember(session);
                session->start();
                accept();
            });
    }

    void remember(const std::shared_ptr<Session>& session) {
        std::lock_guard lock(sessions_mutex);
        if (sessions.size() > 1024) {
            std::erase_if(sessions, [](const auto& weak) { return weak.expired(); });
        }
        sessions.push_back(session);
    }

    void begin_shutdown() {
        if (stopping.exchange(true)) return;
        asio::post(io, [this] {
            boost::system::error_code ignored;
            acceptor.close(ignored);
            close_idle_sessions();
            // Requests in flight get the grace period, then everything stops.
            grace_timer.expires_after(settings.shutdown_grace);
            grace_timer.async_wait([this](boost::system::error_code) { io.stop(); });
            poll_sessions();
        });
    }

    void close_idle_sessions() {
        std::lock_guard lock(sessions_mutex);
        for (const auto& weak : sessions) {
            if (auto session = weak.lock()) session->close_if_idle();
        }
    }

    // Stops as soon as the last connection has ended, without waiting for the grace period.
    void poll_sessions() {
        {
            std::lock_guard lock(sessions_mutex);
            std::erase_if(sessions, [](const auto& weak) { return weak.expired(); });
            if (sessions.empty()) {
                grace_timer.cancel();
                io.stop();
                return;
            }
        }
        close_idle_sessions();
        poll_timer.expires_after(std::chrono::milliseconds(20));
        poll_timer.async_wait([this](boost::system::error_code ec) {
            if (!ec) poll_sessions();
        });
    }

    void run_threads(unsigned count) {
        for (unsigned i = 0; i < count; ++i) threads.emplace_back([this] { io.run(); });
    }

    void join() {
        for (auto& thread : threads) {
            if (thread.joinable()) thread.join();
        }
        threads.clear();
    }

    unsigned thread_count() const {
        return settings.threads ? settings.threads
                                : std::max(1u, std::thread::hardware_concurrency());
    }

    ServerSettings settings;
    std::atomic<bool> stopping{false};
    RateLimiter rate_limiter;
    SessionContext context;
    asio::io_context io;
    tcp::acceptor acceptor;
    asio::steady_timer grace_timer{io};
    asio::steady_timer poll_timer{io};
    std::mutex sessions_mutex;
    std::vector<std::weak_ptr<Session>> sessions;
    std::vector<std::thread> threads;
};

Server::Server(const Application& application, ServerSettings settings)
    : m_impl(std::make_unique<Impl>(application, std::move(settings))) {
    m_impl->listen();
}

Server::~Server() {
    stop();
}

unsigned short Server::port() const noexcept {
    return m_impl->acceptor.local_endpoint().port();
}

void Server::start() {
    m_impl->accept();
    m_impl->run_threads(m_impl->thread_count());
}

void Server::run(bool handle_signals) {
    asio::signal_set signals(m_impl->io);
    if (handle_signals) {
        signals.add(SIGINT);
        signals.add(SIGTERM);
        signals.async_wait([this](boost::system::error_code ec, int signal) {
            if (ec) return;
            spdlog::info("signal {} received: finishing requests in flight", signal);
            m_impl->begin_shutdown();
        });
    }
    m_impl->accept();
    m_impl->run_threads(m_impl->thread_count() - 1);
    m_impl->io.run();
    m_impl->join();
}

void Server::stop() {
    if (m_impl->threads.empty() && m_impl->stopping) return;
    m_impl->begin_shutdown();
    m_impl->join();
}

}  // namespace okrsek::http
