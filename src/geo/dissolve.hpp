#pragma once

#include <span>

#include "geo/geometry.hpp"

namespace okrsek::geo {

/// The union of all shapes (e.g. a town's outline from its city parts), with holes left by
/// small gaps between the inputs (below `max_hole_area_m2`) filled. Orientation per RFC 7946,
/// coordinates rounded to 7 decimals. Throws core::Error(invalid_input) when the union fails.
MultiPolygon dissolve(std::span<const MultiPolygon> shapes, double max_hole_area_m2 = 10000.0);

}  // namespace okrsek::geo
