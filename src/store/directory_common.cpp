#include "store/directory_common.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <tuple>

#include "core/error.hpp"
#include "core/time.hpp"
#include "store/account_common.hpp"

namespace okrsek::store::directory {
namespace {

using core::Error;
using core::ErrorCode;
using nlohmann::json;

std::string field_name(std::string_view prefix, std::string_view name) {
    return std::string(prefix) + std::string(name);
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

std::string checked_phone(std::string_view phone, const std::string& field) {
    phone = trimmed(phone);
    if (phone.size() > max_phone_bytes) {
        throw Error(ErrorCode::invalid_argument,
                    field + " is longer than " + std::to_string(max_phone_bytes) + " bytes", field);
    }
    std::size_t digits = 0;
    for (const char c : phone) {
        if (c >= '0' && c <= '9') {
            ++digits;
        } else if (std::string_view(" +()-/.").find(c) == std::string_view::npos) {
            // The number itself stays out of the message: it is personal data.
            throw Error(ErrorCode::invalid_argument,
                        field + " may hold only digits, spaces and + ( ) - / .", field);
        }
    }
    if (digits < 3) {
        throw Error(ErrorCode::invalid_argument, field + " needs at least 3 digits", field);
    }
    return std::string(phone);
}

// "HH:MM" from 00:00 to 24:00.
std::string checked_clock(std::string_view text, const std::string& field) {
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    const bool shaped = text.size() == 5 && digit(text[0]) && digit(text[1]) && text[2] == ':' &&
                        digit(text[3]) && digit(text[4]);
    const int hours = shaped ? (text[0] - '0') * 10 + (text[1] - '0') : 99;
    const int minutes = shaped ? (text[3] - '0') * 10 + (text[4] - '0') : 99;
    if (!shaped || minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) {
        throw Error(ErrorCode::invalid_argument, field + " must be a time such as 14:30", field);
    }
    return std::string(text);
}

OfficeHours checked_hours(const OfficeHours& hours, std::size_t index) {
    const std::string prefix = "office_hours[" + std::to_string(index) + "].";
    if (hours.weekday < 1 || hours.weekday > 7) {
        throw Error(ErrorCode::invalid_argument,
                    prefix + "weekday must be 1 (Monday) to 7 (Sunday)", prefix + "weekday");
    }
    OfficeHours result;
    result.weekday = hours.weekday;
    result.from = checked_clock(hours.from, prefix + "from");
    result.to = checked_clock(hours.to, prefix + "to");
    if (result.to <= result.from) {
        throw Error(ErrorCode::invalid_argument, prefix + "to must be after from", prefix + "to");
    }
    if (const auto place = optional_text(hours.place, max_office_place_bytes, prefix + "place")) {
        result.place = *place;
    }
    return result;
}

}  // namespace

std::string checked_code(std::string_view code, std::string_view field) {
    const std::string name(field);
    const bool valid = !code.empty() && code.size() <= max_code_bytes &&
                       std::all_of(code.begin(), code.end(), [](char c) {
                           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                       });
    if (!valid) {
        throw Error(ErrorCode::invalid_argument,
                    name + " must be 1 to 64 characters of a-z, 0-9 and _", name);
    }
    return std::string(code);
}

std::optional<std::string> optional_text(const std::optional<std::string>& value,
                                         std::size_t max_bytes, std::string_view field,
                                         bool multiline) {
    if (!value) return std::nullopt;
    const std::string_view text = trimmed(*value);
    if (text.empty()) return std::nullopt;
    return accounts::checked_text(text, max_bytes, field, multiline);
}

Contact checked_contact(const Contact& contact, std::string_view prefix) {
    Contact result;
    if (contact.email && !trimmed(*contact.email).empty()) {
        try {
            result.email = accounts::normalized_email(*contact.email);
        } catch (const Error& error) {
            throw Error(error.code(), error.what(), field_name(prefix, "email"));
        }
    }
    if (contact.phone && !trimmed(*contact.phone).empty()) {
        result.phone = checked_phone(*contact.phone, field_name(prefix, "phone"));
    }
    return result;
}

std::string checked_date(std::string_view date, std::string_view field) {
    const std::string name(field);
    if (date.size() != 10 || !core::parse_iso8601_utc(date)) {
        throw Error(ErrorCode::invalid_argument, name + " must be a date such as 2026-03-01", name);
    }
    return std::string(date);
}

HolderProfile checked_profile(const HolderProfile& profile) {
    HolderProfile result;
    result.name = accounts::checked_text(trimmed(profile.name), max_person_name_bytes, "name");
    result.bio = optional_text(profile.bio, max_bio_bytes, "bio", true);
    if (profile.office_hours.size() > max_office_hours) {
        throw Error(ErrorCode::invalid_argument,
                    "at most " + std::to_string(max_office_hours) + " office hours",
                    "office_hours");
    }
    for (std::size_t i = 0; i < profile.office_hours.size(); ++i) {
        result.office_hours.push_back(checked_hours(profile.office_hours[i], i));
    }
    std::stable_sort(result.office_hours.begin(), result.office_hours.end(),
                     [](const OfficeHours& a, const OfficeHours& b) {
                         return std::tie(a.weekday, a.from, a.to) <
                                std::tie(b.weekday, b.from, b.to);
                     });
    result.office_hours_note =
        optional_text(profile.office_hours_note, max_office_note_bytes, "office_hours_note", true);
    result.contact = checked_contact(profile.contact);
    result.user_id = profile.user_id;
    return result;
}

std::string office_hours_text(const std::vector<OfficeHours>& hours) {
    json list = json::array();
    for (const auto& entry : hours) {
        json item = {{"weekday", entry.weekday}, {"from", entry.from}, {"to", entry.to}};
        if (!entry.place.empty()) item["place"] = entry.place;
        list.push_back(std::move(item));
    }
    return list.dump();
}

std::vector<OfficeHours> office_hours_of(std::string_view text) {
    const json list = json::parse(text, nullptr, false);
    if (list.is_discarded() || !list.is_array()) {
        throw Error(ErrorCode::internal, "stored office hours are not a JSON array");
    }
    std::vector<OfficeHours> hours;
    for (const auto& item : list) {
        OfficeHours entry;
        entry.weekday = item.value("weekday", 1);
        entry.from = item.value("from", "");
        entry.to = item.value("to", "");
        entry.place = item.value("place", "");
        hours.push_back(std::move(entry));
    }
    return hours;
}

PlaceFields checked_place(const PlaceFields& fields, std::string_view prefix) {
    PlaceFields result;
    result.name = accounts::checked_text(trimmed(fields.name), max_place_name_bytes,
                                         field_name(prefix, "name"));
    result.address =
        optional_text(fields.address, max_address_bytes, field_name(prefix, "address"));
    result.opening_hours = optional_text(fields.opening_hours, max_place_text_bytes,
                                         field_name(prefix, "opening_hours"), true);
    result.note =
        optional_text(fields.note, max_place_text_bytes, field_name(prefix, "note"), true);
    if (!core::is_valid_wgs84(fields.position)) {
        throw Error(ErrorCode::invalid_argument, "the position is not WGS 84 longitude/latitude",
                    field_name(prefix, "position"));
    }
    result.position = {from_e7(to_e7(fields.position.lon)), from_e7(to_e7(fields.position.lat))};
    result.district_id = fields.district_id;
    return result;
}

std::int64_t to_e7(double degrees) {
    return static_cast<std::int64_t>(std::llround(degrees * 1e7));
}

double from_e7(std::int64_t value) {
    return static_cast<double>(value) / 1e7;
}

const std::string holder_columns =
    "h.id, h.position_id, h.municipality_code, p.district_id, p.role_id, h.name, h.bio, "
    "h.office_hours, h.office_hours_note, h.email, h.phone, h.user_id, h.photo_id, f.sha256, "
    "f.thumb_sha256, h.from_date, h.to_date, h.created_at, h.updated_at";

const std::string holder_from =
    " FROM team_holders h JOIN team_positions p ON p.id = h.position_id "
    "LEFT JOIN photos f ON f.id = h.photo_id ";

TeamHolder holder_of(const SqlRows& rows) {
    TeamHolder holder;
    holder.id = rows.int64(0);
    holder.position_id = rows.int64(1);
    holder.municipality_code = rows.int64(2);
    holder.district_id = rows.int64(3);
    holder.role_id = rows.int64(4);
    holder.profile.name = rows.text(5);
    holder.profile.bio = rows.optional_text(6);
    holder.profile.office_hours = office_hours_of(rows.text(7));
    holder.profile.office_hours_note = rows.optional_text(8);
    holder.profile.contact.email = rows.optional_text(9);
    holder.profile.contact.phone = rows.optional_text(10);
    holder.profile.user_id = rows.optional_int64(11);
    holder.photo_id = rows.optional_int64(12);
    holder.photo_sha256 = rows.optional_text(13);
    holder.thumb_sha256 = rows.optional_text(14);
    holder.from_date = rows.text(15);
    holder.to_date = rows.optional_text(16);
    holder.created_at = accounts::parse_time(rows.text(17));
    holder.updated_at = accounts::parse_time(rows.text(18));
    return holder;
}

const std::string place_columns =
    "id, municipality_code, kind_id, code, name, address, opening_hours, note, lon_e7, lat_e7, "
    "district_id, created_at, updated_at";

Place place_of(const SqlRows& rows) {
    Place place;
    place.id = rows.int64(0);
    place.municipality_code = rows.int64(1);
    place.kind_id = rows.int64(2);
    place.code = rows.optional_text(3);
    place.fields.name = rows.text(4);
    place.fields.address = rows.optional_text(5);
    place.fields.opening_hours = rows.optional_text(6);
    place.fields.note = rows.optional_text(7);
    place.fields.position = {from_e7(rows.int64(8)), from_e7(rows.int64(9))};
    place.fields.district_id = rows.optional_int64(10);
    place.created_at = accounts::parse_time(rows.text(11));
    place.updated_at = accounts::parse_time(rows.text(12));
    return place;
}

void require_town(SqlRunner& sql, std::int64_t municipality_code) {
    if (!accounts::exists(sql, "SELECT 1 FROM municipalities WHERE code = $1",
                          SqlParams().add(municipality_code))) {
        throw Error(ErrorCode::invalid_input,
                    "no municipality " + std::to_string(municipality_code), "municipality");
    }
}

}  // namespace okrsek::store::directory
