#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "http/request.hpp"

namespace okrsek::http {

/// The request body as a JSON object. Throws core::Error invalid_argument (field "body") for
/// a body that is not JSON or not an object; an empty body is an empty object.
nlohmann::json json_object_body(const Request& request);

/// A string member; throws invalid_argument naming `name` when missing (required) or not a
/// string, or longer than `max_bytes`.
std::string required_string(const nlohmann::json& body, std::string_view name,
                            std::size_t max_bytes = 4096);
std::optional<std::string> optional_string(const nlohmann::json& body, std::string_view name,
                                           std::size_t max_bytes = 4096);
std::optional<bool> optional_bool(const nlohmann::json& body, std::string_view name);
std::optional<std::int64_t> optional_int(const nlohmann::json& body, std::string_view name);

/// A positive id from a path segment; throws invalid_argument (field `name`).
std::int64_t path_id(const std::string& text, std::string_view name);

}  // namespace okrsek::http
