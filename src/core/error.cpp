#include "core/error.hpp"

#include <utility>

namespace okrsek::core {

std::string_view to_string(ErrorCode code) noexcept {
    switch (code) {
        case ErrorCode::invalid_argument:
            return "invalid_argument";
        case ErrorCode::invalid_input:
            return "invalid_input";
        case ErrorCode::not_found:
            return "not_found";
        case ErrorCode::outside_coverage:
            return "outside_coverage";
        case ErrorCode::unauthenticated:
            return "unauthenticated";
        case ErrorCode::forbidden:
            return "forbidden";
        case ErrorCode::conflict:
            return "conflict";
        case ErrorCode::payload_too_large:
            return "payload_too_large";
        case ErrorCode::rate_limited:
            return "rate_limited";
        case ErrorCode::unavailable:
            return "unavailable";
        case ErrorCode::internal:
            return "internal";
    }
    return "internal";
}

Error::Error(ErrorCode code, std::string message, std::string field)
    : std::runtime_error(std::move(message)), m_code(code), m_field(std::move(field)) {}

}  // namespace okrsek::core
