#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "service/platform.hpp"

namespace okrsek::service {

/// Keeps a platform's in-memory catalog in step with the database when other processes (the
/// CLI, other servers behind the same load balancer) change layers: every `interval` it
/// compares the store's catalog version with the loaded one and reloads on a difference.
/// A version check rather than LISTEN/NOTIFY, because it works the same on SQLite and
/// PostgreSQL, needs no dedicated connection, and cannot miss a notification sent while this
/// server was disconnected. A change is therefore served everywhere within one interval (plus
/// the reload itself). A database outage is logged once when it starts and once when it ends.
class CatalogRefresher {
public:
    CatalogRefresher(Platform& platform, std::chrono::milliseconds interval);
    ~CatalogRefresher();
    CatalogRefresher(const CatalogRefresher&) = delete;
    CatalogRefresher& operator=(const CatalogRefresher&) = delete;

private:
    void loop();
    void check();

    Platform& m_platform;
    const std::chrono::milliseconds m_interval;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    bool m_failing = false;  ///< the last check could not reach the database
    std::thread m_thread;    ///< last: starts once everything above is ready
};

}  // namespace okrsek::service
