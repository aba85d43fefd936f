#include "service/demo_addresses.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <sstream>

#include "core/error.hpp"
#include "geo/crs_transform.hpp"
#include "service/auth/area_targets.hpp"

namespace okrsek::service {
namespace {

using core::Error;
using core::ErrorCode;

constexpr std::int64_t demo_code_base = 900'000'000;
constexpr std::int64_t prague_code = 554782;

std::string fixed2(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", value);
    return buffer;
}

// A text for a field of the ';'-separated RÚIAN CSV, which has no quoting.
std::string field(std::string text) {
    for (char& c : text) {
        if (c == ';' || c == '\n' || c == '\r') c = ' ';
    }
    return text;
}

std::string text_property(const nlohmann::json& properties, const char* name) {
    const auto found = properties.find(name);
    if (found == properties.end() || found->is_null()) return {};
    return found->is_string() ? found->get<std::string>() : found->dump();
}

// The CSV the stations give, in the 2020 header generation (the one ČÚZK ships today).
std::string demo_csv(Platform& platform, const std::filesystem::path& stations_file) {
    std::ifstream in(stations_file, std::ios::binary);
    if (!in) {
        throw Error(ErrorCode::invalid_input, "cannot read demo file " + stations_file.string(),
                    "data");
    }
    const auto stations = nlohmann::json::parse(in, nullptr, false);
    if (stations.is_discarded() || !stations.contains("features")) {
        throw Error(ErrorCode::invalid_input, stations_file.string() + " is not GeoJSON", "data");
    }
    const geo::SjtskToWgs84 sjtsk;
    const auto catalog = platform.catalog();
    std::string csv =
        "Kód ADM;Kód obce;Název obce;Kód MOMC;Název MOMC;Kód obvodu Prahy;Název obvodu Prahy;"
        "Kód části obce;Název části obce;Kód ulice;Název ulice;Typ SO;Číslo domovní;"
        "Číslo orientační;Znak čísla orientačního;PSČ;Souřadnice Y;Souřadnice X;Platí Od\n";
    std::vector<AreaRef> hits;
    for (const auto& feature : stations["features"]) {
        const auto& properties = feature.at("properties");
        const auto& coordinates = feature.at("geometry").at("coordinates");
        const core::LonLat position{coordinates.at(0).get<double>(),
                                    coordinates.at(1).get<double>()};
        const std::string street = text_property(properties, "NVPK");
        const std::string number = text_property(properties, "CPOP");
        // One station (the dog unit "V soudním", Klánovice) has no house number in the data
        // (CPOP 0): no address to search for.
        if (street.empty() || number.empty() || number == "0") continue;
        std::string city_part_code;
        std::string city_part_name;
        hits.clear();
        catalog->lookup(position, hits);
        for (const auto& hit : hits) {
            if (hit.info().layer == city_part_layer) {
                city_part_code = hit.info().code;
                city_part_name = hit.info().name;
            }
        }
        const auto [east, north] = sjtsk.inverse(position);
        csv += std::to_string(demo_code_base + properties.at("OBJECTID").get<std::int64_t>());
        csv += ";" + std::to_string(prague_code) + ";Praha;" + field(city_part_code) + ";" +
               field(city_part_name) + ";;;;" + field(text_property(properties, "NKU")) + ";;" +
               field(street) + ";č.p.;" + field(number) + ";;;;" + fixed2(-east) + ";" +
               fixed2(-north) + ";2024-01-01T00:00:00\n";
    }
    return csv;
}

}  // namespace

std::optional<AddressImportReport> import_demo_addresses(Platform& platform,
                                                         const std::filesystem::path& data_dir) {
    const std::string csv =
        demo_csv(platform, data_dir / "praha-sluzebny-mestske-policie-100.geojson");
    std::random_device random;
    const auto file = std::filesystem::temp_directory_path() /
                      ("okrsek-demo-addresses-" + std::to_string(random()) + ".csv");
    {
        std::ofstream out(file, std::ios::binary);
        out << csv;
        if (!out) throw Error(ErrorCode::internal, "cannot write " + file.string());
    }
    try {
        AddressImportRequest request;
        request.files = {file};
        request.actor = Principal::cli();
        std::optional<AddressImportReport> report;
        if (!platform.addresses().import_unchanged(request)) {
            report = platform.addresses().import_files(request);
        }
        std::filesystem::remove(file);
        return report;
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(file, ignored);
        throw;
    }
}

}  // namespace okrsek::service
