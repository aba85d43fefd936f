#pragma once

#include <string>
#include <string_view>

#include "http/response.hpp"

namespace okrsek::http {

/// The Content-Security-Policy of API answers and errors: nothing may load, nothing may frame.
inline constexpr std::string_view api_content_security_policy =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// Sets a header, replacing any earlier value of the same name (case-insensitive).
void set_header(Response& response, std::string_view name, std::string value);
/// Whether the response has the header (case-insensitive).
bool has_header(const Response& response, std::string_view name);

/// Adds the headers every answer carries, unless the response set its own:
/// X-Content-Type-Options, Referrer-Policy, X-Frame-Options, Cross-Origin-Opener-Policy,
/// Cross-Origin-Resource-Policy, Permissions-Policy, and the API Content-Security-Policy. With
/// `secure` (HTTPS through a trusted proxy) also Strict-Transport-Security.
void add_security_headers(Response& response, bool secure);

}  // namespace okrsek::http
