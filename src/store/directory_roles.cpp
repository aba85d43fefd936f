// DirectoryStore: the plumbing (database messages made safe to log) and the towns' team roles.
#include <algorithm>
#include <set>

#include "core/error.hpp"
#include "store/account_common.hpp"
#include "store/audit_log.hpp"
#include "store/directory_common.hpp"
#include "store/directory_seed.hpp"

namespace okrsek::store {
namespace {

using core::Error;
using core::ErrorCode;
using namespace accounts;
using namespace directory;

const std::string role_columns =
    "id, municipality_code, code, name_cs, name_en, sort_order, created_at, updated_at, "
    "retired_at";

TeamRole role_of(const SqlRows& rows) {
    TeamRole role;
    role.id = rows.int64(0);
    role.municipality_code = rows.int64(1);
    role.code = rows.text(2);
    role.name_cs = rows.text(3);
    role.name_en = rows.text(4);
    role.sort_order = rows.int64(5);
    role.created_at = parse_time(rows.text(6));
    role.updated_at = parse_time(rows.text(7));
    role.retired_at = optional_time(rows, 8);
    return role;
}

NewTeamRole checked_role(const NewTeamRole& role) {
    NewTeamRole result;
    result.municipality_code = role.municipality_code;
    result.code = checked_code(role.code, "code");
    result.name_cs = checked_text(role.name_cs, max_role_name_bytes, "name_cs");
    result.name_en = checked_text(role.name_en, max_role_name_bytes, "name_en");
    return result;
}

std::int64_t insert_role(SqlRunner& sql, const NewTeamRole& role, const std::string& when) {
    if (exists(sql, "SELECT 1 FROM team_roles WHERE municipality_code = $1 AND code = $2",
               SqlParams().add(role.municipality_code).add(role.code))) {
        throw Error(ErrorCode::invalid_input,
                    "municipality " + std::to_string(role.municipality_code) +
                        " has a team role '" + role.code + "' already",
                    "code");
    }
    auto rows = sql.query(
        "INSERT INTO team_roles (municipality_code, code, name_cs, name_en, sort_order, "
        "created_at, updated_at) VALUES ($1, $2, $3, $4, (SELECT COALESCE(MAX(sort_order), 0) + 1 "
        "FROM team_roles WHERE municipality_code = $1), $5, $5) RETURNING id",
        SqlParams()
            .add(role.municipality_code)
            .add(role.code)
            .add(role.name_cs)
            .add(role.name_en)
            .add(when));
    rows->next();
    return rows->int64(0);
}

}  // namespace

void DirectoryStore::write(const std::function<void(SqlRunner&)>& work) {
    try {
        run_write(work);
    } catch (const Error& error) {
        accounts::rethrow_without_values(error);
    }
}

void DirectoryStore::read(const std::function<void(SqlRunner&)>& work) {
    try {
        run_read(work);
    } catch (const Error& error) {
        accounts::rethrow_without_values(error);
    }
}

std::vector<TeamRole> DirectoryStore::team_roles(std::int64_t municipality_code,
                                                 bool include_retired) {
    std::vector<TeamRole> roles;
    read([&](SqlRunner& sql) {
        roles.clear();
        auto rows = sql.query(
            "SELECT " + role_columns + " FROM team_roles WHERE municipality_code = $1" +
                (include_retired ? "" : " AND retired_at IS NULL") + " ORDER BY sort_order, id",
            SqlParams().add(municipality_code));
        while (rows->next()) roles.push_back(role_of(*rows));
    });
    return roles;
}

std::optional<TeamRole> DirectoryStore::find_team_role(std::int64_t role_id) {
    std::optional<TeamRole> role;
    read([&](SqlRunner& sql) {
        role.reset();
        auto rows = sql.query("SELECT " + role_columns + " FROM team_roles WHERE id = $1",
                              SqlParams().add(role_id));
        if (rows->next()) role = role_of(*rows);
    });
    return role;
}

bool DirectoryStore::seed_team_roles(std::int64_t municipality_code,
                                     std::span<const NewTeamRole> defaults, TimePoint now,
                                     const AuditEntry& audit) {
    std::vector<NewTeamRole> roles;
    for (const auto& role : defaults) {
        roles.push_back(checked_role(role));
        roles.back().municipality_code = municipality_code;
    }
    const TownDefaults team_roles{
        .table = "team_roles",
        .insert_sql =
            "INSERT INTO team_roles (municipality_code, code, name_cs, name_en, "
            "sort_order, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) "
            "ON CONFLICT (municipality_code, code) DO NOTHING RETURNING id",
        .audit_action = "team.role.seed",
        .conflict = "team roles were seeded meanwhile",
        .field = "role"};
    bool seeded = false;
    write([&](SqlRunner& sql) {
        seeded = seed_town_defaults(
            sql, team_roles, municipality_code, roles.size(),
            [&](std::size_t i, SqlParams& params) {
                params.add(roles[i].code).add(roles[i].name_cs).add(roles[i].name_en);
            },
            now, audit);
    });
    return seeded;
}

std::int64_t DirectoryStore::add_team_role(const NewTeamRole& role, TimePoint now,
                                           const AuditEntry& audit) {
    const NewTeamRole checked = checked_role(role);
    std::int64_t id = 0;
    write([&](SqlRunner& sql) {
        require_town(sql, checked.municipality_code);
        id = insert_role(sql, checked, time_text(now));
        append_audit_row(sql,
                         with_defaults(audit, "team.role.create", "team_role", std::to_string(id),
                                       checked.municipality_code),
                         now);
    });
    return id;
}

void DirectoryStore::update_team_role(std::int64_t role_id, std::string_view name_cs,
                                      std::string_view name_en, bool retired, TimePoint now,
                                      const AuditEntry& audit) {
    const std::string cs = checked_text(name_cs, max_role_name_bytes, "name_cs");
    const std::string en = checked_text(name_en, max_role_name_bytes, "name_en");
    write([&](SqlRunner& sql) {
        const std::string when = time_text(now);
        // A role retired earlier keeps its first retirement time.
        auto rows = sql.query(
            "UPDATE team_roles SET name_cs = $2, name_en = $3, updated_at = $4, retired_at = "
            "CASE WHEN $5 = 1 THEN COALESCE(retired_at, $4) ELSE NULL END WHERE id = $1 "
            "RETURNING municipality_code",
            SqlParams().add(role_id).add(cs).add(en).add(when).add_flag(retired));
        if (!rows->next()) throw_not_found("team role", role_id, "role");
        const std::int64_t town = rows->int64(0);
        append_audit_row(
            sql,
            with_defaults(audit, "team.role.update", "team_role", std::to_string(role_id), town),
            now);
    });
}

void DirectoryStore::order_team_roles(std::int64_t municipality_code,
                                      std::span<const std::int64_t> role_ids, TimePoint now,
                                      const AuditEntry& audit) {
    if (std::set<std::int64_t>(role_ids.begin(), role_ids.end()).size() != role_ids.size()) {
        throw Error(ErrorCode::invalid_input, "a role is named twice", "roles");
    }
    write([&](SqlRunner& sql) {
        std::vector<std::int64_t> others;
        auto rows = sql.query(
            "SELECT id FROM team_roles WHERE municipality_code = $1 ORDER BY sort_order, id",
            SqlParams().add(municipality_code));
        while (rows->next()) others.push_back(rows->int64(0));
        std::vector<std::int64_t> order(role_ids.begin(), role_ids.end());
        for (const auto id : role_ids) {
            const auto found = std::find(others.begin(), others.end(), id);
            if (found == others.end()) {
                throw Error(ErrorCode::invalid_input,
                            "team role " + std::to_string(id) + " is not one of municipality " +
                                std::to_string(municipality_code),
                            "roles");
            }
            others.erase(found);
        }
        order.insert(order.end(), others.begin(), others.end());
        const std::string when = time_text(now);
        for (std::size_t i = 0; i < order.size(); ++i) {
            sql.execute(
                "UPDATE team_roles SET sort_order = $2, updated_at = $3 WHERE id = $1 AND "
                "sort_order <> $2",
                SqlParams().add(order[i]).add(static_cast<std::int64_t>(i + 1)).add(when));
        }
        append_audit_row(sql,
                         with_defaults(audit, "team.role.order", "municipality",
                                       std::to_string(municipality_code), municipality_code),
                         now);
    });
}

}  // namespace okrsek::store
