#include "geo/bbox.hpp"

#include <algorithm>

namespace okrsek::geo {

BBox bbox_of(const MultiPolygon& shape) noexcept {
    const core::LonLat& first = shape.front().outer.front();
    BBox box{first.lon, first.lat, first.lon, first.lat};
    // Holes lie inside their outer ring, so the outer rings alone bound the shape.
    for (const Polygon& polygon : shape) {
        for (const core::LonLat& p : polygon.outer) {
            box.min_lon = std::min(box.min_lon, p.lon);
            box.min_lat = std::min(box.min_lat, p.lat);
            box.max_lon = std::max(box.max_lon, p.lon);
            box.max_lat = std::max(box.max_lat, p.lat);
        }
    }
    return box;
}

bool intersects(const BBox& a, const BBox& b) noexcept {
    return a.min_lon <= b.max_lon && b.min_lon <= a.max_lon && a.min_lat <= b.max_lat &&
           b.min_lat <= a.max_lat;
}

}  // namespace okrsek::geo
