#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "analytics/cube.hpp"

namespace okrsek::analytics {

enum class TimeBucket : std::uint8_t { whole_period, month, iso_week, hour_of_day, day_of_week };

/// Which categories become the columns: every category at `level` (0 = top), or, when `ids`
/// is not empty, exactly those categories (any levels, in the given order). An incident counts
/// once in a column when any of its types is that category or lies below it.
struct CategorySelection {
    std::size_t level = 0;
    std::vector<std::int32_t> ids;
};

struct CubeQuery {
    Period period{};
    /// Rows: the areas of this level (every slot, empty ones too); std::nullopt: one row for
    /// all incidents, including those outside every area.
    std::optional<AreaLevel> area_level{};
    CategorySelection categories{};
    TimeBucket bucket = TimeBucket::whole_period;
    /// Leave out every incident that has a sensitive type, from every column. Public tables
    /// below town level must be made so (publication.hpp refuses them otherwise): a count of a
    /// harmless parent category would otherwise include the sensitive incidents, and its
    /// difference from its other children would reveal them.
    bool exclude_sensitive_incidents = false;
    unsigned threads = 0;  ///< 0 = every core
};

/// Counts of incidents by area × category × time bucket, row-major in that order.
struct AggregateTable {
    std::optional<AreaLevel> area_level{};
    std::vector<std::int32_t> areas;       ///< area slots (row keys); {0} for "all"
    std::vector<std::int32_t> categories;  ///< category ids (column keys)
    TimeBucket bucket = TimeBucket::whole_period;
    /// Bucket keys: month and week keys (cube_time.hpp) from the period's first to its last,
    /// hours 0–23, weekdays 0 (Monday)–6, or {0} for the whole period.
    std::vector<std::int32_t> buckets;
    std::vector<std::int64_t> counts;
    bool sensitive_incidents_excluded = false;
    /// Incidents of the period left out of every row because they have no area at the level.
    std::int64_t incidents_without_area = 0;

    std::size_t index(std::size_t area, std::size_t category, std::size_t bucket_index) const {
        return (area * categories.size() + category) * buckets.size() + bucket_index;
    }
    std::int64_t at(std::size_t area, std::size_t category, std::size_t bucket_index) const {
        return counts.at(index(area, category, bucket_index));
    }
};

/// At most this many cells in one table.
inline constexpr std::size_t max_table_cells = 50'000'000;

/// Throws core::Error invalid_argument for an empty or unsupported period ("period"), a
/// category level with no categories or an unknown category id ("categories"), more than
/// max_table_cells cells ("bucket").
AggregateTable aggregate(const IncidentCube& cube, const CubeQuery& query);

/// The query's period and the same period a year earlier (year_earlier), same rows and columns;
/// week buckets are the previous year's weeks.
struct TrendTables {
    AggregateTable current;
    AggregateTable previous;
};
TrendTables aggregate_with_year_earlier(const IncidentCube& cube, const CubeQuery& query);

/// A label for a bucket key: "2025-03", "2025-W07", "17" (hour), "1" … "7" (ISO weekday), "".
std::string bucket_label(TimeBucket bucket, std::int32_t key);

struct CategoryCount {
    std::int32_t category_id = 0;
    std::int64_t count = 0;
};

/// The `limit` categories with the most incidents in row `area_row` (all buckets together),
/// most first, ties by ascending id; categories without incidents are left out.
std::vector<CategoryCount> top_categories(const AggregateTable& table, std::size_t area_row,
                                          std::size_t limit);

/// Incidents per 1,000 inhabitants for every cell (same layout as `counts`);
/// `population_by_slot[slot]` is the population of the area with that slot (for the "all"
/// row: index 0). NaN where the population is unknown (missing, NaN) or not positive.
std::vector<double> rates_per_1000(const AggregateTable& table,
                                   std::span<const double> population_by_slot);

}  // namespace okrsek::analytics
