#include "service/area_import.hpp"

#include <sodium.h>

#include <charconv>
#include <cstdio>

#include "core/error.hpp"

namespace okrsek::service {

using core::Error;
using core::ErrorCode;

void validate_layer_name(const std::string& layer) {
    const bool ok =
        !layer.empty() && layer.size() <= 63 && layer[0] >= 'a' && layer[0] <= 'z' &&
        layer.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
    if (!ok) {
        throw Error(ErrorCode::invalid_argument,
                    "layer name '" + layer +
                        "' must be 1-63 characters a-z, 0-9 or _, starting with a letter",
                    "layer");
    }
}

std::string import_fingerprint(const ImportRequest& request) {
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, crypto_generichash_BYTES);
    auto feed = [&state](std::string_view part) {
        crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(part.data()),
                                  part.size());
        const unsigned char separator = 0;
        crypto_generichash_update(&state, &separator, 1);
    };
    feed(request.geojson);
    feed(request.layer);
    feed(request.municipality_code ? std::to_string(*request.municipality_code) : "");
    feed(request.read_options.crs ? geo::to_string(*request.read_options.crs) : "");
    feed(request.read_options.code_property);
    feed(request.read_options.name_property);
    unsigned char hash[crypto_generichash_BYTES];
    crypto_generichash_final(&state, hash, sizeof hash);
    char hex[crypto_generichash_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    return hex;
}

namespace {

std::int64_t parse_town_code(const io::AreaFeature& feature) {
    std::int64_t code = 0;
    const auto& text = feature.code;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), code);
    if (ec != std::errc{} || end != text.data() + text.size() || code <= 0) {
        throw Error(ErrorCode::invalid_input,
                    "feature " + std::to_string(feature.index) + " (" + text +
                        "): a municipality's code must be its RÚIAN number",
                    "code");
    }
    return code;
}

}  // namespace

std::vector<store::NewArea> to_new_areas(const std::vector<io::AreaFeature>& features,
                                         const std::string& layer,
                                         std::optional<std::int64_t> municipality_code,
                                         std::vector<core::Municipality>& towns) {
    const bool is_town_layer = layer == municipalities_layer;
    std::vector<store::NewArea> areas;
    areas.reserve(features.size());
    for (const auto& feature : features) {
        store::NewArea area;
        if (is_town_layer) {
            area.municipality_code = parse_town_code(feature);
            towns.push_back({area.municipality_code, feature.name});
        } else {
            area.municipality_code = *municipality_code;
        }
        area.code = feature.code;
        area.name = feature.name;
        area.properties_json = feature.properties.is_object() ? feature.properties.dump() : "{}";
        area.geometry = feature.geometry;
        areas.push_back(std::move(area));
    }
    return areas;
}

std::vector<std::string> coverage_warnings(const geo::CoverageReport& coverage,
                                           const std::vector<io::AreaFeature>& features) {
    std::vector<std::string> lines;
    char buffer[256];
    auto code_of = [&features](std::size_t slot) {
        return slot < features.size() ? features[slot].code : std::string("?");
    };
    for (const auto& gap : coverage.gaps) {
        std::snprintf(buffer, sizeof buffer, "gap of %.1f m² near %.6f %.6f", gap.area_m2,
                      gap.location.lon, gap.location.lat);
        lines.emplace_back(buffer);
    }
    for (const auto& overlap : coverage.overlaps) {
        std::snprintf(buffer, sizeof buffer, "overlap of %.1f m² between %s and %s near %.6f %.6f",
                      overlap.area_m2, code_of(overlap.first).c_str(),
                      code_of(overlap.second).c_str(), overlap.location.lon, overlap.location.lat);
        lines.emplace_back(buffer);
    }
    if (!coverage.complete) {
        lines.emplace_back("the gap and overlap check could not finish for some areas");
    }
    return lines;
}

}  // namespace okrsek::service
