#pragma once

#include "geo/geometry.hpp"

namespace okrsek::geo {

/// Douglas-Peucker simplification with a tolerance in metres (for maps at low zoom).
/// An outer ring that would collapse (fewer than 4 positions or invalid) is kept as it was, so a
/// polygon never loses its outer ring; holes that collapse are dropped. Simplified rings are
/// subsets of the original positions.
MultiPolygon simplify(const MultiPolygon& shape, double tolerance_m);

}  // namespace okrsek::geo
