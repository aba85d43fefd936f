#include <cstdio>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/geojson_import.hpp"

namespace okrsek::cli {
namespace {

struct ImportAreasOptions {
    GeoJsonSource source;
    std::string layer;
    std::optional<std::int64_t> municipality;
    bool force = false;
};

void import_areas(const GlobalOptions& global, const ImportAreasOptions& options) {
    service::ImportRequest request;
    request.source_name = options.source.file;
    request.geojson = read_geojson_file(options.source.file);
    request.layer = options.layer;
    request.municipality_code = options.municipality;
    request.read_options.code_property = options.source.code_property;
    request.read_options.name_property = options.source.name_property;
    request.force = options.force;
    request.read_options.crs = crs_option(options.source.crs);
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
    print_warnings(report.warnings, max_warnings);
}

namespace {

Command add_import_areas(CLI::App* sub, const GlobalOptions& global) {
    auto options = std::make_shared<ImportAreasOptions>();
    auto* areas = sub->add_subcommand(
        "areas", "import a layer of areas from GeoJSON (replaces the layer, or one town's part)");
    areas->add_option("file", options->source.file, "GeoJSON FeatureCollection of (Multi)Polygons")
        ->required();
    areas->add_option("--layer", options->layer, "layer name, e.g. districts, city_parts")
        ->required();
    areas->add_option("--municipality", options->municipality,
                      "RÚIAN code of the town the areas belong to (not for the municipalities "
                      "layer)");
    add_property_options(areas, options->source,
                         "property or template giving each area's code, e.g. {MC_PRAHA}-{OKRSEK}",
                         "property or template giving each area's name");
    add_crs_option(areas, options->source);
    areas->add_flag("--force", options->force, "import even if the file did not change");
    return {areas, [&global, options] { import_areas(global, *options); }};
}

}  // namespace

Command add_import_command(CLI::App& app, const GlobalOptions& global) {
    auto* sub = app.add_subcommand("import", "import data into the database");
    sub->require_subcommand(1);
    return command_group(sub, {add_import_areas(sub, global), add_import_addresses(sub, global),
                               add_import_places(sub, global), add_import_incidents(sub, global),
                               add_import_crime_codes(sub, global)});
}

}  // namespace okrsek::cli
