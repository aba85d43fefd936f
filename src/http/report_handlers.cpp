// The public side of citizen reports: parse strictly, call CitizenReports, answer JSON. The
// tracking token travels only in /api/v1/track/{token} paths (or the photo upload's query),
// never in logs (loggable_path) and never in a Referer (Referrer-Policy: no-referrer).
#include "http/report_handlers.hpp"

#include <charconv>
#include <chrono>
#include <memory>

#include "core/error.hpp"
#include "core/prague_time.hpp"
#include "http/api_handlers.hpp"
#include "http/directory_requests.hpp"
#include "http/json_body.hpp"
#include "http/rate_limiter.hpp"
#include "http/report_json.hpp"
#include "http/security_headers.hpp"

namespace okrsek::http {
namespace {

using boost::beast::http::verb;
using core::Error;
using core::ErrorCode;
using nlohmann::json;

constexpr std::string_view track_prefix = "/api/v1/track/";
constexpr std::size_t max_token_bytes = 128;
constexpr std::size_t max_public_page = 1000;

/// What a public report handler is called with.
struct ReportCall {
    service::Platform& platform;
    const Request& request;
    const PathParams& params;

    service::CitizenReports& reports() const { return platform.reports(); }
    service::ClientInfo client() const { return {request.client_address, request.user_agent}; }
    std::string lang() const { return report_language(request); }
    std::int64_t id(std::size_t index = 0, std::string_view name = "id") const {
        return path_id(params.at(index), name);
    }
    json body() const {
        if (request.body.size() > max_report_body_bytes) {
            throw Error(ErrorCode::payload_too_large, "the body is larger than 64 KiB", "body");
        }
        return json_object_body(request);
    }
    const std::string& token() const {
        const std::string& token = params.at(0);
        if (token.empty() || token.size() > max_token_bytes) {
            throw Error(ErrorCode::not_found, "unknown or expired link", "token");
        }
        return token;
    }
};

using ReportHandler = Response (*)(const ReportCall& call);

// The tracking view holds the report's state for its reporter: never kept by a cache, and the
// page's address (with the token) never sent on as a Referer.
Response private_answer(const json& body, unsigned status = 200) {
    Response response = json_response(body.dump(), status);
    set_header(response, "Cache-Control", "no-store");
    set_header(response, "Referrer-Policy", "no-referrer");
    return response;
}

Response tracked_answer(const ReportCall& call, const service::TrackedReport& tracked) {
    return private_answer(tracked_report_json(tracked, call.lang()));
}

std::int64_t town_code_report_handlers(const ReportCall& call) {
    return call.id(0, "code");
}

double body_number(const json& body, std::string_view name) {
    const auto found = body.find(name);
    if (found == body.end() || !found->is_number()) {
        throw Error(ErrorCode::invalid_argument, std::string(name) + " must be a number",
                    std::string(name));
    }
    return found->get<double>();
}

service::ReportContact contact_of_body(const json& body) {
    service::ReportContact contact;
    const auto found = body.find("contact");
    if (found == body.end() || found->is_null()) return contact;
    if (!found->is_object()) {
        throw Error(ErrorCode::invalid_argument, "contact must be an object", "contact");
    }
    refuse_unknown_members(*found, {"name", "email", "phone"});
    contact.name = optional_string(*found, "name", 1000).value_or("");
    contact.email = optional_string(*found, "email", 1000).value_or("");
    contact.phone = optional_string(*found, "phone", 1000).value_or("");
    return contact;
}

service::ReportSubmission submission_of(const json& body, const std::string& lang) {
    refuse_unknown_members(body, {"lon", "lat", "address_text", "category", "description", "extra",
                                  "contact", "show_name", "website", "lang"});
    service::ReportSubmission submission;
    submission.lon = body_number(body, "lon");
    submission.lat = body_number(body, "lat");
    submission.address_text = optional_string(body, "address_text", 1000).value_or("");
    submission.category_code = required_string(body, "category", 200);
    submission.description = required_string(body, "description", 20000);
    if (const auto extra = body.find("extra"); extra != body.end() && !extra->is_null()) {
        if (!extra->is_object()) {
            throw Error(ErrorCode::invalid_argument, "extra must be an object", "extra");
        }
        submission.extra_json = extra->dump();
    }
    submission.contact = contact_of_body(body);
    submission.show_name = optional_bool(body, "show_name").value_or(false);
    submission.honeypot = optional_string(body, "website", 1000).value_or("");
    submission.language = optional_string(body, "lang", 8).value_or(lang);
    if (submission.language != "cs" && submission.language != "en") {
        throw Error(ErrorCode::invalid_argument, "lang must be cs or en", "lang");
    }
    return submission;
}

Response categories(const ReportCall& call) {
    const std::string lang = call.lang();
    json list = json::array();
    for (const auto& category : call.reports().categories(town_code_report_handlers(call)))
        list.push_back(category_json(category, lang));
    return json_response(json{{"categories", std::move(list)}}.dump());
}

Response levels(const ReportCall& call) {
    json list = json::array();
    for (const auto& level : call.reports().levels(town_code_report_handlers(call)))
        list.push_back(level_json(level));
    return json_response(json{{"levels", std::move(list)}}.dump());
}

Response nearby(const ReportCall& call) {
    const double lon = required_number(call.request, "lon");
    const double lat = required_number(call.request, "lat");
    const auto category = query_value(call.request, "category");
    if (!category || category->empty() || category->size() > 64) {
        throw Error(ErrorCode::invalid_argument, "parameter 'category' is missing", "category");
    }
    const std::string lang = call.lang();
    json list = json::array();
    for (const auto& report : call.reports().nearby(lon, lat, *category))
        list.push_back(public_report_json(report, lang, false));
    return json_response(json{{"reports", std::move(list)}}.dump());
}

Response submit(const ReportCall& call) {
    const auto submission = submission_of(call.body(), call.lang());
    const auto result = call.reports().submit(submission, call.client());
    return private_answer(submit_result_json(result, ""), 201);
}

Response upload_photo(const ReportCall& call) {
    const std::int64_t report_id = call.id();
    const auto token = query_value(call.request, "token");
    if (!token || token->empty() || token->size() > max_token_bytes) {
        throw Error(ErrorCode::not_found, "unknown or expired link", "token");
    }
    const auto& type = call.request.content_type;
    if (!type.starts_with("image/jpeg") && !type.starts_with("image/png")) {
        throw Error(ErrorCode::invalid_argument,
                    "send the photo as the raw body with Content-Type image/jpeg or image/png",
                    "photo");
    }
    if (call.request.body.empty()) {
        throw Error(ErrorCode::invalid_argument, "the photo is empty", "photo");
    }
    auto& reports = call.reports();
    const auto current = reports.track(*token);
    // The token must be this report's: another report's token says nothing about this one.
    if (current.report.id != report_id) {
        throw Error(ErrorCode::not_found, "unknown or expired link", "token");
    }
    if (current.report.photos.size() >= store::max_report_photos) {
        throw Error(ErrorCode::conflict, "the report has 5 photos already", "photos");
    }
    const std::string photos[] = {call.request.body};
    return tracked_answer(call, reports.add_citizen_update(*token, "", photos));
}

Response confirm(const ReportCall& call) {
    const json body = call.body();
    refuse_unknown_members(body, {"token"});
    const auto token = required_string(body, "token", max_token_bytes);
    return tracked_answer(call, call.reports().confirm(token));
}

Response track(const ReportCall& call) {
    return tracked_answer(call, call.reports().track(call.token()));
}

Response add_update(const ReportCall& call) {
    const json body = call.body();
    refuse_unknown_members(body, {"text"});
    const auto text = required_string(body, "text", 20000);
    return tracked_answer(call, call.reports().add_citizen_update(call.token(), text, {}));
}

Response reopen(const ReportCall& call) {
    const json body = call.body();
    refuse_unknown_members(body, {"reason"});
    const auto reason = required_string(body, "reason", 20000);
    return tracked_answer(call, call.reports().reopen(call.token(), reason));
}

Response fixed(const ReportCall& call) {
    refuse_unknown_members(call.body(), {});
    return tracked_answer(call, call.reports().confirm_fixed(call.token()));
}

std::vector<std::string_view> comma_list(std::string_view text) {
    std::vector<std::string_view> items;
    while (!text.empty()) {
        const auto comma = text.find(',');
        if (comma != 0) items.push_back(text.substr(0, comma));
        text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    }
    if (items.size() > 100) {
        throw Error(ErrorCode::invalid_argument, "a list holds at most 100 values", "list");
    }
    return items;
}

std::vector<store::ReportState> states_parameter(const Request& request) {
    std::vector<store::ReportState> states;
    if (const auto text = query_value(request, "state")) {
        for (const auto item : comma_list(*text)) {
            const auto state = store::report_state_from(item);
            if (!state) {
                throw Error(ErrorCode::invalid_argument,
                            "unknown state '" + std::string(item.substr(0, 40)) + "'", "state");
            }
            states.push_back(*state);
        }
    }
    return states;
}

std::array<double, 4> bbox_parameter(std::string_view text) {
    std::array<double, 4> box{};
    const auto parts = comma_list(text);
    bool ok = parts.size() == 4;
    for (std::size_t i = 0; ok && i < 4; ++i) {
        const auto value = parse_number(parts[i]);
        ok = value.has_value();
        if (ok) box[i] = *value;
    }
    if (!ok || box[0] > box[2] || box[1] > box[3]) {
        throw Error(ErrorCode::invalid_argument,
                    "bbox must be min_lon,min_lat,max_lon,max_lat (WGS 84)", "bbox");
    }
    return box;
}

std::size_t bounded(const Request& request, std::string_view name, std::int64_t low,
                    std::int64_t high, std::size_t fallback) {
    const auto value = optional_integer(request, name);
    if (!value) return fallback;
    if (*value < low || *value > high) {
        throw Error(ErrorCode::invalid_argument,
                    std::string(name) + " must be from " + std::to_string(low) + " to " +
                        std::to_string(high),
                    std::string(name));
    }
    return static_cast<std::size_t>(*value);
}

Response list_reports(const ReportCall& call) {
    const Request& request = call.request;
    service::PublicReportQuery query;
    query.municipality_code = optional_id_parameter(request, "town");
    query.district_id = optional_id_parameter(request, "district");
    query.states = states_parameter(request);
    if (const auto codes = query_value(request, "category")) {
        for (const auto code : comma_list(*codes)) query.category_codes.emplace_back(code);
    }
    if (const auto box = query_value(request, "bbox")) query.bbox = bbox_parameter(*box);
    query.limit = bounded(request, "limit", 1, max_public_page, 100);
    query.offset = bounded(request, "offset", 0, 1000000, 0);
    const auto page = call.reports().public_reports(query);
    const std::string lang = call.lang();
    json list = json::array();
    for (const auto& report : page.reports) list.push_back(public_report_json(report, lang, false));
    return json_response(json{{"reports", std::move(list)}, {"total", page.total}}.dump());
}

Response one_report(const ReportCall& call) {
    return json_response(
        public_report_json(call.reports().public_report(call.id()), call.lang()).dump());
}

Response photo(const ReportCall& call) {
    const std::int64_t id = call.id();
    const auto hash = photo_hash_of(call.params.at(1));
    auto bytes = hash ? call.reports().public_photo(id, *hash) : std::nullopt;
    if (!bytes) throw Error(ErrorCode::not_found, "no such photo", "photo");
    return jpeg_response(std::move(*bytes), *hash, "public, max-age=31536000, immutable");
}

store::TimePoint period_end(const Request& request, std::string_view name,
                            store::TimePoint fallback) {
    const auto text = query_value(request, name);
    if (!text) return fallback;
    if (const auto date = core::parse_date(*text)) {
        return core::from_prague_local(core::LocalSeconds(std::chrono::local_days(*date)),
                                       core::AmbiguousTime::reject, name);
    }
    return core::parse_prague_time(*text, name);
}

Response responsiveness(const ReportCall& call) {
    const auto now = std::chrono::system_clock::now();
    const auto to = period_end(call.request, "to", now);
    const auto from = period_end(call.request, "from", to - std::chrono::days(365));
    if (to <= from) throw Error(ErrorCode::invalid_argument, "to must be after from", "to");
    if (to - from > std::chrono::days(3660)) {
        throw Error(ErrorCode::invalid_argument, "the period may span at most 10 years", "from");
    }
    json town = nullptr;
    json districts = json::array();
    for (const auto& figures :
         call.reports().responsiveness(town_code_report_handlers(call), from, to)) {
        if (figures.district_id) {
            districts.push_back(responsiveness_json(figures));
        } else {
            town = responsiveness_json(figures);
        }
    }
    return json_response(json{{"period", {{"from", report_time(from)}, {"to", report_time(to)}}},
                              {"min_reports", service::min_reports_for_statistics},
                              {"town", std::move(town)},
                              {"districts", std::move(districts)}}
                             .dump());
}

Response feed(const ReportCall& call) {
    Response response;
    response.content_type = "application/rss+xml; charset=utf-8";
    response.body = call.reports().district_feed(call.id(), call.lang());
    response.headers.emplace_back("Cache-Control", "public, max-age=300");
    return response;
}

Response subscribe(const ReportCall& call) {
    const json body = call.body();
    refuse_unknown_members(body, {"email", "lang"});
    const auto email = required_string(body, "email", 1000);
    const auto lang = optional_string(body, "lang", 8).value_or(call.lang());
    if (lang != "cs" && lang != "en") {
        throw Error(ErrorCode::invalid_argument, "lang must be cs or en", "lang");
    }
    call.reports().subscribe(call.id(), email, call.client(), lang);
    return private_answer({{"status", "pending"}}, 202);
}

Response confirm_subscription(const ReportCall& call) {
    const json body = call.body();
    refuse_unknown_members(body, {"token"});
    call.reports().confirm_subscription(required_string(body, "token", max_token_bytes));
    return private_answer({{"status", "confirmed"}});
}

Response unsubscribe(const ReportCall& call) {
    const json body = call.body();
    refuse_unknown_members(body, {"token"});
    call.reports().unsubscribe(required_string(body, "token", max_token_bytes));
    return private_answer({{"status", "unsubscribed"}});
}

// Public writes: a burst of 20, then one every 5 s per client address, before any work (the
// service adds its hourly and daily limits per address and e-mail).
constexpr double public_write_rate_per_second = 0.2;
constexpr double public_write_burst = 20.0;

class ReportRoutes {
public:
    ReportRoutes(Router& router, service::Platform& platform)
        : m_router(router),
          m_platform(platform),
          // Off with the per-address report limit (serve --reports-per-ip-hour 0: benchmarks,
          // a town behind one proxy address).
          m_limiter(
              platform.reports().settings().max_reports_per_ip_hour > 0
                  ? std::make_shared<RateLimiter>(public_write_rate_per_second, public_write_burst)
                  : nullptr) {}

    void read(std::string pattern, ReportHandler handler) const {
        add(verb::get, std::move(pattern), handler, Access::open, false);
    }
    void write(std::string pattern, ReportHandler handler) const {
        add(verb::post, std::move(pattern), handler, Access::visitor, true);
    }

private:
    void add(verb method, std::string pattern, ReportHandler handler, Access access,
             bool limited) const {
        service::Platform* platform = &m_platform;
        std::shared_ptr<RateLimiter> limiter = limited ? m_limiter : nullptr;
        m_router.add(
            method, std::move(pattern),
            [platform, handler, limiter](const Request& request, const PathParams& params) {
                if (limiter &&
                    !limiter->allow(request.client_address, std::chrono::steady_clock::now())) {
                    Response response =
                        error_response(ErrorCode::rate_limited,
                                       "too many reports from this address; wait", "rate");
                    response.headers.emplace_back("Retry-After", "5");
                    return response;
                }
                return handler(ReportCall{*platform, request, params});
            },
            access);
    }

    Router& m_router;
    service::Platform& m_platform;
    std::shared_ptr<RateLimiter> m_limiter;
};

}  // namespace

bool is_report_photo_upload(verb method, std::string_view path) {
    return method == verb::post && path.starts_with("/api/v1/reports/") &&
           path.ends_with("/photos");
}

std::string loggable_path(std::string_view path) {
    if (!path.starts_with(track_prefix)) return std::string(path);
    const auto rest = path.substr(track_prefix.size());
    const auto slash = rest.find('/');
    std::string out(track_prefix);
    out += "…";
    if (slash != std::string_view::npos) out += rest.substr(slash);
    return out;
}

void add_report_routes(Router& router, service::Platform& platform) {
    const ReportRoutes routes(router, platform);
    routes.read("/api/v1/towns/{code}/report-categories", categories);
    routes.read("/api/v1/towns/{code}/report-levels", levels);
    routes.read("/api/v1/towns/{code}/responsiveness", responsiveness);
    routes.read("/api/v1/reports/nearby", nearby);
    routes.write("/api/v1/reports", submit);
    routes.write("/api/v1/reports/confirm", confirm);
    routes.write("/api/v1/reports/{id}/photos", upload_photo);
    routes.read("/api/v1/reports", list_reports);
    routes.read("/api/v1/reports/{id}", one_report);
    routes.read("/api/v1/report-photos/{id}/{file}", photo);
    routes.read("/api/v1/track/{token}", track);
    routes.write("/api/v1/track/{token}/updates", add_update);
    routes.write("/api/v1/track/{token}/reopen", reopen);
    routes.write("/api/v1/track/{token}/fixed", fixed);
    routes.read("/api/v1/districts/{id}/reports.rss", feed);
    routes.write("/api/v1/districts/{id}/subscriptions", subscribe);
    routes.write("/api/v1/subscriptions/confirm", confirm_subscription);
    routes.write("/api/v1/subscriptions/unsubscribe", unsubscribe);
    add_report_admin_routes(router, platform);
}

}  // namespace okrsek::http
