#pragma once

#include <cstdint>
#include <vector>

#include "analytics/cube.hpp"
#include "geo/geometry.hpp"

// Incident counts on a square grid in metres. The projection is equirectangular around
// `scale_lat`: x = R·cos(scale_lat)·Δlon, y = R·Δlat (R = 6,371,008.8 m). Over a town of ±15 km
// around scale_lat, east-west lengths are off by at most about 0.3 %, so a "100 m" cell is
// 100 ± 0.3 m wide; the grid is for maps and counts, not for surveying.
namespace okrsek::analytics {

struct GridSpec {
    core::LonLat south_west{};   ///< south-west corner of cell (0, 0)
    double scale_lat = 0.0;      ///< latitude where east-west lengths are true
    double cell_size_m = 100.0;  ///< side of a cell
    std::uint32_t columns = 0;   ///< cells west to east
    std::uint32_t rows = 0;      ///< cells south to north
};

/// At most this many cells in one grid (a 100 m grid over 40 × 40 km is 160,000).
inline constexpr std::uint64_t max_grid_cells = 16'000'000;

/// The grid of `cell_size_m` cells that covers `box`, starting at its south-west corner and
/// true at its middle latitude. Throws core::Error invalid_argument ("cell_size_m") for a cell
/// smaller than 1 m or not finite, or a grid of more than max_grid_cells cells.
GridSpec grid_over(const geo::BBox& box, double cell_size_m);

/// The cell's corners in WGS 84.
geo::BBox cell_bounds(const GridSpec& spec, std::uint32_t column, std::uint32_t row);

struct GridQuery {
    Period period{};
    /// Incidents with a type in or below any of these categories; empty: every incident.
    std::vector<std::int32_t> category_ids;
    /// As CubeQuery::exclude_sensitive_incidents; public grids must set it.
    bool exclude_sensitive_incidents = false;
    unsigned threads = 0;
};

struct GridCounts {
    GridSpec spec{};
    std::vector<std::int64_t>
        counts;  ///< rows × columns, row 0 southmost: counts[row·columns + column]
    bool sensitive_incidents_excluded = false;
    std::int64_t incidents_outside = 0;  ///< incidents of the period outside the grid

    std::int64_t at(std::uint32_t column, std::uint32_t row) const {
        return counts.at(std::size_t(row) * spec.columns + column);
    }
};

/// Counts each incident of the query once in the cell containing its position (a cell holds its
/// south and west edges). Throws core::Error invalid_argument for a bad period or category.
GridCounts grid_counts(const IncidentCube& cube, const GridSpec& spec, const GridQuery& query);

/// Merges blocks of factor × factor cells (the last row and column may be partial: they keep
/// the full cell size and cover the grid's area plus a margin). Precondition: factor ≥ 1.
GridCounts coarsen(const GridCounts& grid, std::uint32_t factor);

}  // namespace okrsek::analytics
