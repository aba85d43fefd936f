// Open311 GeoReport v2: each route reads its parameters (open311_params), calls
// CitizenReports and writes the answer once as JSON, rendered as XML when asked
// (open311_format). The public view only: no contact, no internal notes, no pending reports.
#include "http/open311_handlers.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>

#include "core/error.hpp"
#include "http/open311_format.hpp"
#include "http/open311_params.hpp"
#include "http/report_json.hpp"

namespace okrsek::http {
namespace {

using boost::beast::http::verb;
using core::Error;
using core::ErrorCode;
using ojson = nlohmann::ordered_json;

constexpr std::string_view changeset = "2026-11-23T00:00:00+01:00";
constexpr std::size_t max_update_reports = 200;  ///< reports read per servicerequestupdates

struct Open311Call {
    service::Platform& platform;
    const Request& request;
    const PathParams& params;
    Open311Format format = Open311Format::json;
    std::string name{};  ///< the resource without its extension ("requests", "42"…)

    service::CitizenReports& reports() const { return platform.reports(); }
    service::ClientInfo client() const { return {request.client_address, request.user_agent}; }
    Response answer(std::string_view root, const ojson& value) const {
        return open311_response(format, root, value);
    }
};

Error not_found(std::string message) {
    return Error(ErrorCode::not_found, std::move(message), "path");
}

std::int64_t parse_code(std::string_view text, std::string_view field) {
    std::int64_t code = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), code);
    if (ec != std::errc{} || end != text.data() + text.size() || code <= 0) {
        throw Error(ErrorCode::invalid_argument, std::string(field) + " must be a positive number",
                    std::string(field));
    }
    return code;
}

// The jurisdiction is the town's RÚIAN code; it may be left out when the server has one town.
std::int64_t jurisdiction(const Open311Call& call, std::string_view given) {
    const auto towns = call.platform.municipalities();
    if (given.empty()) {
        if (towns.size() == 1) return towns.front().code;
        throw Error(ErrorCode::invalid_argument,
                    "jurisdiction_id is required (the town's RÚIAN code)", "jurisdiction_id");
    }
    const std::int64_t code = parse_code(given, "jurisdiction_id");
    const bool known = std::any_of(towns.begin(), towns.end(), [&](const core::Municipality& town) {
        return town.code == code;
    });
    if (!known) throw not_found("unknown jurisdiction_id " + std::string(given));
    return code;
}

std::int64_t query_jurisdiction(const Open311Call& call) {
    return jurisdiction(call, query_value(call.request, "jurisdiction_id").value_or(""));
}

std::string lang_of(const Request& request) {
    return report_language(request);
}

// A machine token with scope "open311"; a token bound to a town may act only there.
service::Principal api_principal(const Open311Call& call, std::string_view api_key,
                                 std::optional<std::int64_t> town) {
    if (api_key.empty()) throw Error(ErrorCode::forbidden, "api_key is missing", "api_key");
    auto principal = call.platform.auth().token_principal(api_key, call.client());
    if (!principal || principal->token_scope != "open311") {
        throw Error(ErrorCode::forbidden, "api_key is not valid for Open311", "api_key");
    }
    if (town && principal->token_municipality && *principal->token_municipality != *town) {
        throw Error(ErrorCode::forbidden, "api_key is not valid for this jurisdiction", "api_key");
    }
    return *principal;
}

Response discovery(const Open311Call& call) {
    const ojson endpoint = {{"specification", "http://wiki.open311.org/GeoReport_v2"},
                            {"url", "/open311/v2"},
                            {"changeset", changeset},
                            {"type", "production"},
                            {"formats", ojson::array({"text/xml", "application/json"})}};
    const ojson body = {
        {"changeset", changeset},
        {"contact", "the town's crime prevention manager (see the portal's contact page)"},
        {"key_service", "api_key: a machine token with scope open311 from the town's staff"},
        {"endpoints", ojson::array({endpoint})}};
    return call.answer("discovery", body);
}

Response services(const Open311Call& call) {
    const std::string lang = lang_of(call.request);
    ojson list = ojson::array();
    for (const auto& category : call.reports().categories(query_jurisdiction(call))) {
        if (category.accepts_reports) list.push_back(open311_service_json(category, lang));
    }
    return call.answer("services", list);
}

Response service_definition(const Open311Call& call) {
    const std::int64_t town = query_jurisdiction(call);
    for (const auto& category : call.reports().categories(town)) {
        if (category.code == call.name && category.accepts_reports)
            return call.answer("service_definition",
                               open311_definition_json(category, lang_of(call.request)));
    }
    throw not_found("unknown service_code " + call.name.substr(0, 64));
}

Response requests(const Open311Call& call) {
    const std::int64_t town = query_jurisdiction(call);
    const auto query = open311_request_query(call.request, town, std::chrono::system_clock::now());
    ojson list = ojson::array();
    for (const auto& report : call.reports().public_reports(query).reports)
        list.push_back(open311_request_json(report, ""));
    return call.answer("service_requests", list);
}

Response one_request(const Open311Call& call) {
    const std::int64_t id = parse_code(call.name, "service_request_id");
    service::PublicReport report;
    try {
        report = call.reports().public_report(id);
    } catch (const Error& error) {
        if (error.code() == ErrorCode::not_found)
            throw not_found("no service request " + call.name);
        throw;
    }
    if (const auto given = query_value(call.request, "jurisdiction_id")) {
        if (jurisdiction(call, *given) != report.municipality_code)
            throw not_found("no service request " + call.name + " in this jurisdiction");
    }
    return call.answer("service_requests", ojson::array({open311_request_json(report, "")}));
}

// This server creates requests at once and always answers with their id, so no token it
// could be asked about exists.
Response token(const Open311Call& call) {
    throw not_found("unknown token " + call.name.substr(0, 64) +
                    " (this server answers POST requests with service_request_id at once)");
}

Response post_request(const Open311Call& call) {
    // The key first: a client without one learns nothing about its other parameters.
    const auto fields = parse_form(call.request.body);
    const auto key = form_value(fields, "api_key").value_or("");
    api_principal(call, key, std::nullopt);
    const auto post = open311_post(fields);
    api_principal(call, key, jurisdiction(call, post.jurisdiction_id));
    const auto result = call.reports().submit(post.submission, call.client());
    const std::string notice =
        result.visibility == store::ReportVisibility::public_
            ? "Received."
            : "Received; the request becomes public once the reporter confirms it by e-mail or "
              "staff approve it.";
    return call.answer("service_requests",
                       ojson::array({{{"service_request_id", std::to_string(result.report_id)},
                                      {"service_notice", notice},
                                      {"account_id", nullptr}}}));
}

Response updates(const Open311Call& call) {
    const std::int64_t town = query_jurisdiction(call);
    const auto window = open311_window(call.request, std::chrono::system_clock::now());
    service::PublicReportQuery query;
    query.municipality_code = town;
    query.updated_from = window.from;
    query.limit = max_update_reports;
    std::vector<ojson> found;
    for (const auto& listed : call.reports().public_reports(query).reports) {
        const auto report = call.reports().public_report(listed.id);
        const auto all = open311_updates_json(report);
        for (std::size_t i = 0; i < report.updates.size(); ++i) {
            const auto at = report.updates[i].created_at;
            if (at >= window.from && at < window.to) found.push_back(all[i]);
        }
    }
    // W3C times of one offset sort as text; across the autumn change they may not, so by id.
    std::sort(found.begin(), found.end(), [](const ojson& a, const ojson& b) {
        return std::stoll(a["update_id"].get<std::string>()) <
               std::stoll(b["update_id"].get<std::string>());
    });
    if (found.size() > open311_max_page_size) found.resize(open311_max_page_size);
    return call.answer("service_request_updates", ojson(found));
}

std::string action_for(store::ReportState wanted, store::ReportState now, bool has_text) {
    using store::ReportState;
    if (wanted == ReportState::reopened) {
        if (store::is_finished(now)) return "reopen";
        if (has_text) return "answer";
        throw Error(ErrorCode::invalid_argument, "the request is open already", "status");
    }
    if (wanted == now) {
        if (has_text) return "answer";
        throw Error(ErrorCode::invalid_argument, "the request has this status already", "status");
    }
    switch (wanted) {
        case ReportState::acknowledged:
            return "acknowledge";
        case ReportState::in_progress:
            return "start";
        case ReportState::resolved:
            return "resolve";
        case ReportState::closed_not_competent:
            return "close_not_competent";
        case ReportState::closed_no_action:
            return "close_no_action";
        default:
            break;
    }
    throw Error(ErrorCode::invalid_argument,
                "status DUPLICATE needs the original request: mark duplicates in the back office",
                "status");
}

Response post_update(const Open311Call& call) {
    const auto fields = parse_form(call.request.body);
    const auto principal =
        api_principal(call, form_value(fields, "api_key").value_or(""), std::nullopt);
    const auto post = open311_update_post(fields);
    auto& reports = call.reports();
    const auto current = reports.machine_report(principal, post.report_id);
    api_principal(call, post.api_key, current.report.routing.municipality_code);
    service::ReportAction action;
    action.report_id = post.report_id;
    action.expected_version = current.report.version;
    const auto state = current.report.status.state;
    action.action = post.state ? action_for(*post.state, state, !post.description.empty())
                               : std::string("answer");
    action.text = post.description;
    if (action.action == "close_not_competent") action.passed_to = post.description;
    const auto after = reports.act(principal, action);
    const auto newest = std::max_element(
        after.updates.begin(), after.updates.end(),
        [](const store::ReportUpdate& a, const store::ReportUpdate& b) { return a.id < b.id; });
    const ojson update = {{"update_id", newest == after.updates.end()
                                            ? ojson(nullptr)
                                            : ojson(std::to_string(newest->id))}};
    return call.answer("service_request_updates", ojson::array({update}));
}

unsigned open311_status_of(ErrorCode code) {
    switch (code) {
        case ErrorCode::unauthenticated:
        case ErrorCode::forbidden:
            return 403;  // the specification's answer for a missing or wrong api_key
        default:
            return status_for(code);
    }
}

using Open311Handler = Response (*)(const Open311Call& call);

struct Resource {
    verb method;
    std::string_view name;
    Open311Handler handler;
};

constexpr Resource top_level[] = {
    {verb::get, "discovery", discovery},
    {verb::get, "services", services},
    {verb::get, "requests", requests},
    {verb::post, "requests", post_request},
    {verb::get, "servicerequestupdates", updates},
    {verb::post, "servicerequestupdates", post_update},
};

// Runs `pick` for the file of the path and turns every failure into the specification's error
// body in the asked format (XML when the format itself is unknown).
template <typename Pick>
Response run(service::Platform& platform, const Request& request, const PathParams& params,
             Pick pick) {
    const auto file = split_open311_file(params.back());
    const Open311Format format = file ? file->format : Open311Format::xml;
    try {
        if (!file) throw not_found("unknown format: use .xml or .json");
        Open311Call call{platform, request, params, format, file->name};
        const Open311Handler handler = pick(request.method, file->name);
        if (!handler) throw not_found("no such resource: " + file->name.substr(0, 64));
        return handler(call);
    } catch (const Error& error) {
        return open311_error(format, open311_status_of(error.code()), error.what());
    }
}

Open311Handler top_level_handler(verb method, const std::string& name) {
    for (const auto& resource : top_level) {
        if (resource.name == name &&
            (resource.method == method || (method == verb::head && resource.method == verb::get)))
            return resource.handler;
    }
    return nullptr;
}

void add(Router& router, service::Platform& platform, verb method, std::string pattern,
         Open311Handler (*pick)(verb, const std::string&)) {
    service::Platform* shared = &platform;
    router.add(
        method, std::move(pattern),
        [shared, pick](const Request& request, const PathParams& params) {
            return run(*shared, request, params, pick);
        },
        Access::open);
}

}  // namespace

void add_open311_routes(Router& router, service::Platform& platform) {
    add(router, platform, verb::get, "/open311/v2/{file}", top_level_handler);
    add(router, platform, verb::post, "/open311/v2/{file}", top_level_handler);
    add(router, platform, verb::get, "/open311/v2/services/{file}",
        [](verb, const std::string&) -> Open311Handler { return service_definition; });
    add(router, platform, verb::get, "/open311/v2/requests/{file}",
        [](verb, const std::string&) -> Open311Handler { return one_request; });
    add(router, platform, verb::get, "/open311/v2/tokens/{file}",
        [](verb, const std::string&) -> Open311Handler { return token; });
}

}  // namespace okrsek::http
