#include "http/json_body.hpp"

#include <charconv>

#include "core/error.hpp"

namespace okrsek::http {

using core::Error;
using core::ErrorCode;
using nlohmann::json;

json json_object_body(const Request& request) {
    if (request.body.empty()) return json::object();
    json body = json::parse(request.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
        throw Error(ErrorCode::invalid_argument, "the body must be a JSON object", "body");
    }
    return body;
}

std::optional<std::string> optional_string(const json& body, std::string_view name,
                                           std::size_t max_bytes) {
    const auto found = body.find(name);
    if (found == body.end() || found->is_null()) return std::nullopt;
    if (!found->is_string()) {
        throw Error(ErrorCode::invalid_argument, std::string(name) + " must be a string",
                    std::string(name));
    }
    std::string value = found->get<std::string>();
    if (value.size() > max_bytes) {
        throw Error(ErrorCode::invalid_argument,
                    std::string(name) + " is longer than " + std::to_string(max_bytes) + " bytes",
                    std::string(name));
    }
    return value;
}

std::string required_string(const json& body, std::string_view name, std::size_t max_bytes) {
    auto value = optional_string(body, name, max_bytes);
    if (!value) {
        throw Error(ErrorCode::invalid_argument, std::string(name) + " is missing",
                    std::string(name));
    }
    return std::move(*value);
}

std::optional<bool> optional_bool(const json& body, std::string_view name) {
    const auto found = body.find(name);
    if (found == body.end() || found->is_null()) return std::nullopt;
    if (!found->is_boolean()) {
        throw Error(ErrorCode::invalid_argument, std::string(name) + " must be true or false",
                    std::string(name));
    }
    return found->get<bool>();
}

std::optional<std::int64_t> optional_int(const json& body, std::string_view name) {
    const auto found = body.find(name);
    if (found == body.end() || found->is_null()) return std::nullopt;
    if (!found->is_number_integer()) {
        throw Error(ErrorCode::invalid_argument, std::string(name) + " must be an integer",
                    std::string(name));
    }
    return found->get<std::int64_t>();
}

std::int64_t path_id(const std::string& text, std::string_view name) {
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc{} || end != text.data() + text.size() || id <= 0) {
        throw Error(ErrorCode::invalid_argument, std::string(name) + " must be a positive integer",
                    std::string(name));
    }
    return id;
}

}  // namespace okrsek::http
