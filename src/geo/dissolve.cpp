#include "geo/dissolve.hpp"

#include <algorithm>
#include <boost/geometry/algorithms/area.hpp>
#include <cmath>
#include <optional>
#include <utility>

#include "geo/cascaded_union.hpp"
#include "geo/local_projection.hpp"

namespace okrsek::geo {

namespace bg = boost::geometry;

namespace {

double round_7(double degrees) {
    return std::round(degrees * 1e7) / 1e7;
}

// Twice the signed area in square degrees; positive when counter-clockwise.
double signed_area_2(const Ring& ring) {
    double sum = 0.0;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
        sum += ring[i].lon * ring[i + 1].lat - ring[i + 1].lon * ring[i].lat;
    }
    return sum;
}

// Rounding can merge neighbouring positions and, for a tiny ring, flip its orientation.
// Returns false when the ring no longer encloses anything.
bool round_ring(Ring& ring, bool counter_clockwise) {
    for (auto& p : ring) p = core::LonLat{round_7(p.lon), round_7(p.lat)};
    ring.erase(std::unique(ring.begin(), ring.end()), ring.end());
    if (!ring.empty() && ring.front() != ring.back()) ring.push_back(ring.front());
    double area = signed_area_2(ring);
    if (ring.size() < 4 || area == 0.0) return false;
    if ((area > 0.0) != counter_clockwise) std::reverse(ring.begin(), ring.end());
    return true;
}

void drop_small_holes(detail::XyPolygon& polygon, double max_hole_area_m2) {
    auto& holes = polygon.inners();
    holes.erase(std::remove_if(holes.begin(), holes.end(),
                               [&](const detail::XyRing& hole) {
                                   return detail::to_m2(std::abs(bg::area(hole))) <
                                          max_hole_area_m2;
                               }),
                holes.end());
}

std::optional<Polygon> to_rounded(const detail::XyPolygon& polygon,
                                  const detail::LocalProjection& projection,
                                  const detail::SourcePositions& sources) {
    Polygon result;
    result.outer = projection.to_lon_lat(polygon.outer(), &sources);
    if (!round_ring(result.outer, true)) return std::nullopt;
    for (const auto& hole : polygon.inners()) {
        Ring ring = projection.to_lon_lat(hole, &sources);
        if (round_ring(ring, false)) result.holes.push_back(std::move(ring));
    }
    return result;
}

}  // namespace

MultiPolygon dissolve(std::span<const MultiPolygon> shapes, double max_hole_area_m2) {
    auto projection = detail::LocalProjection::around(shapes);
    detail::SourcePositions sources;
    std::vector<detail::XyMultiPolygon> parts;
    parts.reserve(shapes.size());
    for (const auto& shape : shapes) parts.push_back(projection.to_xy(shape, &sources));
    auto all = detail::cascaded_union(std::move(parts));
    MultiPolygon result;
    for (auto& polygon : all) {
        drop_small_holes(polygon, max_hole_area_m2);
        if (auto rounded = to_rounded(polygon, projection, sources))
            result.push_back(std::move(*rounded));
    }
    return result;
}

}  // namespace okrsek::geo
