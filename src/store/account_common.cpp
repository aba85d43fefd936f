#include "store/account_common.hpp"

#include <charconv>
#include <chrono>
#include <nlohmann/json.hpp>

#include "core/time.hpp"

namespace okrsek::store::accounts {
namespace {

using core::Error;
using core::ErrorCode;

constexpr std::size_t max_email_bytes = 254;  // RFC 5321's limit on a forward path
constexpr std::size_t max_hash_bytes = 128;
constexpr std::size_t max_details_bytes = 64 * 1024;

bool is_control(char c, bool multiline) {
    const auto byte = static_cast<unsigned char>(c);
    if (multiline && (c == '\n' || c == '\t' || c == '\r')) return false;
    return byte < 0x20 || byte == 0x7f;
}

// Digits of `text` at [offset, offset + length) as a number; throws when they are not digits.
int digits_at(std::string_view text, std::size_t offset, std::size_t length) {
    int value = 0;
    const char* begin = text.data() + offset;
    const auto [end, ec] = std::from_chars(begin, begin + length, value);
    if (ec != std::errc{} || end != begin + length) {
        throw Error(ErrorCode::internal, "stored time is not ISO 8601 UTC");
    }
    return value;
}

void require_field(const std::string& value, std::string_view field) {
    if (value.empty()) {
        throw Error(ErrorCode::invalid_argument, "the audit entry has no " + std::string(field),
                    std::string(field));
    }
}

}  // namespace

std::string time_text(TimePoint time) {
    return core::to_iso8601_utc(time);
}

TimePoint parse_time(std::string_view text) {
    if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
        text[13] != ':' || text[16] != ':' || text[19] != 'Z') {
        throw Error(ErrorCode::internal, "stored time is not ISO 8601 UTC");
    }
    using namespace std::chrono;
    const year_month_day date{year{digits_at(text, 0, 4)},
                              month{static_cast<unsigned>(digits_at(text, 5, 2))},
                              day{static_cast<unsigned>(digits_at(text, 8, 2))}};
    if (!date.ok()) throw Error(ErrorCode::internal, "stored time is not a calendar date");
    return sys_days{date} + hours{digits_at(text, 11, 2)} + minutes{digits_at(text, 14, 2)} +
           seconds{digits_at(text, 17, 2)};
}

std::optional<TimePoint> optional_time(const SqlRows& rows, int column) {
    if (rows.is_null(column)) return std::nullopt;
    return parse_time(rows.text(column));
}

std::string normalized_email(std::string_view email) {
    while (!email.empty() && email.front() == ' ') email.remove_prefix(1);
    while (!email.empty() && email.back() == ' ') email.remove_suffix(1);
    const auto at = email.rfind('@');
    bool valid = !email.empty() && email.size() <= max_email_bytes && at != std::string::npos &&
                 at > 0 && at + 1 < email.size();
    std::string result;
    result.reserve(email.size());
    for (const char c : email) {
        if (c == ' ' || is_control(c, false)) valid = false;
        result += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    if (!valid) {
        // The address itself stays out of the message: it is personal data.
        throw Error(ErrorCode::invalid_argument, "not a valid e-mail address", "email");
    }
    return result;
}

std::string checked_text(std::string_view value, std::size_t max_bytes, std::string_view field,
                         bool multiline) {
    const std::string name(field);
    if (value.empty()) throw Error(ErrorCode::invalid_argument, name + " is empty", name);
    if (value.size() > max_bytes) {
        throw Error(ErrorCode::invalid_argument,
                    name + " is longer than " + std::to_string(max_bytes) + " bytes", name);
    }
    for (const char c : value) {
        if (is_control(c, multiline)) {
            throw Error(ErrorCode::invalid_argument, name + " contains a control character", name);
        }
    }
    return std::string(value);
}

std::string checked_hash(std::string_view value, std::string_view field) {
    const std::string name(field);
    if (value.empty() || value.size() > max_hash_bytes) {
        throw Error(ErrorCode::invalid_argument, name + " must be 1 to 128 bytes", name);
    }
    for (const char c : value) {
        if (c <= ' ' || c > '~') {
            throw Error(ErrorCode::invalid_argument, name + " must be printable ASCII", name);
        }
    }
    return std::string(value);
}

std::string truncated_utf8(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return std::string(text);
    std::size_t end = max_bytes;
    // Continuation bytes are 10xxxxxx: step back to the first byte of the cut character.
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return std::string(text.substr(0, end));
}

ActorKind actor_kind_from(std::string_view text) {
    for (const auto kind : {ActorKind::user, ActorKind::token, ActorKind::system, ActorKind::cli}) {
        if (to_string(kind) == text) return kind;
    }
    throw Error(ErrorCode::internal, "stored actor kind is unknown");
}

ScopeKind scope_kind_from(std::string_view text) {
    for (const auto kind :
         {ScopeKind::global, ScopeKind::municipality, ScopeKind::city_part, ScopeKind::district}) {
        if (to_string(kind) == text) return kind;
    }
    throw Error(ErrorCode::internal, "stored scope kind is unknown");
}

LinkPurpose link_purpose_from(std::string_view text) {
    for (const auto purpose : {LinkPurpose::invite, LinkPurpose::password_reset}) {
        if (to_string(purpose) == text) return purpose;
    }
    throw Error(ErrorCode::internal, "stored link purpose is unknown");
}

AuditEntry with_defaults(AuditEntry entry, std::string_view action, std::string_view object_type,
                         std::string object_id, std::optional<std::int64_t> municipality_code) {
    if (entry.action.empty()) entry.action = action;
    if (entry.object_type.empty()) entry.object_type = object_type;
    if (entry.object_id.empty()) entry.object_id = std::move(object_id);
    if (!entry.municipality_code) entry.municipality_code = municipality_code;
    return entry;
}

void check_audit_entry(const AuditEntry& entry) {
    require_field(entry.action, "action");
    require_field(entry.object_type, "object_type");
    require_field(entry.object_id, "object_id");
    checked_text(entry.action, 100, "action");
    checked_text(entry.object_type, 100, "object_type");
    checked_text(entry.object_id, 200, "object_id");
    if (entry.client_address) checked_text(*entry.client_address, 100, "client_address");
    if (entry.reason) checked_text(*entry.reason, 2000, "reason", true);
    if (entry.details_json.size() > max_details_bytes) {
        throw Error(ErrorCode::invalid_argument, "audit details are longer than 64 KiB", "details");
    }
    const auto details = nlohmann::json::parse(entry.details_json, nullptr, false);
    if (details.is_discarded() || !details.is_object()) {
        throw Error(ErrorCode::invalid_argument, "audit details are not a JSON object", "details");
    }
}

void throw_not_found(std::string_view what, std::int64_t id, std::string_view field) {
    throw Error(ErrorCode::not_found, "no " + std::string(what) + " " + std::to_string(id),
                std::string(field));
}

bool exists(SqlRunner& sql, const std::string& query, const SqlParams& params) {
    return sql.query(query, params)->next();
}

void require_user(SqlRunner& sql, std::int64_t user_id, bool active_only) {
    const std::string query = active_only ? "SELECT 1 FROM users WHERE id = $1 AND active = 1"
                                          : "SELECT 1 FROM users WHERE id = $1";
    if (!exists(sql, query, SqlParams().add(user_id))) {
        throw_not_found(active_only ? "active user" : "user", user_id, "user");
    }
}

void skip_flush_wait(SqlRunner& sql) {
    if (sql.dialect() == Dialect::postgresql) sql.execute("SET LOCAL synchronous_commit = off");
}

std::int64_t end_sessions(SqlRunner& sql, std::int64_t user_id,
                          std::optional<std::int64_t> except_session_id, TimePoint now) {
    auto rows = sql.query(
        "UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL "
        "AND (CAST($3 AS BIGINT) IS NULL OR id <> $3) RETURNING id",
        SqlParams().add(user_id).add(time_text(now)).add(except_session_id));
    std::int64_t count = 0;
    while (rows->next()) ++count;
    return count;
}

void store_password(SqlRunner& sql, std::int64_t user_id, std::string_view password_hash,
                    TimePoint now) {
    const std::string when = time_text(now);
    auto rows = sql.query(
        "UPDATE users SET password_hash = $2, password_changed_at = $3, updated_at = $3 "
        "WHERE id = $1 RETURNING id",
        SqlParams().add(user_id).add(checked_text(password_hash, 1024, "password_hash")).add(when));
    if (!rows->next()) throw_not_found("user", user_id, "user");
}

[[noreturn]] void rethrow_without_values(const core::Error& error) {
    const std::string message = error.what();
    if (!message.starts_with("postgresql:") && !message.starts_with("sqlite:")) throw error;
    throw core::Error(error.code(), message.substr(0, message.find('\n')), error.field());
}

}  // namespace okrsek::store::accounts
