#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "analytics/spatial_points.hpp"

namespace okrsek::analytics {

/// A regular grid of square cells, numbered row by row from the south-west corner.
struct PlanarGrid {
    double x0_m = 0.0;  ///< west edge
    double y0_m = 0.0;  ///< south edge
    double cell_m = 100.0;
    std::size_t columns = 0;
    std::size_t rows = 0;

    std::size_t cell_count() const noexcept { return columns * rows; }
    PlanarPoint centre(std::size_t cell) const noexcept {
        return {x0_m + (static_cast<double>(cell % columns) + 0.5) * cell_m,
                y0_m + (static_cast<double>(cell / columns) + 0.5) * cell_m};
    }
    /// The cell holding `p` (west and south edges belong to the cell), none outside the grid.
    std::optional<std::size_t> cell_of(PlanarPoint p) const noexcept;
};

/// Default bound on the number of cells of a grid (32 MB of doubles).
inline constexpr std::size_t max_planar_grid_cells = 4'000'000;

/// The grid of `cell_m` cells covering the points' bounding box, its edges on multiples of
/// `cell_m` so that grids of two periods line up. Throws core::Error(invalid_argument, field
/// "cell") when the cell size is not a positive finite number or the grid would have more
/// than `max_cells` cells, and (field "input") when there are no points.
PlanarGrid planar_grid_over(std::span<const PlanarPoint> points, double cell_m,
                            std::size_t max_cells = max_planar_grid_cells);

/// The sum of `weights` (empty: 1 each) of the points in each cell; points outside the grid
/// are not counted.
std::vector<double> sum_in_cells(const PlanarGrid& grid, std::span<const PlanarPoint> points,
                                 std::span<const double> weights = {});

/// The centres of all cells, in cell order (units for Gi* on the grid).
std::vector<PlanarPoint> cell_centres(const PlanarGrid& grid);

}  // namespace okrsek::analytics
