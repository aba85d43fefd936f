// The public district directory: cards, teams, places on the map, team roles and photos. Open
// to everyone (Access::open); editing is in directory_admin_handlers.cpp.
#include "http/directory_handlers.hpp"

#include <charconv>

#include "core/error.hpp"
#include "http/agenda_json.hpp"
#include "http/directory_json.hpp"
#include "http/directory_requests.hpp"
#include "http/json_body.hpp"

namespace okrsek::http {
namespace {

using boost::beast::http::verb;
using core::Error;
using core::ErrorCode;
using nlohmann::json;

constexpr std::int64_t default_page = 20;
constexpr std::int64_t max_offset = 1'000'000;
// A photo's URL names its content: it never changes, so browsers and proxies keep it a year.
constexpr std::string_view immutable_cache = "public, max-age=31536000, immutable";

// Staff edits show within a minute; the card is read far more often than it changes.
constexpr std::string_view public_cache = "public, max-age=60";

Response public_json_answer(const json& body) {
    Response response = json_response(body.dump());
    response.headers.emplace_back("Cache-Control", std::string(public_cache));
    return response;
}

// The card shows the district's priorities (active ones first) and its upcoming meetings; the
// lists' own endpoints page through the rest.
constexpr std::size_t card_priorities = 10;
constexpr std::size_t card_events = 5;

Response card(service::Platform& platform, const Request&, const PathParams& params) {
    const auto id = path_id(params.at(0), "id");
    json body = card_json(platform.directory().card(id));
    AgendaJson agenda(platform.agenda());
    const service::AgendaPage priorities_page{.limit = card_priorities, .offset = 0};
    body["priorities"] =
        agenda.priorities(platform.agenda().district_priorities(id, std::nullopt, priorities_page),
                          priorities_page)["priorities"];
    const service::AgendaPage events_page{.limit = card_events, .offset = 0};
    body["events"] = agenda.events(
        platform.agenda().district_events(id, store::EventWindow::upcoming, events_page),
        events_page)["events"];
    return public_json_answer(body);
}

Response team(service::Platform& platform, const Request&, const PathParams& params) {
    const auto id = path_id(params.at(0), "id");
    json seats = json::array();
    for (const auto& seat : platform.directory().team(id)) seats.push_back(seat_json(seat));
    return public_json_answer({{"district_id", id}, {"team", std::move(seats)}});
}

Response district_places(service::Platform& platform, const Request& request,
                         const PathParams& params) {
    const auto id = path_id(params.at(0), "id");
    const auto limit = optional_integer(request, "limit").value_or(default_page);
    const auto offset = optional_integer(request, "offset").value_or(0);
    if (limit < 1 || limit > static_cast<std::int64_t>(service::max_page_places)) {
        throw Error(ErrorCode::invalid_argument, "limit must be from 1 to 100", "limit");
    }
    if (offset < 0 || offset > max_offset) {
        throw Error(ErrorCode::invalid_argument, "offset must be from 0 to 1000000", "offset");
    }
    const auto page = platform.directory().district_places(id, static_cast<std::size_t>(limit),
                                                           static_cast<std::size_t>(offset));
    json places = json::array();
    for (const auto& view : page.places) places.push_back(place_json(view));
    const std::size_t next = page.offset + page.places.size();
    return public_json_answer({{"district_id", id},
                               {"places", std::move(places)},
                               {"total", page.total},
                               {"limit", page.limit},
                               {"offset", page.offset},
                               {"next_offset", next < page.total ? json(next) : json(nullptr)}});
}

// "min_lon,min_lat,max_lon,max_lat".
std::array<double, 4> bbox_of(std::string_view text) {
    std::array<double, 4> box{};
    std::size_t index = 0;
    while (index < box.size()) {
        const auto comma = text.find(',');
        const auto number = parse_number(text.substr(0, comma));
        if (!number) break;
        box[index++] = *number;
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    if (index != box.size() || text.find(',') != std::string_view::npos) {
        throw Error(ErrorCode::invalid_argument,
                    "bbox must be four numbers: min_lon,min_lat,max_lon,max_lat", "bbox");
    }
    return box;
}

Response places(service::Platform& platform, const Request& request, const PathParams&) {
    service::PlaceQuery query;
    query.municipality_code = municipality_parameter(request);
    if (const auto kind = query_value(request, "kind"); kind && !kind->empty()) {
        query.kind = std::string(*kind);
    }
    if (const auto box = query_value(request, "bbox")) query.bbox = bbox_of(*box);
    Response response = public_json_answer(places_geojson(platform.directory().town_places(query)));
    response.content_type = "application/geo+json";
    return response;
}

Response team_roles(service::Platform& platform, const Request& request, const PathParams&) {
    const auto town = municipality_parameter(request);
    const auto retired = query_value(request, "include_retired");
    if (retired && *retired != "true" && *retired != "false") {
        throw Error(ErrorCode::invalid_argument, "include_retired must be true or false",
                    "include_retired");
    }
    json roles = json::array();
    for (const auto& role : platform.directory().team_roles(town, retired == "true")) {
        roles.push_back(role_json(role));
    }
    return public_json_answer({{"municipality", town}, {"roles", std::move(roles)}});
}

Response place_kinds(service::Platform& platform, const Request& request, const PathParams&) {
    const auto town = municipality_parameter(request);
    json kinds = json::array();
    for (const auto& kind : platform.directory().place_kinds(town))
        kinds.push_back(kind_json(kind));
    return public_json_answer({{"municipality", town}, {"kinds", std::move(kinds)}});
}

Response photo(service::Platform& platform, const Request& request, const PathParams& params) {
    const auto id = path_id(params.at(0), "id");
    const auto hash = photo_hash_of(params.at(1));
    const auto content = hash ? platform.directory().public_photo(id, *hash) : std::nullopt;
    if (!content) throw Error(ErrorCode::not_found, "no such photo", "photo");
    Response response = jpeg_response(content->jpeg, content->sha256, immutable_cache);
    if (request.if_none_match.find("\"" + content->sha256 + "\"") != std::string::npos) {
        response.status = 304;
        response.body.clear();
        response.content_type.clear();
    }
    return response;
}

}  // namespace

void add_directory_routes(Router& router, service::Platform& platform) {
    auto* p = &platform;
    using Fn = Response (*)(service::Platform&, const Request&, const PathParams&);
    const auto route = [&](std::string pattern, Fn handler) {
        router.add(verb::get, std::move(pattern),
                   [p, handler](const Request& request, const PathParams& params) {
                       return handler(*p, request, params);
                   });
    };
    route("/api/v1/districts/{id}", card);
    route("/api/v1/districts/{id}/team", team);
    route("/api/v1/districts/{id}/places", district_places);
    route("/api/v1/places", places);
    route("/api/v1/team-roles", team_roles);
    route("/api/v1/place-kinds", place_kinds);
    route("/api/v1/photos/{id}/{file}", photo);
    add_directory_admin_routes(router, platform);
}

}  // namespace okrsek::http
