// The checks of one incident record's values, shared by the CSV and GeoJSON readers, and the
// mapping file.
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/prague_time.hpp"
#include "io/incident_reader.hpp"

namespace okrsek::io {
namespace {

using core::Error;
using core::ErrorCode;
using namespace std::chrono;

constexpr int min_year = 1990;
constexpr int max_year = 2100;

std::string_view trimmed_incident_fields(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// Reads exactly `digits` digits at `at`.
bool digits_at(std::string_view text, std::size_t at, std::size_t digits, int& value) {
    if (at + digits > text.size()) return false;
    value = 0;
    for (std::size_t i = at; i < at + digits; ++i) {
        if (text[i] < '0' || text[i] > '9') return false;
        value = value * 10 + (text[i] - '0');
    }
    return true;
}

// Reads 1 or 2 digits at `at`, moving it past them.
bool small_number(std::string_view text, std::size_t& at, int& value) {
    std::size_t end = at;
    while (end < text.size() && end - at < 2 && text[end] >= '0' && text[end] <= '9') ++end;
    if (end == at) return false;
    value = 0;
    for (std::size_t i = at; i < end; ++i) value = value * 10 + (text[i] - '0');
    at = end;
    return true;
}

struct Civil {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    std::optional<int> offset_min{};
};

// "HH:MM[:SS[.fff]]" from `at`; moves `at` past it.
bool read_clock(std::string_view text, std::size_t& at, Civil& civil) {
    if (!small_number(text, at, civil.hour) || at >= text.size() || text[at] != ':') return false;
    ++at;
    if (!digits_at(text, at, 2, civil.minute)) return false;
    at += 2;
    if (at < text.size() && text[at] == ':') {
        if (!digits_at(text, at + 1, 2, civil.second)) return false;
        at += 3;
        if (at < text.size() && (text[at] == '.' || text[at] == ',')) {
            ++at;
            while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
        }
    }
    return civil.hour < 24 && civil.minute < 60 && civil.second < 60;
}

// "Z", "+HH:MM", "+HHMM", "+HH" or nothing.
bool read_offset(std::string_view text, std::size_t& at, Civil& civil) {
    if (at == text.size()) return true;
    if (text[at] == 'Z' || text[at] == 'z') {
        civil.offset_min = 0;
        return ++at == text.size();
    }
    if (text[at] != '+' && text[at] != '-') return false;
    const int sign = text[at] == '-' ? -1 : 1;
    int hours = 0;
    int minutes = 0;
    if (!digits_at(text, at + 1, 2, hours)) return false;
    at += 3;
    if (at < text.size() && text[at] == ':') ++at;
    if (at < text.size()) {
        if (!digits_at(text, at, 2, minutes)) return false;
        at += 2;
    }
    if (hours > 14 || minutes > 59) return false;
    civil.offset_min = sign * (hours * 60 + minutes);
    return at == text.size();
}

// "YYYY-MM-DD" or "D.M.YYYY"; moves `at` past it.
bool read_day(std::string_view text, std::size_t& at, Civil& civil) {
    if (digits_at(text, 0, 4, civil.year) && text.size() >= 10 && text[4] == '-' &&
        text[7] == '-' && digits_at(text, 5, 2, civil.month) && digits_at(text, 8, 2, civil.day)) {
        at = 10;
        return true;
    }
    at = 0;
    if (!small_number(text, at, civil.day) || at >= text.size() || text[at++] != '.') return false;
    while (at < text.size() && text[at] == ' ') ++at;
    if (!small_number(text, at, civil.month) || at >= text.size() || text[at++] != '.')
        return false;
    while (at < text.size() && text[at] == ' ') ++at;
    if (!digits_at(text, at, 4, civil.year)) return false;
    at += 4;
    return true;
}

void format_utc(sys_seconds instant, std::string& out) {
    const auto midnight = floor<days>(instant);
    const year_month_day date{midnight};
    const hh_mm_ss clock{instant - midnight};
    char text[24];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ",
                  static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                  static_cast<unsigned>(date.day()), static_cast<int>(clock.hours().count()),
                  static_cast<int>(clock.minutes().count()),
                  static_cast<int>(clock.seconds().count()));
    out.assign(text, 20);
}

std::string json_text(const nlohmann::json& object, const char* key, std::string fallback) {
    if (!object.contains(key)) return fallback;
    const auto& value = object[key];
    if (value.is_null()) return {};
    if (!value.is_string()) {
        throw Error(ErrorCode::invalid_input,
                    std::string("mapping: \"") + key + "\" must be a column name", "mapping");
    }
    return value.get<std::string>();
}

}  // namespace

IncidentMapping policie_mapping() {
    return IncidentMapping{};
}

IncidentMapping parse_incident_mapping(std::string_view json) {
    nlohmann::json object;
    try {
        object = nlohmann::json::parse(json);
    } catch (const nlohmann::json::exception& error) {
        throw Error(ErrorCode::invalid_input, std::string("mapping: not JSON: ") + error.what(),
                    "mapping");
    }
    if (!object.is_object()) {
        throw Error(ErrorCode::invalid_input, "mapping: not a JSON object", "mapping");
    }
    IncidentMapping mapping;
    mapping.id = json_text(object, "id", "");
    mapping.x = json_text(object, "x", "");
    mapping.y = json_text(object, "y", "");
    mapping.date = json_text(object, "date", "");
    if (mapping.id.empty() || mapping.date.empty()) {
        throw Error(ErrorCode::invalid_input, "mapping: \"id\" and \"date\" are required",
                    "mapping");
    }
    mapping.time = json_text(object, "time", "");
    mapping.types = json_text(object, "types", "types");
    mapping.types_separator = json_text(object, "types_separator", "");
    mapping.municipal_police = json_text(object, "municipal_police", "");
    mapping.state = json_text(object, "state", "");
    mapping.relevance = json_text(object, "relevance", "");
    if (object.contains("municipal_police_value")) {
        if (!object["municipal_police_value"].is_boolean()) {
            throw Error(ErrorCode::invalid_input,
                        "mapping: \"municipal_police_value\" must be true or false", "mapping");
        }
        mapping.municipal_police_value = object["municipal_police_value"].get<bool>();
    }
    if (object.contains("type_codes")) {
        const auto& codes = object["type_codes"];
        if (!codes.is_object() || codes.size() > 10000) {
            throw Error(ErrorCode::invalid_input,
                        "mapping: \"type_codes\" must be an object of text to integer", "mapping");
        }
        for (const auto& [text, code] : codes.items()) {
            if (!code.is_number_integer()) {
                throw Error(ErrorCode::invalid_input,
                            "mapping: type_codes[\"" + text + "\"] is not an integer", "mapping");
            }
            mapping.type_codes[text] = code.get<std::int64_t>();
        }
    }
    const std::string crs = json_text(object, "crs", "wgs84");
    if (crs == "wgs84" || crs == "WGS84") {
        mapping.crs = geo::Crs::wgs84;
    } else if (crs == "sjtsk" || crs == "S-JTSK") {
        mapping.crs = geo::Crs::sjtsk;
    } else if (const auto parsed = geo::parse_crs(crs)) {
        mapping.crs = *parsed;
    } else {
        throw Error(ErrorCode::invalid_input, "mapping: unknown crs '" + crs + "'", "mapping");
    }
    const std::string delimiter = json_text(object, "delimiter", ",");
    if (delimiter.size() != 1 || delimiter[0] == '"') {
        throw Error(ErrorCode::invalid_input, "mapping: \"delimiter\" must be one character",
                    "mapping");
    }
    mapping.delimiter = delimiter[0];
    return mapping;
}

bool parse_incident_time(std::string_view date, std::string_view time, IncidentRecord& record,
                         std::string& reason) {
    date = trimmed_incident_fields(date);
    time = trimmed_incident_fields(time);
    Civil civil;
    std::size_t at = 0;
    bool ok = read_day(date, at, civil);
    if (ok && at < date.size() && (date[at] == 'T' || date[at] == 't' || date[at] == ' ')) {
        ++at;
        ok = read_clock(date, at, civil) && read_offset(date, at, civil);
    } else if (ok && at == date.size() && !time.empty()) {
        std::size_t time_at = 0;
        ok = read_clock(time, time_at, civil) && read_offset(time, time_at, civil);
    } else {
        ok = ok && at == date.size();
    }
    const year_month_day calendar{year{civil.year}, month{static_cast<unsigned>(civil.month)},
                                  day{static_cast<unsigned>(civil.day)}};
    if (!ok || !calendar.ok() || civil.year < min_year || civil.year > max_year) {
        reason = "date '" + std::string(date.substr(0, 40)) + "' is not a valid date and time";
        return false;
    }
    const seconds clock = hours{civil.hour} + minutes{civil.minute} + seconds{civil.second};
    sys_seconds instant;
    if (civil.offset_min) {
        instant = sys_days{calendar} + clock - minutes{*civil.offset_min};
        record.local_offset_min = static_cast<std::int32_t>(*civil.offset_min);
    } else {
        // Prague wall-clock time: the spring gap has no instant, the autumn's repeated hour
        // is read as its first occurrence (a source without offsets cannot say which).
        const local_seconds local{local_days{calendar} + clock};
        const auto info = core::prague_local_info(local);
        if (info.kind == core::PragueLocalInfo::Kind::nonexistent) {
            reason = "date '" + std::string(date) + "' falls in the hour skipped in spring";
            return false;
        }
        instant = info.earliest;
        record.local_offset_min = static_cast<std::int32_t>(
            duration_cast<minutes>(core::prague_utc_offset(instant)).count());
    }
    format_utc(instant, record.occurred_at);
    return true;
}

bool read_incident_id(std::string_view text, IncidentRecord& record, std::string& reason) {
    text = trimmed_incident_fields(text);
    if (text.empty()) {
        reason = "no id";
        return false;
    }
    if (text.size() > max_incident_id_bytes) {
        reason = "id longer than " + std::to_string(max_incident_id_bytes) + " bytes";
        return false;
    }
    for (const char c : text) {
        if (static_cast<unsigned char>(c) < 0x20) {
            reason = "id has a control character";
            return false;
        }
    }
    record.external_id.assign(text);
    return true;
}

bool read_flag(std::string_view text, bool& value, std::string& reason) {
    text = trimmed_incident_fields(text);
    std::string lower(text.substr(0, 8));
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.empty() || lower == "false" || lower == "0" || lower == "ne" || lower == "no") {
        value = false;
        return true;
    }
    if (lower == "true" || lower == "1" || lower == "ano" || lower == "yes") {
        value = true;
        return true;
    }
    reason = "mp '" + std::string(text.substr(0, 20)) + "' is not true or false";
    return false;
}

bool read_optional_code(std::string_view text, std::string_view name,
                        std::optional<std::int64_t>& value, std::string& reason) {
    text = trimmed_incident_fields(text);
    value.reset();
    if (text.empty()) return true;
    std::int64_t number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error != std::errc{} || end != text.data() + text.size()) {
        reason = std::string(name) + " '" + std::string(text.substr(0, 20)) + "' is not an integer";
        return false;
    }
    value = number;
    return true;
}

bool read_types(std::string_view text, const IncidentMapping& mapping, IncidentRecord& record,
                std::string& reason) {
    const std::string_view separator = mapping.types_separator;
    for (;;) {
        const std::size_t cut = separator.empty() ? std::string_view::npos : text.find(separator);
        const std::string_view part = trimmed_incident_fields(text.substr(0, cut));
        if (!part.empty()) {
            std::int64_t code = 0;
            if (!mapping.type_codes.empty()) {
                const auto found = mapping.type_codes.find(std::string(part));
                if (found == mapping.type_codes.end()) {
                    reason = "type '" + std::string(part.substr(0, 60)) + "' is not in the mapping";
                    return false;
                }
                code = found->second;
            } else {
                const auto [end, error] =
                    std::from_chars(part.data(), part.data() + part.size(), code);
                if (error != std::errc{} || end != part.data() + part.size()) {
                    reason = "type '" + std::string(part.substr(0, 20)) + "' is not an integer";
                    return false;
                }
            }
            if (record.types.size() >= max_incident_record_types) {
                reason = "more than " + std::to_string(max_incident_record_types) + " types";
                return false;
            }
            record.types.push_back(code);
        }
        if (cut == std::string_view::npos) break;
        text.remove_prefix(cut + separator.size());
    }
    if (record.types.empty()) {
        reason = "no type";
        return false;
    }
    return true;
}

bool read_position(double x, double y, const IncidentMapping& mapping,
                   const geo::SjtskToWgs84* to_wgs84, IncidentRecord& record, std::string& reason) {
    core::LonLat position{x, y};
    if (!std::isfinite(x) || !std::isfinite(y)) {
        reason = "coordinates are not numbers";
        return false;
    }
    if (mapping.crs == geo::Crs::sjtsk) {
        // Told apart by value, as RÚIAN exports: westing Y 400–950 km, southing X 900–1300 km,
        // in either sign or order (EPSG:5514 east/north are their negatives).
        const double a = std::abs(x);
        const double b = std::abs(y);
        const double westing = std::min(a, b);
        const double southing = std::max(a, b);
        if (westing < 400000.0 || westing > 950000.0 || southing < 900000.0 ||
            southing > 1300000.0 || !to_wgs84) {
            reason = "coordinates are not S-JTSK in Czechia";
            return false;
        }
        try {
            position = to_wgs84->transform(-westing, -southing);
        } catch (const Error&) {
            reason = "coordinates cannot be transformed from S-JTSK";
            return false;
        }
    }
    if (!core::is_valid_wgs84(position) || (position.lon == 0.0 && position.lat == 0.0)) {
        reason = "coordinates are not a WGS 84 position";
        return false;
    }
    record.lon_e7 = std::llround(position.lon * 1e7);
    record.lat_e7 = std::llround(position.lat * 1e7);
    return true;
}

}  // namespace okrsek::io
