#pragma once

// The storage of the security core: staff accounts, role grants, sessions, machine tokens,
// one-time links, login throttling and the hash-chained audit log. Policy (password rules,
// TOTP codes, expiry, who may do what) lives in service/security; this layer keeps the rows
// and makes each change atomic, on either engine.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace okrsek::store {

class SqlRunner;

// Every member of the structs below has a default ("{}" at least), so that designated
// initialisers such as AuditFilter{.action = "user."} may leave any member out.

/// Times are stored in ISO 8601 UTC with second precision: what is read back is the time
/// written, rounded down to the second.
using TimePoint = std::chrono::system_clock::time_point;

// ---- Audit log ----------------------------------------------------------------------------

/// Who did something: a person signed in, a machine token, okrsek itself, or an operator at the
/// command line (no account).
enum class ActorKind { user, token, system, cli };

/// "user", "token", "system", "cli": as stored.
std::string_view to_string(ActorKind kind) noexcept;

/// What one audit row records. Every mutating operation of AccountStore takes one and writes
/// it in the transaction of its change: both happen or neither. Empty `action`, `object_type`
/// and `object_id` take the operation's defaults (listed at each operation; the object is the
/// one it created or changed), so a caller cannot forget the id of a row it just created.
/// Never put a secret (password, token, TOTP secret or code) into any field; keep personal
/// data to what the record needs.
struct AuditEntry {
    ActorKind actor_kind = ActorKind::system;
    std::optional<std::int64_t> actor_id{};           ///< the user's or api token's id
    std::string action{};                             ///< e.g. "user.create"; at most 100 bytes
    std::string object_type{};                        ///< e.g. "user"; at most 100 bytes
    std::string object_id{};                          ///< e.g. "17"; at most 200 bytes
    std::optional<std::int64_t> municipality_code{};  ///< the town concerned, if one
    std::optional<std::string> client_address{};      ///< at most 100 bytes
    std::optional<std::string> reason{};              ///< where one is required; at most 2000 bytes
    std::string details_json = "{}";  ///< a JSON object, at most 64 KiB, stored as written
};

/// One stored audit row.
struct AuditRecord {
    std::int64_t id = 0;  ///< 1, 2, 3… without gaps: the row's place in the chain
    TimePoint occurred_at{};
    ActorKind actor_kind = ActorKind::system;
    std::optional<std::int64_t> actor_id{};
    std::string action{};
    std::string object_type{};
    std::string object_id{};
    std::optional<std::int64_t> municipality_code{};
    std::optional<std::string> client_address{};
    std::optional<std::string> reason{};
    std::string details_json{};
    std::string prev_hash{};  ///< the previous row's hash (64 zeros for the first row)
    std::string hash{};       ///< BLAKE2b-256 of prev_hash and this row's fields, hex
};

/// Which audit rows list_audit() returns; empty members do not filter. Newest first.
struct AuditFilter {
    std::optional<ActorKind> actor_kind{};
    std::optional<std::int64_t> actor_id{};
    std::string action{};  ///< exact, or a prefix when it ends with '.' ("user." → "user.create"…)
    std::string object_type{};
    std::string object_id{};
    std::optional<std::int64_t> municipality_code{};
    std::optional<TimePoint> from{};          ///< occurred at or after
    std::optional<TimePoint> until{};         ///< occurred before
    std::optional<std::int64_t> before_id{};  ///< only rows older than this one (keyset paging)
    std::size_t limit = 100;                  ///< 1 to 1000
    std::size_t offset = 0;
};

/// What verify_audit_chain() found wrong first.
enum class AuditProblem {
    none,
    missing_row,      ///< ids jump: a row in the middle was deleted
    broken_link,      ///< a row's prev_hash is not the previous row's hash (reordered, replaced)
    altered_row,      ///< a row's fields or hash differ from what was hashed
    missing_tail,     ///< the head counts rows past the last one: rows at the end were deleted
    unrecorded_rows,  ///< rows past the head's last row: appended around the code
    head_mismatch,    ///< the head's hash is not the last row's
    head_missing,     ///< rows exist but the head row is gone
};

/// "altered_row" etc.
std::string_view to_string(AuditProblem problem) noexcept;

struct AuditVerification {
    std::int64_t rows_checked = 0;
    AuditProblem problem = AuditProblem::none;
    std::optional<std::int64_t> first_bad_id{};  ///< the first row found wrong, when one is
    std::string message{};    ///< what is wrong, naming row ids only ("" when intact)
    std::string head_hash{};  ///< the last row's hash: note it elsewhere to anchor the chain
    bool intact() const noexcept { return problem == AuditProblem::none; }
};

// ---- Users and roles ----------------------------------------------------------------------

/// An account, without its secrets.
struct User {
    std::int64_t id = 0;
    std::string email{};  ///< lower-case
    std::string display_name{};
    bool active = true;
    bool has_password = false;
    bool totp_enabled = false;
    TimePoint created_at{};
    TimePoint updated_at{};
    std::optional<TimePoint> password_changed_at{};
    std::optional<TimePoint> last_login_at{};
};

/// What a login checks; read only for that (user_credentials()).
struct UserCredentials {
    std::int64_t user_id = 0;
    bool active = true;
    std::optional<std::string> password_hash{};
    std::optional<std::string>
        totp_secret{};  ///< the bytes set_totp() stored (encrypted by the caller)
    bool totp_enabled = false;
    std::optional<std::int64_t> totp_last_step{};
};

struct NewUser {
    std::string email{};  ///< compared and stored lower-case (ASCII letters)
    std::string display_name{};
    std::optional<std::string> password_hash{};  ///< none: the user sets it through an invitation
};

enum class ScopeKind { global, municipality, city_part, district };

/// "global", "municipality", "city_part", "district": as stored.
std::string_view to_string(ScopeKind kind) noexcept;

/// Where a role applies. global: everywhere; municipality: one town (municipality_code);
/// city_part / district: one area (area_id), whose town the store fills in.
struct RoleScope {
    ScopeKind kind = ScopeKind::global;
    std::optional<std::int64_t> municipality_code{};
    std::optional<std::int64_t> area_id{};
    friend bool operator==(const RoleScope&, const RoleScope&) = default;
};

struct RoleGrant {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::string role{};
    RoleScope scope{};
    std::optional<std::int64_t> granted_by{};
    TimePoint granted_at{};
    std::optional<TimePoint> revoked_at{};  ///< revoked grants stay, as history
    std::optional<std::int64_t> revoked_by{};
};

struct UserWithGrants {
    User user{};
    std::vector<RoleGrant> grants{};  ///< the active ones, oldest first
};

struct RecoveryCode {
    std::int64_t id = 0;
    std::string code_hash{};
    std::optional<TimePoint> used_at{};
};

// ---- Sessions, machine tokens, one-time links ----------------------------------------------

struct NewSession {
    std::int64_t user_id = 0;
    std::string token_hash{};  ///< a hash of the cookie's token, never the token
    TimePoint expires_at{};    ///< absolute end, whatever the activity
    std::optional<std::string> ip{};
    std::optional<std::string> user_agent{};  ///< cut to 256 bytes (at a character boundary)
    bool second_factor_pending = false;       ///< password checked, TOTP still to come
};

/// A session as stored (without its token hash).
struct Session {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    TimePoint created_at{};
    TimePoint last_seen_at{};
    TimePoint expires_at{};
    std::optional<std::string> ip{};
    std::optional<std::string> user_agent{};
    bool second_factor_pending = false;
    std::optional<TimePoint> revoked_at{};
};

struct NewApiToken {
    std::string name{};
    std::string token_hash{};
    std::string scope{};                              ///< e.g. "open311"
    std::optional<std::int64_t> municipality_code{};  ///< none: every town
    std::optional<TimePoint> expires_at{};            ///< none: until revoked
};

/// A machine token as stored (without its hash).
struct ApiToken {
    std::int64_t id = 0;
    std::string name{};
    std::string scope{};
    std::optional<std::int64_t> municipality_code{};
    std::optional<std::int64_t> created_by{};
    TimePoint created_at{};
    std::optional<TimePoint> expires_at{};
    std::optional<TimePoint> revoked_at{};
    std::optional<TimePoint> last_used_at{};
};

enum class LinkPurpose { invite, password_reset };

/// "invite", "password_reset": as stored.
std::string_view to_string(LinkPurpose purpose) noexcept;

struct NewOneTimeLink {
    std::string token_hash{};
    std::int64_t user_id = 0;
    LinkPurpose purpose = LinkPurpose::invite;
    TimePoint expires_at{};
};

struct OneTimeLink {
    std::int64_t user_id = 0;
    LinkPurpose purpose = LinkPurpose::invite;
    TimePoint created_at{};
    TimePoint expires_at{};
};

// ---- Throttling and housekeeping ------------------------------------------------------------

/// A throttle counter after a hit: the failures counted in the current window.
struct ThrottleState {
    std::int64_t count = 0;
    TimePoint window_start{};
    std::optional<TimePoint> locked_until{};
};

struct PurgeResult {
    std::int64_t sessions = 0;
    std::int64_t one_time_links = 0;
    std::int64_t throttle_counters = 0;
};

/// The security core's storage, part of every Store. Thread-safe like Store. Operations throw
/// core::Error: not_found for an unknown id (field named), invalid_argument for a malformed
/// value (field named), invalid_input when the change breaks a rule of the stored data (a
/// duplicate e-mail address, field "email"), conflict for a change that was already made,
/// unavailable when the database cannot be reached. Messages name ids, never e-mail
/// addresses, hashes or other values, so they are safe to log.
///
/// Engines supply only three ways to run SQL (below); the operations are written once on top
/// of them (store/account_*.cpp, store/audit_log.cpp).
class AccountStore {
public:
    virtual ~AccountStore() = default;

    // -- Users. Default audit object: "user" and the user's id.

    /// Default action "user.create". Throws invalid_input (field "email") when the address is
    /// taken, invalid_argument for an empty or malformed address or name.
    std::int64_t create_user(const NewUser& user, TimePoint now, const AuditEntry& audit);
    std::optional<User> find_user(std::int64_t user_id);
    /// Case-insensitive (ASCII letters).
    std::optional<User> find_user_by_email(std::string_view email);
    std::optional<UserCredentials> user_credentials(std::int64_t user_id);
    /// Every user, by e-mail address, with their active grants; read in one snapshot.
    std::vector<UserWithGrants> list_users();
    /// Default action "user.update".
    void update_user_profile(std::int64_t user_id, std::string_view email,
                             std::string_view display_name, TimePoint now, const AuditEntry& audit);
    /// Deactivating revokes every session of the user and drops its unused one-time links;
    /// grants stay (they apply again on reactivation). Default action "user.deactivate" or
    /// "user.activate".
    void set_user_active(std::int64_t user_id, bool active, TimePoint now, const AuditEntry& audit);
    /// Sets the password hash and ends every session of the user except `keep_session_id`
    /// (the one changing its own password). Default action "user.password.set".
    void set_password_hash(std::int64_t user_id, std::string_view password_hash, TimePoint now,
                           std::optional<std::int64_t> keep_session_id, const AuditEntry& audit);
    /// Replaces the password hash by one of the same password made with other settings (after a
    /// login found the old cost outdated): only while the stored hash is still `expected_hash`,
    /// ending no session and leaving password_changed_at alone. False, nothing written, when the
    /// password changed meanwhile. Default action "user.password.rehash".
    bool replace_password_hash(std::int64_t user_id, std::string_view expected_hash,
                               std::string_view new_hash, TimePoint now, const AuditEntry& audit);
    /// Stores the TOTP secret (opaque bytes; none removes it) and whether TOTP is on. A new
    /// secret forgets the last used step. Enabling without a secret is invalid_argument.
    /// Default action "user.totp.enable" / "user.totp.disable".
    void set_totp(std::int64_t user_id, const std::optional<std::string>& secret, bool enabled,
                  TimePoint now, const AuditEntry& audit);
    /// Atomically records TOTP time step `step` as used; false (nothing changes) when it is not
    /// after the last recorded one, so a code is accepted once even by two servers at once.
    /// Not audited: the login it completes is.
    bool record_totp_step(std::int64_t user_id, std::int64_t step);

    /// Replaces every recovery code of the user (used or not). Default action
    /// "user.recovery_codes.replace".
    void replace_recovery_codes(std::int64_t user_id, std::span<const std::string> code_hashes,
                                TimePoint now, const AuditEntry& audit);
    /// The user's codes in a stable order (by id), used ones included.
    std::vector<RecoveryCode> recovery_codes(std::int64_t user_id);
    /// Marks code `code_id` of the user used, atomically: true once, false afterwards (then
    /// nothing is written, not even the audit row). Default action "user.recovery_code.use".
    bool consume_recovery_code(std::int64_t user_id, std::int64_t code_id, TimePoint now,
                               const AuditEntry& audit);

    // -- Roles. Default audit object: "user" and the grantee's id; municipality: the scope's.

    /// Returns the grant's id. Throws not_found (field "user" or "granted_by"), invalid_argument
    /// (field "role" or "scope") for a malformed role or scope, invalid_input (field "scope")
    /// for an unknown town or area or an area of another town, invalid_input (field "role")
    /// when the user already holds the role in that scope. Default action "role.grant".
    std::int64_t grant_role(std::int64_t user_id, std::string_view role, const RoleScope& scope,
                            std::optional<std::int64_t> granted_by, TimePoint now,
                            const AuditEntry& audit);
    /// Marks the grant revoked (it stays as history). Throws not_found (field "grant" or
    /// "revoked_by"), conflict when it is revoked already. Default action "role.revoke".
    void revoke_role(std::int64_t grant_id, std::optional<std::int64_t> revoked_by, TimePoint now,
                     const AuditEntry& audit);
    /// Oldest first.
    std::vector<RoleGrant> grants_of(std::int64_t user_id, bool include_revoked = false);
    /// Roles that require a second factor, sorted.
    std::vector<std::string> sensitive_roles();
    /// Default action "role.sensitive.set" / "role.sensitive.clear", object "role" and its
    /// name.
    void set_role_sensitive(std::string_view role, bool sensitive, TimePoint now,
                            const AuditEntry& audit);

    // -- Sessions. Default audit object: "session" and its id.

    /// Also notes the login time on the user unless the second factor is pending. Throws
    /// not_found (field "user") for an unknown or inactive user. Default action
    /// "session.create".
    Session create_session(const NewSession& session, TimePoint now, const AuditEntry& audit);
    /// The session of `token_hash` if it may be used at `now`: not revoked, before its
    /// absolute end, its user active. The idle timeout is the caller's rule (last_seen_at).
    std::optional<Session> find_session(std::string_view token_hash, TimePoint now);
    /// Notes activity (last_seen_at = now). Not audited: it happens on every request.
    void touch_session(std::int64_t session_id, TimePoint now);
    /// Atomically gives the session of `old_token_hash` the hash of a new token (on login and
    /// on a change of privilege), and clears second_factor_pending when
    /// `second_factor_completed` (noting the login time). std::nullopt, nothing written, when
    /// the old hash names no usable session: of two concurrent rotations one wins. Default
    /// action "session.rotate".
    std::optional<Session> rotate_session(std::string_view old_token_hash,
                                          std::string_view new_token_hash,
                                          bool second_factor_completed, TimePoint now,
                                          const AuditEntry& audit);
    /// Logout: false, nothing written, when the session was revoked already or is unknown.
    /// Default action "session.revoke".
    bool revoke_session(std::int64_t session_id, TimePoint now, const AuditEntry& audit);
    /// Logout everywhere: revokes the user's sessions except `except_session_id`; returns how
    /// many. Audited even when none was left. Default action "session.revoke_all", object
    /// "user".
    std::int64_t revoke_user_sessions(std::int64_t user_id,
                                      std::optional<std::int64_t> except_session_id, TimePoint now,
                                      const AuditEntry& audit);
    /// The user's usable sessions at `now`, newest first.
    std::vector<Session> sessions_of(std::int64_t user_id, TimePoint now);

    // -- Machine tokens. Default audit object: "api_token" and its id.

    /// Default action "api_token.create". Throws invalid_input (field "municipality") for an
    /// unknown town, not_found (field "created_by"), invalid_argument for an empty name or
    /// scope.
    ApiToken create_api_token(const NewApiToken& token, std::optional<std::int64_t> created_by,
                              TimePoint now, const AuditEntry& audit);
    /// The token of `token_hash` if it may be used at `now` (not revoked, not expired).
    std::optional<ApiToken> find_api_token(std::string_view token_hash, TimePoint now);
    /// Notes use (last_used_at = now). Not audited.
    void touch_api_token(std::int64_t token_id, TimePoint now);
    /// Throws not_found (field "token"), conflict when revoked already. Default action
    /// "api_token.revoke".
    void revoke_api_token(std::int64_t token_id, TimePoint now, const AuditEntry& audit);
    /// Every token, revoked ones included, oldest first.
    std::vector<ApiToken> list_api_tokens();

    // -- One-time links. Default audit object: "user" and the link's user.

    /// A newer link replaces the user's unused links of the same purpose. Throws not_found
    /// (field "user") for an unknown or inactive user. Default action "link.create".
    void create_one_time_link(const NewOneTimeLink& link, TimePoint now, const AuditEntry& audit);
    /// The link if it could be used at `now` (unused, not expired, user active); changes
    /// nothing (for showing the form before it is sent).
    std::optional<OneTimeLink> find_one_time_link(std::string_view token_hash, LinkPurpose purpose,
                                                  TimePoint now);
    /// Uses the link atomically: once, before expiry, for an active user; std::nullopt and
    /// nothing written otherwise. With `new_password_hash` the same transaction sets the
    /// user's password and ends all of its sessions. Default action "link.use".
    std::optional<OneTimeLink> consume_one_time_link(
        std::string_view token_hash, LinkPurpose purpose, TimePoint now,
        const std::optional<std::string>& new_password_hash, const AuditEntry& audit);

    // -- Throttling: counters shared by every server on the database. Not audited.

    /// Counts one event for `key` (e.g. "account:17", "ip:192.0.2.1") atomically, also across
    /// servers: the count of the current fixed window, which starts anew at the first hit
    /// `window` or more after the previous window began.
    ThrottleState throttle_hit(std::string_view key, std::chrono::seconds window, TimePoint now);
    std::optional<ThrottleState> throttle_state(std::string_view key);
    /// Sets locked_until (the counter is created when missing).
    void throttle_lock(std::string_view key, TimePoint until);
    void throttle_reset(std::string_view key);

    /// Deletes expired or revoked sessions, used or expired links, and throttle counters whose
    /// window began `throttle_window` or more before `now` and that are not locked. Not audited:
    /// it only removes what can no longer be used.
    PurgeResult purge_expired(TimePoint now, std::chrono::seconds throttle_window);

    // -- The audit log itself.

    /// Appends an entry that goes with no other change (a failed login, an export). `action`,
    /// `object_type` and `object_id` are required here. Returns the row's id.
    std::int64_t append_audit(const AuditEntry& entry, TimePoint now);
    /// Rows matching `filter`, newest first. Throws invalid_argument (field "limit").
    std::vector<AuditRecord> list_audit(const AuditFilter& filter);
    /// Walks the whole log in id order in one snapshot and checks every row against its
    /// hash and the previous row, then the head (the last id and hash, kept beside the log).
    AuditVerification verify_audit_chain();

protected:
    /// Runs `work` in one write transaction and commits it; an exception rolls it back.
    /// Writers are serialized at least as far as the audit head (see store/audit_log.cpp).
    virtual void run_write(const std::function<void(SqlRunner&)>& work) = 0;
    /// Runs read-only `work`; each statement sees committed data. May run `work` twice (after
    /// a broken connection), so `work` must only read and must reset what it collects.
    virtual void run_read(const std::function<void(SqlRunner&)>& work) = 0;
    /// Like run_read, but every statement sees one snapshot, however long `work` takes, and
    /// other work is not held up meanwhile.
    virtual void run_snapshot(const std::function<void(SqlRunner&)>& work) = 0;

private:
    // The three above, with database messages cut to their first line (which holds no row
    // values) so that no e-mail address or hash reaches a log.
    void write(const std::function<void(SqlRunner&)>& work);
    void read(const std::function<void(SqlRunner&)>& work);
    void snapshot(const std::function<void(SqlRunner&)>& work);
};

}  // namespace okrsek::store
