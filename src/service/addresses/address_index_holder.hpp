#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <stop_token>
#include <thread>

#include "service/addresses/address_areas.hpp"
#include "service/addresses/address_index.hpp"
#include "service/area_catalog.hpp"
#include "store/addresses.hpp"

namespace okrsek::service {

/// One consistent view for a search: the index and the areas of its addresses.
struct AddressSearchSnapshot {
    std::shared_ptr<const AddressIndex> index{};
    std::shared_ptr<const AddressAreas> areas{};
    std::int64_t address_version = 0;  ///< the store's address_version() it was built from
    std::uint64_t local_changes = 0;   ///< the import counter it was built at
    std::chrono::milliseconds build_time{0};
};

struct AddressIndexSettings {
    /// How often the store's address_version() is asked (by one search, not every one).
    std::chrono::milliseconds version_check_interval{2000};
    /// An index of at most this many addresses is rebuilt by the search that finds it stale
    /// (a few milliseconds, and the caller sees its own import at once); a larger one in the
    /// background while searches go on with the old one.
    std::size_t inline_rebuild_max = 200000;
};

/// Holds the current AddressSearchSnapshot (swapped whole through an atomic shared_ptr, so
/// searches never wait for a rebuild of a large index) and rebuilds it when the store's
/// addresses change (address_version(), checked at most every interval, or at once when
/// this process imported: `local_changes`) or the area catalog changes (areas only).
/// Thread-safe.
class AddressIndexHolder {
public:
    using CatalogSource = std::function<std::shared_ptr<const AreaCatalog>()>;

    AddressIndexHolder(store::AddressStore& store, CatalogSource catalog,
                       const std::atomic<std::uint64_t>& local_changes,
                       AddressIndexSettings settings = {});
    /// Stops a background build (it gives up within 65,536 rows) and waits for it.
    ~AddressIndexHolder();
    AddressIndexHolder(const AddressIndexHolder&) = delete;
    AddressIndexHolder& operator=(const AddressIndexHolder&) = delete;

    /// The current snapshot; builds the first one in the calling thread (throws what the store
    /// throws). When stale, rebuilds as AddressIndexSettings says; a failed rebuild is logged
    /// and the old snapshot served.
    std::shared_ptr<const AddressSearchSnapshot> current();

    /// Starts building the first snapshot in the background, unless there is one; returns at
    /// once.
    void warm_up();

private:
    struct Staleness {
        bool addresses = false;
        bool areas = false;
    };
    Staleness staleness(const AddressSearchSnapshot& snapshot);
    void check_version();
    void rebuild_now();
    void start_background();
    void refresh(std::stop_token stop);
    std::shared_ptr<const AddressIndex> build_index(std::stop_token stop,
                                                    std::int64_t& version) const;

    store::AddressStore& m_store;
    CatalogSource m_catalog;
    const std::atomic<std::uint64_t>& m_local_changes;
    const AddressIndexSettings m_settings;
    std::atomic<std::shared_ptr<const AddressSearchSnapshot>> m_snapshot;
    std::atomic<std::int64_t> m_known_version{0};  ///< the store's, as last seen
    std::atomic<std::int64_t> m_next_check_ns{0};  ///< steady clock
    std::atomic<bool> m_check_failing{false};
    std::mutex m_build_mutex;  ///< one build at a time
    std::atomic<bool> m_background_running{false};
    std::atomic<std::int64_t> m_next_background_ns{0};  ///< not before, after a failure
    std::mutex m_worker_mutex;
    std::jthread m_worker;
};

}  // namespace okrsek::service
