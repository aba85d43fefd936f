#pragma once

#include "geo/geometry.hpp"

namespace okrsek::geo {

/// Douglas-Peucker simplification with a tolerance in metres (for maps at low zoom).
/// Rings that would collapse are kept as they were; a polygon never loses its outer ring.
MultiPolygon simplify(const MultiPolygon& shape, double tolerance_m);

}  // namespace okrsek::geo
