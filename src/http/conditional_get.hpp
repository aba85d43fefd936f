#pragma once

// Conditional GET (RFC 9110 13.1.2): answers a client already holds get 304 without a body.

#include <string_view>

namespace okrsek::http {

/// Whether an If-None-Match header names `etag`: a comma-separated list, weak validators
/// ("W/…") compared weakly as RFC 9110 asks for GET, and "*".
bool etag_matches(std::string_view if_none_match, std::string_view etag);

}  // namespace okrsek::http
