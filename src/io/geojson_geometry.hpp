#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "geo/crs_transform.hpp"
#include "geo/geometry.hpp"
#include "io/feature_ref.hpp"

namespace okrsek::io {

/// A position as the file writes it, before CRS conversion: degrees or S-JTSK metres.
struct SourcePosition {
    double x = 0.0;  ///< longitude or S-JTSK east
    double y = 0.0;  ///< latitude or S-JTSK north
};

/// "14.42 50.08" or "-742805.88 -1043009.48": a position for messages, up to 10 digits each.
std::string position_text(SourcePosition p);

using SourceRing = std::vector<SourcePosition>;
/// Rings as in GeoJSON: ring 0 is the outer ring, the rest are holes.
using SourcePolygon = std::vector<SourceRing>;
using SourceMultiPolygon = std::vector<SourcePolygon>;

/// Reads the "geometry" member of a feature object: a Polygon or MultiPolygon whose positions
/// are arrays of >= 2 finite numbers (a third and further ordinates are ignored) and whose
/// rings are closed (first == last exactly) with >= 4 positions. Throws core::Error
/// (invalid_input) through `feature`, naming the ring and position at fault.
SourceMultiPolygon parse_area_geometry(const nlohmann::json& feature_object,
                                       const FeatureRef& feature);

/// Converts a parsed geometry to what okrsek stores: WGS 84 (through `sjtsk` when not null),
/// rounded to 7 decimals, within longitude/latitude range, without repeated positions, outer
/// rings counter-clockwise and holes clockwise, OGC-valid. Throws core::Error(invalid_input)
/// through `feature`.
geo::MultiPolygon to_area_geometry(const SourceMultiPolygon& source, const geo::SjtskToWgs84* sjtsk,
                                   const FeatureRef& feature);

}  // namespace okrsek::io
