#include "http/application.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "http/address_handlers.hpp"
#include "http/agenda_handlers.hpp"
#include "http/area_profile_handlers.hpp"
#include "http/auth_handlers.hpp"
#include "http/caller.hpp"
#include "http/directory_handlers.hpp"
#include "http/open311_handlers.hpp"
#include "http/print_handlers.hpp"
#include "http/report_handlers.hpp"
#include "http/security_headers.hpp"
#include "http/statistics_handlers.hpp"

namespace okrsek::http {

using boost::beast::http::verb;

std::string content_security_policy(const ApiSettings& settings) {
    std::string images = "'self' data:";
    if (settings.tiles) {
        const std::string& url = settings.tiles->url;
        const auto scheme_end = url.find("://");
        if (scheme_end != std::string::npos) {
            const auto host_end = url.find('/', scheme_end + 3);
            std::string origin = url.substr(0, host_end);
            if (const auto s = origin.find("{s}"); s != std::string::npos)
                origin.replace(s, 3, "*");
            images += " " + origin;
        }
    }
    return "default-src 'self'; script-src 'self'; img-src " + images +
           "; style-src 'self' 'unsafe-inline'; connect-src 'self'; object-src 'none'; "
           "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
}

Application::Application(service::Platform& platform, const ApiSettings& settings,
                         const std::optional<std::filesystem::path>& web_root)
    : m_platform(platform), m_content_security_policy(content_security_policy(settings)) {
    add_api_routes(m_router, platform, settings);
    add_auth_routes(m_router, platform);
    add_admin_routes(m_router, platform);
    add_address_routes(m_router, platform);
    add_directory_routes(m_router, platform);
    add_agenda_routes(m_router, platform);
    add_print_routes(m_router, platform);
    add_report_routes(m_router, platform);
    add_statistics_routes(m_router, platform);
    add_open311_routes(m_router, platform);
    add_area_profile_routes(m_router, platform);
    if (web_root) m_static = std::make_unique<StaticFiles>(*web_root);
}

namespace {

bool changes_state(verb method) {
    return method != verb::get && method != verb::head && method != verb::options;
}

service::ClientInfo client_of(const Request& request) {
    return {request.client_address, request.user_agent};
}

// Finds out who calls, from a bearer token or the session cookie. A bearer header that names
// no usable token is refused at once (a machine should know its token is wrong).
Caller identify(service::Platform& platform, const Request& request) {
    Caller caller;
    constexpr std::string_view bearer = "Bearer ";
    if (!request.authorization.empty()) {
        if (!request.authorization.starts_with(bearer)) {
            throw core::Error(core::ErrorCode::unauthenticated,
                              "use Authorization: Bearer okt_… (a machine token)");
        }
        caller.token = platform.auth().token_principal(
            std::string_view(request.authorization).substr(bearer.size()), client_of(request));
        if (!caller.token) {
            throw core::Error(core::ErrorCode::unauthenticated,
                              "the machine token is unknown, revoked or expired");
        }
        return caller;
    }
    const auto token = cookie_value(request.cookie, session_cookie);
    if (!token.empty()) {
        caller.session = platform.auth().session_principal(token, client_of(request));
        if (caller.session) caller.session_token = std::string(token);
    }
    return caller;
}

std::optional<Response> csrf_failure(service::Platform& platform, const Request& request,
                                     const Caller& caller) {
    if (!changes_state(request.method) || caller.token) return std::nullopt;
    const auto& tokens = platform.auth().csrf();
    bool valid = false;
    if (caller.session) {
        valid = tokens.matches_session(caller.session_token, request.csrf_token);
    } else {
        const auto nonce = cookie_value(request.cookie, pre_session_cookie);
        valid = !nonce.empty() && tokens.matches_pre_session(nonce, request.csrf_token);
    }
    if (valid) return std::nullopt;
    return error_response(403, "csrf_failed",
                          "missing or wrong X-CSRF-Token header; get one from "
                          "GET /api/v1/auth/csrf",
                          "X-CSRF-Token");
}

// Enforces a route's access rule: std::nullopt when the handler may run.
std::optional<Response> refusal(service::Platform& platform, Access access, const Request& request,
                                const Caller& caller) {
    switch (access) {
        case Access::open:
            return std::nullopt;
        case Access::visitor:
            if (caller.token) break;
            return csrf_failure(platform, request, caller);
        case Access::pending:
            if (caller.token) {
                return error_response(core::ErrorCode::forbidden,
                                      "machine tokens cannot use this route");
            }
            if (!caller.session) break;
            return csrf_failure(platform, request, caller);
        case Access::session:
        case Access::session_or_token:
            if (caller.token) {
                if (access == Access::session_or_token) return std::nullopt;
                return error_response(core::ErrorCode::forbidden,
                                      "machine tokens cannot use this route");
            }
            if (!caller.session) break;
            if (caller.session->state != service::SignInState::signed_in) {
                return error_response(401, "second_factor_required",
                                      "finish signing in with your second factor first");
            }
            return csrf_failure(platform, request, caller);
    }
    if (caller.token) return std::nullopt;
    Response response =
        error_response(core::ErrorCode::unauthenticated, "sign in first (no valid session)");
    // A cookie that no longer names a session is removed, so the browser stops sending it.
    if (!cookie_value(request.cookie, session_cookie).empty()) {
        response.headers.emplace_back("Set-Cookie", expired_cookie_header(session_cookie));
    }
    return response;
}

}  // namespace

Response Application::dispatch_api(const Request& request) const {
    auto found = m_router.find(request);
    if (!found) return error_response(core::ErrorCode::not_found, "no such endpoint", "path");
    if (auto* response = std::get_if<Response>(&*found)) return std::move(*response);
    const auto& match = std::get<RouteMatch>(*found);
    if (match.access == Access::open) return (*match.handler)(request, match.params);

    const Caller caller = identify(m_platform, request);
    Response response;
    if (auto refused = refusal(m_platform, match.access, request, caller)) {
        response = std::move(*refused);
    } else {
        Request identified = request;
        identified.caller = &caller;
        response = (*match.handler)(identified, match.params);
    }
    // Personal data and session answers must never be stored by a browser or a proxy.
    set_header(response, "Cache-Control", "no-store");
    return response;
}

Response Application::dispatch(const Request& request) const {
    if (request.path.starts_with("/api/")) return dispatch_api(request);
    // Open311 GeoReport v2 (open311_handlers.cpp) answers its own errors in XML or JSON.
    if (request.path.starts_with("/open311/")) return dispatch_api(request);
    if (!m_static) return error_response(core::ErrorCode::not_found, "no such page", "path");
    if (request.method != verb::get && request.method != verb::head) {
        Response response = error_response(405, "method_not_allowed", "use GET");
        response.headers.emplace_back("Allow", "GET, HEAD");
        return response;
    }
    Response response = m_static->serve(request);
    if (response.content_type.starts_with("text/html")) {
        set_header(response, "Content-Security-Policy", m_content_security_policy);
    }
    return response;
}

namespace {

Response answer_error(const core::Error& error, const Request& request) {
    if (const auto* throttled = dynamic_cast<const service::ThrottledError*>(&error)) {
        Response response = error_response(error);
        response.headers.emplace_back(
            "Retry-After", std::to_string(std::max<long>(1, throttled->retry_after().count())));
        return response;
    }
    if (const auto* rejected = dynamic_cast<const service::PasswordRejected*>(&error)) {
        nlohmann::json body = {{"error",
                                {{"code", core::to_string(error.code())},
                                 {"message", error.what()},
                                 {"field", error.field()},
                                 {"reasons", rejected->reasons()}}}};
        return json_response(body.dump(), status_for(error.code()));
    }
    if (error.code() == core::ErrorCode::internal) {
        spdlog::error("internal error on {}: {}", loggable_path(request.path), error.what());
    }
    return error_response(error);
}

}  // namespace

Response Application::handle(const Request& request) const noexcept {
    Response response;
    try {
        response = dispatch(request);
    } catch (const core::Error& error) {
        response = answer_error(error, request);
        // Errors of the back office (a failed login, a refusal) are never cached either.
        if (request.path.starts_with("/api/v1/auth") || request.path.starts_with("/api/v1/me") ||
            request.path.starts_with("/api/v1/admin")) {
            set_header(response, "Cache-Control", "no-store");
        }
    } catch (const std::exception& error) {
        // Only the path is logged: queries may hold a citizen's position.
        spdlog::error("unexpected error on {}: {}", loggable_path(request.path), error.what());
        response = error_response(core::ErrorCode::internal, "internal error");
    }
    try {
        add_security_headers(response, request.secure);
    } catch (const std::exception&) {
        // Out of memory while adding headers: the answer goes out as it is.
    }
    return response;
}

}  // namespace okrsek::http
