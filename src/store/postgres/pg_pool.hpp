#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/postgres/pg_handle.hpp"

namespace okrsek::store::postgres {

/// A fixed-size pool of connections, opened lazily. A connection found broken (the server
/// restarted, the network failed) is reconnected when it is next handed out, so the pool
/// recovers by itself once the server is back.
class Pool {
public:
    /// Opens the first connection at once so that a wrong setting fails here.
    /// Throws core::Error(unavailable) when the server cannot be reached.
    Pool(std::string conninfo, ConnectOptions options, std::size_t size,
         std::chrono::milliseconds wait_timeout);
    Pool(const Pool&) = delete;
    Pool& operator=(const Pool&) = delete;

    /// A connection on loan; goes back to the pool when destroyed.
    class Lease {
    public:
        Lease(Pool& pool, std::unique_ptr<Connection> connection) noexcept
            : m_pool(pool), m_connection(std::move(connection)) {}
        ~Lease();
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Connection& operator*() const noexcept { return *m_connection; }
        Connection* operator->() const noexcept { return m_connection.get(); }

    private:
        Pool& m_pool;
        std::unique_ptr<Connection> m_connection;
    };

    /// Waits for a free connection (at most the wait timeout), reconnecting it when broken.
    /// Throws core::Error(unavailable) on timeout or when the server cannot be reached.
    Lease acquire();

private:
    void release(std::unique_ptr<Connection> connection) noexcept;

    const std::string m_conninfo;
    const ConnectOptions m_options;
    const std::size_t m_size;
    const std::chrono::milliseconds m_wait_timeout;
    std::mutex m_mutex;
    std::condition_variable m_released;
    std::vector<std::unique_ptr<Connection>> m_idle;
    std::size_t m_open = 0;  ///< connections that exist (idle, lent out, or being opened)
};

}  // namespace okrsek::store::postgres
