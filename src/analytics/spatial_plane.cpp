#include "analytics/spatial_plane.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "core/error.hpp"
#include "core/lon_lat.hpp"

namespace okrsek::analytics {

namespace {
constexpr double radians_per_degree = std::numbers::pi / 180.0;
}  // namespace

LocalPlane::LocalPlane(core::LonLat centre) noexcept
    : m_centre(centre),
      m_metres_per_degree_x(core::earth_radius_m * radians_per_degree *
                            std::cos(centre.lat * radians_per_degree)),
      m_metres_per_degree_y(core::earth_radius_m * radians_per_degree) {}

LocalPlane LocalPlane::around(std::span<const core::LonLat> positions) {
    if (positions.empty()) {
        throw core::Error(core::ErrorCode::invalid_argument, "no positions", "x");
    }
    core::LonLat min = positions.front(), max = min;
    for (std::size_t i = 0; i < positions.size(); ++i) {
        const auto p = positions[i];
        if (!core::is_valid_wgs84(p) || std::fabs(p.lat) > 85.0) {
            throw core::Error(
                core::ErrorCode::invalid_argument,
                "unit " + std::to_string(i) + ": not a longitude/latitude in degrees (|lat| ≤ 85)",
                "x");
        }
        min = {std::min(min.lon, p.lon), std::min(min.lat, p.lat)};
        max = {std::max(max.lon, p.lon), std::max(max.lat, p.lat)};
    }
    const LocalPlane plane({(min.lon + max.lon) / 2.0, (min.lat + max.lat) / 2.0});
    const double extent_m = std::max((max.lon - min.lon) * plane.m_metres_per_degree_x,
                                     (max.lat - min.lat) * plane.m_metres_per_degree_y);
    if (extent_m > max_local_plane_extent_m) {
        throw core::Error(core::ErrorCode::invalid_argument,
                          "the positions span " + std::to_string(std::lround(extent_m / 1000.0)) +
                              " km; a local plane serves at most " +
                              std::to_string(std::lround(max_local_plane_extent_m / 1000.0)) +
                              " km (project the data to a metric CRS first)",
                          "x");
    }
    return plane;
}

PlanarPoint LocalPlane::to_plane(core::LonLat position) const noexcept {
    return {(position.lon - m_centre.lon) * m_metres_per_degree_x,
            (position.lat - m_centre.lat) * m_metres_per_degree_y};
}

core::LonLat LocalPlane::to_lon_lat(PlanarPoint point) const noexcept {
    return {m_centre.lon + point.x_m / m_metres_per_degree_x,
            m_centre.lat + point.y_m / m_metres_per_degree_y};
}

std::vector<PlanarPoint> LocalPlane::to_plane(std::span<const core::LonLat> positions) const {
    std::vector<PlanarPoint> points;
    points.reserve(positions.size());
    for (const auto p : positions) points.push_back(to_plane(p));
    return points;
}

}  // namespace okrsek::analytics
