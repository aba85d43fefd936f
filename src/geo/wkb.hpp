#pragma once

#include <string>
#include <string_view>

#include "geo/geometry.hpp"

namespace okrsek::geo {

/// Encodes as OGC WKB (little endian, type 6 MultiPolygon, 2D): the storage format of area
/// geometry in both database engines (PostGIS reads it with ST_GeomFromWKB).
std::string to_wkb(const MultiPolygon& shape);

/// Decodes WKB Polygon (3) or MultiPolygon (6), either byte order.
/// Throws core::Error(invalid_input) on truncated or unsupported input.
MultiPolygon from_wkb(std::string_view wkb);

}  // namespace okrsek::geo
