// AccountStore: role grants, the roles that need a second factor, and the user list.
#include <algorithm>
#include <map>

#include "core/error.hpp"
#include "store/account_common.hpp"
#include "store/audit_log.hpp"

namespace okrsek::store {
namespace accounts {
namespace {

using core::Error;
using core::ErrorCode;

constexpr std::size_t max_role_bytes = 100;

void check_scope_shape(const RoleScope& scope) {
    const bool town = scope.municipality_code.has_value();
    const bool area = scope.area_id.has_value();
    bool valid = false;
    switch (scope.kind) {
        case ScopeKind::global:
            valid = !town && !area;
            break;
        case ScopeKind::municipality:
            valid = town && !area;
            break;
        case ScopeKind::city_part:
        case ScopeKind::district:
            valid = area;  // the town comes from the area
            break;
    }
    if (!valid) {
        throw Error(ErrorCode::invalid_argument,
                    "a " + std::string(to_string(scope.kind)) + " scope takes " +
                        (scope.kind == ScopeKind::global         ? "no town and no area"
                         : scope.kind == ScopeKind::municipality ? "a town and no area"
                                                                 : "an area"),
                    "scope");
    }
}

// The town the scope belongs to, checked against the stored towns and areas.
std::optional<std::int64_t> scope_town(SqlRunner& sql, const RoleScope& scope) {
    if (scope.kind == ScopeKind::global) return std::nullopt;
    if (scope.kind == ScopeKind::municipality) {
        if (!exists(sql, "SELECT 1 FROM municipalities WHERE code = $1",
                    SqlParams().add(*scope.municipality_code))) {
            throw Error(ErrorCode::invalid_input,
                        "no municipality " + std::to_string(*scope.municipality_code), "scope");
        }
        return scope.municipality_code;
    }
    auto rows = sql.query("SELECT municipality_code FROM areas WHERE id = $1",
                          SqlParams().add(*scope.area_id));
    if (!rows->next()) {
        throw Error(ErrorCode::invalid_input, "no area " + std::to_string(*scope.area_id), "scope");
    }
    const std::int64_t town = rows->int64(0);
    if (scope.municipality_code && *scope.municipality_code != town) {
        throw Error(ErrorCode::invalid_input,
                    "area " + std::to_string(*scope.area_id) + " is not in municipality " +
                        std::to_string(*scope.municipality_code),
                    "scope");
    }
    return town;
}

}  // namespace

RoleGrant grant_of(const SqlRows& rows) {
    RoleGrant grant;
    grant.id = rows.int64(0);
    grant.user_id = rows.int64(1);
    grant.role = rows.text(2);
    grant.scope = {scope_kind_from(rows.text(3)), rows.optional_int64(4), rows.optional_int64(5)};
    grant.granted_by = rows.optional_int64(6);
    grant.granted_at = parse_time(rows.text(7));
    grant.revoked_at = optional_time(rows, 8);
    grant.revoked_by = rows.optional_int64(9);
    return grant;
}

}  // namespace accounts

using namespace accounts;

std::int64_t AccountStore::grant_role(std::int64_t user_id, std::string_view role,
                                      const RoleScope& scope,
                                      std::optional<std::int64_t> granted_by, TimePoint now,
                                      const AuditEntry& audit) {
    const std::string name = checked_text(role, max_role_bytes, "role");
    check_scope_shape(scope);
    std::int64_t id = 0;
    write([&](SqlRunner& sql) {
        require_user(sql, user_id, false);
        if (granted_by &&
            !exists(sql, "SELECT 1 FROM users WHERE id = $1", SqlParams().add(*granted_by))) {
            throw_not_found("user", *granted_by, "granted_by");
        }
        const auto town = scope_town(sql, scope);
        if (exists(sql,
                   "SELECT 1 FROM role_grants WHERE user_id = $1 AND role = $2 AND "
                   "scope_kind = $3 AND COALESCE(scope_municipality_code, 0) = $4 AND "
                   "COALESCE(scope_area_id, 0) = $5 AND revoked_at IS NULL",
                   SqlParams()
                       .add(user_id)
                       .add(name)
                       .add(to_string(scope.kind))
                       .add(town.value_or(0))
                       .add(scope.area_id.value_or(0)))) {
            throw Error(
                ErrorCode::invalid_input,
                "user " + std::to_string(user_id) + " holds this role in this scope already",
                "role");
        }
        auto rows = sql.query(
            "INSERT INTO role_grants (user_id, role, scope_kind, scope_municipality_code, "
            "scope_area_id, granted_by, granted_at) VALUES ($1, $2, $3, $4, $5, $6, $7) "
            "RETURNING id",
            SqlParams()
                .add(user_id)
                .add(name)
                .add(to_string(scope.kind))
                .add(town)
                .add(scope.area_id)
                .add(granted_by)
                .add(time_text(now)));
        rows->next();
        id = rows->int64(0);
        append_audit_row(
            sql, with_defaults(audit, "role.grant", "user", std::to_string(user_id), town), now);
    });
    return id;
}

void AccountStore::revoke_role(std::int64_t grant_id, std::optional<std::int64_t> revoked_by,
                               TimePoint now, const AuditEntry& audit) {
    write([&](SqlRunner& sql) {
        if (revoked_by &&
            !exists(sql, "SELECT 1 FROM users WHERE id = $1", SqlParams().add(*revoked_by))) {
            throw_not_found("user", *revoked_by, "revoked_by");
        }
        auto rows = sql.query(
            "UPDATE role_grants SET revoked_at = $2, revoked_by = $3 WHERE id = $1 AND "
            "revoked_at IS NULL RETURNING user_id, scope_municipality_code",
            SqlParams().add(grant_id).add(time_text(now)).add(revoked_by));
        if (!rows->next()) {
            if (!exists(sql, "SELECT 1 FROM role_grants WHERE id = $1",
                        SqlParams().add(grant_id))) {
                throw_not_found("grant", grant_id, "grant");
            }
            throw Error(ErrorCode::conflict,
                        "grant " + std::to_string(grant_id) + " is revoked already", "grant");
        }
        const std::int64_t user_id = rows->int64(0);
        const auto town = rows->optional_int64(1);
        append_audit_row(
            sql, with_defaults(audit, "role.revoke", "user", std::to_string(user_id), town), now);
    });
}

std::vector<RoleGrant> AccountStore::grants_of(std::int64_t user_id, bool include_revoked) {
    std::vector<RoleGrant> grants;
    read([&](SqlRunner& sql) {
        grants.clear();
        auto rows = sql.query(
            "SELECT " + std::string(grant_columns) + " FROM role_grants WHERE user_id = $1" +
                (include_revoked ? "" : " AND revoked_at IS NULL") + " ORDER BY id",
            SqlParams().add(user_id));
        while (rows->next()) grants.push_back(grant_of(*rows));
    });
    return grants;
}

std::vector<UserWithGrants> AccountStore::list_users() {
    std::vector<UserWithGrants> users;
    snapshot([&](SqlRunner& sql) {
        users.clear();
        std::map<std::int64_t, std::size_t> index;
        auto user_rows = sql.query("SELECT " + std::string(user_columns) + " FROM users");
        while (user_rows->next()) {
            index[user_rows->int64(0)] = users.size();
            users.push_back({user_of(*user_rows), {}});
        }
        auto grant_rows = sql.query("SELECT " + std::string(grant_columns) +
                                    " FROM role_grants WHERE revoked_at IS NULL ORDER BY id");
        while (grant_rows->next()) {
            RoleGrant grant = grant_of(*grant_rows);
            users[index.at(grant.user_id)].grants.push_back(std::move(grant));
        }
    });
    // Sorted here, not in SQL: PostgreSQL's collation would order text unlike SQLite's bytes.
    std::sort(users.begin(), users.end(),
              [](const auto& a, const auto& b) { return a.user.email < b.user.email; });
    return users;
}

std::vector<std::string> AccountStore::sensitive_roles() {
    std::vector<std::string> roles;
    read([&](SqlRunner& sql) {
        roles.clear();
        auto rows = sql.query("SELECT role FROM sensitive_roles");
        while (rows->next()) roles.push_back(rows->text(0));
    });
    std::sort(roles.begin(), roles.end());
    return roles;
}

void AccountStore::set_role_sensitive(std::string_view role, bool sensitive, TimePoint now,
                                      const AuditEntry& audit) {
    const std::string name = checked_text(role, max_role_bytes, "role");
    write([&](SqlRunner& sql) {
        if (sensitive) {
            sql.execute(
                "INSERT INTO sensitive_roles (role, marked_at) VALUES ($1, $2) "
                "ON CONFLICT (role) DO NOTHING",
                SqlParams().add(name).add(time_text(now)));
        } else {
            sql.execute("DELETE FROM sensitive_roles WHERE role = $1", SqlParams().add(name));
        }
        append_audit_row(
            sql,
            with_defaults(audit, sensitive ? "role.sensitive.set" : "role.sensitive.clear", "role",
                          name),
            now);
    });
}

}  // namespace okrsek::store
