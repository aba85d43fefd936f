#include "service/demo_town.hpp"

#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "geo/dissolve.hpp"
#include "service/demo_addresses.hpp"

namespace okrsek::service {
namespace {

using core::Error;
using core::ErrorCode;

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(ErrorCode::invalid_input, "cannot read demo file " + path.string(), "data");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// A layer of the demo town read from `file` in the data folder.
ImportRequest demo_request(const std::filesystem::path& data_dir, const std::string& file,
                           const std::string& layer, const std::string& code_property,
                           const std::string& name_property) {
    ImportRequest request;
    request.source_name = file;
    request.geojson = read_text(data_dir / file);
    request.layer = layer;
    request.municipality_code = demo_town_code;
    request.read_options.code_property = code_property;
    request.read_options.name_property = name_property;
    return request;
}

ImportRequest city_parts_request(const std::filesystem::path& data_dir) {
    return demo_request(data_dir, "praha-mestske-casti-57-wgs84.geojson", "city_parts", "KOD_MC",
                        "NAZEV_MC");
}

// OKRSEK repeats across the 15 directorates (MC_PRAHA): only the pair is unique.
ImportRequest districts_request(const std::filesystem::path& data_dir) {
    return demo_request(data_dir, "praha-okrsky-mestske-policie-226.geojson", "districts",
                        "{MC_PRAHA}-{OKRSEK}", "Okrsek {OKRSEK} · OŘ MP Praha {MC_PRAHA}");
}

// The town's outline is the union of its city parts: the fingerprint is the city parts' one
// with a marker, so the (slow) union runs only when the city parts change.
ImportReport import_town_outline(Platform& platform, const ImportRequest& parts) {
    ImportRequest town;
    town.source_name = parts.source_name + " (dissolved)";
    town.layer = std::string(municipalities_layer);
    const std::string fingerprint = import_fingerprint(parts) + "-dissolved";
    if (platform.last_fingerprint(town.layer, std::nullopt) == fingerprint) {
        ImportReport report;
        report.layer = town.layer;
        report.unchanged = true;
        return report;
    }
    auto read = io::read_area_features(parts.geojson, parts.read_options);
    std::vector<geo::MultiPolygon> shapes;
    for (auto& feature : read.features) shapes.push_back(std::move(feature.geometry));
    io::AreaFeature outline;
    outline.code = std::to_string(demo_town_code);
    outline.name = std::string(demo_town_name);
    outline.properties = {{"source", "union of the 57 city parts (IPR Praha)"}};
    outline.geometry = geo::dissolve(shapes);
    return platform.import_features(town, {outline}, fingerprint);
}

}  // namespace

std::vector<ImportReport> build_demo_town(Platform& platform, const std::filesystem::path& data_dir,
                                          DemoDirectoryReport* directory) {
    const ImportRequest parts = city_parts_request(data_dir);
    std::vector<ImportReport> reports;
    reports.push_back(import_town_outline(platform, parts));
    reports.push_back(platform.import_areas(parts));
    reports.push_back(platform.import_areas(districts_request(data_dir)));
    DemoDirectoryReport teams = build_demo_directory(platform, data_dir, demo_town_code);
    if (directory) *directory = std::move(teams);
    seed_demo_agenda(platform.agenda(), demo_town_code);
    platform.reports().seed_defaults(demo_town_code);
    import_demo_addresses(platform, data_dir);
    return reports;
}

}  // namespace okrsek::service
