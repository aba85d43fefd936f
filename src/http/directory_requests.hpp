#pragma once

// Reading district-team and place requests (JSON bodies, query parameters) and answering with
// photos: shared by the public and the back-office directory routes.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "http/request.hpp"
#include "http/response.hpp"
#include "store/directory.hpp"

namespace okrsek::http {

/// {"email":…, "phone":…}; a missing or null member clears it.
store::Contact contact_of(const nlohmann::json& body);
/// A holder's profile: name (required), bio, office_hours [{weekday, from, to, place}],
/// office_hours_note, email, phone, user_id. Throws invalid_argument naming the member.
store::HolderProfile profile_of(const nlohmann::json& body);
/// A place: name, lon, lat (required), address, opening_hours, note, district_id.
store::PlaceFields place_fields_of(const nlohmann::json& body);
/// A required integer member; throws invalid_argument naming it.
std::int64_t required_int(const nlohmann::json& body, std::string_view name);

/// A query parameter that must be a positive integer (none when absent).
std::optional<std::int64_t> optional_id_parameter(const Request& request, std::string_view name);
/// The "municipality" query parameter, required.
std::int64_t municipality_parameter(const Request& request);

/// The photo file name of a URL, "<64 hex digits>.jpg", as the hash; none otherwise.
std::optional<std::string> photo_hash_of(const std::string& file);
/// An image/jpeg answer with its ETag; `cache` the Cache-Control value.
Response jpeg_response(std::string bytes, const std::string& sha256, std::string_view cache);

}  // namespace okrsek::http
