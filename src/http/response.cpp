#include "http/response.hpp"

#include "io/geojson_writer.hpp"

namespace okrsek::http {

using core::ErrorCode;

Response json_response(std::string body, unsigned status) {
    Response response;
    response.status = status;
    response.body = std::move(body);
    return response;
}

unsigned status_for(ErrorCode code) noexcept {
    switch (code) {
        case ErrorCode::invalid_argument:
            return 400;
        case ErrorCode::invalid_input:
            return 422;
        case ErrorCode::not_found:
            return 404;
        case ErrorCode::outside_coverage:
            return 404;
        case ErrorCode::unauthenticated:
            return 401;
        case ErrorCode::forbidden:
            return 403;
        case ErrorCode::conflict:
            return 409;
        case ErrorCode::payload_too_large:
            return 413;
        case ErrorCode::rate_limited:
            return 429;
        case ErrorCode::unavailable:
            return 503;
        case ErrorCode::internal:
            return 500;
    }
    return 500;
}

Response error_response(ErrorCode code, std::string_view message, std::string_view field) {
    return error_response(status_for(code), core::to_string(code), message, field);
}

Response error_response(unsigned status, std::string_view code, std::string_view message,
                        std::string_view field) {
    std::string body = R"({"error":{"code":)";
    io::append_json_string(body, code);
    body += R"(,"message":)";
    io::append_json_string(body, message);
    if (!field.empty()) {
        body += R"(,"field":)";
        io::append_json_string(body, field);
    }
    body += "}}";
    return json_response(std::move(body), status);
}

Response error_response(const core::Error& error) {
    return error_response(error.code(), error.what(), error.field());
}

}  // namespace okrsek::http
