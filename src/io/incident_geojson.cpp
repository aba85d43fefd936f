// The GeoJSON incident reader: a FeatureCollection of Points, one feature per incident, its
// types an array (Policie ČR) or a field as in CSV.
#include <charconv>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "io/incident_reader.hpp"

namespace okrsek::io {
namespace {

using core::Error;
using core::ErrorCode;
using nlohmann::json;

// A property as the CSV reader would see its field: numbers and booleans as text.
std::string as_text(const json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
    if (value.is_number_unsigned()) return std::to_string(value.get<std::uint64_t>());
    if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
    if (value.is_number_float()) {
        char text[32];
        const auto end = std::to_chars(text, text + sizeof text, value.get<double>()).ptr;
        return std::string(text, end);
    }
    return {};
}

const json* property(const json& properties, const std::string& name) {
    if (name.empty() || !properties.is_object()) return nullptr;
    const auto found = properties.find(name);
    if (found == properties.end() || found->is_null()) return nullptr;
    return &*found;
}

bool number_of(const json* value, double& number) {
    if (!value) return false;
    if (value->is_number()) {
        number = value->get<double>();
        return true;
    }
    if (!value->is_string()) return false;
    const std::string text = value->get<std::string>();
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    return error == std::errc{} && end == text.data() + text.size() && !text.empty();
}

class GeoJsonIncidentReader final : public IncidentReader {
public:
    GeoJsonIncidentReader(std::string_view text, std::string file_name,
                          const IncidentMapping& mapping, const geo::SjtskToWgs84* to_wgs84)
        : m_file(std::move(file_name)),
          m_mapping(mapping),
          m_to_wgs84(to_wgs84),
          m_bytes(text.size()) {
        try {
            m_document = json::parse(text);
        } catch (const json::exception& error) {
            throw Error(ErrorCode::invalid_input, m_file + ": not JSON: " + error.what(), "file");
        }
        if (!m_document.is_object() || m_document.value("type", "") != "FeatureCollection" ||
            !m_document.contains("features") || !m_document["features"].is_array()) {
            throw Error(ErrorCode::invalid_input, m_file + ": not a GeoJSON FeatureCollection",
                        "file");
        }
    }

    Row next(IncidentRecord& out, std::string& reason) override {
        const json& features = m_document["features"];
        if (m_next >= features.size()) return Row::end;
        const json& feature = features[m_next++];
        return parse(feature, out, reason) ? Row::record : Row::rejected;
    }

    std::uint64_t position() const noexcept override { return m_next; }
    std::string_view position_kind() const noexcept override { return "feature"; }
    std::uint64_t bytes_read() const noexcept override {
        const std::size_t count = m_document["features"].size();
        return count ? m_bytes * m_next / count : m_bytes;
    }

private:
    bool position_of(const json& feature, const json& properties, IncidentRecord& out,
                     std::string& reason) {
        double x = 0.0;
        double y = 0.0;
        bool found = number_of(property(properties, m_mapping.x), x) &&
                     number_of(property(properties, m_mapping.y), y);
        if (!found) {
            const auto geometry = feature.find("geometry");
            if (geometry != feature.end() && geometry->is_object() &&
                geometry->value("type", "") == "Point" && geometry->contains("coordinates")) {
                const json& point = (*geometry)["coordinates"];
                found = point.is_array() && point.size() >= 2 && point[0].is_number() &&
                        point[1].is_number();
                if (found) {
                    x = point[0].get<double>();
                    y = point[1].get<double>();
                }
            }
        }
        if (!found) {
            reason = "no Point geometry";
            return false;
        }
        return read_position(x, y, m_mapping, m_to_wgs84, out, reason);
    }

    bool types_of(const json* value, IncidentRecord& out, std::string& reason) {
        if (value && value->is_array()) {
            for (const auto& type : *value) {
                if (!read_types(as_text(type), m_mapping, out, reason)) return false;
            }
            if (out.types.empty()) {
                reason = "no type";
                return false;
            }
            return true;
        }
        return read_types(value ? as_text(*value) : std::string(), m_mapping, out, reason);
    }

    bool parse(const json& feature, IncidentRecord& out, std::string& reason) {
        out.types.clear();
        if (!feature.is_object() || !feature.contains("properties") ||
            !feature["properties"].is_object()) {
            reason = "not a feature with properties";
            return false;
        }
        const json& properties = feature["properties"];
        const json* id = property(properties, m_mapping.id);
        if (!id && feature.contains("id")) id = &feature["id"];
        if (!read_incident_id(id ? as_text(*id) : std::string(), out, reason)) return false;
        if (!position_of(feature, properties, out, reason)) return false;
        const json* date = property(properties, m_mapping.date);
        const json* time = property(properties, m_mapping.time);
        if (!parse_incident_time(date ? as_text(*date) : std::string(),
                                 time ? as_text(*time) : std::string(), out, reason)) {
            return false;
        }
        out.municipal_police = m_mapping.municipal_police_value;
        if (const json* mp = property(properties, m_mapping.municipal_police)) {
            if (!read_flag(as_text(*mp), out.municipal_police, reason)) return false;
        }
        const json* state = property(properties, m_mapping.state);
        const json* relevance = property(properties, m_mapping.relevance);
        return read_optional_code(state ? as_text(*state) : std::string(), "state", out.state,
                                  reason) &&
               read_optional_code(relevance ? as_text(*relevance) : std::string(), "relevance",
                                  out.relevance, reason) &&
               types_of(property(properties, m_mapping.types), out, reason);
    }

    std::string m_file;
    IncidentMapping m_mapping;
    const geo::SjtskToWgs84* m_to_wgs84;
    std::size_t m_bytes;
    json m_document;
    std::size_t m_next = 0;
};

}  // namespace

std::unique_ptr<IncidentReader> open_incident_geojson(std::string_view text, std::string file_name,
                                                      const IncidentMapping& mapping,
                                                      const geo::SjtskToWgs84* to_wgs84) {
    return std::make_unique<GeoJsonIncidentReader>(text, std::move(file_name), mapping, to_wgs84);
}

}  // namespace okrsek::io
