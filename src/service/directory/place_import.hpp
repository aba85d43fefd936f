#pragma once

// Places on the map from GeoJSON points (`okrsek import places`): reading the file (this
// header's read_place_features) and what an import is asked and reports.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geo/crs_transform.hpp"
#include "store/directory.hpp"

namespace okrsek::service {

/// Which properties give a place's fields: a property name or a template ("{NVPK} {CPOP}",
/// io/property_template.hpp).
struct PlaceReadOptions {
    /// Empty: the first of code, kod, KOD, id, ID, OBJECTID that exists.
    std::string code_property{};
    /// Empty: the first of name, nazev, NAZEV that exists.
    std::string name_property{};
    std::string address_property{};  ///< empty: no address
    std::string hours_property{};    ///< empty: no opening hours
    std::string note_property{};     ///< empty: no note
    std::optional<geo::Crs> crs{};   ///< overrides the file's crs member and detection
};

struct PlaceReadResult {
    geo::Crs crs = geo::Crs::wgs84;
    std::vector<store::ImportedPlace> places{};
    /// Per-feature problems that do not stop the import ("feature 3 (17): no address").
    std::vector<std::string> warnings{};
};

/// Reads a GeoJSON FeatureCollection of Point features, converting S-JTSK to WGS 84. Code and
/// name are required; an optional field whose property a feature lacks stays empty (with a
/// warning). All or nothing: throws core::Error(invalid_input) naming the first bad feature
/// (not JSON, not a FeatureCollection, no features, a geometry that is not a Point, coordinates
/// out of range, a missing code or name, a code given twice).
PlaceReadResult read_place_features(std::string_view geojson, const PlaceReadOptions& options);

struct PlaceImportRequest {
    std::string source_name{};  ///< file name, for messages
    std::string geojson{};
    std::int64_t municipality_code = 0;
    std::string kind{};  ///< the place kind's code, e.g. "municipal_police_station"
    PlaceReadOptions read_options{};
};

struct PlaceImportReport {
    std::string kind{};
    std::int64_t municipality_code = 0;
    std::string crs{};  ///< "EPSG:4326" or "EPSG:5514"
    std::size_t feature_count = 0;
    store::PlaceImportCounts counts{};
    std::size_t outside_districts = 0;  ///< places no district contains
    std::vector<std::string> warnings{};
};

}  // namespace okrsek::service
