#include "http/api_handlers.hpp"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "geo/bbox.hpp"
#include "io/geojson_writer.hpp"

namespace okrsek::http {
namespace {

using boost::beast::http::verb;
using core::Error;
using core::ErrorCode;
using nlohmann::json;

void append_number(std::string& out, double value) {
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, ec == std::errc{} ? end : buffer);
}

void append_integer(std::string& out, std::int64_t value) {
    char buffer[24];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, ec == std::errc{} ? end : buffer);
}

void append_hits(std::string& out, const std::vector<service::AreaRef>& hits) {
    out += '[';
    for (std::size_t i = 0; i < hits.size(); ++i) {
        const auto& area = hits[i].info();
        if (i > 0) out += ',';
        out += R"({"layer":)";
        io::append_json_string(out, area.layer);
        out += R"(,"id":)";
        append_integer(out, area.id);
        out += R"(,"code":)";
        io::append_json_string(out, area.code);
        out += R"(,"name":)";
        io::append_json_string(out, area.name);
        out += R"(,"municipality":)";
        append_integer(out, area.municipality_code);
        out += '}';
    }
    out += ']';
}

Response health(service::Platform& platform) {
    const auto status = platform.health();
    // catalog_version lets an operator (or a test) see that every server behind a load
    // balancer serves the same layers.
    json body = {{"status", status.ok ? "ok" : "unavailable"},
                 {"version", service::okrsek_version()},
                 {"database", status.engine},
                 {"catalog_version", platform.catalog()->version()}};
    if (status.ok) {
        body["schema_version"] = status.schema_version;
        return json_response(body.dump());
    }
    body["error"] = {{"code", "unavailable"}, {"message", "the database does not answer"}};
    return json_response(body.dump(), 503);
}

// The centre of the default layer's extent, so the map opens on the town.
json map_center(service::Platform& platform, const std::string& layer_name) {
    const auto snapshot = platform.catalog();
    const auto* layer = snapshot->find_layer(layer_name);
    if (!layer || layer->shapes.empty()) return nullptr;
    geo::BBox box = geo::bbox_of(layer->shapes.front());
    for (const auto& shape : layer->shapes) {
        const geo::BBox b = geo::bbox_of(shape);
        box = {std::min(box.min_lon, b.min_lon), std::min(box.min_lat, b.min_lat),
               std::max(box.max_lon, b.max_lon), std::max(box.max_lat, b.max_lat)};
    }
    return {{"lon", (box.min_lon + box.max_lon) / 2.0}, {"lat", (box.min_lat + box.max_lat) / 2.0}};
}

Response config(service::Platform& platform, const ApiSettings& settings) {
    json body = {{"default_layer", settings.default_layer},
                 {"tiles", nullptr},
                 {"center", map_center(platform, settings.default_layer)},
                 {"zoom", 11},
                 {"version", service::okrsek_version()},
                 {"languages", {"cs", "en"}}};
    if (settings.tiles) {
        body["tiles"] = {{"url", settings.tiles->url},
                         {"attribution", settings.tiles->attribution}};
    }
    return json_response(body.dump());
}

Response municipalities(service::Platform& platform) {
    json list = json::array();
    for (const auto& town : platform.municipalities()) {
        list.push_back({{"code", town.code}, {"name", town.name}});
    }
    return json_response(json{{"municipalities", list}}.dump());
}

Response layers(service::Platform& platform) {
    json list = json::array();
    for (const auto& layer : platform.layers()) {
        list.push_back({{"name", layer.name},
                        {"version", layer.version},
                        {"area_count", layer.area_count},
                        {"updated_at", layer.updated_at_utc}});
    }
    return json_response(json{{"layers", list}}.dump());
}

Response areas(service::Platform& platform, const Request& request) {
    service::AreasQuery query;
    auto layer = query_value(request, "layer");
    if (!layer || layer->empty()) {
        throw Error(ErrorCode::invalid_argument, "parameter 'layer' is missing", "layer");
    }
    query.layer = std::string(*layer);
    query.municipality_code = optional_integer(request, "municipality");
    query.simplify_m = optional_number(request, "simplify").value_or(0.0);
    Response response;
    response.content_type = "application/geo+json";
    response.shared_body = platform.areas_geojson(query);
    return response;
}

Response area(service::Platform& platform, const std::string& id_text) {
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
    if (ec != std::errc{} || end != id_text.data() + id_text.size()) {
        throw Error(ErrorCode::invalid_argument,
                    "area id must be an integer, got '" + id_text.substr(0, 40) + "'", "id");
    }
    Response response = json_response(platform.area_geojson(id));
    response.content_type = "application/geo+json";
    return response;
}

Response lookup_one(service::Platform& platform, const Request& request) {
    const core::LonLat position{required_number(request, "lon"), required_number(request, "lat")};
    const auto result = platform.lookup(position);
    if (result.areas.empty()) {
        throw Error(ErrorCode::outside_coverage, "no area of any layer contains this point");
    }
    std::string out = R"({"lon":)";
    append_number(out, position.lon);
    out += R"(,"lat":)";
    append_number(out, position.lat);
    out += R"(,"areas":)";
    append_hits(out, result.areas);
    out += '}';
    return json_response(std::move(out));
}

double point_number(const json& point, const char* name, std::size_t index) {
    const auto found = point.find(name);
    const std::string field = "points[" + std::to_string(index) + "]." + name;
    if (found == point.end()) {
        throw Error(ErrorCode::invalid_argument, field + " is missing", field);
    }
    if (!found->is_number()) {
        throw Error(ErrorCode::invalid_argument, field + " must be a number", field);
    }
    return found->get<double>();
}

Response lookup_many(service::Platform& platform, const Request& request) {
    const json body = json::parse(request.body, nullptr, false);
    if (body.is_discarded()) {
        throw Error(ErrorCode::invalid_argument, "the body is not valid JSON", "body");
    }
    const auto points = body.is_object() ? body.find("points") : body.end();
    if (points == body.end() || !points->is_array()) {
        throw Error(ErrorCode::invalid_argument, R"(the body must be {"points":[…]})", "points");
    }
    if (points->size() > service::max_batch_points) {
        throw Error(ErrorCode::payload_too_large,
                    "at most " + std::to_string(service::max_batch_points) + " points per request",
                    "points");
    }
    std::vector<core::LonLat> positions;
    std::vector<std::string> ids;
    positions.reserve(points->size());
    for (std::size_t i = 0; i < points->size(); ++i) {
        const json& point = (*points)[i];
        if (!point.is_object()) {
            const std::string field = "points[" + std::to_string(i) + "]";
            throw Error(ErrorCode::invalid_argument, field + " must be an object", field);
        }
        const auto id = point.find("id");
        ids.push_back(id == point.end() ? "null" : id->dump());
        positions.push_back({point_number(point, "lon", i), point_number(point, "lat", i)});
    }
    const auto results = platform.lookup_many(positions);
    std::string out = R"({"results":[)";
    for (std::size_t i = 0; i < results.size(); ++i) {
        if (i > 0) out += ',';
        out += R"({"id":)";
        out += ids[i];
        out += R"(,"areas":)";
        append_hits(out, results[i].areas);
        out += '}';
    }
    out += "]}";
    return json_response(std::move(out));
}

}  // namespace

void add_api_routes(Router& router, service::Platform& platform, const ApiSettings& settings) {
    auto* p = &platform;
    router.add(verb::get, "/api/v1/health",
               [p](const Request&, const PathParams&) { return health(*p); });
    router.add(verb::get, "/api/v1/config",
               [p, settings](const Request&, const PathParams&) { return config(*p, settings); });
    router.add(verb::get, "/api/v1/municipalities",
               [p](const Request&, const PathParams&) { return municipalities(*p); });
    router.add(verb::get, "/api/v1/layers",
               [p](const Request&, const PathParams&) { return layers(*p); });
    router.add(verb::get, "/api/v1/areas",
               [p](const Request& request, const PathParams&) { return areas(*p, request); });
    router.add(verb::get, "/api/v1/areas/{id}",
               [p](const Request&, const PathParams& params) { return area(*p, params.at(0)); });
    router.add(verb::get, "/api/v1/lookup",
               [p](const Request& request, const PathParams&) { return lookup_one(*p, request); });
    router.add(verb::post, "/api/v1/lookup",
               [p](const Request& request, const PathParams&) { return lookup_many(*p, request); });
}

}  // namespace okrsek::http
