// Back-office editing of priorities and events: parse the body strictly (unknown members are
// refused, so a misspelt field never goes silently unsaved), call the service, answer the
// object as stored.
#include "http/agenda_admin_handlers.hpp"

#include <algorithm>
#include <initializer_list>

#include "core/error.hpp"
#include "core/prague_time.hpp"
#include "http/admin_route.hpp"
#include "http/agenda_json.hpp"
#include "http/json_body.hpp"

namespace okrsek::http {
namespace {

using boost::beast::http::verb;
using core::Error;
using core::ErrorCode;
using nlohmann::json;

// JSON members are checked against the service's limits again after trimming; these only
// keep absurd bodies out early.
constexpr std::size_t max_member_bytes = 32 * 1024;

void refuse_unknown(const json& body, std::initializer_list<std::string_view> known) {
    for (const auto& [name, value] : body.items()) {
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            throw Error(ErrorCode::invalid_argument, "unknown member " + name, name);
        }
    }
}

template <typename Enum>
std::optional<Enum> enum_member(const json& body, std::string_view name,
                                std::optional<Enum> (*parse)(std::string_view) noexcept,
                                std::string_view choices) {
    const auto text = optional_string(body, name, 64);
    if (!text) return std::nullopt;
    const auto value = parse(*text);
    if (!value) {
        throw Error(ErrorCode::invalid_argument,
                    std::string(name) + " must be one of " + std::string(choices),
                    std::string(name));
    }
    return value;
}

std::optional<std::string> text_member(const json& body, std::string_view name) {
    return optional_string(body, name, max_member_bytes);
}

// Present and null: cleared; present with an id: that id; absent: unchanged.
std::optional<std::optional<std::int64_t>> nullable_id(const json& body, std::string_view name) {
    if (!body.contains(name)) return std::nullopt;
    if (body.at(name).is_null()) return std::optional<std::int64_t>();
    const auto id = optional_int(body, name);
    if (!id || *id <= 0) {
        throw Error(ErrorCode::invalid_argument, std::string(name) + " must be a positive id",
                    std::string(name));
    }
    return std::optional<std::int64_t>(id);
}

std::optional<std::optional<core::LonLat>> position_member(const json& body) {
    if (!body.contains("position")) return std::nullopt;
    const json& value = body.at("position");
    if (value.is_null()) return std::optional<core::LonLat>();
    const auto coordinate = [&](const char* name) {
        const auto found = value.is_object() ? value.find(name) : value.end();
        if (found == value.end() || !found->is_number()) {
            throw Error(ErrorCode::invalid_argument,
                        std::string("position.") + name + " must be a number",
                        std::string("position.") + name);
        }
        return found->get<double>();
    };
    return std::optional<core::LonLat>(core::LonLat{coordinate("lon"), coordinate("lat")});
}

std::optional<store::TimePoint> time_member(const json& body, std::string_view name) {
    const auto text = optional_string(body, name, 64);
    if (!text) return std::nullopt;
    return core::parse_prague_time(*text, name);
}

service::PriorityInput priority_input(const json& body) {
    refuse_unknown(
        body, {"title", "description", "source", "raised_on", "source_event_id", "action_taken"});
    service::PriorityInput input;
    input.title = text_member(body, "title");
    input.description = text_member(body, "description");
    input.source = enum_member(body, "source", store::priority_source_from,
                               "public_meeting, citizen_reports, survey, other");
    input.raised_on = optional_string(body, "raised_on", 32);
    input.source_event_id = nullable_id(body, "source_event_id");
    input.action_taken = text_member(body, "action_taken");
    return input;
}

service::EventInput event_input(const json& body) {
    refuse_unknown(body, {"kind", "title", "place_name", "address", "position", "starts_at",
                          "ends_at", "agenda"});
    service::EventInput input;
    input.kind = enum_member(body, "kind", store::event_kind_from,
                             "public_meeting, prevention_event, other");
    input.title = text_member(body, "title");
    input.place_name = text_member(body, "place_name");
    input.address = text_member(body, "address");
    input.position = position_member(body);
    input.starts_at = time_member(body, "starts_at");
    input.ends_at = time_member(body, "ends_at");
    input.agenda = text_member(body, "agenda");
    return input;
}

service::DistrictAgenda& agenda(const AdminCall& call) {
    return call.platform().agenda();
}

Response priority_answer(const AdminCall& call, const store::Priority& priority,
                         unsigned status = 200) {
    AgendaJson renderer(agenda(call));
    return json_answer({{"priority", renderer.priority(priority, true)}}, status);
}

Response event_answer(const AdminCall& call, const store::Event& event, unsigned status = 200) {
    AgendaJson renderer(agenda(call));
    return json_answer({{"event", renderer.event(event)}}, status);
}

Response create_priority(const AdminCall& call) {
    const auto input = priority_input(call.body());
    return priority_answer(call, agenda(call).create_priority(call.principal(), call.id(), input),
                           201);
}

Response update_priority(const AdminCall& call) {
    const auto input = priority_input(call.body());
    return priority_answer(call, agenda(call).update_priority(call.principal(), call.id(), input));
}

Response priority_status(const AdminCall& call) {
    const json body = call.body();
    refuse_unknown(body, {"status", "reason"});
    const auto status = enum_member(body, "status", store::priority_status_from,
                                    "in_progress, action_completed, dropped");
    if (!status) throw Error(ErrorCode::invalid_argument, "status is missing", "status");
    const auto reason = optional_string(body, "reason", max_member_bytes);
    return priority_answer(
        call, agenda(call).change_priority_status(call.principal(), call.id(), *status, reason));
}

Response evaluate_priority(const AdminCall& call) {
    const json body = call.body();
    refuse_unknown(body, {"outcome", "text", "evaluated_on", "event_id"});
    service::EvaluationInput input;
    const auto outcome = enum_member(body, "outcome", store::evaluation_outcome_from,
                                     "worked, partly, did_not_work");
    if (!outcome) throw Error(ErrorCode::invalid_argument, "outcome is missing", "outcome");
    input.outcome = *outcome;
    input.text = required_string(body, "text", max_member_bytes);
    input.evaluated_on = required_string(body, "evaluated_on", 32);
    if (const auto event = nullable_id(body, "event_id")) input.event_id = *event;
    return priority_answer(call,
                           agenda(call).evaluate_priority(call.principal(), call.id(), input));
}

Response create_district_event(const AdminCall& call) {
    const auto input = event_input(call.body());
    return event_answer(
        call, agenda(call).create_district_event(call.principal(), call.id(), input), 201);
}

Response create_town_event(const AdminCall& call) {
    const auto input = event_input(call.body());
    return event_answer(
        call, agenda(call).create_town_event(call.principal(), call.id(0, "code"), input), 201);
}

Response update_event(const AdminCall& call) {
    const auto input = event_input(call.body());
    return event_answer(call, agenda(call).update_event(call.principal(), call.id(), input));
}

Response cancel_event(const AdminCall& call) {
    const json body = call.body();
    refuse_unknown(body, {"reason"});
    const auto reason = required_string(body, "reason", max_member_bytes);
    return event_answer(call, agenda(call).cancel_event(call.principal(), call.id(), reason));
}

Response event_minutes(const AdminCall& call) {
    const json body = call.body();
    refuse_unknown(body, {"minutes", "attendance"});
    const auto minutes = required_string(body, "minutes", max_member_bytes);
    const auto attendance = optional_int(body, "attendance");
    return event_answer(
        call, agenda(call).record_minutes(call.principal(), call.id(), minutes, attendance));
}

}  // namespace

void add_agenda_admin_routes(Router& router, service::Platform& platform) {
    const AdminRoutes routes(router, platform);
    routes.add(verb::post, "/api/v1/admin/districts/{id}/priorities", create_priority);
    routes.add(verb::patch, "/api/v1/admin/priorities/{id}", update_priority);
    routes.add(verb::post, "/api/v1/admin/priorities/{id}/status", priority_status);
    routes.add(verb::post, "/api/v1/admin/priorities/{id}/evaluation", evaluate_priority);
    routes.add(verb::post, "/api/v1/admin/districts/{id}/events", create_district_event);
    routes.add(verb::post, "/api/v1/admin/towns/{code}/events", create_town_event);
    routes.add(verb::patch, "/api/v1/admin/events/{id}", update_event);
    routes.add(verb::post, "/api/v1/admin/events/{id}/cancel", cancel_event);
    routes.add(verb::post, "/api/v1/admin/events/{id}/minutes", event_minutes);
}

}  // namespace okrsek::http
