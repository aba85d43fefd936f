#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geo/coverage_report.hpp"
#include "io/geojson_reader.hpp"
#include "store/store.hpp"

namespace okrsek::service {

/// Largest GeoJSON file an import accepts.
inline constexpr std::size_t max_import_bytes = 256u * 1024u * 1024u;

/// The layer name of the municipalities layer: each of its areas is a town, its code the town's
/// RÚIAN code.
inline constexpr std::string_view municipalities_layer = "municipalities";

struct ImportRequest {
    std::string source_name;  ///< file name, for messages
    std::string geojson;      ///< the file's content
    std::string layer;
    std::optional<std::int64_t> municipality_code;  ///< required unless layer is municipalities
    io::AreaReadOptions read_options;
    bool force = false;  ///< import even when the same file was imported last time
};

/// What an import did and found.
struct ImportReport {
    std::string layer;
    std::optional<std::int64_t> municipality_code;
    std::string crs;         ///< "EPSG:4326" or "EPSG:5514"
    std::string crs_source;  ///< "option", "file" or "detected"
    std::size_t feature_count = 0;
    bool unchanged = false;  ///< the same input was imported last time; nothing was written
    store::ReplaceResult result;
    geo::CoverageReport coverage;
    std::vector<std::string> warnings;  ///< one line per gap/overlap, human-readable
};

/// Checks a layer name: 1–63 characters of a–z, 0–9 and _, starting with a letter.
/// Throws core::Error(invalid_argument, field "layer").
void validate_layer_name(const std::string& layer);

/// A hex BLAKE2b fingerprint of everything that determines an import's result.
std::string import_fingerprint(const ImportRequest& request);

/// Turns read features into rows for the store, with the municipalities to create: for the
/// municipalities layer each feature is a town (its code must be a RÚIAN number); otherwise
/// every area belongs to `municipality_code`.
std::vector<store::NewArea> to_new_areas(const std::vector<io::AreaFeature>& features,
                                         const std::string& layer,
                                         std::optional<std::int64_t> municipality_code,
                                         std::vector<core::Municipality>& towns);

/// Human-readable warnings for the coverage report, naming areas by code.
std::vector<std::string> coverage_warnings(const geo::CoverageReport& coverage,
                                           const std::vector<io::AreaFeature>& features);

}  // namespace okrsek::service
