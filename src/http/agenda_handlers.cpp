// The public side of priorities and events: JSON lists with paging, single objects, and the
// iCalendar feeds of a district and of a town.
#include "http/agenda_handlers.hpp"

#include <charconv>

#include "core/error.hpp"
#include "http/agenda_admin_handlers.hpp"
#include "http/agenda_json.hpp"
#include "http/conditional_get.hpp"
#include "http/json_body.hpp"
#include "http/security_headers.hpp"

namespace okrsek::http {
namespace {

using boost::beast::http::verb;
using core::Error;
using core::ErrorCode;

// Public answers may be cached briefly: staff edits show within a minute, feeds within five.
constexpr std::string_view json_cache = "public, max-age=60";
constexpr std::string_view feed_cache = "public, max-age=300";

Response cached_json(const nlohmann::json& body) {
    Response response = json_response(body.dump());
    set_header(response, "Cache-Control", std::string(json_cache));
    return response;
}

std::size_t size_parameter(const Request& request, std::string_view name, std::size_t fallback,
                           std::size_t low, std::size_t high) {
    const auto value = optional_integer(request, name);
    if (!value) return fallback;
    if (*value < static_cast<std::int64_t>(low) || *value > static_cast<std::int64_t>(high)) {
        throw Error(ErrorCode::invalid_argument,
                    std::string(name) + " must be from " + std::to_string(low) + " to " +
                        std::to_string(high),
                    std::string(name));
    }
    return static_cast<std::size_t>(*value);
}

service::AgendaPage page_of(const Request& request) {
    return {size_parameter(request, "limit", 20, 1, service::max_agenda_page),
            size_parameter(request, "offset", 0, 0, service::max_agenda_offset)};
}

store::EventWindow window_of(const Request& request) {
    const auto when = query_value(request, "when");
    if (!when || *when == "upcoming") return store::EventWindow::upcoming;
    if (*when == "past") return store::EventWindow::past;
    throw Error(ErrorCode::invalid_argument, "when must be upcoming or past", "when");
}

std::optional<store::PriorityStatus> status_of(const Request& request) {
    const auto text = query_value(request, "status");
    if (!text || text->empty()) return std::nullopt;
    const auto status = store::priority_status_from(*text);
    if (!status) {
        throw Error(ErrorCode::invalid_argument,
                    "status must be open, in_progress, action_completed or dropped", "status");
    }
    return status;
}

std::int64_t town_code(const std::string& text) {
    return path_id(text, "code");
}

// "Tue, 03 Dec 2026 16:00:00 GMT" (RFC 9110 IMF-fixdate).
std::string http_date(store::TimePoint time) {
    using namespace std::chrono;
    static constexpr std::string_view day_names[] = {"Sun", "Mon", "Tue", "Wed",
                                                     "Thu", "Fri", "Sat"};
    static constexpr std::string_view month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto seconds_now = floor<seconds>(time);
    const auto day = floor<days>(seconds_now);
    const year_month_day date{day};
    const hh_mm_ss clock{seconds_now - day};
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%s, %02u %s %04d %02ld:%02ld:%02ld GMT",
                  day_names[weekday{day}.c_encoding()].data(), static_cast<unsigned>(date.day()),
                  month_names[static_cast<unsigned>(date.month()) - 1].data(),
                  static_cast<int>(date.year()), static_cast<long>(clock.hours().count()),
                  static_cast<long>(clock.minutes().count()),
                  static_cast<long>(clock.seconds().count()));
    return buffer;
}

Response feed_response(const service::CalendarFeed& feed, const Request& request) {
    Response response;
    if (etag_matches(request.if_none_match, feed.etag)) {
        response.status = 304;
        response.content_type.clear();
        set_header(response, "Cache-Control", std::string(feed_cache));
        set_header(response, "ETag", feed.etag);
        return response;
    }
    response.content_type = "text/calendar; charset=utf-8";
    response.body = feed.body;
    set_header(response, "Cache-Control", std::string(feed_cache));
    set_header(response, "ETag", feed.etag);
    if (feed.last_modified) set_header(response, "Last-Modified", http_date(*feed.last_modified));
    set_header(response, "Content-Disposition", "inline; filename=\"events.ics\"");
    return response;
}

std::string public_url(service::Platform& platform) {
    return platform.auth().settings().public_url;
}

Response district_priorities(service::Platform& platform, const Request& request,
                             const PathParams& params) {
    const auto page = page_of(request);
    const auto found = platform.agenda().district_priorities(path_id(params.at(0), "id"),
                                                             status_of(request), page);
    AgendaJson renderer(platform.agenda());
    return cached_json(renderer.priorities(found, page));
}

Response district_events(service::Platform& platform, const Request& request,
                         const PathParams& params) {
    const auto page = page_of(request);
    const auto found =
        platform.agenda().district_events(path_id(params.at(0), "id"), window_of(request), page);
    AgendaJson renderer(platform.agenda());
    return cached_json(renderer.events(found, page));
}

Response town_events(service::Platform& platform, const Request& request,
                     const PathParams& params) {
    const auto page = page_of(request);
    const auto found =
        platform.agenda().town_events(town_code(params.at(0)), window_of(request), page);
    AgendaJson renderer(platform.agenda());
    return cached_json(renderer.events(found, page));
}

Response one_priority(service::Platform& platform, const Request&, const PathParams& params) {
    AgendaJson renderer(platform.agenda());
    return cached_json(
        renderer.priority(platform.agenda().priority(path_id(params.at(0), "id")), true));
}

Response one_event(service::Platform& platform, const Request&, const PathParams& params) {
    AgendaJson renderer(platform.agenda());
    return cached_json(renderer.event(platform.agenda().event(path_id(params.at(0), "id"))));
}

Response district_feed(service::Platform& platform, const Request& request,
                       const PathParams& params) {
    return feed_response(
        platform.agenda().district_calendar(path_id(params.at(0), "id"), public_url(platform)),
        request);
}

Response town_feed(service::Platform& platform, const Request& request, const PathParams& params) {
    return feed_response(
        platform.agenda().town_calendar(town_code(params.at(0)), public_url(platform)), request);
}

}  // namespace

void add_agenda_routes(Router& router, service::Platform& platform) {
    auto* p = &platform;
    using Fn = Response (*)(service::Platform&, const Request&, const PathParams&);
    const auto route = [&](std::string pattern, Fn handler) {
        router.add(
            verb::get, std::move(pattern),
            [p, handler](const Request& request, const PathParams& params) {
                return handler(*p, request, params);
            },
            Access::open);
    };
    route("/api/v1/districts/{id}/priorities", district_priorities);
    route("/api/v1/districts/{id}/events", district_events);
    route("/api/v1/districts/{id}/events.ics", district_feed);
    route("/api/v1/towns/{code}/events", town_events);
    route("/api/v1/towns/{code}/events.ics", town_feed);
    route("/api/v1/priorities/{id}", one_priority);
    route("/api/v1/events/{id}", one_event);
    add_agenda_admin_routes(router, platform);
}

}  // namespace okrsek::http
