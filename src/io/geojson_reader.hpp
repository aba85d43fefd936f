#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geo/crs_transform.hpp"
#include "geo/geometry.hpp"

namespace okrsek::io {

/// One area read from a GeoJSON feature.
struct AreaFeature {
    std::size_t index = 0;  ///< position in the file's "features" array, from 0
    std::string code;       ///< unique within the file
    std::string name;
    nlohmann::json properties;   ///< the feature's properties object as in the file
    geo::MultiPolygon geometry;  ///< WGS 84, 7 decimals, RFC 7946 orientation, valid
};

struct AreaReadOptions {
    std::optional<geo::Crs> crs;  ///< overrides the file's "crs" member and detection
    /// Property name or template ("{MC_PRAHA}-{OKRSEK}") for the code. Empty: the first of
    /// code, kod, KOD, id, ID, OBJECTID that exists.
    std::string code_property;
    /// Property name or template ("Okrsek {OKRSEK} · OŘ MP Praha {MC_PRAHA}"). Empty: the first
    /// of name, nazev, NAZEV, NAZEV_MC, name of the code otherwise.
    std::string name_property;
};

struct AreaReadResult {
    geo::Crs crs = geo::Crs::wgs84;
    std::string crs_source;  ///< "option", "file" or "detected"
    std::vector<AreaFeature> features;
};

/// Reads a GeoJSON FeatureCollection of Polygon / MultiPolygon features, converting S-JTSK to
/// WGS 84. All or nothing: throws core::Error(invalid_input) at the first bad feature, naming it
/// and the problem, e.g. "feature 17 (OKRSEK=5): ring 0 is not closed". Problems detected: not
/// JSON, not a FeatureCollection, no features, missing or wrong geometry type, non-numeric or
/// NaN/infinite coordinates, ring not closed, ring of fewer than 4 positions, self-intersection
/// or other OGC invalidity, missing code or name, duplicate codes, coordinates out of range.
AreaReadResult read_area_features(std::string_view geojson_text, const AreaReadOptions& options);

}  // namespace okrsek::io
