#include "http/statistics_json.hpp"

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "analytics/cube_time.hpp"
#include "io/geojson_writer.hpp"

namespace okrsek::http {

using nlohmann::json;

namespace {

template <typename T>
json opt(const std::optional<T>& value) {
    return value ? json(*value) : json(nullptr);
}

json period_json(const service::MonthRange& period) {
    return {{"from", analytics::month_label(period.from)},
            {"to", analytics::month_label(period.to)}};
}

json period_json(const std::optional<service::MonthRange>& period) {
    return period ? period_json(*period) : json(nullptr);
}

json box_polygon(const geo::BBox& b) {
    return {{"type", "Polygon"},
            {"coordinates",
             json::array({json::array(
                 {json::array({b.min_lon, b.min_lat}), json::array({b.max_lon, b.min_lat}),
                  json::array({b.max_lon, b.max_lat}), json::array({b.min_lon, b.max_lat}),
                  json::array({b.min_lon, b.min_lat})})})}};
}

std::string_view bucket_name(analytics::TimeBucket bucket) {
    switch (bucket) {
        case analytics::TimeBucket::whole_period:
            return "period";
        case analytics::TimeBucket::month:
            return "month";
        case analytics::TimeBucket::iso_week:
            return "week";
        case analytics::TimeBucket::hour_of_day:
            return "hour";
        case analytics::TimeBucket::day_of_week:
            return "weekday";
    }
    return "period";
}

void csv_field(std::string& out, std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += text;
        return;
    }
    out += '"';
    for (const char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

template <typename T>
std::string csv_number(const std::optional<T>& value) {
    if (!value) return "";
    if constexpr (std::is_floating_point_v<T>) {
        char text[32];
        std::snprintf(text, sizeof text, "%.2f", *value);
        return text;
    } else {
        return std::to_string(*value);
    }
}

std::string feature_collection(const json& features, json extra = json::object()) {
    extra["type"] = "FeatureCollection";
    extra["features"] = features;
    return extra.dump();
}

}  // namespace

std::string meta_json(const service::StatisticsMeta& meta) {
    json categories = json::array();
    for (const auto& c : meta.categories) {
        categories.push_back({{"id", c.id},
                              {"code", c.code},
                              {"parent_id", opt(c.parent_id)},
                              {"level", c.level},
                              {"name", c.name},
                              {"sensitive", c.sensitive}});
    }
    json sources = json::array();
    for (const auto& s : meta.sources) {
        sources.push_back({{"name", s.name},
                           {"attribution", s.attribution},
                           {"licence", s.licence},
                           {"incidents", s.incidents}});
    }
    json periods = nullptr;
    if (meta.periods) {
        periods = {{"first", analytics::month_label(meta.periods->from)},
                   {"last", analytics::month_label(meta.periods->to)}};
    }
    return json{{"town", {{"code", meta.town_code}, {"name", meta.town_name}}},
                {"data_version", meta.data_version},
                {"source", meta.source},
                {"periods", periods},
                {"default_period", period_json(meta.default_period)},
                {"categories", categories},
                {"rules",
                 {{"min_count", meta.rules.min_count},
                  {"min_area_m2", meta.rules.min_area_m2},
                  {"min_population", meta.rules.min_population}}},
                {"sources", sources}}
        .dump();
}

std::string table_json(const service::StatisticsTable& table) {
    json areas = json::array(), categories = json::array(), buckets = json::array();
    for (const auto& a : table.areas) {
        areas.push_back({{"id", a.id},
                         {"name", a.name},
                         {"population", opt(a.population)},
                         {"withheld", a.withheld}});
    }
    for (const auto& c : table.categories) categories.push_back({{"id", c.id}, {"name", c.name}});
    for (const auto& b : table.buckets) buckets.push_back({{"key", b.key}, {"label", b.label}});
    json rows = json::array();
    for (const auto& r : table.rows) {
        rows.push_back({{"area_id", opt(r.area_id)},
                        {"category_id", opt(r.category_id)},
                        {"bucket", opt(r.bucket)},
                        {"count", opt(r.count)},
                        {"status", r.status},
                        {"rate_per_1000", opt(r.rate_per_1000)},
                        {"previous", opt(r.previous)},
                        {"previous_status", opt(r.previous_status)}});
    }
    return json{{"period", period_json(table.period)},
                {"previous_period", period_json(table.previous_period)},
                {"level", service::to_string(table.level)},
                {"bucket", bucket_name(table.bucket)},
                {"exact", table.exact},
                {"areas", areas},
                {"categories", categories},
                {"buckets", buckets},
                {"rows", rows},
                {"notes", table.notes},
                {"dropped_sensitive_categories", table.dropped_sensitive_categories}}
        .dump();
}

std::string table_csv(const service::StatisticsTable& table) {
    std::string out =
        "area_id,area_name,category_id,category_name,bucket,count,status,rate_per_1000,previous,"
        "previous_status\r\n";
    std::map<std::int64_t, std::string> area_names;
    for (const auto& a : table.areas) area_names[a.id] = a.name;
    std::map<std::int32_t, std::string> category_names;
    for (const auto& c : table.categories) category_names[c.id] = c.name;
    for (const auto& r : table.rows) {
        out += csv_number(r.area_id) + ',';
        csv_field(out, r.area_id ? area_names[*r.area_id] : "total");
        out += ',' + csv_number(r.category_id) + ',';
        csv_field(out, r.category_id ? category_names[*r.category_id] : "total");
        out += ',' + r.bucket.value_or("") + ',' + csv_number(r.count) + ',' + r.status + ',' +
               csv_number(r.rate_per_1000) + ',' + csv_number(r.previous) + ',' +
               r.previous_status.value_or("") + "\r\n";
    }
    return out;
}

std::string areas_geojson(const service::AreaFigures& figures) {
    std::string out = R"({"type":"FeatureCollection","period":)" +
                      period_json(figures.period).dump() + R"(,"features":[)";
    bool first = true;
    for (const auto& a : figures.areas) {
        if (!first) out += ',';
        first = false;
        const json properties = {{"id", a.id},
                                 {"name", a.name},
                                 {"count", opt(a.count)},
                                 {"status", a.status},
                                 {"rate_per_1000", opt(a.rate_per_1000)},
                                 {"population", opt(a.population)}};
        out += R"({"type":"Feature","id":)" + std::to_string(a.id) + R"(,"properties":)" +
               properties.dump() + R"(,"geometry":)";
        if (a.shape && !a.shape->empty()) {
            io::append_geometry(out, *a.shape);
        } else {
            out += "null";
        }
        out += '}';
    }
    return out + "]}";
}

std::string areas_csv(const service::AreaFigures& figures) {
    std::string out = "id,name,count,status,rate_per_1000,population\r\n";
    for (const auto& a : figures.areas) {
        out += std::to_string(a.id) + ',';
        csv_field(out, a.name);
        out += ',' + csv_number(a.count) + ',' + a.status + ',' + csv_number(a.rate_per_1000) +
               ',' + csv_number(a.population) + "\r\n";
    }
    return out;
}

std::string grid_geojson(const service::GridFigures& grid) {
    json features = json::array();
    for (const auto& cell : grid.cells) {
        features.push_back({{"type", "Feature"},
                            {"properties", {{"count", opt(cell.count)}, {"status", cell.status}}},
                            {"geometry", box_polygon(cell.bounds)}});
    }
    return feature_collection(features, {{"period", period_json(grid.period)},
                                         {"cell_m", grid.cell_m},
                                         {"total", opt(grid.total)}});
}

std::string summary_json(const service::DistrictSummary& s) {
    json top = json::array();
    for (const auto& row : s.top_categories) {
        const auto name = s.category_names.find(*row.category_id);
        top.push_back({{"id", *row.category_id},
                       {"name", name == s.category_names.end() ? "" : name->second},
                       {"count", opt(row.count)},
                       {"status", row.status}});
    }
    return json{{"district", {{"id", s.district_id}, {"name", s.district_name}}},
                {"period", period_json(s.period)},
                {"total", opt(s.total)},
                {"total_status", s.total_status},
                {"previous_total", opt(s.previous_total)},
                {"change_percent", opt(s.change_percent)},
                {"rate_per_1000", opt(s.rate_per_1000)},
                {"town_rate_per_1000", opt(s.town_rate_per_1000)},
                {"top_categories", top},
                {"reports", {{"count", s.reports}, {"period", period_json(s.period)}}}}
        .dump();
}

namespace {

json profile_row_json(const service::ProfileRow& row,
                      const std::map<std::int32_t, std::string>& names) {
    json by_category = json::array();
    for (const auto& cell : row.by_category) {
        const auto name = names.find(*cell.category_id);
        by_category.push_back({{"id", *cell.category_id},
                               {"name", name == names.end() ? "" : name->second},
                               {"count", opt(cell.count)},
                               {"status", cell.status}});
    }
    return {{"id", row.id},
            {"name", row.name},
            {"population", opt(row.population)},
            {"population_source",
             row.population_source.empty() ? json(nullptr) : json(row.population_source)},
            {"offences",
             {{"count", opt(row.offences)},
              {"status", row.offences_status},
              {"rate_per_1000", opt(row.offences_rate_per_1000)}}},
            {"by_category", by_category},
            {"amenities", row.amenities},
            {"prevention_workers", row.prevention_workers},
            {"reports",
             {{"count", opt(row.reports)}, {"rate_per_1000", opt(row.reports_rate_per_1000)}}}};
}

}  // namespace

std::string profiles_json(const service::ProfilesTable& table) {
    std::map<std::int32_t, std::string> names;
    json categories = json::array();
    for (const auto& c : table.categories) {
        names[c.id] = c.name;
        categories.push_back({{"id", c.id}, {"name", c.name}});
    }
    json areas = json::array();
    for (const auto& row : table.areas) areas.push_back(profile_row_json(row, names));
    return json{{"period", period_json(table.period)},
                {"level", service::to_string(table.level)},
                {"categories", categories},
                {"areas", areas},
                {"town", profile_row_json(table.town, names)}}
        .dump();
}

std::string profiles_csv(const service::ProfilesTable& table) {
    std::set<std::string> amenities, workers;
    for (const auto& row : table.areas) {
        for (const auto& [key, value] : row.amenities) amenities.insert(key);
        for (const auto& [key, value] : row.prevention_workers) workers.insert(key);
    }
    std::string out =
        "id,name,population,population_source,offences,offences_status,offences_rate_per_1000,"
        "reports,reports_rate_per_1000";
    for (const auto& key : amenities) out += ",amenities." + key;
    for (const auto& key : workers) out += ",prevention_workers." + key;
    out += "\r\n";
    auto write = [&](const service::ProfileRow& row) {
        out += std::to_string(row.id) + ',';
        csv_field(out, row.name);
        out += ',' + csv_number(row.population) + ',' + row.population_source + ',' +
               csv_number(row.offences) + ',' + row.offences_status + ',' +
               csv_number(row.offences_rate_per_1000) + ',' + csv_number(row.reports) + ',' +
               csv_number(row.reports_rate_per_1000);
        for (const auto& key : amenities) {
            const auto found = row.amenities.find(key);
            out += ',' + (found == row.amenities.end() ? "" : std::to_string(found->second));
        }
        for (const auto& key : workers) {
            const auto found = row.prevention_workers.find(key);
            out +=
                ',' + (found == row.prevention_workers.end() ? "" : std::to_string(found->second));
        }
        out += "\r\n";
    };
    for (const auto& row : table.areas) write(row);
    write(table.town);
    return out;
}

std::string hotspots_geojson(const service::HotspotLayer& layer) {
    json features = json::array();
    for (const auto& cell : layer.cells) {
        json properties = {{"count", cell.count}};
        switch (layer.method) {
            case service::HotspotMethod::grid:
                break;
            case service::HotspotMethod::gi:
                properties["z"] = opt(cell.z);
                properties["p"] = opt(cell.p);
                properties["significant"] = cell.significant;
                properties["hot"] = cell.label == "hot";
                properties["cold"] = cell.label == "cold";
                break;
            case service::HotspotMethod::kde:
                properties["density"] = cell.density_km2.value_or(0.0);
                break;
            case service::HotspotMethod::localmoran:
                properties["z"] = opt(cell.z);
                properties["p"] = opt(cell.p);
                properties["significant"] = cell.significant;
                properties["quadrant"] = cell.label.empty() ? json(nullptr) : json(cell.label);
                break;
        }
        features.push_back({{"type", "Feature"},
                            {"properties", properties},
                            {"geometry", box_polygon(cell.bounds)}});
    }
    const json parameters = {{"method", service::to_string(layer.method)},
                             {"cell", layer.cell_m},
                             {"band", opt(layer.band_m)},
                             {"bandwidth", opt(layer.bandwidth_m)},
                             {"alpha", layer.alpha},
                             {"density_unit", "incidents per km²"}};
    return feature_collection(features, {{"period", period_json(layer.period)},
                                         {"parameters", parameters},
                                         {"total", layer.total},
                                         {"grid_cells", layer.grid_cells}});
}

std::string points_geojson(const service::IncidentPoints& points) {
    json features = json::array();
    for (const auto& p : points.points) {
        features.push_back({{"type", "Feature"},
                            {"id", p.id},
                            {"properties",
                             {{"id", p.id},
                              {"occurred_at", p.occurred_at},
                              {"types", p.types},
                              {"district_id", opt(p.district_id)}}},
                            {"geometry",
                             {{"type", "Point"},
                              {"coordinates", json::array({p.position.lon, p.position.lat})}}}});
    }
    return feature_collection(
        features, {{"period", period_json(points.period)}, {"truncated", points.truncated}});
}

}  // namespace okrsek::http
