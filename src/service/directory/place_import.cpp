#include "service/directory/place_import.hpp"

#include <array>
#include <cmath>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "core/error.hpp"
#include "io/feature_ref.hpp"
#include "io/property_template.hpp"

namespace okrsek::service {
namespace {

using core::Error;
using core::ErrorCode;
using nlohmann::json;

constexpr std::array<const char*, 6> code_keys = {"code", "kod", "KOD", "id", "ID", "OBJECTID"};
constexpr std::array<const char*, 3> name_keys = {"name", "nazev", "NAZEV"};
// Optional fields missing from many features would flood the report.
constexpr std::size_t max_warnings = 100;

[[noreturn]] void fail(const std::string& message, const std::string& field = {}) {
    throw Error(ErrorCode::invalid_input, message, field);
}

json parse_document(std::string_view text) {
    json document = json::parse(text.begin(), text.end(), nullptr, false);
    if (document.is_discarded()) fail("not valid JSON");
    if (!document.is_object() || document.value("type", json()) != "FeatureCollection") {
        fail("not a GeoJSON FeatureCollection", "type");
    }
    const auto features = document.find("features");
    if (features == document.end() || !features->is_array() || features->empty()) {
        fail("the FeatureCollection has no features", "features");
    }
    return document;
}

// The GeoJSON 2008 "crs" member, {"type":"name","properties":{"name":"EPSG:5514"}}, if any.
std::optional<geo::Crs> crs_of_file(const json& document) {
    const auto member = document.find("crs");
    if (member == document.end() || member->is_null()) return std::nullopt;
    const json name = member->is_object()
                          ? member->value("properties", json::object()).value("name", json())
                          : json();
    const auto crs = name.is_string() ? geo::parse_crs(name.get<std::string>()) : std::nullopt;
    if (!crs) fail("the crs member names no CRS okrsek reads (EPSG:4326 or EPSG:5514)", "crs");
    return crs;
}

class PlaceReader {
public:
    PlaceReader(const PlaceReadOptions& options, PlaceReadResult& result)
        : m_options(options), m_result(result) {}

    void set_crs(geo::Crs crs) {
        m_crs = crs;
        m_result.crs = crs;
        if (crs == geo::Crs::sjtsk) m_sjtsk.emplace();
    }

    store::ImportedPlace read(std::size_t index, const json& object) {
        io::FeatureRef ref{index, {}};
        if (!object.is_object() || object.value("type", json()) != "Feature") {
            ref.fail("not a GeoJSON Feature object");
        }
        const json properties = object.value("properties", json::object());
        if (!properties.is_object()) ref.fail("properties is not an object", ".properties");
        store::ImportedPlace place;
        place.code = required(m_options.code_property, code_keys, properties, ref, "code");
        ref.code = place.code;
        if (const auto [it, fresh] = m_codes.emplace(place.code, index); !fresh) {
            ref.fail("code " + place.code + " repeats feature " + std::to_string(it->second),
                     ".properties");
        }
        place.fields.name = required(m_options.name_property, name_keys, properties, ref, "name");
        place.fields.address = optional(m_options.address_property, properties, ref, "address");
        place.fields.opening_hours =
            optional(m_options.hours_property, properties, ref, "opening hours");
        place.fields.note = optional(m_options.note_property, properties, ref, "note");
        place.fields.position = position_of(object, ref);
        return place;
    }

private:
    template <std::size_t N>
    static std::string required(const std::string& templ, const std::array<const char*, N>& keys,
                                const json& properties, const io::FeatureRef& ref,
                                const char* what) {
        std::string value;
        try {
            if (!templ.empty()) {
                value = io::expand_property_template(templ, properties);
            } else {
                for (const char* key : keys) {
                    const auto it = properties.find(key);
                    if (it == properties.end() || it->is_null()) continue;
                    value = io::expand_property_template(key, properties);
                    break;
                }
            }
        } catch (const Error& error) {
            ref.fail(std::string(what) + ": " + error.what(), ".properties");
        }
        if (value.empty())
            ref.fail(std::string("no ") + what + "; name its property", ".properties");
        return value;
    }

    std::optional<std::string> optional(const std::string& templ, const json& properties,
                                        const io::FeatureRef& ref, const char* what) {
        if (templ.empty()) return std::nullopt;
        try {
            std::string value = io::expand_property_template(templ, properties);
            if (!value.empty()) return value;
        } catch (const Error& error) {
            if (m_result.warnings.size() < max_warnings) {
                m_result.warnings.push_back(ref.label() + ": no " + what + " (" + error.what() +
                                            ")");
            }
        }
        return std::nullopt;
    }

    core::LonLat position_of(const json& object, const io::FeatureRef& ref) {
        const json geometry = object.value("geometry", json());
        if (!geometry.is_object() || geometry.value("type", json()) != "Point") {
            ref.fail("the geometry is not a Point", ".geometry");
        }
        const json coordinates = geometry.value("coordinates", json());
        if (!coordinates.is_array() || coordinates.size() < 2 || !coordinates[0].is_number() ||
            !coordinates[1].is_number()) {
            ref.fail("coordinates are not [x, y] numbers", ".geometry.coordinates");
        }
        const double x = coordinates[0].get<double>();
        const double y = coordinates[1].get<double>();
        if (!std::isfinite(x) || !std::isfinite(y)) {
            ref.fail("coordinates are not finite", ".geometry.coordinates");
        }
        if (!m_crs) {
            const auto detected = geo::detect_crs(x, y);
            if (!detected) {
                ref.fail("cannot tell the CRS from the first position; name it in a crs member",
                         ".geometry.coordinates");
            }
            set_crs(*detected);
        }
        core::LonLat position{x, y};
        if (m_sjtsk) {
            try {
                position = m_sjtsk->transform(x, y);
            } catch (const Error& error) {
                ref.fail(error.what(), ".geometry.coordinates");
            }
        }
        if (!core::is_valid_wgs84(position)) {
            ref.fail("the position is outside longitude/latitude range", ".geometry.coordinates");
        }
        return position;
    }

    const PlaceReadOptions& m_options;
    PlaceReadResult& m_result;
    std::optional<geo::Crs> m_crs;
    std::optional<geo::SjtskToWgs84> m_sjtsk;
    std::unordered_map<std::string, std::size_t> m_codes;
};

}  // namespace

PlaceReadResult read_place_features(std::string_view geojson, const PlaceReadOptions& options) {
    const json document = parse_document(geojson);
    PlaceReadResult result;
    PlaceReader reader(options, result);
    if (options.crs) {
        reader.set_crs(*options.crs);
    } else if (const auto crs = crs_of_file(document)) {
        reader.set_crs(*crs);
    }
    const json& features = document["features"];
    result.places.reserve(features.size());
    for (std::size_t i = 0; i < features.size(); ++i) {
        result.places.push_back(reader.read(i, features[i]));
    }
    return result;
}

}  // namespace okrsek::service
