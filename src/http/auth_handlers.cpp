#include "http/auth_handlers.hpp"

#include "core/error.hpp"
#include "http/account_json.hpp"
#include "http/admin_route.hpp"
#include "http/caller.hpp"
#include "http/json_body.hpp"
#include "service/security/secret_token.hpp"

namespace okrsek::http {
namespace {

using boost::beast::http::verb;
using core::Error;
using core::ErrorCode;
using nlohmann::json;
using service::SignInState;
namespace sec = service::security;

constexpr std::size_t max_password_field = 4096;

service::ClientInfo client_of_auth_handlers(const Request& request) {
    return {request.client_address, request.user_agent};
}

// The answer to every request that creates or rotates a session: the cookie, the session's CSRF
// token, the state and who is signed in.
Response signed_in_answer(service::Platform& platform, const Request& request,
                          const service::SignIn& sign_in, json extra = json::object()) {
    json body = std::move(extra);
    body["status"] = service::to_string(sign_in.state);
    body["csrf_token"] = platform.auth().csrf().for_session(sign_in.token);
    if (const auto found =
            platform.auth().session_principal(sign_in.token, client_of_auth_handlers(request))) {
        AccountJson renderer(platform);
        body["me"] = renderer.me(found->principal, found->state);
    }
    Response response = json_answer(body);
    response.headers.emplace_back("Set-Cookie", session_cookie_header(sign_in.token));
    response.headers.emplace_back("Set-Cookie", expired_cookie_header(pre_session_cookie));
    return response;
}

Response signed_out_answer() {
    Response response = json_answer({{"status", "signed_out"}});
    response.headers.emplace_back("Set-Cookie", expired_cookie_header(session_cookie));
    return response;
}

store::LinkPurpose purpose_of(const json& body) {
    const std::string purpose = required_string(body, "purpose", 32);
    if (purpose == "invite") return store::LinkPurpose::invite;
    if (purpose == "password_reset") return store::LinkPurpose::password_reset;
    throw Error(ErrorCode::invalid_argument, "purpose must be invite or password_reset", "purpose");
}

const service::SessionPrincipal& session_of(const Request& request) {
    const Caller& caller = caller_of(request);
    if (!caller.session) throw Error(ErrorCode::unauthenticated, "sign in first");
    return *caller.session;
}

Response csrf(service::Platform& platform, const Request& request) {
    const Caller& caller = caller_of(request);
    const auto& tokens = platform.auth().csrf();
    if (caller.session) {
        return json_answer({{"csrf_token", tokens.for_session(caller.session_token)}});
    }
    std::string nonce(cookie_value(request.cookie, pre_session_cookie));
    Response response;
    if (!sec::is_well_formed_token(nonce)) {
        nonce = sec::new_secret_token();
        response.headers.emplace_back("Set-Cookie", pre_session_cookie_header(nonce));
    }
    Response answer = json_answer({{"csrf_token", tokens.for_pre_session(nonce)}});
    answer.headers = std::move(response.headers);
    return answer;
}

Response login(service::Platform& platform, const Request& request) {
    const json body = json_object_body(request);
    const std::string email = required_string(body, "email", 320);
    const std::string password = required_string(body, "password", max_password_field);
    const Caller& caller = caller_of(request);
    // Signing in again ends the session this browser had.
    if (caller.session) platform.auth().logout(caller.session->principal);
    const auto sign_in = platform.auth().login(email, password, client_of_auth_handlers(request));
    return signed_in_answer(platform, request, sign_in);
}

Response second_factor(service::Platform& platform, const Request& request) {
    const json body = json_object_body(request);
    const auto code = optional_string(body, "code", 64);
    const auto recovery = optional_string(body, "recovery_code", 64);
    if (!code == !recovery) {
        throw Error(ErrorCode::invalid_argument, "send either code or recovery_code", "code");
    }
    const Caller& caller = caller_of(request);
    const auto sign_in = platform.auth().complete_second_factor(
        caller.session_token, code ? *code : *recovery, recovery.has_value(),
        client_of_auth_handlers(request));
    return signed_in_answer(platform, request, sign_in);
}

Response logout(service::Platform& platform, const Request& request) {
    platform.auth().logout(session_of(request).principal);
    return signed_out_answer();
}

Response logout_everywhere(service::Platform& platform, const Request& request) {
    platform.auth().logout_everywhere(caller_of(request).principal());
    return signed_out_answer();
}

Response check_link(service::Platform& platform, const Request& request) {
    const json body = json_object_body(request);
    const auto info =
        platform.auth().check_link(required_string(body, "token", 128), purpose_of(body));
    return json_answer(
        {{"purpose", info.purpose == store::LinkPurpose::invite ? "invite" : "password_reset"},
         {"email", info.email},
         {"name", info.display_name},
         {"expires_at", time_json(info.expires_at)}});
}

Response complete_link(service::Platform& platform, const Request& request) {
    const json body = json_object_body(request);
    platform.auth().complete_link(required_string(body, "token", 128), purpose_of(body),
                                  required_string(body, "password", max_password_field),
                                  client_of_auth_handlers(request));
    return json_answer({{"status", "password_set"}});
}

Response me(service::Platform& platform, const Request& request) {
    const Caller& caller = caller_of(request);
    AccountJson renderer(platform);
    if (caller.token) return json_answer(renderer.me(*caller.token, SignInState::signed_in));
    return json_answer(renderer.me(caller.session->principal, caller.session->state));
}

Response totp_setup(service::Platform& platform, const Request& request) {
    const auto& session = session_of(request);
    if (session.state == SignInState::second_factor_required) {
        throw Error(ErrorCode::unauthenticated, "enter the code from your authenticator first");
    }
    const auto enrolment = platform.auth().begin_totp(session.principal);
    return json_answer(
        {{"secret", enrolment.secret_base32}, {"otpauth_uri", enrolment.otpauth_uri}});
}

Response totp_confirm(service::Platform& platform, const Request& request) {
    const auto& session = session_of(request);
    if (session.state == SignInState::second_factor_required) {
        throw Error(ErrorCode::unauthenticated, "enter the code from your authenticator first");
    }
    const json body = json_object_body(request);
    auto confirmation = platform.auth().confirm_totp(
        session.principal, caller_of(request).session_token, required_string(body, "code", 64));
    return signed_in_answer(platform, request, confirmation.sign_in,
                            {{"recovery_codes", confirmation.recovery_codes}});
}

Response totp_disable(service::Platform& platform, const Request& request) {
    const json body = json_object_body(request);
    platform.auth().disable_totp(caller_of(request).principal(),
                                 required_string(body, "password", max_password_field));
    return json_answer({{"status", "disabled"}});
}

Response recovery_codes(service::Platform& platform, const Request& request) {
    const json body = json_object_body(request);
    const auto codes = platform.auth().regenerate_recovery_codes(
        caller_of(request).principal(), required_string(body, "password", max_password_field));
    return json_answer({{"recovery_codes", codes}});
}

Response change_password(service::Platform& platform, const Request& request) {
    const json body = json_object_body(request);
    const Caller& caller = caller_of(request);
    const auto sign_in = platform.auth().change_password(
        caller.principal(), caller.session_token,
        required_string(body, "current_password", max_password_field),
        required_string(body, "new_password", max_password_field));
    return signed_in_answer(platform, request, sign_in);
}

Response sessions(service::Platform& platform, const Request& request) {
    const auto& principal = caller_of(request).principal();
    AccountJson renderer(platform);
    json list = json::array();
    for (const auto& session : platform.auth().sessions(principal)) {
        list.push_back(renderer.session(session, principal.session_id));
    }
    return json_answer({{"sessions", std::move(list)}});
}

Response end_other_sessions(service::Platform& platform, const Request& request) {
    const auto ended = platform.auth().end_other_sessions(caller_of(request).principal());
    return json_answer({{"ended", ended}});
}

}  // namespace

void add_auth_routes(Router& router, service::Platform& platform) {
    auto* p = &platform;
    const auto route = [&](verb method, std::string pattern, Access access,
                           Response (*handler)(service::Platform&, const Request&)) {
        router.add(
            method, std::move(pattern),
            [p, handler](const Request& request, const PathParams&) {
                return handler(*p, request);
            },
            access);
    };
    route(verb::get, "/api/v1/auth/csrf", Access::visitor, csrf);
    route(verb::post, "/api/v1/auth/login", Access::visitor, login);
    route(verb::post, "/api/v1/auth/link", Access::visitor, check_link);
    route(verb::post, "/api/v1/auth/link/complete", Access::visitor, complete_link);
    route(verb::post, "/api/v1/auth/totp", Access::pending, second_factor);
    route(verb::post, "/api/v1/auth/logout", Access::pending, logout);
    route(verb::post, "/api/v1/auth/logout-everywhere", Access::session, logout_everywhere);
    route(verb::get, "/api/v1/me", Access::session_or_token, me);
    route(verb::post, "/api/v1/me/totp/setup", Access::pending, totp_setup);
    route(verb::post, "/api/v1/me/totp/confirm", Access::pending, totp_confirm);
    route(verb::post, "/api/v1/me/totp/disable", Access::session, totp_disable);
    route(verb::post, "/api/v1/me/recovery-codes", Access::session, recovery_codes);
    route(verb::post, "/api/v1/me/password", Access::session, change_password);
    route(verb::get, "/api/v1/me/sessions", Access::session, sessions);
    route(verb::post, "/api/v1/me/sessions/end-others", Access::session, end_other_sessions);
}

}  // namespace okrsek::http
