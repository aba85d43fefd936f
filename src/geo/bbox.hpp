#pragma once

#include "geo/geometry.hpp"

namespace okrsek::geo {

/// The bounding box of all outer rings. Precondition: at least one polygon with positions.
BBox bbox_of(const MultiPolygon& shape) noexcept;

/// True when the boxes share at least one point.
bool intersects(const BBox& a, const BBox& b) noexcept;

}  // namespace okrsek::geo
