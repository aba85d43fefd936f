// The back office of the district directory: teams, holders, photos, places, team roles and
// place kinds. Every route needs a complete session (Application checks it and the CSRF token);
// the service checks the permission for the object as stored.
#include <algorithm>
#include <cctype>

#include "core/error.hpp"
#include "http/caller.hpp"
#include "http/directory_handlers.hpp"
#include "http/directory_json.hpp"
#include "http/directory_requests.hpp"
#include "http/json_body.hpp"

namespace okrsek::http {
namespace {

using boost::beast::http::verb;
using core::Error;
using core::ErrorCode;
using nlohmann::json;

Response json_answer(const json& body, unsigned status = 200) {
    return json_response(body.dump(), status);
}

const service::Principal& principal_of(const Request& request) {
    return caller_of(request).principal();
}

bool required_flag(const json& body, std::string_view name) {
    const auto value = optional_bool(body, name);
    if (!value) {
        throw Error(ErrorCode::invalid_argument, std::string(name) + " is missing",
                    std::string(name));
    }
    return *value;
}

Response editable_districts(service::Platform& platform, const Request& request,
                            const PathParams&) {
    const auto town = optional_id_parameter(request, "municipality");
    json list = json::array();
    for (const auto& entry : platform.directory().editable_districts(principal_of(request), town)) {
        json item = brief_json(entry.district);
        item["municipality"] = entry.municipality_code;
        item["city_part"] = entry.city_part ? brief_json(*entry.city_part) : json(nullptr);
        list.push_back(std::move(item));
    }
    return json_answer({{"districts", std::move(list)}});
}

Response team_history(service::Platform& platform, const Request& request,
                      const PathParams& params) {
    const auto id = path_id(params.at(0), "id");
    json seats = json::array();
    for (const auto& seat : platform.directory().team_history(principal_of(request), id)) {
        json holders = json::array();
        for (const auto& holder : seat.holders) holders.push_back(staff_holder_json(holder));
        store::Contact contact;
        if (seat.position) contact = {seat.position->email, seat.position->phone};
        seats.push_back({{"role", role_json(seat.role)},
                         {"contact", contact_json(contact)},
                         {"holders", std::move(holders)}});
    }
    return json_answer({{"district_id", id}, {"team", std::move(seats)}});
}

Response set_contact(service::Platform& platform, const Request& request,
                     const PathParams& params) {
    const json body = json_object_body(request);
    const auto position =
        platform.directory().set_contact(principal_of(request), path_id(params.at(0), "id"),
                                         path_id(params.at(1), "role"), contact_of(body));
    return json_answer({{"contact", contact_json({position.email, position.phone})}});
}

Response start_holder(service::Platform& platform, const Request& request,
                      const PathParams& params) {
    const json body = json_object_body(request);
    const std::string from = required_string(body, "from", 10);
    const auto holder =
        platform.directory().start_holder(principal_of(request), path_id(params.at(0), "id"),
                                          path_id(params.at(1), "role"), profile_of(body), from);
    return json_answer({{"holder", staff_holder_json(holder)}}, 201);
}

Response update_holder(service::Platform& platform, const Request& request,
                       const PathParams& params) {
    const json body = json_object_body(request);
    const auto holder = platform.directory().update_holder(
        principal_of(request), path_id(params.at(0), "id"), profile_of(body));
    return json_answer({{"holder", staff_holder_json(holder)}});
}

Response end_holder(service::Platform& platform, const Request& request, const PathParams& params) {
    const json body = json_object_body(request);
    const auto holder = platform.directory().end_holder(
        principal_of(request), path_id(params.at(0), "id"), required_string(body, "to", 10));
    return json_answer({{"holder", staff_holder_json(holder)}});
}

bool is_image_type(std::string_view content_type) {
    std::string type(content_type.substr(0, content_type.find(';')));
    type.erase(std::remove(type.begin(), type.end(), ' '), type.end());
    std::transform(type.begin(), type.end(), type.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return type == "image/jpeg" || type == "image/png";
}

Response upload_photo(service::Platform& platform, const Request& request,
                      const PathParams& params) {
    const auto holder = path_id(params.at(0), "id");
    // A refusal comes first, whatever the body: it must not depend on what was sent.
    platform.directory().require_holder_edit(principal_of(request), holder);
    if (!is_image_type(request.content_type)) {
        return error_response(415, "unsupported_media_type",
                              "send the photo as the raw body with Content-Type image/jpeg or "
                              "image/png",
                              "Content-Type");
    }
    if (request.body.empty()) {
        throw Error(ErrorCode::invalid_argument, "the photo is empty", "photo");
    }
    const auto stored =
        platform.directory().upload_photo(principal_of(request), holder, request.body);
    return json_answer({{"photo",
                         {{"id", stored.photo_id},
                          {"url", photo_url(stored.photo_id, stored.sha256)},
                          {"thumbnail_url", photo_url(stored.photo_id, stored.thumb_sha256)},
                          {"width", stored.width},
                          {"height", stored.height}}}},
                       201);
}

Response remove_photo(service::Platform& platform, const Request& request,
                      const PathParams& params) {
    platform.directory().remove_photo(principal_of(request), path_id(params.at(0), "id"));
    return json_answer({{"status", "removed"}});
}

Response staff_photo(service::Platform& platform, const Request& request,
                     const PathParams& params) {
    const auto id = path_id(params.at(0), "id");
    const auto hash = photo_hash_of(params.at(1));
    const auto content =
        hash ? platform.directory().staff_photo(principal_of(request), id, *hash) : std::nullopt;
    if (!content) throw Error(ErrorCode::not_found, "no such photo", "photo");
    // Former holders' photos are for staff only: never kept by a browser or a proxy.
    return jpeg_response(content->jpeg, content->sha256, "no-store");
}

Response create_place(service::Platform& platform, const Request& request, const PathParams&) {
    const json body = json_object_body(request);
    const auto town = required_int(body, "municipality");
    const std::string kind = required_string(body, "kind", 64);
    const auto view =
        platform.directory().create_place(principal_of(request), town, kind, place_fields_of(body));
    return json_answer({{"place", place_json(view)}}, 201);
}

Response update_place(service::Platform& platform, const Request& request,
                      const PathParams& params) {
    const json body = json_object_body(request);
    const auto view = platform.directory().update_place(
        principal_of(request), path_id(params.at(0), "id"), place_fields_of(body));
    return json_answer({{"place", place_json(view)}});
}

Response delete_place(service::Platform& platform, const Request& request,
                      const PathParams& params) {
    platform.directory().delete_place(principal_of(request), path_id(params.at(0), "id"));
    return json_answer({{"status", "deleted"}});
}

Response add_team_role(service::Platform& platform, const Request& request, const PathParams&) {
    const json body = json_object_body(request);
    store::NewTeamRole role;
    role.municipality_code = required_int(body, "municipality");
    role.code = required_string(body, "code", 64);
    role.name_cs = required_string(body, "name_cs", 200);
    role.name_en = required_string(body, "name_en", 200);
    return json_answer(
        {{"role", role_json(platform.directory().add_team_role(principal_of(request), role))}},
        201);
}

Response update_team_role(service::Platform& platform, const Request& request,
                          const PathParams& params) {
    const json body = json_object_body(request);
    const auto role = platform.directory().update_team_role(
        principal_of(request), path_id(params.at(0), "id"), required_string(body, "name_cs", 200),
        required_string(body, "name_en", 200), optional_bool(body, "retired").value_or(false));
    return json_answer({{"role", role_json(role)}});
}

Response order_team_roles(service::Platform& platform, const Request& request, const PathParams&) {
    const json body = json_object_body(request);
    const auto town = required_int(body, "municipality");
    const auto list = body.find("roles");
    if (list == body.end() || !list->is_array() || list->size() > 100) {
        throw Error(ErrorCode::invalid_argument, "roles must be a list of at most 100 role ids",
                    "roles");
    }
    std::vector<std::int64_t> ids;
    for (const auto& item : *list) {
        if (!item.is_number_integer()) {
            throw Error(ErrorCode::invalid_argument, "roles must hold role ids", "roles");
        }
        ids.push_back(item.get<std::int64_t>());
    }
    json roles = json::array();
    for (const auto& role :
         platform.directory().order_team_roles(principal_of(request), town, ids)) {
        roles.push_back(role_json(role));
    }
    return json_answer({{"roles", std::move(roles)}});
}

Response add_place_kind(service::Platform& platform, const Request& request, const PathParams&) {
    const json body = json_object_body(request);
    store::NewPlaceKind kind;
    kind.municipality_code = required_int(body, "municipality");
    kind.code = required_string(body, "code", 64);
    kind.name_cs = required_string(body, "name_cs", 200);
    kind.name_en = required_string(body, "name_en", 200);
    kind.station = optional_bool(body, "station").value_or(false);
    return json_answer(
        {{"kind", kind_json(platform.directory().add_place_kind(principal_of(request), kind))}},
        201);
}

Response update_place_kind(service::Platform& platform, const Request& request,
                           const PathParams& params) {
    const json body = json_object_body(request);
    const auto kind = platform.directory().update_place_kind(
        principal_of(request), path_id(params.at(0), "id"), required_string(body, "name_cs", 200),
        required_string(body, "name_en", 200), required_flag(body, "station"));
    return json_answer({{"kind", kind_json(kind)}});
}

}  // namespace

void add_directory_admin_routes(Router& router, service::Platform& platform) {
    auto* p = &platform;
    using Fn = Response (*)(service::Platform&, const Request&, const PathParams&);
    const auto route = [&](verb method, std::string pattern, Fn handler) {
        router.add(
            method, std::move(pattern),
            [p, handler](const Request& request, const PathParams& params) {
                return handler(*p, request, params);
            },
            Access::session);
    };
    route(verb::get, "/api/v1/admin/districts", editable_districts);
    route(verb::get, "/api/v1/admin/districts/{id}/team", team_history);
    route(verb::put, "/api/v1/admin/districts/{id}/roles/{role}/contact", set_contact);
    route(verb::post, "/api/v1/admin/districts/{id}/roles/{role}/holders", start_holder);
    route(verb::put, "/api/v1/admin/holders/{id}", update_holder);
    route(verb::post, "/api/v1/admin/holders/{id}/end", end_holder);
    route(verb::put, "/api/v1/admin/holders/{id}/photo", upload_photo);
    route(verb::delete_, "/api/v1/admin/holders/{id}/photo", remove_photo);
    route(verb::get, "/api/v1/admin/photos/{id}/{file}", staff_photo);
    route(verb::post, "/api/v1/admin/places", create_place);
    route(verb::put, "/api/v1/admin/places/{id}", update_place);
    route(verb::delete_, "/api/v1/admin/places/{id}", delete_place);
    route(verb::post, "/api/v1/admin/team-roles", add_team_role);
    route(verb::put, "/api/v1/admin/team-roles/{id}", update_team_role);
    route(verb::post, "/api/v1/admin/team-roles/order", order_team_roles);
    route(verb::post, "/api/v1/admin/place-kinds", add_place_kind);
    route(verb::put, "/api/v1/admin/place-kinds/{id}", update_place_kind);
}

}  // namespace okrsek::http
