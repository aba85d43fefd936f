#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "core/error.hpp"

namespace okrsek::cli {
namespace {

struct ImportPlacesOptions {
    std::string file;
    std::string kind;
    std::int64_t municipality = 0;
    std::string code_property;
    std::string name_property;
    std::string address_property;
    std::string hours_property;
    std::string note_property;
    std::string crs;
};

std::string read_places_file(const std::string& path) {
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

void print_report(const service::PlaceImportReport& report) {
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
    constexpr std::size_t max_warnings = 20;
    for (std::size_t i = 0; i < report.warnings.size() && i < max_warnings; ++i) {
        std::cout << "  warning: " << report.warnings[i] << '\n';
    }
    if (report.warnings.size() > max_warnings) {
        std::cout << "  … and " << report.warnings.size() - max_warnings << " more warning(s)\n";
    }
}

void import_places(const GlobalOptions& global, const ImportPlacesOptions& options) {
    service::PlaceImportRequest request;
    request.source_name = options.file;
    request.geojson = read_places_file(options.file);
    request.municipality_code = options.municipality;
    request.kind = options.kind;
    auto& read = request.read_options;
    read.code_property = options.code_property;
    read.name_property = options.name_property;
    read.address_property = options.address_property;
    read.hours_property = options.hours_property;
    read.note_property = options.note_property;
    if (!options.crs.empty()) {
        read.crs = geo::parse_crs(options.crs);
        if (!read.crs) {
            throw core::Error(core::ErrorCode::invalid_argument,
                              "--crs must be EPSG:4326 or EPSG:5514, got '" + options.crs + "'",
                              "crs");
        }
    }
    auto platform = open_platform(global);
    print_report(platform->directory().import_places(service::Principal::cli(), request));
}

}  // namespace

Command add_import_places(CLI::App* import, const GlobalOptions& global) {
    auto options = std::make_shared<ImportPlacesOptions>();
    auto* sub = import->add_subcommand(
        "places",
        "import places on the map (stations, info boxes) from GeoJSON points; replaces the "
        "kind's imported places of the town");
    sub->add_option("file", options->file, "GeoJSON FeatureCollection of Points")->required();
    sub->add_option("--kind", options->kind,
                    "place kind code, e.g. police_station, municipal_police_station, info_box")
        ->required();
    sub->add_option("--municipality", options->municipality, "RÚIAN code of the town")->required();
    sub->add_option("--code-property", options->code_property,
                    "property or template giving each place's code (default: code, kod, id…)");
    sub->add_option("--name-property", options->name_property,
                    "property or template giving each place's name (default: name, nazev)");
    sub->add_option("--address-property", options->address_property,
                    "property or template for the address, e.g. '{NVPK} {CPOP}'");
    sub->add_option("--hours-property", options->hours_property,
                    "property or template for the opening hours");
    sub->add_option("--note-property", options->note_property, "property or template for a note");
    sub->add_option("--crs", options->crs,
                    "EPSG:4326 or EPSG:5514 (default: the file's crs member, else detected)");
    return {sub, [&global, options] { import_places(global, *options); }};
}

}  // namespace okrsek::cli
