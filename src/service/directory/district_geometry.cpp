#include "service/directory/district_geometry.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "core/lon_lat.hpp"

namespace okrsek::service {
namespace {

const geo::Polygon* largest_polygon(const geo::MultiPolygon& shape) {
    const geo::Polygon* best = nullptr;
    for (const auto& polygon : shape) {
        if (!best || polygon.outer.size() > best->outer.size()) best = &polygon;
    }
    return best;
}

bool contains(const AreaCatalog& catalog, const AreaRef& area, core::LonLat p) {
    if (!core::is_valid_wgs84(p)) return false;
    std::vector<AreaRef> hits;
    catalog.lookup(p, hits);
    for (const auto& hit : hits) {
        if (hit.info().id == area.info().id) return true;
    }
    return false;
}

// The area centroid of a ring (shoelace formula), relative to its first position so that
// the products stay small; the ring's first position for a degenerate ring.
core::LonLat ring_centroid(const geo::Ring& ring) {
    const core::LonLat origin = ring.front();
    double twice_area = 0.0;
    double cx = 0.0;
    double cy = 0.0;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
        const double x0 = ring[i].lon - origin.lon;
        const double y0 = ring[i].lat - origin.lat;
        const double x1 = ring[i + 1].lon - origin.lon;
        const double y1 = ring[i + 1].lat - origin.lat;
        const double cross = x0 * y1 - x1 * y0;
        twice_area += cross;
        cx += (x0 + x1) * cross;
        cy += (y0 + y1) * cross;
    }
    if (twice_area == 0.0) return origin;
    return {origin.lon + cx / (3.0 * twice_area), origin.lat + cy / (3.0 * twice_area)};
}

}  // namespace

core::LonLat interior_point(const AreaCatalog& catalog, const AreaRef& area) {
    const geo::Polygon* polygon = largest_polygon(area.shape());
    if (!polygon || polygon->outer.empty()) return {};
    const auto& ring = polygon->outer;
    const core::LonLat centroid = ring_centroid(ring);
    if (contains(catalog, area, centroid)) return centroid;
    for (std::size_t i = 1; i + 1 < ring.size(); ++i) {
        const core::LonLat p{(ring[0].lon + ring[i].lon + ring[i + 1].lon) / 3.0,
                             (ring[0].lat + ring[i].lat + ring[i + 1].lat) / 3.0};
        if (contains(catalog, area, p)) return p;
    }
    return ring.front();
}

double distance_m(core::LonLat a, core::LonLat b) {
    constexpr double radians = std::numbers::pi / 180.0;
    const double dlat = (b.lat - a.lat) * radians;
    const double dlon = (b.lon - a.lon) * radians;
    const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                     std::cos(a.lat * radians) * std::cos(b.lat * radians) * std::sin(dlon / 2) *
                         std::sin(dlon / 2);
    return 2.0 * core::earth_radius_m * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace okrsek::service
