#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "analytics/spatial_points.hpp"

namespace okrsek::analytics {

/// Points bucketed into square cells, so that a search looks only at the cells near it (the
/// neighbour searches of 60,000 grid cells take milliseconds). The cell size is at least the
/// one asked for, larger when the points' extent would otherwise need more than about four
/// cells a point. The points must outlive the grid.
class PointGrid {
public:
    /// Preconditions: finite coordinates, `cell_m` > 0, fewer than 2³² points.
    PointGrid(std::span<const PlanarPoint> points, double cell_m);

    double cell_m() const noexcept { return m_cell_m; }

    /// Calls visit(j) for every point j with squared distance to `centre` at most radius_m²
    /// (inclusive), a point lying at `centre` included.
    template <class Visit>
    void for_each_within(PlanarPoint centre, double radius_m, Visit&& visit) const {
        const double radius2 = radius_m * radius_m;
        const auto first_column = column_of(centre.x_m - radius_m);
        const auto last_column = column_of(centre.x_m + radius_m);
        const auto first_row = row_of(centre.y_m - radius_m);
        const auto last_row = row_of(centre.y_m + radius_m);
        for (auto row = first_row; row <= last_row; ++row) {
            for (auto column = first_column; column <= last_column; ++column) {
                for (auto j : cell(column, row)) {
                    if (squared_distance_m2(centre, m_points[j]) <= radius2) visit(j);
                }
            }
        }
    }

    /// Calls visit(j) for every point in the cells at Chebyshev distance `ring` (in cells)
    /// from the cell holding `centre` (ring 0: that cell). Every point not yet visited after
    /// rings 0…R lies at least R·cell_m() away. Returns false when the ring lies wholly
    /// outside the grid (so does every larger ring). Precondition: `centre` inside the
    /// points' bounding box.
    template <class Visit>
    bool for_each_in_ring(PlanarPoint centre, std::int64_t ring, Visit&& visit) const {
        const auto c = column_of(centre.x_m);
        const auto r = row_of(centre.y_m);
        if (c - ring < 0 && r - ring < 0 && c + ring >= m_columns && r + ring >= m_rows) {
            return false;
        }
        for (auto row = r - ring; row <= r + ring; ++row) {
            if (row < 0 || row >= m_rows) continue;
            const bool edge_row = row == r - ring || row == r + ring;
            const std::int64_t step = edge_row || ring == 0 ? 1 : 2 * ring;
            for (auto column = c - ring; column <= c + ring; column += step) {
                if (column < 0 || column >= m_columns) continue;
                for (auto j : cell(column, row)) visit(j);
            }
        }
        return true;
    }

private:
    std::int64_t column_of(double x) const noexcept { return clamp_index(x - m_x0, m_columns); }
    std::int64_t row_of(double y) const noexcept { return clamp_index(y - m_y0, m_rows); }

    std::int64_t clamp_index(double offset_m, std::int64_t count) const noexcept {
        const double index = std::floor(offset_m / m_cell_m);
        if (!(index > 0.0)) return 0;
        if (index >= static_cast<double>(count - 1)) return count - 1;
        return static_cast<std::int64_t>(index);
    }

    std::span<const std::uint32_t> cell(std::int64_t column, std::int64_t row) const noexcept {
        const auto index = static_cast<std::size_t>(row * m_columns + column);
        return {m_ids.data() + m_cell_start[index], m_ids.data() + m_cell_start[index + 1]};
    }

    std::span<const PlanarPoint> m_points;
    double m_x0 = 0.0;
    double m_y0 = 0.0;
    double m_cell_m = 1.0;
    std::int64_t m_columns = 1;
    std::int64_t m_rows = 1;
    std::vector<std::uint32_t> m_cell_start;  ///< per cell (row-major), plus the end
    std::vector<std::uint32_t> m_ids;         ///< point indices, cell by cell
};

}  // namespace okrsek::analytics
