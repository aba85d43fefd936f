#include "geo/simplify.hpp"

#include <algorithm>
#include <boost/geometry/algorithms/is_valid.hpp>
#include <boost/geometry/algorithms/simplify.hpp>
#include <span>

#include "geo/local_projection.hpp"

namespace okrsek::geo {

namespace bg = boost::geometry;
using detail::XyPolygon;
using detail::XyRing;

namespace {

// A hole is clockwise, so it is checked as the outer ring of a clockwise polygon type.
bool ring_is_valid(const XyRing& ring, bool is_hole) {
    if (ring.size() < 4) return false;
    if (!is_hole) return bg::is_valid(ring);
    bg::model::ring<detail::XyPoint, true, true> clockwise(ring.begin(), ring.end());
    return bg::is_valid(clockwise);
}

XyRing simplify_ring(const XyRing& ring, double tolerance) {
    XyRing result;
    bg::simplify(ring, result, tolerance);
    return result;
}

XyPolygon simplify_polygon(const XyPolygon& original, double tolerance) {
    XyPolygon result;
    result.outer() = simplify_ring(original.outer(), tolerance);
    if (!ring_is_valid(result.outer(), false)) result.outer() = original.outer();
    for (const auto& hole : original.inners()) {
        auto simplified = simplify_ring(hole, tolerance);
        // A hole that Boost simplifies to (almost) nothing is narrower than the tolerance.
        if (simplified.size() < 4) continue;
        result.inners().push_back(ring_is_valid(simplified, true) ? simplified : hole);
    }
    // Rings simplified one by one can cross each other; then the original is the safe answer.
    if (!bg::is_valid(result) && bg::is_valid(original)) return original;
    return result;
}

}  // namespace

MultiPolygon simplify(const MultiPolygon& shape, double tolerance_m) {
    auto projection = detail::LocalProjection::around(std::span(&shape, 1));
    MultiPolygon result;
    result.reserve(shape.size());
    for (const auto& polygon : shape) {
        // Douglas-Peucker keeps a subset of the input, so every position maps back exactly.
        detail::SourcePositions sources;
        auto projected = projection.to_xy(polygon, &sources);
        if (projected.outer().size() < 4) {
            result.push_back(polygon);  // smaller than the grid: nothing to simplify
            continue;
        }
        auto simplified = simplify_polygon(projected, tolerance_m * detail::grid_units_per_m);
        result.push_back(projection.to_lon_lat(simplified, &sources));
    }
    return result;
}

}  // namespace okrsek::geo
