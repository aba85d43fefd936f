#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "core/error.hpp"

namespace okrsek::cli {
namespace {

struct ImportAreasOptions {
    std::string file;
    std::string layer;
    std::optional<std::int64_t> municipality;
    std::string code_property;
    std::string name_property;
    std::string crs;
    bool force = false;
};

std::string read_input(const std::string& path) {
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

void import_areas(const GlobalOptions& global, const ImportAreasOptions& options) {
    service::ImportRequest request;
    request.source_name = options.file;
    request.geojson = read_input(options.file);
    request.layer = options.layer;
    request.municipality_code = options.municipality;
    request.read_options.code_property = options.code_property;
    request.read_options.name_property = options.name_property;
    request.force = options.force;
    if (!options.crs.empty()) {
        request.read_options.crs = geo::parse_crs(options.crs);
        if (!request.read_options.crs) {
            throw core::Error(core::ErrorCode::invalid_argument,
                              "--crs must be EPSG:4326 or EPSG:5514, got '" + options.crs + "'",
                              "crs");
        }
    }
    auto platform = open_platform(global);
    print_import_report(platform->import_areas(request));
}

}  // namespace

void print_import_report(const service::ImportReport& report, std::size_t max_warnings) {
    std::string scope = report.layer;
    if (report.municipality_code)
        scope += " of municipality " + std::to_string(*report.municipality_code);
    if (report.unchanged) {
        std::cout << "layer " << scope
                  << ": unchanged since the last import (use --force to redo)\n";
        return;
    }
    std::cout << "layer " << scope << ": " << report.feature_count << " areas ("
              << report.result.inserted << " new, " << report.result.updated << " updated, "
              << report.result.deleted << " removed), version " << report.result.layer_version
              << ", CRS " << report.crs;
    if (!report.crs_source.empty()) std::cout << " (" << report.crs_source << ")";
    std::cout << '\n';
    char line[160];
    std::snprintf(line, sizeof line, "  coverage: %zu gap(s) %.1f m², %zu overlap(s) %.1f m²%s\n",
                  report.coverage.gaps.size(), report.coverage.gap_area_m2,
                  report.coverage.overlaps.size(), report.coverage.overlap_area_m2,
                  report.coverage.complete ? "" : " (incomplete)");
    std::cout << line;
    for (std::size_t i = 0; i < report.warnings.size() && i < max_warnings; ++i) {
        std::cout << "  warning: " << report.warnings[i] << '\n';
    }
    if (report.warnings.size() > max_warnings) {
        std::cout << "  … and " << report.warnings.size() - max_warnings << " more warning(s)\n";
    }
}

namespace {

Command add_import_areas(CLI::App* sub, const GlobalOptions& global) {
    auto options = std::make_shared<ImportAreasOptions>();
    auto* areas = sub->add_subcommand(
        "areas", "import a layer of areas from GeoJSON (replaces the layer, or one town's part)");
    areas->add_option("file", options->file, "GeoJSON FeatureCollection of (Multi)Polygons")
        ->required();
    areas->add_option("--layer", options->layer, "layer name, e.g. districts, city_parts")
        ->required();
    areas->add_option("--municipality", options->municipality,
                      "RÚIAN code of the town the areas belong to (not for the municipalities "
                      "layer)");
    areas->add_option("--code-property", options->code_property,
                      "property or template giving each area's code, e.g. {MC_PRAHA}-{OKRSEK}");
    areas->add_option("--name-property", options->name_property,
                      "property or template giving each area's name");
    areas->add_option("--crs", options->crs,
                      "EPSG:4326 or EPSG:5514 (default: the file's crs member, else detected)");
    areas->add_flag("--force", options->force, "import even if the file did not change");
    return {areas, [&global, options] { import_areas(global, *options); }};
}

}  // namespace

Command add_import_command(CLI::App& app, const GlobalOptions& global) {
    auto* sub = app.add_subcommand("import", "import data into the database");
    sub->require_subcommand(1);
    return command_group(sub, {add_import_areas(sub, global), add_import_addresses(sub, global),
                               add_import_places(sub, global)});
}

}  // namespace okrsek::cli
