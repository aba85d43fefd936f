#include "cli/geojson_import.hpp"

#include <fstream>
#include <iostream>

#include "core/error.hpp"
#include "service/area_import.hpp"

namespace okrsek::cli {

void add_property_options(CLI::App* command, GeoJsonSource& source, const std::string& code_help,
                          const std::string& name_help) {
    command->add_option("--code-property", source.code_property, code_help);
    command->add_option("--name-property", source.name_property, name_help);
}

void add_crs_option(CLI::App* command, GeoJsonSource& source) {
    command->add_option("--crs", source.crs,
                        "EPSG:4326 or EPSG:5514 (default: the file's crs member, else detected)");
}

std::string read_geojson_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) throw core::Error(core::ErrorCode::invalid_argument, "cannot read " + path, "file");
    const auto size = static_cast<std::size_t>(in.tellg());
    if (size > service::max_import_bytes) {
        throw core::Error(core::ErrorCode::payload_too_large,
                          path + ": larger than the import limit", "file");
    }
    std::string text(size, '\0');
    in.seekg(0);
    in.read(text.data(), static_cast<std::streamsize>(size));
    return text;
}

std::optional<geo::Crs> crs_option(const std::string& text) {
    if (text.empty()) return std::nullopt;
    const auto crs = geo::parse_crs(text);
    if (!crs) {
        throw core::Error(core::ErrorCode::invalid_argument,
                          "--crs must be EPSG:4326 or EPSG:5514, got '" + text + "'", "crs");
    }
    return crs;
}

void print_warnings(const std::vector<std::string>& warnings, std::size_t max_warnings) {
    for (std::size_t i = 0; i < warnings.size() && i < max_warnings; ++i) {
        std::cout << "  warning: " << warnings[i] << '\n';
    }
    if (warnings.size() > max_warnings) {
        std::cout << "  … and " << warnings.size() - max_warnings << " more warning(s)\n";
    }
}

}  // namespace okrsek::cli
