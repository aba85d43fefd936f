#pragma once

// Helpers shared by the engine-neutral account code (store/account_*.cpp, audit_log.cpp):
// time as stored text, checked and normalised input, enum spellings, audit defaults, and the
// few statements several operations run.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "store/accounts.hpp"
#include "store/sql_runner.hpp"

namespace okrsek::store::accounts {

/// "2026-11-22T19:04:05Z": sortable as text, so SQL compares times as strings.
std::string time_text(TimePoint time);
/// The inverse of time_text(). Throws core::Error(internal) for other text.
TimePoint parse_time(std::string_view text);
std::optional<TimePoint> optional_time(const SqlRows& rows, int column);

/// `email` trimmed and with ASCII letters lower-cased. Throws invalid_argument (field
/// "email") unless it is one address: text@text, at most 254 bytes, no spaces or controls.
std::string normalized_email(std::string_view email);

/// `value` if it is non-empty, at most `max_bytes` long and free of control characters (but
/// for line breaks and tabs when `multiline`); else throws invalid_argument naming `field`.
std::string checked_text(std::string_view value, std::size_t max_bytes, std::string_view field,
                         bool multiline = false);

/// A token hash or code hash: 1 to 128 printable ASCII bytes. Throws invalid_argument.
std::string checked_hash(std::string_view value, std::string_view field);

/// At most `max_bytes` of `text`, cut before a UTF-8 character that would not fit whole.
std::string truncated_utf8(std::string_view text, std::size_t max_bytes);

/// Throws `error` again, cut to its first line when a database driver wrote it: that line says
/// which rule broke ("duplicate key value violates unique constraint "users_email_key"");
/// PostgreSQL's DETAIL line after it quotes the row's values (an e-mail address, a name, a
/// hash). Our own errors (they name ids, never values) go unchanged.
[[noreturn]] void rethrow_without_values(const core::Error& error);

ActorKind actor_kind_from(std::string_view text);
ScopeKind scope_kind_from(std::string_view text);
LinkPurpose link_purpose_from(std::string_view text);

/// `entry` with its empty action / object filled in and, when it has none, the municipality.
AuditEntry with_defaults(AuditEntry entry, std::string_view action, std::string_view object_type,
                         std::string object_id,
                         std::optional<std::int64_t> municipality_code = std::nullopt);

/// Throws invalid_argument (naming the field) unless every field of `entry` is within its
/// limits, action / object_type / object_id are set and details_json is a JSON object.
void check_audit_entry(const AuditEntry& entry);

/// Throws not_found naming `field` ("no user 17").
[[noreturn]] void throw_not_found(std::string_view what, std::int64_t id, std::string_view field);

/// A row of `sql` exists (the statement selects anything, e.g. "SELECT 1 FROM …").
bool exists(SqlRunner& sql, const std::string& query, const SqlParams& params);

/// Throws not_found (field "user") unless user `user_id` exists (and, if `active_only`, is
/// active).
void require_user(SqlRunner& sql, std::int64_t user_id, bool active_only);

/// Lets the transaction `sql` is in commit without waiting for its WAL to reach the disk
/// (PostgreSQL; SQLite's WAL mode already does so). For bookkeeping that runs on every request
/// or attempt (touches, throttle counters): a crash may lose its last few milliseconds, which
/// costs nothing, while waiting would cost a disk flush each time. Other servers see the change
/// as soon as it commits, as ever.
void skip_flush_wait(SqlRunner& sql);

/// The columns user_of() reads, of table users.
inline constexpr std::string_view user_columns =
    "id, email, display_name, active, CASE WHEN password_hash IS NULL THEN 0 ELSE 1 END, "
    "totp_enabled, created_at, updated_at, password_changed_at, last_login_at";
User user_of(const SqlRows& rows);

/// The columns grant_of() reads, of table role_grants.
inline constexpr std::string_view grant_columns =
    "id, user_id, role, scope_kind, scope_municipality_code, scope_area_id, granted_by, "
    "granted_at, revoked_at, revoked_by";
RoleGrant grant_of(const SqlRows& rows);

/// Revokes the user's unrevoked sessions but `except_session_id`; returns how many.
std::int64_t end_sessions(SqlRunner& sql, std::int64_t user_id,
                          std::optional<std::int64_t> except_session_id, TimePoint now);

/// Sets the user's password hash and password_changed_at. Throws not_found (field "user").
void store_password(SqlRunner& sql, std::int64_t user_id, std::string_view password_hash,
                    TimePoint now);

}  // namespace okrsek::store::accounts
