#include "store/postgres/pg_pool.hpp"

#include <algorithm>
#include <utility>

#include "core/error.hpp"

namespace okrsek::store::postgres {

Pool::Pool(std::string conninfo, ConnectOptions options, std::size_t size,
           std::chrono::milliseconds wait_timeout)
    : m_conninfo(std::move(conninfo)),
      m_options(options),
      m_size(std::max<std::size_t>(size, 1)),
      m_wait_timeout(wait_timeout) {
    m_idle.push_back(std::make_unique<Connection>(m_conninfo, m_options));
    m_open = 1;
}

Pool::Lease::~Lease() {
    m_pool.release(std::move(m_connection));
}

void Pool::release(std::unique_ptr<Connection> connection) noexcept {
    {
        std::lock_guard lock(m_mutex);
        if (connection) {
            m_idle.push_back(std::move(connection));
        } else {
            --m_open;
        }
    }
    m_released.notify_one();
}

Pool::Lease Pool::acquire() {
    std::unique_ptr<Connection> connection;
    {
        std::unique_lock lock(m_mutex);
        const bool ready = m_released.wait_for(lock, m_wait_timeout,
                                               [&] { return !m_idle.empty() || m_open < m_size; });
        if (!ready) {
            throw core::Error(core::ErrorCode::unavailable,
                              "postgresql: no free connection in the pool");
        }
        if (!m_idle.empty()) {
            connection = std::move(m_idle.back());
            m_idle.pop_back();
        } else {
            ++m_open;  // reserve the slot; opened below without holding the lock
        }
    }
    if (!connection) {
        try {
            connection = std::make_unique<Connection>(m_conninfo, m_options);
        } catch (...) {
            release(nullptr);
            throw;
        }
    }
    // A connection that fails to reconnect goes back to the pool and keeps its slot, so it is
    // tried again next time.
    try {
        if (!connection->healthy()) connection->reconnect();
    } catch (...) {
        release(std::move(connection));
        throw;
    }
    return Lease(*this, std::move(connection));
}

}  // namespace okrsek::store::postgres
