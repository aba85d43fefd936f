#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace okrsek::http {

/// A response as handlers produce it. `shared_body`, when set, is sent instead of `body`
/// (large cached answers are shared, not copied).
struct Response {
    unsigned status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::shared_ptr<const std::string> shared_body;
    std::vector<std::pair<std::string, std::string>> headers;

    const std::string& payload() const { return shared_body ? *shared_body : body; }
};

Response json_response(std::string body, unsigned status = 200);

/// The HTTP status of an error code: 400, 401, 403, 404, 409, 413, 422, 429, 503, 500.
unsigned status_for(core::ErrorCode code) noexcept;

/// {"error":{"code":"…","message":"…","field":"…"}} with the matching status.
Response error_response(core::ErrorCode code, std::string_view message,
                        std::string_view field = {});
Response error_response(const core::Error& error);

/// An error with a code outside core::ErrorCode (e.g. 405 "method_not_allowed").
Response error_response(unsigned status, std::string_view code, std::string_view message,
                        std::string_view field = {});

}  // namespace okrsek::http
