// AccountStore: one-time links, throttle counters and the removal of expired rows.
#include "core/error.hpp"
#include "store/account_common.hpp"
#include "store/audit_log.hpp"

namespace okrsek::store {
namespace accounts {
namespace {

using core::Error;
using core::ErrorCode;

constexpr std::size_t max_throttle_key_bytes = 200;

const std::string link_columns = "user_id, purpose, created_at, expires_at";

OneTimeLink link_of(const SqlRows& rows) {
    return {rows.int64(0), link_purpose_from(rows.text(1)), parse_time(rows.text(2)),
            parse_time(rows.text(3))};
}

ThrottleState throttle_of(const SqlRows& rows) {
    return {rows.int64(0), parse_time(rows.text(1)), optional_time(rows, 2)};
}

std::int64_t count_rows(SqlRows& rows) {
    std::int64_t count = 0;
    while (rows.next()) ++count;
    return count;
}

}  // namespace
}  // namespace accounts

using namespace accounts;

void AccountStore::create_one_time_link(const NewOneTimeLink& link, TimePoint now,
                                        const AuditEntry& audit) {
    const std::string hash = checked_hash(link.token_hash, "token_hash");
    write([&](SqlRunner& sql) {
        require_user(sql, link.user_id, true);
        // One valid link per user and purpose: a new invitation replaces the lost one.
        sql.execute(
            "DELETE FROM one_time_links WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL",
            SqlParams().add(link.user_id).add(to_string(link.purpose)));
        sql.execute(
            "INSERT INTO one_time_links (token_hash, user_id, purpose, created_at, expires_at) "
            "VALUES ($1, $2, $3, $4, $5)",
            SqlParams()
                .add(hash)
                .add(link.user_id)
                .add(to_string(link.purpose))
                .add(time_text(now))
                .add(time_text(link.expires_at)));
        append_audit_row(
            sql, with_defaults(audit, "link.create", "user", std::to_string(link.user_id)), now);
    });
}

std::optional<OneTimeLink> AccountStore::find_one_time_link(std::string_view token_hash,
                                                            LinkPurpose purpose, TimePoint now) {
    std::optional<OneTimeLink> found;
    read([&](SqlRunner& sql) {
        found.reset();
        auto rows =
            sql.query("SELECT " + link_columns +
                          " FROM one_time_links l WHERE token_hash = $1 AND purpose = $2 AND "
                          "used_at IS NULL AND expires_at > $3 AND EXISTS (SELECT 1 FROM users u "
                          "WHERE u.id = l.user_id AND u.active = 1)",
                      SqlParams().add(token_hash).add(to_string(purpose)).add(time_text(now)));
        if (rows->next()) found = link_of(*rows);
    });
    return found;
}

std::optional<OneTimeLink> AccountStore::consume_one_time_link(
    std::string_view token_hash, LinkPurpose purpose, TimePoint now,
    const std::optional<std::string>& new_password_hash, const AuditEntry& audit) {
    std::optional<OneTimeLink> used;
    write([&](SqlRunner& sql) {
        // One conditional UPDATE: of two concurrent uses, the second finds used_at set.
        auto rows = sql.query(
            "UPDATE one_time_links AS l SET used_at = $3 WHERE token_hash = $1 AND "
            "purpose = $2 AND used_at IS NULL AND expires_at > $3 AND EXISTS (SELECT 1 FROM "
            "users u WHERE u.id = l.user_id AND u.active = 1) RETURNING " +
                link_columns,
            SqlParams().add(token_hash).add(to_string(purpose)).add(time_text(now)));
        if (!rows->next()) return;
        used = link_of(*rows);
        if (new_password_hash) {
            store_password(sql, used->user_id, *new_password_hash, now);
            end_sessions(sql, used->user_id, std::nullopt, now);
        }
        append_audit_row(
            sql, with_defaults(audit, "link.use", "user", std::to_string(used->user_id)), now);
    });
    return used;
}

ThrottleState AccountStore::throttle_hit(std::string_view key, std::chrono::seconds window,
                                         TimePoint now) {
    const std::string name = checked_text(key, max_throttle_key_bytes, "key");
    if (window.count() <= 0) {
        throw Error(ErrorCode::invalid_argument, "the throttle window must be positive", "window");
    }
    ThrottleState state;
    // One statement, atomic on both engines: concurrent hits from several servers queue on
    // the row and each sees the count the one before it left. Every SET expression reads the
    // row as it was, so the window test is the same in both CASEs.
    write([&](SqlRunner& sql) {
        skip_flush_wait(sql);
        auto rows = sql.query(
            "INSERT INTO throttle_counters (key, window_start, count) VALUES ($1, $2, 1) "
            "ON CONFLICT (key) DO UPDATE SET "
            "count = CASE WHEN throttle_counters.window_start <= $3 THEN 1 "
            "ELSE throttle_counters.count + 1 END, "
            "window_start = CASE WHEN throttle_counters.window_start <= $3 THEN $2 "
            "ELSE throttle_counters.window_start END "
            "RETURNING count, window_start, locked_until",
            SqlParams().add(name).add(time_text(now)).add(time_text(now - window)));
        rows->next();
        state = throttle_of(*rows);
    });
    return state;
}

std::optional<ThrottleState> AccountStore::throttle_state(std::string_view key) {
    std::optional<ThrottleState> state;
    read([&](SqlRunner& sql) {
        state.reset();
        auto rows = sql.query(
            "SELECT count, window_start, locked_until FROM throttle_counters WHERE key = $1",
            SqlParams().add(key));
        if (rows->next()) state = throttle_of(*rows);
    });
    return state;
}

void AccountStore::throttle_lock(std::string_view key, TimePoint until) {
    const std::string name = checked_text(key, max_throttle_key_bytes, "key");
    // A counter created here has counted nothing; its window lies in the past, so the next
    // hit starts a fresh one.
    write([&](SqlRunner& sql) {
        skip_flush_wait(sql);
        sql.execute(
            "INSERT INTO throttle_counters (key, window_start, count, locked_until) "
            "VALUES ($1, $2, 0, $3) ON CONFLICT (key) DO UPDATE SET locked_until = $3",
            SqlParams().add(name).add(time_text(TimePoint{})).add(time_text(until)));
    });
}

void AccountStore::throttle_reset(std::string_view key) {
    write([&](SqlRunner& sql) {
        skip_flush_wait(sql);
        sql.execute("DELETE FROM throttle_counters WHERE key = $1", SqlParams().add(key));
    });
}

PurgeResult AccountStore::purge_expired(TimePoint now, std::chrono::seconds throttle_window) {
    PurgeResult result;
    const std::string when = time_text(now);
    write([&](SqlRunner& sql) {
        result.sessions = count_rows(
            *sql.query("DELETE FROM sessions WHERE revoked_at IS NOT NULL OR expires_at <= $1 "
                       "RETURNING id",
                       SqlParams().add(when)));
        result.one_time_links = count_rows(
            *sql.query("DELETE FROM one_time_links WHERE used_at IS NOT NULL OR expires_at <= $1 "
                       "RETURNING user_id",
                       SqlParams().add(when)));
        result.throttle_counters =
            count_rows(*sql.query("DELETE FROM throttle_counters WHERE window_start <= $1 AND "
                                  "(locked_until IS NULL OR locked_until <= $2) RETURNING count",
                                  SqlParams().add(time_text(now - throttle_window)).add(when)));
    });
    return result;
}

}  // namespace okrsek::store
