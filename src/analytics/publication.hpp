#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <vector>

#include "analytics/cube_grid.hpp"
#include "analytics/cube_query.hpp"
#include "analytics/publication_suppression.hpp"

// The publication rules: what of an aggregated table may be shown on the public site. See
// docs/analytics.md, "Aggregation and publication rules".
namespace okrsek::analytics {

struct PublicationRules {
    /// Counts from 1 to min_count − 1 are hidden ("fewer than 3"); 0 is shown. 1 … 1,000,000.
    std::int64_t min_count = 3;
    /// Areas (or grid cells) smaller than this are withheld (grid cells: merged); 0 = no minimum.
    double min_area_m2 = 0.0;
    /// Areas with fewer inhabitants are withheld; 0 = no minimum.
    double min_population = 0.0;
};

/// Size of an area, NaN when unknown (an unknown size counts as too small when a minimum is set).
struct AreaSize {
    double area_m2 = std::numeric_limits<double>::quiet_NaN();
    double population = std::numeric_limits<double>::quiet_NaN();
};

/// A publishable table: the aggregated table's rows, columns and buckets, minus the categories
/// that may not be shown, each dimension with more than one entry followed by its total (index
/// = number of entries), and every cell with a status. Hidden cells carry the value 0 here:
/// their counts are not in this object at all.
struct PublishedTable {
    std::optional<AreaLevel> area_level{};
    std::vector<std::int32_t> areas;
    std::vector<std::int32_t> categories;
    TimeBucket bucket = TimeBucket::whole_period;
    std::vector<std::int32_t> buckets;
    /// Dimensions: 0 areas, 1 categories, 2 buckets.
    std::array<bool, 3> has_total{false, false, false};
    std::array<std::size_t, 3> extent{0, 0, 0};
    std::vector<std::int64_t> values;
    std::vector<CellStatus> status;
    /// Sensitive categories left out because the table is below town level.
    std::vector<std::int32_t> dropped_sensitive_categories;
    /// Area slots withheld for being smaller than the minimum area or population.
    std::vector<std::int32_t> withheld_areas;
    /// False when part of a three-dimensional table was too large for the exact check of
    /// complementary suppression (it is then protected slice by slice only).
    bool suppression_fully_checked = true;

    std::size_t index(std::size_t area, std::size_t category, std::size_t bucket_index) const {
        return (area * extent[1] + category) * extent[2] + bucket_index;
    }
    /// The shown value, or std::nullopt for a hidden cell. An index equal to the number of
    /// entries of a dimension with a total addresses that total.
    std::optional<std::int64_t> value(std::size_t area, std::size_t category,
                                      std::size_t bucket_index) const;
    std::size_t count(CellStatus wanted) const;
};

/// Applies the rules to a table from aggregate(): drops sensitive categories below town level
/// (city parts and districts), withholds areas below the minimum size or population (their rows
/// are hidden, not dropped, so that totals cannot reveal them), hides small counts and then
/// complementary cells (publication_suppression.hpp). `sizes_by_slot[slot]` gives the size of the
/// area with that slot; needed only when a minimum is set.
/// Throws core::Error invalid_argument for rules out of range ("rules"), missing sizes
/// ("sizes"), or a table below town level that was aggregated without
/// exclude_sensitive_incidents ("exclude_sensitive_incidents").
PublishedTable publish(const AggregateTable& table, const CategoryTree& categories,
                       const PublicationRules& rules, std::span<const AreaSize> sizes_by_slot = {});

/// A publishable grid: cells merged to the minimum area, small counts and complements hidden
/// against the grid's total. Hidden cells carry the value 0.
struct PublishedGrid {
    GridSpec spec{};  ///< after merging
    std::uint32_t merge_factor = 1;
    std::vector<std::int64_t> values;  ///< as GridCounts::counts
    std::vector<CellStatus> status;
    std::optional<std::int64_t> total;  ///< the sum of all cells, unless hidden
};

/// Merges factor × factor cells until a cell covers rules.min_area_m2, then hides counts below
/// min_count and complements against the total. Throws core::Error invalid_argument as
/// publish(), and when the grid was counted without exclude_sensitive_incidents.
PublishedGrid publish_grid(const GridCounts& grid, const PublicationRules& rules);

}  // namespace okrsek::analytics
