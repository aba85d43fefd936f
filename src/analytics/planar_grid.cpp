#include "analytics/planar_grid.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.hpp"

namespace okrsek::analytics {

std::optional<std::size_t> PlanarGrid::cell_of(PlanarPoint p) const noexcept {
    const double column = std::floor((p.x_m - x0_m) / cell_m);
    const double row = std::floor((p.y_m - y0_m) / cell_m);
    if (!(column >= 0.0 && row >= 0.0 && column < static_cast<double>(columns) &&
          row < static_cast<double>(rows))) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(row) * columns + static_cast<std::size_t>(column);
}

PlanarGrid planar_grid_over(std::span<const PlanarPoint> points, double cell_m,
                            std::size_t max_cells) {
    if (!std::isfinite(cell_m) || cell_m <= 0.0) {
        throw core::Error(core::ErrorCode::invalid_argument,
                          "the cell size must be a positive number of metres", "cell");
    }
    if (points.empty()) {
        throw core::Error(core::ErrorCode::invalid_argument, "no points to lay a grid over",
                          "input");
    }
    double min_x = points.front().x_m, max_x = min_x;
    double min_y = points.front().y_m, max_y = min_y;
    for (const auto& p : points) {
        min_x = std::min(min_x, p.x_m);
        max_x = std::max(max_x, p.x_m);
        min_y = std::min(min_y, p.y_m);
        max_y = std::max(max_y, p.y_m);
    }
    PlanarGrid grid;
    grid.cell_m = cell_m;
    grid.x0_m = std::floor(min_x / cell_m) * cell_m;
    grid.y0_m = std::floor(min_y / cell_m) * cell_m;
    const double columns = std::floor((max_x - grid.x0_m) / cell_m) + 1.0;
    const double rows = std::floor((max_y - grid.y0_m) / cell_m) + 1.0;
    if (!(columns * rows <= static_cast<double>(max_cells))) {
        throw core::Error(core::ErrorCode::invalid_argument,
                          "a grid of " + std::to_string(static_cast<long long>(columns)) + " × " +
                              std::to_string(static_cast<long long>(rows)) + " cells of " +
                              std::to_string(cell_m) + " m exceeds " + std::to_string(max_cells) +
                              " cells; choose larger cells",
                          "cell");
    }
    grid.columns = static_cast<std::size_t>(columns);
    grid.rows = static_cast<std::size_t>(rows);
    return grid;
}

std::vector<double> sum_in_cells(const PlanarGrid& grid, std::span<const PlanarPoint> points,
                                 std::span<const double> weights) {
    std::vector<double> sums(grid.cell_count(), 0.0);
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (const auto cell = grid.cell_of(points[i])) {
            sums[*cell] += weights.empty() ? 1.0 : weights[i];
        }
    }
    return sums;
}

std::vector<PlanarPoint> cell_centres(const PlanarGrid& grid) {
    std::vector<PlanarPoint> centres;
    centres.reserve(grid.cell_count());
    for (std::size_t c = 0; c < grid.cell_count(); ++c) centres.push_back(grid.centre(c));
    return centres;
}

}  // namespace okrsek::analytics
