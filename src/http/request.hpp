#pragma once

#include <boost/beast/http/verb.hpp>
#include <optional>
#include <ostream>  // boost/core/detail/string_view.hpp in Boost 1.81 needs it
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace okrsek::http {

struct Caller;

/// A request as handlers see it: no sockets, easy to build in tests.
struct Request {
    boost::beast::http::verb method = boost::beast::http::verb::get;
    std::string path;                                        ///< percent-decoded, without the query
    std::vector<std::pair<std::string, std::string>> query;  ///< decoded, in order
    std::string body;
    std::string content_type;
    std::string accept_language;
    std::string cookie;          ///< the Cookie header
    std::string csrf_token;      ///< the X-CSRF-Token header
    std::string authorization;   ///< the Authorization header
    std::string user_agent;      ///< the User-Agent header
    std::string if_none_match;   ///< the If-None-Match header (conditional GET)
    std::string client_address;  ///< the client's IP address (see client_address())
    bool secure = false;         ///< came over HTTPS through a trusted proxy
    /// Who is calling: set by Application before a handler of a route that is not open runs.
    const Caller* caller = nullptr;
};

/// Splits a request target into a decoded path and query parameters ('+' is a space in the
/// query). Throws core::Error(invalid_argument) for bad percent-encoding or a NUL byte.
void parse_target(std::string_view target, Request& request);

/// The value of a query parameter; throws invalid_argument when it is given more than once.
std::optional<std::string_view> query_value(const Request& request, std::string_view name);

/// A required finite decimal number ("14.42"; no hex, no inf/nan). Throws invalid_argument
/// naming the parameter when missing or malformed.
double required_number(const Request& request, std::string_view name);

/// An optional finite decimal number.
std::optional<double> optional_number(const Request& request, std::string_view name);

/// An optional integer.
std::optional<std::int64_t> optional_integer(const Request& request, std::string_view name);

/// Parses a whole string as a finite decimal number; std::nullopt otherwise.
std::optional<double> parse_number(std::string_view text) noexcept;

}  // namespace okrsek::http
