#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/request.hpp"
#include "service/auth/authenticator.hpp"
#include "service/auth/principal.hpp"

namespace okrsek::http {

/// Cookie names. "__Host-" makes browsers accept them only with Secure, Path=/ and no Domain,
/// so a neighbouring subdomain cannot plant or overwrite them.
inline constexpr std::string_view session_cookie = "__Host-okrsek_session";
inline constexpr std::string_view pre_session_cookie = "__Host-okrsek_csrf";

/// Who made a request, as Application found out from its cookie or bearer token.
struct Caller {
    std::optional<service::SessionPrincipal> session;
    std::string session_token;  ///< the cookie's value when `session` is set
    std::optional<service::Principal> token;

    /// The principal of a complete session or machine token. Throws unauthenticated when
    /// there is neither (Application prevents that for the routes that need one).
    const service::Principal& principal() const;
};

/// The caller of a request whose route is not open. Throws core::Error internal when a
/// handler needing one was registered as open (a programming error).
const Caller& caller_of(const Request& request);

/// The value of cookie `name` in a Cookie header; empty when absent.
std::string_view cookie_value(std::string_view header, std::string_view name);

/// Set-Cookie values. `max_age_s` 0 deletes the cookie.
std::string session_cookie_header(std::string_view token);
std::string pre_session_cookie_header(std::string_view nonce);
std::string expired_cookie_header(std::string_view name);

}  // namespace okrsek::http
