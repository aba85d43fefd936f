#include <iostream>

#include "cli/commands.hpp"
#include "cli/geojson_import.hpp"

namespace okrsek::cli {
namespace {

struct ImportPlacesOptions {
    GeoJsonSource source;
    std::string kind;
    std::int64_t municipality = 0;
    std::string address_property;
    std::string hours_property;
    std::string note_property;
};

void print_report_command_import_places(const service::PlaceImportReport& report) {
    const auto& counts = report.counts;
    std::cout << "places " << report.kind << " of municipality " << report.municipality_code << ": "
              << report.feature_count << " (" << counts.inserted << " new, " << counts.updated
              << " updated, " << counts.unchanged << " unchanged, " << counts.deleted
              << " removed), CRS " << report.crs << '\n';
    if (counts.kept_manual > 0) {
        std::cout << "  " << counts.kept_manual << " place(s) made by hand kept\n";
    }
    if (report.outside_districts > 0) {
        std::cout << "  " << report.outside_districts
                  << " place(s) lie in no district (shown on the town's map only)\n";
    }
    print_warnings(report.warnings, 20);
}

void import_places(const GlobalOptions& global, const ImportPlacesOptions& options) {
    service::PlaceImportRequest request;
    request.source_name = options.source.file;
    request.geojson = read_geojson_file(options.source.file);
    request.municipality_code = options.municipality;
    request.kind = options.kind;
    auto& read = request.read_options;
    read.code_property = options.source.code_property;
    read.name_property = options.source.name_property;
    read.address_property = options.address_property;
    read.hours_property = options.hours_property;
    read.note_property = options.note_property;
    read.crs = crs_option(options.source.crs);
    auto platform = open_platform(global);
    print_report_command_import_places(
        platform->directory().import_places(service::Principal::cli(), request));
}

}  // namespace

Command add_import_places(CLI::App* import, const GlobalOptions& global) {
    auto options = std::make_shared<ImportPlacesOptions>();
    auto* sub = import->add_subcommand(
        "places",
        "import places on the map (stations, info boxes) from GeoJSON points; replaces the "
        "kind's imported places of the town");
    sub->add_option("file", options->source.file, "GeoJSON FeatureCollection of Points")
        ->required();
    sub->add_option("--kind", options->kind,
                    "place kind code, e.g. police_station, municipal_police_station, info_box")
        ->required();
    sub->add_option("--municipality", options->municipality, "RÚIAN code of the town")->required();
    add_property_options(sub, options->source,
                         "property or template giving each place's code (default: code, kod, id…)",
                         "property or template giving each place's name (default: name, nazev)");
    sub->add_option("--address-property", options->address_property,
                    "property or template for the address, e.g. '{NVPK} {CPOP}'");
    sub->add_option("--hours-property", options->hours_property,
                    "property or template for the opening hours");
    sub->add_option("--note-property", options->note_property, "property or template for a note");
    add_crs_option(sub, options->source);
    return {sub, [&global, options] { import_places(global, *options); }};
}

}  // namespace okrsek::cli
