#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace okrsek::core {

/// What went wrong, independent of the front end. HTTP maps these to status codes,
/// the CLI to exit codes; nothing else translates them.
enum class ErrorCode {
    invalid_argument,   ///< a parameter is missing or malformed (HTTP 400, CLI usage)
    invalid_input,      ///< a file or body is well-formed but its content is wrong (HTTP 422)
    not_found,          ///< an unknown id or name (HTTP 404)
    outside_coverage,   ///< a point lies outside every area (HTTP 404)
    unauthenticated,    ///< no valid session, token or credentials (HTTP 401)
    forbidden,          ///< signed in, but not allowed to do this (HTTP 403)
    conflict,           ///< the request clashes with stored state (HTTP 409)
    payload_too_large,  ///< a body or file over its limit (HTTP 413)
    rate_limited,       ///< too many requests (HTTP 429)
    unavailable,        ///< a dependency (database) cannot be reached (HTTP 503)
    internal,           ///< our own bug or an environment failure (HTTP 500)
};

/// The stable machine name of a code, as it appears in JSON errors ("invalid_argument").
std::string_view to_string(ErrorCode code) noexcept;

/// The one exception type that aborts an operation. The message names the culprit
/// ("feature 17 (OKRSEK=5): ring not closed"); `field` names the parameter or JSON path
/// at fault when there is one.
class Error : public std::runtime_error {
public:
    Error(ErrorCode code, std::string message, std::string field = {});

    ErrorCode code() const noexcept { return m_code; }
    const std::string& field() const noexcept { return m_field; }

private:
    ErrorCode m_code;
    std::string m_field;
};

}  // namespace okrsek::core
