// AccountStore: users, their credentials and recovery codes.
#include "core/error.hpp"
#include "store/account_common.hpp"
#include "store/audit_log.hpp"

namespace okrsek::store {
namespace accounts {
namespace {

using core::Error;
using core::ErrorCode;

constexpr std::size_t max_name_bytes = 200;
constexpr std::size_t max_totp_secret_bytes = 1024;

// The address is checked inside the transaction for a clear message; the UNIQUE constraint
// still decides when two servers insert the same address at once.
void require_email_free(SqlRunner& sql, const std::string& email,
                        std::optional<std::int64_t> except_user) {
    if (exists(sql,
               "SELECT 1 FROM users WHERE email = $1 AND (CAST($2 AS BIGINT) IS NULL OR id <> $2)",
               SqlParams().add(email).add(except_user))) {
        throw Error(ErrorCode::invalid_input, "a user with this e-mail address exists already",
                    "email");
    }
}

std::optional<User> find_user_where(SqlRunner& sql, const std::string& condition,
                                    const SqlParams& params) {
    auto rows =
        sql.query("SELECT " + std::string(user_columns) + " FROM users WHERE " + condition, params);
    if (!rows->next()) return std::nullopt;
    return user_of(*rows);
}

}  // namespace

User user_of(const SqlRows& rows) {
    User user;
    user.id = rows.int64(0);
    user.email = rows.text(1);
    user.display_name = rows.text(2);
    user.active = rows.int64(3) == 1;
    user.has_password = rows.int64(4) == 1;
    user.totp_enabled = rows.int64(5) == 1;
    user.created_at = parse_time(rows.text(6));
    user.updated_at = parse_time(rows.text(7));
    user.password_changed_at = optional_time(rows, 8);
    user.last_login_at = optional_time(rows, 9);
    return user;
}

}  // namespace accounts

using namespace accounts;

std::int64_t AccountStore::create_user(const NewUser& user, TimePoint now,
                                       const AuditEntry& audit) {
    const std::string email = normalized_email(user.email);
    const std::string name = checked_text(user.display_name, max_name_bytes, "display_name");
    if (user.password_hash) checked_text(*user.password_hash, 1024, "password_hash");
    const std::string when = time_text(now);
    std::int64_t id = 0;
    write([&](SqlRunner& sql) {
        require_email_free(sql, email, std::nullopt);
        auto rows = sql.query(
            "INSERT INTO users (email, display_name, password_hash, created_at, updated_at, "
            "password_changed_at) VALUES ($1, $2, $3, $4, $4, $5) RETURNING id",
            SqlParams()
                .add(email)
                .add(name)
                .add(user.password_hash)
                .add(when)
                .add(user.password_hash ? std::optional(when) : std::nullopt));
        rows->next();
        id = rows->int64(0);
        append_audit_row(sql, with_defaults(audit, "user.create", "user", std::to_string(id)), now);
    });
    return id;
}

std::optional<User> AccountStore::find_user(std::int64_t user_id) {
    std::optional<User> user;
    read([&](SqlRunner& sql) { user = find_user_where(sql, "id = $1", SqlParams().add(user_id)); });
    return user;
}

std::optional<User> AccountStore::find_user_by_email(std::string_view email) {
    std::string normalized;
    try {
        normalized = normalized_email(email);
    } catch (const core::Error&) {
        return std::nullopt;  // no stored address is malformed
    }
    std::optional<User> user;
    read([&](SqlRunner& sql) {
        user = find_user_where(sql, "email = $1", SqlParams().add(normalized));
    });
    return user;
}

std::optional<UserCredentials> AccountStore::user_credentials(std::int64_t user_id) {
    std::optional<UserCredentials> credentials;
    read([&](SqlRunner& sql) {
        credentials.reset();
        auto rows = sql.query(
            "SELECT id, active, password_hash, totp_secret, totp_enabled, totp_last_step "
            "FROM users WHERE id = $1",
            SqlParams().add(user_id));
        if (!rows->next()) return;
        credentials =
            UserCredentials{rows->int64(0),          rows->int64(1) == 1, rows->optional_text(2),
                            rows->optional_bytes(3), rows->int64(4) == 1, rows->optional_int64(5)};
    });
    return credentials;
}

void AccountStore::update_user_profile(std::int64_t user_id, std::string_view email,
                                       std::string_view display_name, TimePoint now,
                                       const AuditEntry& audit) {
    const std::string normalized = normalized_email(email);
    const std::string name = checked_text(display_name, max_name_bytes, "display_name");
    write([&](SqlRunner& sql) {
        require_email_free(sql, normalized, user_id);
        auto rows = sql.query(
            "UPDATE users SET email = $2, display_name = $3, updated_at = $4 WHERE id = $1 "
            "RETURNING id",
            SqlParams().add(user_id).add(normalized).add(name).add(time_text(now)));
        if (!rows->next()) throw_not_found("user", user_id, "user");
        append_audit_row(sql, with_defaults(audit, "user.update", "user", std::to_string(user_id)),
                         now);
    });
}

void AccountStore::set_user_active(std::int64_t user_id, bool active, TimePoint now,
                                   const AuditEntry& audit) {
    write([&](SqlRunner& sql) {
        auto rows =
            sql.query("UPDATE users SET active = $2, updated_at = $3 WHERE id = $1 RETURNING id",
                      SqlParams().add(user_id).add_flag(active).add(time_text(now)));
        if (!rows->next()) throw_not_found("user", user_id, "user");
        if (!active) {
            end_sessions(sql, user_id, std::nullopt, now);
            // An invitation must not wake up with a later reactivation.
            sql.execute("DELETE FROM one_time_links WHERE user_id = $1 AND used_at IS NULL",
                        SqlParams().add(user_id));
        }
        append_audit_row(sql,
                         with_defaults(audit, active ? "user.activate" : "user.deactivate", "user",
                                       std::to_string(user_id)),
                         now);
    });
}

void AccountStore::set_password_hash(std::int64_t user_id, std::string_view password_hash,
                                     TimePoint now, std::optional<std::int64_t> keep_session_id,
                                     const AuditEntry& audit) {
    write([&](SqlRunner& sql) {
        store_password(sql, user_id, password_hash, now);
        end_sessions(sql, user_id, keep_session_id, now);
        append_audit_row(
            sql, with_defaults(audit, "user.password.set", "user", std::to_string(user_id)), now);
    });
}

bool AccountStore::replace_password_hash(std::int64_t user_id, std::string_view expected_hash,
                                         std::string_view new_hash, TimePoint now,
                                         const AuditEntry& audit) {
    bool replaced = false;
    write([&](SqlRunner& sql) {
        replaced = false;
        // Conditional in one statement: a password changed meanwhile is never overwritten.
        sql.execute(
            "UPDATE users SET password_hash = $2 WHERE id = $1 AND password_hash = $3",
            SqlParams().add(user_id).add(std::string(new_hash)).add(std::string(expected_hash)));
        auto rows =
            sql.query("SELECT password_hash FROM users WHERE id = $1", SqlParams().add(user_id));
        replaced = rows->next() && !rows->is_null(0) && rows->text(0) == new_hash;
        if (!replaced) return;
        append_audit_row(
            sql, with_defaults(audit, "user.password.rehash", "user", std::to_string(user_id)),
            now);
    });
    return replaced;
}

void AccountStore::set_totp(std::int64_t user_id, const std::optional<std::string>& secret,
                            bool enabled, TimePoint now, const AuditEntry& audit) {
    if (enabled && !secret) {
        throw Error(ErrorCode::invalid_argument, "enabling TOTP needs a secret", "totp_secret");
    }
    if (secret && (secret->empty() || secret->size() > max_totp_secret_bytes)) {
        throw Error(ErrorCode::invalid_argument, "the TOTP secret must be 1 to 1024 bytes",
                    "totp_secret");
    }
    write([&](SqlRunner& sql) {
        auto current =
            sql.query("SELECT totp_secret FROM users WHERE id = $1", SqlParams().add(user_id));
        if (!current->next()) throw_not_found("user", user_id, "user");
        // Confirming a secret set earlier keeps its last step: that code stays spent.
        const bool same_secret = current->optional_bytes(0) == secret;
        SqlParams params;
        params.add(user_id);
        secret ? params.add_blob(*secret) : params.add_null();
        params.add_flag(enabled).add(time_text(now));
        sql.execute(same_secret ? "UPDATE users SET totp_secret = $2, totp_enabled = $3, "
                                  "updated_at = $4 WHERE id = $1"
                                : "UPDATE users SET totp_secret = $2, totp_enabled = $3, "
                                  "totp_last_step = NULL, updated_at = $4 WHERE id = $1",
                    params);
        append_audit_row(sql,
                         with_defaults(audit, enabled ? "user.totp.enable" : "user.totp.disable",
                                       "user", std::to_string(user_id)),
                         now);
    });
}

bool AccountStore::record_totp_step(std::int64_t user_id, std::int64_t step) {
    bool recorded = false;
    // One conditional UPDATE: the row lock (PostgreSQL) or the write lock (SQLite) makes the
    // second of two concurrent calls with one step see the first one's value and change nothing.
    write([&](SqlRunner& sql) {
        recorded = sql.query(
                          "UPDATE users SET totp_last_step = $2 WHERE id = $1 AND "
                          "(totp_last_step IS NULL OR totp_last_step < $2) RETURNING id",
                          SqlParams().add(user_id).add(step))
                       ->next();
    });
    return recorded;
}

void AccountStore::replace_recovery_codes(std::int64_t user_id,
                                          std::span<const std::string> code_hashes, TimePoint now,
                                          const AuditEntry& audit) {
    for (const auto& hash : code_hashes) checked_hash(hash, "code_hash");
    write([&](SqlRunner& sql) {
        require_user(sql, user_id, false);
        sql.execute("DELETE FROM user_recovery_codes WHERE user_id = $1", SqlParams().add(user_id));
        for (const auto& hash : code_hashes) {
            sql.execute(
                "INSERT INTO user_recovery_codes (user_id, code_hash, created_at) "
                "VALUES ($1, $2, $3)",
                SqlParams().add(user_id).add(hash).add(time_text(now)));
        }
        append_audit_row(
            sql,
            with_defaults(audit, "user.recovery_codes.replace", "user", std::to_string(user_id)),
            now);
    });
}

std::vector<RecoveryCode> AccountStore::recovery_codes(std::int64_t user_id) {
    std::vector<RecoveryCode> codes;
    read([&](SqlRunner& sql) {
        codes.clear();
        auto rows = sql.query(
            "SELECT id, code_hash, used_at FROM user_recovery_codes WHERE user_id = $1 "
            "ORDER BY id",
            SqlParams().add(user_id));
        while (rows->next()) {
            codes.push_back({rows->int64(0), rows->text(1), optional_time(*rows, 2)});
        }
    });
    return codes;
}

bool AccountStore::consume_recovery_code(std::int64_t user_id, std::int64_t code_id, TimePoint now,
                                         const AuditEntry& audit) {
    bool consumed = false;
    write([&](SqlRunner& sql) {
        consumed = sql.query(
                          "UPDATE user_recovery_codes SET used_at = $3 WHERE id = $1 AND "
                          "user_id = $2 AND used_at IS NULL RETURNING id",
                          SqlParams().add(code_id).add(user_id).add(time_text(now)))
                       ->next();
        if (!consumed) return;
        append_audit_row(
            sql, with_defaults(audit, "user.recovery_code.use", "user", std::to_string(user_id)),
            now);
    });
    return consumed;
}

}  // namespace okrsek::store
