#pragma once

#include <vector>

#include "core/lon_lat.hpp"

namespace okrsek::geo {

/// A closed ring: the first and last positions are equal (as in GeoJSON).
using Ring = std::vector<core::LonLat>;

/// An outer ring and its holes. Orientation after import: outer counter-clockwise, holes
/// clockwise (RFC 7946).
struct Polygon {
    Ring outer;
    std::vector<Ring> holes;
};

/// One or more polygons; a GeoJSON Polygon becomes a MultiPolygon of one.
using MultiPolygon = std::vector<Polygon>;

/// An axis-aligned box in degrees.
struct BBox {
    double min_lon = 0.0;
    double min_lat = 0.0;
    double max_lon = 0.0;
    double max_lat = 0.0;
};

}  // namespace okrsek::geo
