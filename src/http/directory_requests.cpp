#include "http/directory_requests.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "http/json_body.hpp"

namespace okrsek::http {

using core::Error;
using core::ErrorCode;
using nlohmann::json;

namespace {

// The store checks every limit again; these keep a huge member from being copied around.
constexpr std::size_t max_name = 200;
constexpr std::size_t max_bio = 2000;
constexpr std::size_t max_note = 500;
constexpr std::size_t max_email = 254;
constexpr std::size_t max_phone = 40;
constexpr std::size_t max_office_hours = 14;
constexpr std::size_t max_place_text = 1000;
constexpr std::size_t max_address = 300;

double required_double(const json& body, std::string_view name) {
    const auto found = body.find(name);
    if (found == body.end() || found->is_null()) {
        throw Error(ErrorCode::invalid_argument, std::string(name) + " is missing",
                    std::string(name));
    }
    if (!found->is_number() || !std::isfinite(found->get<double>())) {
        throw Error(ErrorCode::invalid_argument, std::string(name) + " must be a number",
                    std::string(name));
    }
    return found->get<double>();
}

store::OfficeHours office_hours_entry(const json& item, std::size_t index) {
    const std::string prefix = "office_hours[" + std::to_string(index) + "]";
    if (!item.is_object()) {
        throw Error(ErrorCode::invalid_argument, prefix + " must be an object", prefix);
    }
    const auto member = [&](std::string_view name) { return prefix + "." + std::string(name); };
    store::OfficeHours entry;
    const auto weekday = item.find("weekday");
    if (weekday == item.end() || !weekday->is_number_integer()) {
        throw Error(ErrorCode::invalid_argument, member("weekday") + " must be 1 to 7",
                    member("weekday"));
    }
    entry.weekday = static_cast<int>(std::clamp<std::int64_t>(weekday->get<std::int64_t>(), 0, 8));
    try {
        entry.from = required_string(item, "from", 5);
        entry.to = required_string(item, "to", 5);
        entry.place = optional_string(item, "place", max_name).value_or("");
    } catch (const Error& error) {
        throw Error(error.code(), prefix + "." + error.what(), prefix + "." + error.field());
    }
    return entry;
}

}  // namespace

store::Contact contact_of(const json& body) {
    return {optional_string(body, "email", max_email), optional_string(body, "phone", max_phone)};
}

store::HolderProfile profile_of(const json& body) {
    store::HolderProfile profile;
    profile.name = required_string(body, "name", max_name);
    profile.bio = optional_string(body, "bio", max_bio);
    profile.office_hours_note = optional_string(body, "office_hours_note", max_note);
    profile.contact = contact_of(body);
    profile.user_id = optional_int(body, "user_id");
    const auto hours = body.find("office_hours");
    if (hours != body.end() && !hours->is_null()) {
        if (!hours->is_array() || hours->size() > max_office_hours) {
            throw Error(ErrorCode::invalid_argument,
                        "office_hours must be a list of at most 14 entries", "office_hours");
        }
        for (std::size_t i = 0; i < hours->size(); ++i) {
            profile.office_hours.push_back(office_hours_entry((*hours)[i], i));
        }
    }
    return profile;
}

store::PlaceFields place_fields_of(const json& body) {
    store::PlaceFields fields;
    fields.name = required_string(body, "name", max_name);
    fields.address = optional_string(body, "address", max_address);
    fields.opening_hours = optional_string(body, "opening_hours", max_place_text);
    fields.note = optional_string(body, "note", max_place_text);
    fields.position = {required_double(body, "lon"), required_double(body, "lat")};
    if (!core::is_valid_wgs84(fields.position)) {
        throw Error(ErrorCode::invalid_argument, "lon/lat are not a WGS 84 position", "lon");
    }
    fields.district_id = optional_int(body, "district_id");
    return fields;
}

std::int64_t required_int(const json& body, std::string_view name) {
    const auto value = optional_int(body, name);
    if (!value) {
        throw Error(ErrorCode::invalid_argument, std::string(name) + " is missing",
                    std::string(name));
    }
    return *value;
}

std::optional<std::int64_t> optional_id_parameter(const Request& request, std::string_view name) {
    const auto value = optional_integer(request, name);
    if (value && *value <= 0) {
        throw Error(ErrorCode::invalid_argument, std::string(name) + " must be a positive integer",
                    std::string(name));
    }
    return value;
}

std::int64_t municipality_parameter(const Request& request) {
    const auto town = optional_id_parameter(request, "municipality");
    if (!town) {
        throw Error(ErrorCode::invalid_argument, "parameter 'municipality' is missing",
                    "municipality");
    }
    return *town;
}

std::optional<std::string> photo_hash_of(const std::string& file) {
    constexpr std::string_view suffix = ".jpg";
    if (file.size() != 64 + suffix.size() || !file.ends_with(suffix)) return std::nullopt;
    const std::string hash = file.substr(0, 64);
    const bool hex = std::all_of(hash.begin(), hash.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    });
    if (!hex) return std::nullopt;
    return hash;
}

Response jpeg_response(std::string bytes, const std::string& sha256, std::string_view cache) {
    Response response;
    response.content_type = "image/jpeg";
    response.body = std::move(bytes);
    response.headers.emplace_back("ETag", "\"" + sha256 + "\"");
    response.headers.emplace_back("Cache-Control", std::string(cache));
    return response;
}

}  // namespace okrsek::http
