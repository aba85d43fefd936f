#include "analytics/spatial_index.hpp"

#include <algorithm>

namespace okrsek::analytics {

namespace {

// About four cells a point at most: enough for cell searches to stay local, and a bounded
// allocation whatever the ratio of the extent to the search radius.
double bounded_cell_m(double width_m, double height_m, double cell_m, std::size_t points) {
    const double max_cells = 4.0 * static_cast<double>(points) + 64.0;
    auto cells = [&](double size) {
        return (std::floor(width_m / size) + 1.0) * (std::floor(height_m / size) + 1.0);
    };
    while (cells(cell_m) > max_cells) cell_m *= 1.5;
    return cell_m;
}

}  // namespace

PointGrid::PointGrid(std::span<const PlanarPoint> points, double cell_m) : m_points(points) {
    double max_x = 0.0;
    double max_y = 0.0;
    if (!points.empty()) {
        m_x0 = max_x = points.front().x_m;
        m_y0 = max_y = points.front().y_m;
    }
    for (const auto& p : points) {
        m_x0 = std::min(m_x0, p.x_m);
        m_y0 = std::min(m_y0, p.y_m);
        max_x = std::max(max_x, p.x_m);
        max_y = std::max(max_y, p.y_m);
    }
    m_cell_m = bounded_cell_m(max_x - m_x0, max_y - m_y0, cell_m, points.size());
    m_columns = static_cast<std::int64_t>(std::floor((max_x - m_x0) / m_cell_m)) + 1;
    m_rows = static_cast<std::int64_t>(std::floor((max_y - m_y0) / m_cell_m)) + 1;

    // Counting sort of the points by cell.
    const auto cell_count = static_cast<std::size_t>(m_columns * m_rows);
    m_cell_start.assign(cell_count + 1, 0);
    std::vector<std::uint32_t> cell_of(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
        const auto index = row_of(points[i].y_m) * m_columns + column_of(points[i].x_m);
        cell_of[i] = static_cast<std::uint32_t>(index);
        ++m_cell_start[static_cast<std::size_t>(index) + 1];
    }
    for (std::size_t c = 0; c < cell_count; ++c) m_cell_start[c + 1] += m_cell_start[c];
    m_ids.resize(points.size());
    std::vector<std::uint32_t> next(m_cell_start.begin(), m_cell_start.end() - 1);
    for (std::size_t i = 0; i < points.size(); ++i) {
        m_ids[next[cell_of[i]]++] = static_cast<std::uint32_t>(i);
    }
}

}  // namespace okrsek::analytics
