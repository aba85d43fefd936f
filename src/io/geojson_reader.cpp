#include "io/geojson_reader.hpp"

#include <array>
#include <unordered_map>
#include <utility>

#include "core/error.hpp"
#include "io/feature_ref.hpp"
#include "io/geojson_geometry.hpp"
#include "io/property_template.hpp"

namespace okrsek::io {

namespace {

using nlohmann::json;

constexpr std::array<const char*, 6> k_code_keys = {"code", "kod", "KOD", "id", "ID", "OBJECTID"};
constexpr std::array<const char*, 4> k_name_keys = {"name", "nazev", "NAZEV", "NAZEV_MC"};

[[noreturn]] void fail(const std::string& message, const std::string& field = {}) {
    throw core::Error(core::ErrorCode::invalid_input, message, field);
}

// nlohmann's what() starts with "[json.exception.parse_error.101] "; the rest is for people.
std::string detail_of(const json::exception& error) {
    std::string detail = error.what();
    if (const auto end = detail.find("] "); end != std::string::npos) detail.erase(0, end + 2);
    return detail;
}

json parse_document(std::string_view text) {
    try {
        return json::parse(text.begin(), text.end());
    } catch (const json::parse_error& error) {
        fail("not valid JSON at byte " + std::to_string(error.byte) + ": " + detail_of(error));
    } catch (const json::out_of_range& error) {
        // A number no double holds (1e999); nlohmann reports it without a byte position.
        fail("not valid JSON: " + detail_of(error));
    }
}

json& features_of(json& document) {
    if (!document.is_object()) fail("not a GeoJSON object");
    const auto type = document.find("type");
    if (type == document.end() || *type != "FeatureCollection") {
        fail("not a GeoJSON FeatureCollection (type is " +
                 (type == document.end() ? std::string("missing") : type->dump()) + ")",
             "type");
    }
    const auto features = document.find("features");
    if (features == document.end() || !features->is_array()) {
        fail("the FeatureCollection has no features array", "features");
    }
    if (features->empty()) fail("the FeatureCollection has no features", "features");
    return *features;
}

// The GeoJSON 2008 "crs" member: {"type": "name", "properties": {"name": "EPSG:5514"}}.
std::optional<geo::Crs> crs_of_file(const json& document) {
    const auto member = document.find("crs");
    if (member == document.end() || member->is_null()) return std::nullopt;
    const json* name = nullptr;
    if (member->is_object() && member->value("type", json()) == "name") {
        const auto properties = member->find("properties");
        if (properties != member->end() && properties->is_object()) {
            const auto it = properties->find("name");
            if (it != properties->end() && it->is_string()) name = &*it;
        }
    }
    if (name == nullptr) {
        fail("crs member is not {\"type\": \"name\", ...}: " + member->dump(), "crs");
    }
    if (auto crs = geo::parse_crs(name->get_ref<const std::string&>())) return crs;
    fail("crs " + name->dump() + " is not one okrsek reads (EPSG:4326, CRS84 or EPSG:5514)", "crs");
}

// Reads features one by one, keeping what the file shares: its CRS and the codes seen so far.
class AreaFeatureReader {
public:
    AreaFeatureReader(const AreaReadOptions& options, AreaReadResult& result)
        : m_options(options), m_result(result) {}

    void set_crs(geo::Crs crs, std::string source) {
        m_crs = crs;
        m_result.crs = crs;
        m_result.crs_source = std::move(source);
        if (crs == geo::Crs::sjtsk) m_sjtsk.emplace();
    }

    AreaFeature read(std::size_t index, json& object) {
        FeatureRef ref{index, {}};
        if (!object.is_object() || object.value("type", json()) != "Feature") {
            ref.fail("not a GeoJSON Feature object");
        }
        AreaFeature feature;
        feature.index = index;
        feature.properties = properties_of(object, ref);
        feature.code = read_code(feature.properties, ref);
        ref.code = feature.code;
        check_unique(ref);
        feature.name = read_name(feature.properties, ref);
        const SourceMultiPolygon source = parse_area_geometry(object, ref);
        if (!m_crs) detect_crs(source.front().front().front(), ref);
        feature.geometry = to_area_geometry(source, m_sjtsk ? &*m_sjtsk : nullptr, ref);
        return feature;
    }

private:
    static json properties_of(json& object, const FeatureRef& ref) {
        const auto it = object.find("properties");
        if (it == object.end() || it->is_null()) return json::object();
        if (!it->is_object()) ref.fail("properties is not an object", ".properties");
        return std::move(*it);
    }

    // A property template, or the first of `defaults` present when no template is set.
    template <std::size_t N>
    static std::optional<std::string> expand(const std::string& templ,
                                             const std::array<const char*, N>& defaults,
                                             const json& properties, const FeatureRef& ref,
                                             const char* what) {
        try {
            if (!templ.empty()) return expand_property_template(templ, properties);
            for (const char* key : defaults) {
                const auto it = properties.find(key);
                if (it != properties.end() && !it->is_null()) {
                    return expand_property_template(key, properties);
                }
            }
            return std::nullopt;
        } catch (const core::Error& error) {
            ref.fail(std::string(what) + ": " + error.what(), ".properties");
        }
    }

    std::string read_code(const json& properties, const FeatureRef& ref) const {
        auto code = expand(m_options.code_property, k_code_keys, properties, ref, "code");
        if (!code) {
            ref.fail("no code property (none of code, kod, KOD, id, ID, OBJECTID); choose one",
                     ".properties");
        }
        if (code->empty()) ref.fail("code is empty", ".properties");
        return *code;
    }

    std::string read_name(const json& properties, const FeatureRef& ref) const {
        auto name = expand(m_options.name_property, k_name_keys, properties, ref, "name");
        if (name && name->empty() && !m_options.name_property.empty()) {
            ref.fail("name is empty", ".properties");
        }
        return name && !name->empty() ? *name : ref.code;
    }

    void check_unique(const FeatureRef& ref) {
        const auto [it, inserted] = m_codes.emplace(ref.code, ref.index);
        if (!inserted) {
            ref.fail("code " + ref.code + " repeats feature " + std::to_string(it->second),
                     ".properties");
        }
    }

    void detect_crs(SourcePosition first, const FeatureRef& ref) {
        const auto crs = geo::detect_crs(first.x, first.y);
        if (!crs) {
            ref.fail("cannot tell the CRS from the first position " + position_text(first) +
                         " (neither WGS 84 degrees nor S-JTSK metres); name it in a crs member",
                     ".geometry.coordinates");
        }
        set_crs(*crs, "detected");
    }

    const AreaReadOptions& m_options;
    AreaReadResult& m_result;
    std::optional<geo::Crs> m_crs;
    std::optional<geo::SjtskToWgs84> m_sjtsk;
    std::unordered_map<std::string, std::size_t> m_codes;
};

}  // namespace

AreaReadResult read_area_features(std::string_view geojson_text, const AreaReadOptions& options) {
    json document = parse_document(geojson_text);
    json& features = features_of(document);
    AreaReadResult result;
    AreaFeatureReader reader(options, result);
    if (options.crs) {
        reader.set_crs(*options.crs, "option");
    } else if (auto crs = crs_of_file(document)) {
        reader.set_crs(*crs, "file");
    }
    result.features.reserve(features.size());
    for (std::size_t i = 0; i < features.size(); ++i) {
        result.features.push_back(reader.read(i, features[i]));
    }
    return result;
}

}  // namespace okrsek::io
