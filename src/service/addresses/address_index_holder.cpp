#include "service/addresses/address_index_holder.hpp"

#include <spdlog/spdlog.h>

namespace okrsek::service {
namespace {

struct BuildStopped {};

std::int64_t milliseconds(std::chrono::steady_clock::duration duration) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(duration).count();
}

std::int64_t steady_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

}  // namespace

AddressIndexHolder::AddressIndexHolder(store::AddressStore& store, CatalogSource catalog,
                                       const std::atomic<std::uint64_t>& local_changes,
                                       AddressIndexSettings settings)
    : m_store(store),
      m_catalog(std::move(catalog)),
      m_local_changes(local_changes),
      m_settings(settings) {}

AddressIndexHolder::~AddressIndexHolder() {
    std::lock_guard lock(m_worker_mutex);
    if (m_worker.joinable()) {
        m_worker.request_stop();
        m_worker.join();
    }
}

std::shared_ptr<const AddressSearchSnapshot> AddressIndexHolder::current() {
    auto snapshot = m_snapshot.load();
    if (!snapshot) {
        std::lock_guard lock(m_build_mutex);
        if (!m_snapshot.load()) refresh({});
        return m_snapshot.load();
    }
    const Staleness stale = staleness(*snapshot);
    if (!stale.addresses && !stale.areas) return snapshot;
    if (snapshot->index->address_count() <= m_settings.inline_rebuild_max) {
        rebuild_now();
        return m_snapshot.load();
    }
    start_background();
    return snapshot;
}

void AddressIndexHolder::warm_up() {
    if (!m_snapshot.load()) start_background();
}

AddressIndexHolder::Staleness AddressIndexHolder::staleness(const AddressSearchSnapshot& snapshot) {
    check_version();
    Staleness stale;
    stale.addresses = m_local_changes.load() != snapshot.local_changes ||
                      m_known_version.load() != snapshot.address_version;
    stale.areas = m_catalog() != snapshot.areas->catalog();
    return stale;
}

// One search in an interval asks the store; the others go on at once.
void AddressIndexHolder::check_version() {
    const std::int64_t now = steady_ns();
    std::int64_t due = m_next_check_ns.load();
    if (now < due) return;
    const std::int64_t next =
        now + std::chrono::nanoseconds(m_settings.version_check_interval).count();
    if (!m_next_check_ns.compare_exchange_strong(due, next)) return;
    try {
        m_known_version = m_store.address_version();
        if (m_check_failing.exchange(false)) spdlog::info("address index: database reachable");
    } catch (const std::exception& error) {
        if (!m_check_failing.exchange(true))
            spdlog::warn("address index: cannot check for changed addresses: {}", error.what());
    }
}

void AddressIndexHolder::rebuild_now() {
    try {
        std::lock_guard lock(m_build_mutex);
        refresh({});
    } catch (const std::exception& error) {
        spdlog::warn("address index: rebuild failed, searching the old one: {}", error.what());
    }
}

void AddressIndexHolder::start_background() {
    if (steady_ns() < m_next_background_ns.load()) return;
    if (m_background_running.exchange(true)) return;
    std::lock_guard lock(m_worker_mutex);
    if (m_worker.joinable()) m_worker.join();  // finished: it cleared the flag
    m_worker = std::jthread([this](std::stop_token stop) {
        try {
            std::lock_guard build_lock(m_build_mutex);
            refresh(stop);
        } catch (const BuildStopped&) {
        } catch (const std::exception& error) {
            spdlog::warn("address index: background build failed: {}", error.what());
            m_next_background_ns =
                steady_ns() + std::chrono::nanoseconds(m_settings.version_check_interval).count();
        }
        m_background_running = false;
    });
}

std::shared_ptr<const AddressIndex> AddressIndexHolder::build_index(std::stop_token stop,
                                                                    std::int64_t& version) const {
    // The version first: a change during the read is then noticed by the next check.
    version = m_store.address_version();
    AddressIndexBuilder builder;
    const auto started = std::chrono::steady_clock::now();
    m_store.for_each_address([&](const core::AddressPoint& point) {
        if ((builder.size() & 0xFFFF) == 0 && stop.stop_requested()) throw BuildStopped{};
        builder.add(point);
    });
    const auto read = std::chrono::steady_clock::now();
    auto index = builder.finish();
    spdlog::info("address index: {} addresses read in {} ms, indexed in {} ms",
                 index->address_count(), milliseconds(read - started),
                 milliseconds(std::chrono::steady_clock::now() - read));
    return index;
}

// Under m_build_mutex: makes a new snapshot if the current one is missing or stale.
void AddressIndexHolder::refresh(std::stop_token stop) {
    const auto old = m_snapshot.load();
    const Staleness stale = old ? staleness(*old) : Staleness{true, true};
    if (!stale.addresses && !stale.areas) return;
    const auto started = std::chrono::steady_clock::now();
    auto next = std::make_shared<AddressSearchSnapshot>();
    next->local_changes = m_local_changes.load();
    if (stale.addresses) {
        next->index = build_index(stop, next->address_version);
        m_known_version = next->address_version;
    } else {
        next->index = old->index;
        next->address_version = old->address_version;
        next->local_changes = old->local_changes;
    }
    const auto areas_started = std::chrono::steady_clock::now();
    next->areas = std::make_shared<const AddressAreas>(*next->index, m_catalog());
    const auto done = std::chrono::steady_clock::now();
    next->build_time = std::chrono::duration_cast<std::chrono::milliseconds>(done - started);
    spdlog::info(
        "address index: {} addresses, {} streets, {} MiB + {} MiB of areas (found in {} ms), "
        "ready in {} ms",
        next->index->address_count(), next->index->group_count(), next->index->memory_bytes() >> 20,
        next->areas->memory_bytes() >> 20, milliseconds(done - areas_started),
        next->build_time.count());
    m_snapshot.store(std::move(next));
}

}  // namespace okrsek::service
