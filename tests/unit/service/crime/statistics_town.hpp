#pragma once

// An ASCII-map town for the statistics tests: each letter of the map is a district, one map
// character a 0.01° × 0.01° square (row 0 northmost, origin 14.0 E, 50.03 N); letters must
// form rectangles. Districts carry a population ("obyvatel"), city parts group districts, the
// town's outline is the whole map. Incidents are written as Policie ČR CSV and imported.

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "unit/service/auth/auth_fixture.hpp"

namespace okrsek::service::test_statistics {

// The type list: two harmless top categories with children, one sensitive.
inline constexpr const char* types_json = R"({"polozky":[
 {"id":1,"parent_id1":null,"nazev":{"cs":"NÁSILNÁ TRESTNÁ ČINNOST"}},
 {"id":2,"parent_id1":1,"nazev":{"cs":"loupež"}},
 {"id":10,"parent_id1":null,"nazev":{"cs":"MAJETKOVÁ TRESTNÁ ČINNOST"}},
 {"id":11,"parent_id1":10,"nazev":{"cs":"krádež prostá"}},
 {"id":20,"parent_id1":null,"nazev":{"cs":"MRAVNOSTNÍ TRESTNÁ ČINNOST"}},
 {"id":21,"parent_id1":20,"nazev":{"cs":"znásilnění"}}]})";

struct Rect {
    int min_col = 1 << 20, max_col = -1, min_row = 1 << 20, max_row = -1;
};

class StatisticsTown {
public:
    StatisticsTown(std::vector<std::string> map, std::map<char, double> populations,
                   std::map<char, std::string> city_parts)
        : m_map(std::move(map)),
          m_populations(std::move(populations)),
          m_city_parts(std::move(city_parts)) {
        for (std::size_t row = 0; row < m_map.size(); ++row) {
            for (std::size_t col = 0; col < m_map[row].size(); ++col) {
                auto& r = m_rects[m_map[row][col]];
                r.min_col = std::min(r.min_col, int(col));
                r.max_col = std::max(r.max_col, int(col));
                r.min_row = std::min(r.min_row, int(row));
                r.max_row = std::max(r.max_row, int(row));
            }
        }
    }

    static double lon(double col) { return 14.0 + col * 0.01; }
    double lat(double row) const { return 50.0 + (double(m_map.size()) - row) * 0.01; }

    std::string polygon(const Rect& r) const {
        std::ostringstream out;
        out.precision(10);
        const double w = lon(r.min_col), e = lon(r.max_col + 1);
        const double n = lat(r.min_row), s = lat(r.max_row + 1);
        out << R"({"type":"Polygon","coordinates":[[[)" << w << ',' << s << "],[" << e << ',' << s
            << "],[" << e << ',' << n << "],[" << w << ',' << n << "],[" << w << ',' << s << "]]]}";
        return out.str();
    }

    std::string feature(const std::string& code, const std::string& name, const Rect& r,
                        const std::string& extra = "") const {
        return R"({"type":"Feature","properties":{"kod":")" + code + R"(","nazev":")" + name +
               "\"" + extra + "},\"geometry\":" + polygon(r) + "}";
    }

    std::string districts_geojson() const {
        std::string out = R"({"type":"FeatureCollection","features":[)";
        bool first = true;
        for (const auto& [letter, rect] : m_rects) {
            if (!first) out += ",";
            first = false;
            std::string extra;
            if (m_populations.contains(letter)) {
                std::ostringstream p;
                p << ",\"obyvatel\":" << m_populations.at(letter);
                extra = p.str();
            }
            out += feature(std::string(1, letter), std::string("Okrsek ") + letter, rect, extra);
        }
        return out + "]}";
    }

    std::string city_parts_geojson() const {
        std::map<std::string, Rect> parts;
        for (const auto& [letter, part] : m_city_parts) {
            auto& r = parts[part];
            const auto& d = m_rects.at(letter);
            r.min_col = std::min(r.min_col, d.min_col);
            r.max_col = std::max(r.max_col, d.max_col);
            r.min_row = std::min(r.min_row, d.min_row);
            r.max_row = std::max(r.max_row, d.max_row);
        }
        std::string out = R"({"type":"FeatureCollection","features":[)";
        bool first = true;
        for (const auto& [code, rect] : parts) {
            if (!first) out += ",";
            first = false;
            out += feature(code, "Část " + code, rect);
        }
        return out + "]}";
    }

    std::string town_geojson(std::int64_t code, const std::string& name) const {
        Rect all{0, int(m_map.front().size()) - 1, 0, int(m_map.size()) - 1};
        return R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kod":)" +
               std::to_string(code) + R"(,"nazev":")" + name + "\"},\"geometry\":" + polygon(all) +
               "}]}";
    }

    /// A point inside district `letter`: the `k`-th of a small spiral around its centre.
    std::pair<double, double> point_in(char letter, int k) const {
        const auto& r = m_rects.at(letter);
        const double col = (r.min_col + r.max_col + 1) / 2.0 + 0.0007 * (k % 7) - 0.002;
        const double row = (r.min_row + r.max_row + 1) / 2.0 + 0.0011 * (k % 5) - 0.002;
        return {lon(col), lat(row)};
    }

    /// `n` incidents of `type` in district `letter` on day 10 of `month` ("2025-03").
    void add(char letter, int n, const std::string& month, int type) {
        for (int i = 0; i < n; ++i) {
            const auto [x, y] = point_in(letter, m_next);
            std::ostringstream row;
            row.precision(10);
            row << "inc" << m_next++ << ',' << x << ',' << y << ",FALSE," << month
                << "-10T12:00:00+01:00,1,4," << type << '\n';
            m_csv += row.str();
        }
    }

    std::string csv() const { return "id,x,y,mp,date,state,relevance,types\n" + m_csv; }
    const std::map<char, Rect>& rects() const { return m_rects; }

private:
    std::vector<std::string> m_map;
    std::map<char, double> m_populations;
    std::map<char, std::string> m_city_parts;
    std::map<char, Rect> m_rects;
    std::string m_csv;
    int m_next = 0;
};

/// Loads `town` into a platform as municipality `code` and imports its incidents.
inline void load(Platform& platform, const StatisticsTown& town, std::int64_t code,
                 const std::filesystem::path& folder) {
    auto import = [&](const std::string& geojson, const std::string& layer,
                      std::optional<std::int64_t> municipality) {
        ImportRequest request;
        request.source_name = layer + ".geojson";
        request.geojson = geojson;
        request.layer = layer;
        request.municipality_code = municipality;
        request.read_options.code_property = "kod";
        request.read_options.name_property = "nazev";
        platform.import_areas(request);
    };
    import(town.town_geojson(code, "Testov"), "municipalities", std::nullopt);
    import(town.city_parts_geojson(), "city_parts", code);
    import(town.districts_geojson(), "districts", code);
    const auto types = folder / "types.json";
    std::ofstream(types, std::ios::binary) << types_json;
    CodeListImportRequest list;
    list.file = types;
    list.actor = Principal::cli();
    platform.crime().import_code_list(list);
    const auto incidents = folder / "incidents.csv";
    std::ofstream(incidents, std::ios::binary) << town.csv();
    IncidentImportRequest request;
    request.files = {incidents};
    request.actor = Principal::cli();
    platform.crime().import_incidents(request);
}

}  // namespace okrsek::service::test_statistics
