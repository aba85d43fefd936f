#pragma once

// The incidents of every source and town as in-memory cubes (analytics/cube.hpp), built from
// the store in one pass and then only read. CrimeStatistics keeps the newest snapshot and
// builds a new one when the incidents or the area catalog change.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analytics/cube.hpp"
#include "service/area_catalog.hpp"
#include "store/store.hpp"

namespace okrsek::service {

/// A crime type of a source's code list, as the statistics show it.
struct StatisticsCategory {
    std::int32_t id = 0;
    std::optional<std::int32_t> parent_id{};
    std::size_t level = 0;  ///< 0 for a top category
    std::string name{};
    bool sensitive = false;  ///< it or an ancestor is marked sensitive
};

/// One town's incidents of one source. Area slots of the cube: town 0; city parts and
/// districts in the order of `city_part_ids` / `district_ids` (the catalog's slot order).
struct StatisticsTown {
    std::int64_t code = 0;
    analytics::IncidentCube cube;
    std::vector<std::int64_t> city_part_ids{};
    std::vector<std::int64_t> district_ids{};
    /// Month keys (analytics::LocalKeys::month) of the first and last incident, none if empty.
    std::optional<std::int32_t> first_month{};
    std::optional<std::int32_t> last_month{};
};

struct StatisticsSource {
    std::string name{};
    std::vector<StatisticsCategory> categories{};  ///< ascending id
    std::map<std::int64_t, std::unique_ptr<StatisticsTown>> towns{};
    std::int64_t incidents = 0;  ///< stored incidents of the source (all towns)
};

struct StatisticsSnapshot {
    std::int64_t crime_version = 0;
    std::int64_t catalog_version = 0;
    std::shared_ptr<const AreaCatalog> catalog{};
    std::vector<core::Municipality> towns{};  ///< by code
    std::vector<StatisticsSource> sources{};  ///< by name
    /// Incidents skipped: a time outside 1996–2099 or no type the cube can take.
    std::int64_t skipped = 0;

    const StatisticsSource* find_source(std::string_view name) const;
    const core::Municipality* find_town(std::int64_t code) const;
};

/// Reads every incident and code list. `crime_version` is the store's version read before.
std::shared_ptr<const StatisticsSnapshot> build_statistics_snapshot(
    store::Store& store, std::shared_ptr<const AreaCatalog> catalog, std::int64_t crime_version);

/// The areas of `layer` in town `code`, in catalog slot order; empty when the layer is absent.
std::vector<const core::AreaInfo*> town_areas(const AreaCatalog& catalog, std::int64_t code,
                                              std::string_view layer);

}  // namespace okrsek::service
