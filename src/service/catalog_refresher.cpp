#include "service/catalog_refresher.hpp"

#include <spdlog/spdlog.h>

#include "core/error.hpp"

namespace okrsek::service {

CatalogRefresher::CatalogRefresher(Platform& platform, std::chrono::milliseconds interval)
    : m_platform(platform), m_interval(interval), m_thread([this] { loop(); }) {}

CatalogRefresher::~CatalogRefresher() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void CatalogRefresher::loop() {
    std::unique_lock lock(m_mutex);
    while (!m_wake.wait_for(lock, m_interval, [this] { return m_stop; })) {
        lock.unlock();
        check();
        lock.lock();
    }
}

void CatalogRefresher::check() {
    try {
        if (m_platform.refresh_if_changed()) {
            spdlog::info("area layers reloaded (catalog version {})",
                         m_platform.catalog()->version());
        }
        if (m_failing) spdlog::info("database reachable again");
        m_failing = false;
    } catch (const std::exception& error) {
        // Lookups go on from the loaded catalog meanwhile; only say so once per outage.
        if (!m_failing) spdlog::warn("cannot check for changed layers: {}", error.what());
        m_failing = true;
    }
}

}  // namespace okrsek::service
