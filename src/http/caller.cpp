#include "http/caller.hpp"

#include "core/error.hpp"

namespace okrsek::http {

const service::Principal& Caller::principal() const {
    if (token) return *token;
    if (session && session->state == service::SignInState::signed_in) return session->principal;
    throw core::Error(core::ErrorCode::unauthenticated, "sign in first");
}

const Caller& caller_of(const Request& request) {
    if (!request.caller) {
        throw core::Error(core::ErrorCode::internal, "route registered without access rules");
    }
    return *request.caller;
}

std::string_view cookie_value(std::string_view header, std::string_view name) {
    while (!header.empty()) {
        const auto end = header.find(';');
        std::string_view pair = header.substr(0, end);
        header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
        while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
        const auto equals = pair.find('=');
        if (equals == std::string_view::npos) continue;
        if (pair.substr(0, equals) != name) continue;
        std::string_view value = pair.substr(equals + 1);
        while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
            value = value.substr(1, value.size() - 2);
        }
        return value;
    }
    return {};
}

namespace {

std::string cookie(std::string_view name, std::string_view value, const char* extra) {
    std::string text(name);
    text += '=';
    text += value;
    text += "; Path=/; HttpOnly; Secure; SameSite=Lax";
    text += extra;
    return text;
}

}  // namespace

std::string session_cookie_header(std::string_view token) {
    // No Max-Age: the browser forgets it when closed; the server enforces both timeouts.
    return cookie(session_cookie, token, "");
}

std::string pre_session_cookie_header(std::string_view nonce) {
    return cookie(pre_session_cookie, nonce, "; Max-Age=43200");
}

std::string expired_cookie_header(std::string_view name) {
    return cookie(name, "", "; Max-Age=0");
}

}  // namespace okrsek::http
