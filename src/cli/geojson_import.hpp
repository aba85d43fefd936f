#pragma once

// What the GeoJSON imports (`import areas`, command_import.cpp; `import places`,
// command_import_places.cpp) share: the file, how each feature's code and name are read, the
// coordinate system, and their warnings.

#include <CLI/CLI.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "geo/crs_transform.hpp"

namespace okrsek::cli {

struct GeoJsonSource {
    std::string file;
    std::string code_property;
    std::string name_property;
    std::string crs;  ///< empty: the file's crs member, else detected
};

/// Adds --code-property and --name-property with these help texts.
void add_property_options(CLI::App* command, GeoJsonSource& source, const std::string& code_help,
                          const std::string& name_help);

/// Adds --crs.
void add_crs_option(CLI::App* command, GeoJsonSource& source);

/// The whole file. Throws core::Error invalid_argument (field "file") when it cannot be read,
/// payload_too_large when it is larger than service::max_import_bytes.
std::string read_geojson_file(const std::string& path);

/// The CRS --crs names; none when it was not given. Throws core::Error invalid_argument (field
/// "crs") for anything but EPSG:4326 or EPSG:5514.
std::optional<geo::Crs> crs_option(const std::string& text);

/// Prints the first `max_warnings` warnings, then how many more there were.
void print_warnings(const std::vector<std::string>& warnings, std::size_t max_warnings);

}  // namespace okrsek::cli
