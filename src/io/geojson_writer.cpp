#include "io/geojson_writer.hpp"

#include <charconv>
#include <cmath>

namespace okrsek::io {

namespace {

// 7 decimals is about 1 cm, finer than any source we read; trailing zeros are trimmed.
void append_coordinate(std::string& out, double degrees) {
    char buffer[64];
    double rounded = std::round(degrees * 1e7) / 1e7;
    if (rounded == 0.0) rounded = 0.0;  // no "-0"
    auto [end, ec] =
        std::to_chars(buffer, buffer + sizeof buffer, rounded, std::chars_format::fixed, 7);
    if (ec != std::errc{}) {
        out += '0';
        return;
    }
    while (end[-1] == '0') --end;
    if (end[-1] == '.') --end;
    out.append(buffer, end);
}

void append_ring(std::string& out, const geo::Ring& ring) {
    out += '[';
    for (std::size_t i = 0; i < ring.size(); ++i) {
        if (i > 0) out += ',';
        out += '[';
        append_coordinate(out, ring[i].lon);
        out += ',';
        append_coordinate(out, ring[i].lat);
        out += ']';
    }
    out += ']';
}

void append_polygon_coordinates(std::string& out, const geo::Polygon& polygon) {
    out += '[';
    append_ring(out, polygon.outer);
    for (const auto& hole : polygon.holes) {
        out += ',';
        append_ring(out, hole);
    }
    out += ']';
}

void append_integer(std::string& out, std::int64_t value) {
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, end);
}

void append_hex_escape(std::string& out, unsigned char c) {
    static constexpr char digits[] = "0123456789abcdef";
    out += "\\u00";
    out += digits[c >> 4];
    out += digits[c & 0x0f];
}

}  // namespace

void append_geometry(std::string& out, const geo::MultiPolygon& shape) {
    if (shape.size() == 1) {
        out += R"({"type":"Polygon","coordinates":)";
        append_polygon_coordinates(out, shape.front());
    } else {
        out += R"({"type":"MultiPolygon","coordinates":[)";
        for (std::size_t i = 0; i < shape.size(); ++i) {
            if (i > 0) out += ',';
            append_polygon_coordinates(out, shape[i]);
        }
        out += ']';
    }
    out += '}';
}

void append_area_feature(std::string& out, const core::AreaInfo& area,
                         const geo::MultiPolygon& shape) {
    out += R"({"type":"Feature","id":)";
    append_integer(out, area.id);
    out += R"(,"properties":{"id":)";
    append_integer(out, area.id);
    out += R"(,"code":)";
    append_json_string(out, area.code);
    out += R"(,"name":)";
    append_json_string(out, area.name);
    out += R"(,"layer":)";
    append_json_string(out, area.layer);
    out += R"(,"municipality":)";
    append_integer(out, area.municipality_code);
    out += R"(,"attributes":)";
    // Stored by the importer as a JSON object, so it is copied without re-parsing.
    out += area.properties_json.empty() ? std::string_view("{}") : area.properties_json;
    out += R"(},"geometry":)";
    append_geometry(out, shape);
    out += '}';
}

void append_json_string(std::string& out, std::string_view text) {
    out += '"';
    for (char ch : text) {
        auto c = static_cast<unsigned char>(ch);
        if (ch == '"' || ch == '\\') {
            out += '\\';
            out += ch;
        } else if (c < 0x20) {
            append_hex_escape(out, c);
        } else {
            out += ch;  // UTF-8 sequences pass through unchanged
        }
    }
    out += '"';
}

}  // namespace okrsek::io
