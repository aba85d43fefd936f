#pragma once

#include <string>

#include "core/area.hpp"
#include "geo/geometry.hpp"

namespace okrsek::io {

/// Appends a GeoJSON geometry object (Polygon when there is one polygon, else MultiPolygon),
/// positions with 7 decimals, to `out`.
void append_geometry(std::string& out, const geo::MultiPolygon& shape);

/// Appends a GeoJSON Feature: "id" member = area id; properties id, code, name, layer,
/// municipality, and the source's properties under "attributes".
void append_area_feature(std::string& out, const core::AreaInfo& area,
                         const geo::MultiPolygon& shape);

/// Appends a JSON string literal with escaping (RFC 8259).
void append_json_string(std::string& out, std::string_view text);

}  // namespace okrsek::io
