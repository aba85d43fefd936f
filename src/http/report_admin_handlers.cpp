// Back-office handling of citizen reports: parse strictly (unknown members are refused), call
// CitizenReports with the caller's principal, answer the report as it is now.
#include "http/report_admin_handlers.hpp"

#include "core/error.hpp"
#include "http/admin_route.hpp"
#include "http/directory_requests.hpp"
#include "http/json_body.hpp"
#include "http/report_handlers.hpp"
#include "http/report_json.hpp"

namespace okrsek::http {
namespace {

using boost::beast::http::verb;
using core::Error;
using core::ErrorCode;
using nlohmann::json;

constexpr std::size_t max_text_bytes = 20000;

service::CitizenReports& reports(const AdminCall& call) {
    return call.platform().reports();
}

json checked_body(const AdminCall& call) {
    if (call.request().body.size() > max_report_body_bytes) {
        throw Error(ErrorCode::payload_too_large, "the body is larger than 64 KiB", "body");
    }
    return call.body();
}

std::optional<double> optional_number_member(const json& body, std::string_view name) {
    const auto found = body.find(name);
    if (found == body.end() || found->is_null()) return std::nullopt;
    if (!found->is_number()) {
        throw Error(ErrorCode::invalid_argument, std::string(name) + " must be a number",
                    std::string(name));
    }
    return found->get<double>();
}

std::vector<std::string> list_parameter(const Request& request, std::string_view name) {
    std::vector<std::string> items;
    const auto text = query_value(request, name);
    if (!text) return items;
    std::string_view rest = *text;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        if (comma != 0) items.emplace_back(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        if (items.size() > 100) {
            throw Error(ErrorCode::invalid_argument, std::string(name) + " lists too many values",
                        std::string(name));
        }
    }
    return items;
}

bool flag_parameter(const Request& request, std::string_view name) {
    const auto text = query_value(request, name);
    return text && (*text == "1" || *text == "true");
}

service::InboxQuery inbox_query(const Request& request) {
    service::InboxQuery query;
    query.municipality_code = optional_id_parameter(request, "town");
    query.district_id = optional_id_parameter(request, "district");
    for (const auto& item : list_parameter(request, "state")) {
        const auto state = store::report_state_from(item);
        if (!state) throw Error(ErrorCode::invalid_argument, "unknown state " + item, "state");
        query.states.push_back(*state);
    }
    query.category_codes = list_parameter(request, "category");
    if (const auto level = optional_integer(request, "level")) {
        if (*level < 0 || *level > 4) {
            throw Error(ErrorCode::invalid_argument, "level must be from 0 to 4", "level");
        }
        query.level = level;
    }
    query.overdue_only = flag_parameter(request, "overdue");
    query.mine_only = flag_parameter(request, "mine");
    if (const auto visibility = query_value(request, "visibility")) {
        query.visibility = store::report_visibility_from(*visibility);
        if (!query.visibility) {
            throw Error(ErrorCode::invalid_argument, "visibility must be pending, public or hidden",
                        "visibility");
        }
    }
    if (const auto limit = optional_integer(request, "limit")) {
        if (*limit < 1 || *limit > 1000) {
            throw Error(ErrorCode::invalid_argument, "limit must be from 1 to 1000", "limit");
        }
        query.limit = static_cast<std::size_t>(*limit);
    }
    if (const auto offset = optional_integer(request, "offset")) {
        if (*offset < 0 || *offset > 1000000) {
            throw Error(ErrorCode::invalid_argument, "offset must be from 0 to 1000000", "offset");
        }
        query.offset = static_cast<std::size_t>(*offset);
    }
    return query;
}

service::ReportAction action_of(const json& body, std::int64_t report_id, bool with_id) {
    if (with_id) {
        refuse_unknown_members(
            body, {"id", "version", "action", "text", "passed_to", "duplicate_of", "category",
                   "lon", "lat", "owner_user_id", "owner_role"});
    } else {
        refuse_unknown_members(body, {"version", "action", "text", "passed_to", "duplicate_of",
                                      "category", "lon", "lat", "owner_user_id", "owner_role"});
    }
    service::ReportAction action;
    action.report_id = with_id ? required_int(body, "id") : report_id;
    action.expected_version = required_int(body, "version");
    action.action = required_string(body, "action", 32);
    action.text = optional_string(body, "text", max_text_bytes).value_or("");
    action.passed_to = optional_string(body, "passed_to", 1000);
    action.duplicate_of = optional_int(body, "duplicate_of");
    action.category_code = optional_string(body, "category", 64);
    action.lon = optional_number_member(body, "lon");
    action.lat = optional_number_member(body, "lat");
    action.owner_user_id = optional_int(body, "owner_user_id");
    action.owner_role_code = optional_string(body, "owner_role", 64);
    return action;
}

Response inbox(const AdminCall& call) {
    const auto page = reports(call).inbox(call.principal(), inbox_query(call.request()));
    const std::string lang = report_language(call.request());
    json rows = json::array();
    for (const auto& report : page.reports) rows.push_back(staff_row_json(report, lang));
    return json_answer({{"reports", std::move(rows)}, {"total", page.total}});
}

Response inbox_csv(const AdminCall& call) {
    Response response;
    response.content_type = "text/csv; charset=utf-8";
    response.body = reports(call).inbox_csv(call.principal(), inbox_query(call.request()));
    response.headers.emplace_back("Content-Disposition", "attachment; filename=\"reports.csv\"");
    return response;
}

Response staff_report(const AdminCall& call) {
    return json_answer(staff_report_json(reports(call).staff_report(call.principal(), call.id()),
                                         report_language(call.request())));
}

Response act(const AdminCall& call) {
    const auto action = action_of(checked_body(call), call.id(), false);
    return json_answer(staff_report_json(reports(call).act(call.principal(), action),
                                         report_language(call.request())));
}

Response bulk(const AdminCall& call) {
    const json body = checked_body(call);
    refuse_unknown_members(body, {"actions"});
    const auto list = body.find("actions");
    if (list == body.end() || !list->is_array() || list->empty()) {
        throw Error(ErrorCode::invalid_argument, "actions must be a non-empty array", "actions");
    }
    if (list->size() > max_bulk_report_actions) {
        throw Error(ErrorCode::invalid_argument, "at most 200 actions at once", "actions");
    }
    std::vector<service::ReportAction> actions;
    for (const auto& item : *list) {
        if (!item.is_object()) {
            throw Error(ErrorCode::invalid_argument, "each action must be an object", "actions");
        }
        actions.push_back(action_of(item, 0, true));
    }
    json results = json::array();
    for (const auto& outcome : reports(call).act_bulk(call.principal(), actions)) {
        json error = nullptr;
        if (!outcome.ok) error = {{"code", outcome.error_code}, {"message", outcome.message}};
        results.push_back({{"id", outcome.report_id},
                           {"ok", outcome.ok},
                           {"version", outcome.version},
                           {"error", std::move(error)}});
    }
    return json_answer({{"results", std::move(results)}});
}

Response reveal_contact(const AdminCall& call) {
    const json body = checked_body(call);
    refuse_unknown_members(body, {"reason"});
    const auto reason = required_string(body, "reason", 1000);
    const auto contact = reports(call).reveal_contact(call.principal(), call.id(), reason);
    return json_answer(
        {{"name", contact.name}, {"email", contact.email}, {"phone", contact.phone}});
}

Response list_templates(const AdminCall& call) {
    json list = json::array();
    for (const auto& item : reports(call).templates(call.principal(), call.id(0, "code")))
        list.push_back(template_json(item));
    return json_answer({{"templates", std::move(list)}});
}

std::pair<std::string, std::string> template_fields(const json& body) {
    refuse_unknown_members(body, {"title", "body"});
    return {required_string(body, "title", 1000), required_string(body, "body", max_text_bytes)};
}

Response create_template(const AdminCall& call) {
    const auto [title, text] = template_fields(checked_body(call));
    const auto id =
        reports(call).create_template(call.principal(), call.id(0, "code"), title, text);
    return json_answer({{"id", id}}, 201);
}

Response update_template(const AdminCall& call) {
    const auto [title, text] = template_fields(checked_body(call));
    reports(call).update_template(call.principal(), call.id(), title, text);
    return json_answer({{"id", call.id()}});
}

Response delete_template(const AdminCall& call) {
    reports(call).delete_template(call.principal(), call.id());
    return json_answer({{"deleted", true}});
}

store::CategoryFields category_fields(const json& body, std::int64_t town, bool with_code) {
    refuse_unknown_members(
        body, {"code", "name_cs", "name_en", "description_cs", "description_en", "guidance_cs",
               "guidance_en", "accepts_reports", "owner_role_code", "first_response_days",
               "resolution_days", "extra_fields", "sort_order"});
    store::CategoryFields fields;
    fields.municipality_code = town;
    if (with_code) fields.code = required_string(body, "code", 64);
    fields.name_cs = required_string(body, "name_cs", 1000);
    fields.name_en = optional_string(body, "name_en", 1000).value_or("");
    fields.description_cs = optional_string(body, "description_cs", max_text_bytes).value_or("");
    fields.description_en = optional_string(body, "description_en", max_text_bytes).value_or("");
    fields.guidance_cs = optional_string(body, "guidance_cs", max_text_bytes).value_or("");
    fields.guidance_en = optional_string(body, "guidance_en", max_text_bytes).value_or("");
    fields.accepts_reports = optional_bool(body, "accepts_reports").value_or(true);
    fields.owner_role_code = optional_string(body, "owner_role_code", 64).value_or("");
    fields.first_response_days = optional_int(body, "first_response_days").value_or(2);
    fields.resolution_days = optional_int(body, "resolution_days").value_or(20);
    fields.sort_order = optional_int(body, "sort_order").value_or(0);
    if (const auto extra = body.find("extra_fields"); extra != body.end() && !extra->is_null()) {
        if (!extra->is_array()) {
            throw Error(ErrorCode::invalid_argument, "extra_fields must be an array",
                        "extra_fields");
        }
        fields.extra_fields_json = extra->dump();
    }
    return fields;
}

Response list_categories(const AdminCall& call) {
    const std::string lang = report_language(call.request());
    json list = json::array();
    for (const auto& category : reports(call).categories(call.id(0, "code")))
        list.push_back(category_json(category, lang));
    return json_answer({{"categories", std::move(list)}});
}

Response create_category(const AdminCall& call) {
    const auto fields = category_fields(checked_body(call), call.id(0, "code"), true);
    return json_answer({{"id", reports(call).create_category(call.principal(), fields)}}, 201);
}

Response update_category(const AdminCall& call) {
    const auto fields = category_fields(checked_body(call), 0, false);
    reports(call).update_category(call.principal(), call.id(), fields);
    return json_answer({{"id", call.id()}});
}

Response retire_category(const AdminCall& call) {
    reports(call).retire_category(call.principal(), call.id());
    return json_answer({{"retired", true}});
}

Response set_level(const AdminCall& call) {
    const json body = checked_body(call);
    refuse_unknown_members(body, {"code", "name_cs", "name_en", "deadline_days", "contact_email"});
    store::ReportLevel level;
    level.municipality_code = call.id(0, "code");
    level.level = call.id(1, "level");
    level.code = required_string(body, "code", 64);
    level.name_cs = required_string(body, "name_cs", 1000);
    level.name_en = optional_string(body, "name_en", 1000).value_or("");
    level.deadline_days = optional_int(body, "deadline_days").value_or(10);
    level.contact_email = optional_string(body, "contact_email", 254);
    reports(call).set_level(call.principal(), level);
    return json_answer({{"level", level_json(level)}});
}

}  // namespace

void add_report_admin_routes(Router& router, service::Platform& platform) {
    const AdminRoutes routes(router, platform);
    routes.add(verb::get, "/api/v1/admin/reports", inbox);
    routes.add(verb::get, "/api/v1/admin/reports.csv", inbox_csv);
    routes.add(verb::post, "/api/v1/admin/reports/bulk", bulk);
    routes.add(verb::get, "/api/v1/admin/reports/{id}", staff_report);
    routes.add(verb::post, "/api/v1/admin/reports/{id}/actions", act);
    routes.add(verb::post, "/api/v1/admin/reports/{id}/contact", reveal_contact);
    routes.add(verb::get, "/api/v1/admin/towns/{code}/report-templates", list_templates);
    routes.add(verb::post, "/api/v1/admin/towns/{code}/report-templates", create_template);
    routes.add(verb::put, "/api/v1/admin/report-templates/{id}", update_template);
    routes.add(verb::delete_, "/api/v1/admin/report-templates/{id}", delete_template);
    routes.add(verb::get, "/api/v1/admin/towns/{code}/report-categories", list_categories);
    routes.add(verb::post, "/api/v1/admin/towns/{code}/report-categories", create_category);
    routes.add(verb::put, "/api/v1/admin/report-categories/{id}", update_category);
    routes.add(verb::delete_, "/api/v1/admin/report-categories/{id}", retire_category);
    routes.add(verb::put, "/api/v1/admin/towns/{code}/report-levels/{level}", set_level);
}

}  // namespace okrsek::http
