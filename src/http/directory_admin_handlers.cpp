// The back office of the district directory: teams, holders, photos, places, team roles and
// place kinds. Every route needs a complete session (Application checks it and the CSRF token);
// the service checks the permission for the object as stored.
#include <algorithm>
#include <cctype>

#include "core/error.hpp"
#include "http/admin_route.hpp"
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

service::DistrictDirectory& directory(const AdminCall& call) {
    return call.platform().directory();
}

bool required_flag(const json& body, std::string_view name) {
    const auto value = optional_bool(body, name);
    if (!value) {
        throw Error(ErrorCode::invalid_argument, std::string(name) + " is missing",
                    std::string(name));
    }
    return *value;
}

Response editable_districts(const AdminCall& call) {
    const auto town = optional_id_parameter(call.request(), "municipality");
    json list = json::array();
    for (const auto& entry : directory(call).editable_districts(call.principal(), town)) {
        json item = brief_json(entry.district);
        item["municipality"] = entry.municipality_code;
        item["city_part"] = entry.city_part ? brief_json(*entry.city_part) : json(nullptr);
        item["appoint"] = entry.appoint;
        list.push_back(std::move(item));
    }
    return json_answer({{"districts", std::move(list)}});
}

Response team_history(const AdminCall& call) {
    const auto id = call.id();
    json seats = json::array();
    for (const auto& seat : directory(call).team_history(call.principal(), id)) {
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

Response set_contact(const AdminCall& call) {
    const json body = call.body();
    const auto position = directory(call).set_contact(call.principal(), call.id(),
                                                      call.id(1, "role"), contact_of(body));
    return json_answer({{"contact", contact_json({position.email, position.phone})}});
}

Response start_holder(const AdminCall& call) {
    const json body = call.body();
    const std::string from = required_string(body, "from", 10);
    const auto holder = directory(call).start_holder(call.principal(), call.id(),
                                                     call.id(1, "role"), profile_of(body), from);
    return json_answer({{"holder", staff_holder_json(holder)}}, 201);
}

Response update_holder(const AdminCall& call) {
    const json body = call.body();
    // A body without "user_id" keeps the linked account; null unlinks it.
    const auto holder = directory(call).update_holder(call.principal(), call.id(), profile_of(body),
                                                      !body.contains("user_id"));
    return json_answer({{"holder", staff_holder_json(holder)}});
}

Response end_holder(const AdminCall& call) {
    const json body = call.body();
    const auto holder =
        directory(call).end_holder(call.principal(), call.id(), required_string(body, "to", 10));
    return json_answer({{"holder", staff_holder_json(holder)}});
}

bool is_image_type(std::string_view content_type) {
    std::string type(content_type.substr(0, content_type.find(';')));
    type.erase(std::remove(type.begin(), type.end(), ' '), type.end());
    std::transform(type.begin(), type.end(), type.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return type == "image/jpeg" || type == "image/png";
}

Response upload_photo(const AdminCall& call) {
    const Request& request = call.request();
    const auto holder = call.id();
    // A refusal comes first, whatever the body: it must not depend on what was sent.
    directory(call).require_holder_edit(call.principal(), holder);
    if (!is_image_type(request.content_type)) {
        return error_response(415, "unsupported_media_type",
                              "send the photo as the raw body with Content-Type image/jpeg or "
                              "image/png",
                              "Content-Type");
    }
    if (request.body.empty()) {
        throw Error(ErrorCode::invalid_argument, "the photo is empty", "photo");
    }
    const auto stored = directory(call).upload_photo(call.principal(), holder, request.body);
    return json_answer({{"photo",
                         {{"id", stored.photo_id},
                          {"url", photo_url(stored.photo_id, stored.sha256)},
                          {"thumbnail_url", photo_url(stored.photo_id, stored.thumb_sha256)},
                          {"width", stored.width},
                          {"height", stored.height}}}},
                       201);
}

Response remove_photo(const AdminCall& call) {
    directory(call).remove_photo(call.principal(), call.id());
    return json_answer({{"status", "removed"}});
}

Response staff_photo(const AdminCall& call) {
    const auto id = call.id();
    const auto hash = photo_hash_of(call.params().at(1));
    const auto content =
        hash ? directory(call).staff_photo(call.principal(), id, *hash) : std::nullopt;
    if (!content) throw Error(ErrorCode::not_found, "no such photo", "photo");
    // Former holders' photos are for staff only: never kept by a browser or a proxy.
    return jpeg_response(content->jpeg, content->sha256, "no-store");
}

Response create_place(const AdminCall& call) {
    const json body = call.body();
    const auto town = required_int(body, "municipality");
    const std::string kind = required_string(body, "kind", 64);
    const auto view =
        directory(call).create_place(call.principal(), town, kind, place_fields_of(body));
    return json_answer({{"place", place_json(view)}}, 201);
}

Response update_place(const AdminCall& call) {
    const json body = call.body();
    const auto view =
        directory(call).update_place(call.principal(), call.id(), place_fields_of(body));
    return json_answer({{"place", place_json(view)}});
}

Response delete_place(const AdminCall& call) {
    directory(call).delete_place(call.principal(), call.id());
    return json_answer({{"status", "deleted"}});
}

Response add_team_role(const AdminCall& call) {
    const json body = call.body();
    store::NewTeamRole role;
    role.municipality_code = required_int(body, "municipality");
    role.code = required_string(body, "code", 64);
    role.name_cs = required_string(body, "name_cs", 200);
    role.name_en = required_string(body, "name_en", 200);
    return json_answer({{"role", role_json(directory(call).add_team_role(call.principal(), role))}},
                       201);
}

Response update_team_role(const AdminCall& call) {
    const json body = call.body();
    const auto role = directory(call).update_team_role(
        call.principal(), call.id(), required_string(body, "name_cs", 200),
        required_string(body, "name_en", 200), optional_bool(body, "retired").value_or(false));
    return json_answer({{"role", role_json(role)}});
}

Response order_team_roles(const AdminCall& call) {
    const json body = call.body();
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
    for (const auto& role : directory(call).order_team_roles(call.principal(), town, ids)) {
        roles.push_back(role_json(role));
    }
    return json_answer({{"roles", std::move(roles)}});
}

Response add_place_kind(const AdminCall& call) {
    const json body = call.body();
    store::NewPlaceKind kind;
    kind.municipality_code = required_int(body, "municipality");
    kind.code = required_string(body, "code", 64);
    kind.name_cs = required_string(body, "name_cs", 200);
    kind.name_en = required_string(body, "name_en", 200);
    kind.station = optional_bool(body, "station").value_or(false);
    return json_answer(
        {{"kind", kind_json(directory(call).add_place_kind(call.principal(), kind))}}, 201);
}

Response update_place_kind(const AdminCall& call) {
    const json body = call.body();
    const auto kind = directory(call).update_place_kind(
        call.principal(), call.id(), required_string(body, "name_cs", 200),
        required_string(body, "name_en", 200), required_flag(body, "station"));
    return json_answer({{"kind", kind_json(kind)}});
}

}  // namespace

void add_directory_admin_routes(Router& router, service::Platform& platform) {
    const AdminRoutes routes(router, platform);
    routes.add(verb::get, "/api/v1/admin/districts", editable_districts);
    routes.add(verb::get, "/api/v1/admin/districts/{id}/team", team_history);
    routes.add(verb::put, "/api/v1/admin/districts/{id}/roles/{role}/contact", set_contact);
    routes.add(verb::post, "/api/v1/admin/districts/{id}/roles/{role}/holders", start_holder);
    routes.add(verb::put, "/api/v1/admin/holders/{id}", update_holder);
    routes.add(verb::post, "/api/v1/admin/holders/{id}/end", end_holder);
    routes.add(verb::put, "/api/v1/admin/holders/{id}/photo", upload_photo);
    routes.add(verb::delete_, "/api/v1/admin/holders/{id}/photo", remove_photo);
    routes.add(verb::get, "/api/v1/admin/photos/{id}/{file}", staff_photo);
    routes.add(verb::post, "/api/v1/admin/places", create_place);
    routes.add(verb::put, "/api/v1/admin/places/{id}", update_place);
    routes.add(verb::delete_, "/api/v1/admin/places/{id}", delete_place);
    routes.add(verb::post, "/api/v1/admin/team-roles", add_team_role);
    routes.add(verb::put, "/api/v1/admin/team-roles/{id}", update_team_role);
    routes.add(verb::post, "/api/v1/admin/team-roles/order", order_team_roles);
    routes.add(verb::post, "/api/v1/admin/place-kinds", add_place_kind);
    routes.add(verb::put, "/api/v1/admin/place-kinds/{id}", update_place_kind);
}

}  // namespace okrsek::http
