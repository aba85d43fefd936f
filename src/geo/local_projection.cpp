#include "geo/local_projection.hpp"

#include <algorithm>
#include <boost/geometry/algorithms/correct.hpp>
#include <boost/geometry/algorithms/unique.hpp>
#include <cmath>
#include <numbers>

namespace okrsek::geo::detail {

namespace {

constexpr double radians_per_degree = std::numbers::pi / 180.0;

// Grid coordinates are whole numbers far below 2^31 for any place on Earth.
std::uint64_t key_of(const XyPoint& point) {
    auto x = static_cast<std::uint32_t>(static_cast<std::int32_t>(point.x()));
    auto y = static_cast<std::uint32_t>(static_cast<std::int32_t>(point.y()));
    return (std::uint64_t{x} << 32) | y;
}

}  // namespace

void SourcePositions::add(const XyPoint& point, core::LonLat source) {
    m_by_point.try_emplace(key_of(point), source);
}

const core::LonLat* SourcePositions::find(const XyPoint& point) const {
    auto it = m_by_point.find(key_of(point));
    return it == m_by_point.end() ? nullptr : &it->second;
}

LocalProjection::LocalProjection(core::LonLat centre) noexcept
    : m_centre(centre),
      m_x_units_per_deg(grid_units_per_m * earth_radius_m * radians_per_degree *
                        std::cos(centre.lat * radians_per_degree)),
      m_y_units_per_deg(grid_units_per_m * earth_radius_m * radians_per_degree) {}

LocalProjection LocalProjection::around(std::span<const MultiPolygon> shapes) noexcept {
    bool any = false;
    BBox box;
    for (const auto& shape : shapes) {
        for (const auto& polygon : shape) {
            for (const auto& p : polygon.outer) {
                if (!any) {
                    box = BBox{p.lon, p.lat, p.lon, p.lat};
                    any = true;
                }
                box.min_lon = std::min(box.min_lon, p.lon);
                box.min_lat = std::min(box.min_lat, p.lat);
                box.max_lon = std::max(box.max_lon, p.lon);
                box.max_lat = std::max(box.max_lat, p.lat);
            }
        }
    }
    return LocalProjection(
        core::LonLat{(box.min_lon + box.max_lon) / 2.0, (box.min_lat + box.max_lat) / 2.0});
}

XyPoint LocalProjection::to_xy(core::LonLat position) const noexcept {
    return XyPoint(std::round((position.lon - m_centre.lon) * m_x_units_per_deg),
                   std::round((position.lat - m_centre.lat) * m_y_units_per_deg));
}

core::LonLat LocalProjection::to_lon_lat(const XyPoint& point) const noexcept {
    return core::LonLat{m_centre.lon + point.x() / m_x_units_per_deg,
                        m_centre.lat + point.y() / m_y_units_per_deg};
}

XyRing LocalProjection::to_xy(const Ring& ring, SourcePositions* sources) const {
    XyRing result;
    result.reserve(ring.size());
    for (const auto& p : ring) {
        result.push_back(to_xy(p));
        if (sources) sources->add(result.back(), p);
    }
    return result;
}

Ring LocalProjection::to_lon_lat(const XyRing& ring, const SourcePositions* sources) const {
    Ring result;
    result.reserve(ring.size());
    for (const auto& p : ring) {
        const core::LonLat* source = sources ? sources->find(p) : nullptr;
        result.push_back(source ? *source : to_lon_lat(p));
    }
    return result;
}

XyPolygon LocalProjection::to_xy(const Polygon& polygon, SourcePositions* sources) const {
    XyPolygon result;
    result.outer() = to_xy(polygon.outer, sources);
    for (const auto& hole : polygon.holes) result.inners().push_back(to_xy(hole, sources));
    boost::geometry::unique(result);
    boost::geometry::correct(result);
    return result;
}

XyMultiPolygon LocalProjection::to_xy(const MultiPolygon& shape, SourcePositions* sources) const {
    XyMultiPolygon result;
    result.reserve(shape.size());
    for (const auto& polygon : shape) result.push_back(to_xy(polygon, sources));
    return result;
}

Polygon LocalProjection::to_lon_lat(const XyPolygon& polygon,
                                    const SourcePositions* sources) const {
    Polygon result;
    result.outer = to_lon_lat(polygon.outer(), sources);
    for (const auto& hole : polygon.inners()) result.holes.push_back(to_lon_lat(hole, sources));
    return result;
}

MultiPolygon LocalProjection::to_lon_lat(const XyMultiPolygon& shape,
                                         const SourcePositions* sources) const {
    MultiPolygon result;
    result.reserve(shape.size());
    for (const auto& polygon : shape) result.push_back(to_lon_lat(polygon, sources));
    return result;
}

}  // namespace okrsek::geo::detail
