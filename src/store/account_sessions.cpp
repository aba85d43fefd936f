// AccountStore: sessions and machine tokens.
#include "core/error.hpp"
#include "store/account_common.hpp"
#include "store/audit_log.hpp"

namespace okrsek::store {
namespace accounts {
namespace {

using core::Error;
using core::ErrorCode;

constexpr std::size_t max_user_agent_bytes = 256;
constexpr std::size_t max_ip_bytes = 100;
constexpr std::size_t max_token_name_bytes = 100;

// Unqualified: SQLite's RETURNING takes no table alias.
const std::string session_columns =
    "id, user_id, created_at, last_seen_at, expires_at, ip, user_agent, second_factor_pending, "
    "revoked_at";

// A session only counts while its user is active: deactivation also revokes, but this way a
// session can never outlive it, whatever the order of events.
const std::string usable_session =
    "s.revoked_at IS NULL AND s.expires_at > $2 AND "
    "EXISTS (SELECT 1 FROM users u WHERE u.id = s.user_id AND u.active = 1)";

const std::string token_columns =
    "id, name, scope, municipality_code, created_by, created_at, expires_at, revoked_at, "
    "last_used_at";

Session session_of(const SqlRows& rows) {
    Session session;
    session.id = rows.int64(0);
    session.user_id = rows.int64(1);
    session.created_at = parse_time(rows.text(2));
    session.last_seen_at = parse_time(rows.text(3));
    session.expires_at = parse_time(rows.text(4));
    session.ip = rows.optional_text(5);
    session.user_agent = rows.optional_text(6);
    session.second_factor_pending = rows.int64(7) == 1;
    session.revoked_at = optional_time(rows, 8);
    return session;
}

ApiToken token_of(const SqlRows& rows) {
    ApiToken token;
    token.id = rows.int64(0);
    token.name = rows.text(1);
    token.scope = rows.text(2);
    token.municipality_code = rows.optional_int64(3);
    token.created_by = rows.optional_int64(4);
    token.created_at = parse_time(rows.text(5));
    token.expires_at = optional_time(rows, 6);
    token.revoked_at = optional_time(rows, 7);
    token.last_used_at = optional_time(rows, 8);
    return token;
}

void note_login(SqlRunner& sql, std::int64_t user_id, TimePoint now) {
    sql.execute("UPDATE users SET last_login_at = $2 WHERE id = $1",
                SqlParams().add(user_id).add(time_text(now)));
}

}  // namespace
}  // namespace accounts

using namespace accounts;

Session AccountStore::create_session(const NewSession& session, TimePoint now,
                                     const AuditEntry& audit) {
    const std::string hash = checked_hash(session.token_hash, "token_hash");
    std::optional<std::string> ip;
    if (session.ip) ip = checked_text(*session.ip, max_ip_bytes, "ip");
    std::optional<std::string> agent;
    if (session.user_agent) agent = truncated_utf8(*session.user_agent, max_user_agent_bytes);
    Session created;
    write([&](SqlRunner& sql) {
        require_user(sql, session.user_id, true);
        const std::string when = time_text(now);
        auto rows = sql.query(
            "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, "
            "expires_at, ip, user_agent, second_factor_pending) "
            "VALUES ($1, $2, $3, $3, $4, $5, $6, $7) RETURNING " +
                session_columns,
            SqlParams()
                .add(hash)
                .add(session.user_id)
                .add(when)
                .add(time_text(session.expires_at))
                .add(ip)
                .add(agent)
                .add_flag(session.second_factor_pending));
        rows->next();
        created = session_of(*rows);
        if (!session.second_factor_pending) note_login(sql, session.user_id, now);
        append_audit_row(
            sql, with_defaults(audit, "session.create", "session", std::to_string(created.id)),
            now);
    });
    return created;
}

std::optional<Session> AccountStore::find_session(std::string_view token_hash, TimePoint now) {
    std::optional<Session> found;
    read([&](SqlRunner& sql) {
        found.reset();
        auto rows = sql.query("SELECT " + session_columns +
                                  " FROM sessions s WHERE s.token_hash = $1 AND " + usable_session,
                              SqlParams().add(token_hash).add(time_text(now)));
        if (rows->next()) found = session_of(*rows);
    });
    return found;
}

void AccountStore::touch_session(std::int64_t session_id, TimePoint now) {
    write([&](SqlRunner& sql) {
        skip_flush_wait(sql);
        sql.execute(
            "UPDATE sessions SET last_seen_at = $2 WHERE id = $1 AND revoked_at IS NULL AND "
            "last_seen_at < $2",
            SqlParams().add(session_id).add(time_text(now)));
    });
}

std::optional<Session> AccountStore::rotate_session(std::string_view old_token_hash,
                                                    std::string_view new_token_hash,
                                                    bool second_factor_completed, TimePoint now,
                                                    const AuditEntry& audit) {
    const std::string new_hash = checked_hash(new_token_hash, "token_hash");
    std::optional<Session> rotated;
    write([&](SqlRunner& sql) {
        // The WHERE clause is re-checked on the row once locked, so of two rotations of one
        // session the second finds the old hash gone.
        auto rows = sql.query(
            "UPDATE sessions AS s SET token_hash = $3, last_seen_at = $2" +
                std::string(second_factor_completed ? ", second_factor_pending = 0" : "") +
                " WHERE s.token_hash = $1 AND " + usable_session + " RETURNING " + session_columns,
            SqlParams().add(old_token_hash).add(time_text(now)).add(new_hash));
        if (!rows->next()) return;
        rotated = session_of(*rows);
        if (second_factor_completed) note_login(sql, rotated->user_id, now);
        append_audit_row(
            sql, with_defaults(audit, "session.rotate", "session", std::to_string(rotated->id)),
            now);
    });
    return rotated;
}

bool AccountStore::revoke_session(std::int64_t session_id, TimePoint now, const AuditEntry& audit) {
    bool revoked = false;
    write([&](SqlRunner& sql) {
        revoked = sql.query(
                         "UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL "
                         "RETURNING id",
                         SqlParams().add(session_id).add(time_text(now)))
                      ->next();
        if (!revoked) return;
        append_audit_row(
            sql, with_defaults(audit, "session.revoke", "session", std::to_string(session_id)),
            now);
    });
    return revoked;
}

std::int64_t AccountStore::revoke_user_sessions(std::int64_t user_id,
                                                std::optional<std::int64_t> except_session_id,
                                                TimePoint now, const AuditEntry& audit) {
    std::int64_t count = 0;
    write([&](SqlRunner& sql) {
        require_user(sql, user_id, false);
        count = end_sessions(sql, user_id, except_session_id, now);
        append_audit_row(
            sql, with_defaults(audit, "session.revoke_all", "user", std::to_string(user_id)), now);
    });
    return count;
}

std::vector<Session> AccountStore::sessions_of(std::int64_t user_id, TimePoint now) {
    std::vector<Session> sessions;
    read([&](SqlRunner& sql) {
        sessions.clear();
        auto rows =
            sql.query("SELECT " + session_columns + " FROM sessions s WHERE s.user_id = $1 AND " +
                          usable_session + " ORDER BY id DESC",
                      SqlParams().add(user_id).add(time_text(now)));
        while (rows->next()) sessions.push_back(session_of(*rows));
    });
    return sessions;
}

ApiToken AccountStore::create_api_token(const NewApiToken& token,
                                        std::optional<std::int64_t> created_by, TimePoint now,
                                        const AuditEntry& audit) {
    const std::string name = checked_text(token.name, max_token_name_bytes, "name");
    const std::string scope = checked_text(token.scope, max_token_name_bytes, "scope");
    const std::string hash = checked_hash(token.token_hash, "token_hash");
    ApiToken created;
    write([&](SqlRunner& sql) {
        if (token.municipality_code && !exists(sql, "SELECT 1 FROM municipalities WHERE code = $1",
                                               SqlParams().add(*token.municipality_code))) {
            throw Error(ErrorCode::invalid_input,
                        "no municipality " + std::to_string(*token.municipality_code),
                        "municipality");
        }
        if (created_by &&
            !exists(sql, "SELECT 1 FROM users WHERE id = $1", SqlParams().add(*created_by))) {
            throw_not_found("user", *created_by, "created_by");
        }
        auto rows = sql.query(
            "INSERT INTO api_tokens (name, token_hash, scope, municipality_code, created_by, "
            "created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING " +
                token_columns,
            SqlParams()
                .add(name)
                .add(hash)
                .add(scope)
                .add(token.municipality_code)
                .add(created_by)
                .add(time_text(now))
                .add(token.expires_at ? std::optional(time_text(*token.expires_at))
                                      : std::nullopt));
        rows->next();
        created = token_of(*rows);
        append_audit_row(sql,
                         with_defaults(audit, "api_token.create", "api_token",
                                       std::to_string(created.id), token.municipality_code),
                         now);
    });
    return created;
}

std::optional<ApiToken> AccountStore::find_api_token(std::string_view token_hash, TimePoint now) {
    std::optional<ApiToken> found;
    read([&](SqlRunner& sql) {
        found.reset();
        auto rows = sql.query("SELECT " + token_columns +
                                  " FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL "
                                  "AND (expires_at IS NULL OR expires_at > $2)",
                              SqlParams().add(token_hash).add(time_text(now)));
        if (rows->next()) found = token_of(*rows);
    });
    return found;
}

void AccountStore::touch_api_token(std::int64_t token_id, TimePoint now) {
    write([&](SqlRunner& sql) {
        skip_flush_wait(sql);
        sql.execute(
            "UPDATE api_tokens SET last_used_at = $2 WHERE id = $1 AND "
            "(last_used_at IS NULL OR last_used_at < $2)",
            SqlParams().add(token_id).add(time_text(now)));
    });
}

void AccountStore::revoke_api_token(std::int64_t token_id, TimePoint now, const AuditEntry& audit) {
    write([&](SqlRunner& sql) {
        auto rows = sql.query(
            "UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL "
            "RETURNING municipality_code",
            SqlParams().add(token_id).add(time_text(now)));
        if (!rows->next()) {
            if (!exists(sql, "SELECT 1 FROM api_tokens WHERE id = $1", SqlParams().add(token_id))) {
                throw_not_found("api token", token_id, "token");
            }
            throw Error(ErrorCode::conflict,
                        "api token " + std::to_string(token_id) + " is revoked already", "token");
        }
        const auto town = rows->optional_int64(0);
        append_audit_row(
            sql,
            with_defaults(audit, "api_token.revoke", "api_token", std::to_string(token_id), town),
            now);
    });
}

std::vector<ApiToken> AccountStore::list_api_tokens() {
    std::vector<ApiToken> tokens;
    read([&](SqlRunner& sql) {
        tokens.clear();
        auto rows = sql.query("SELECT " + token_columns + " FROM api_tokens ORDER BY id");
        while (rows->next()) tokens.push_back(token_of(*rows));
    });
    return tokens;
}

}  // namespace okrsek::store
