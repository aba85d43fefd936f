// DirectoryStore: positions (a district's seat for a role, with its public contact) and the
// people holding them over time.
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "store/account_common.hpp"
#include "store/audit_log.hpp"
#include "store/directory_common.hpp"

namespace okrsek::store {
namespace {

using core::Error;
using core::ErrorCode;
using namespace accounts;
using namespace directory;

const std::string position_columns =
    "id, municipality_code, district_id, role_id, email, phone, updated_at";

TeamPosition position_of(const SqlRows& rows) {
    TeamPosition position;
    position.id = rows.int64(0);
    position.municipality_code = rows.int64(1);
    position.district_id = rows.int64(2);
    position.role_id = rows.int64(3);
    position.email = rows.optional_text(4);
    position.phone = rows.optional_text(5);
    position.updated_at = parse_time(rows.text(6));
    return position;
}

// Throws unless the role exists in `town` (and, when `active`, is not retired).
void require_role(SqlRunner& sql, std::int64_t town, std::int64_t role_id, bool active) {
    auto rows = sql.query(
        "SELECT municipality_code, CASE WHEN retired_at IS NULL THEN 0 ELSE 1 END "
        "FROM team_roles WHERE id = $1",
        SqlParams().add(role_id));
    if (!rows->next()) throw_not_found("team role", role_id, "role");
    if (rows->int64(0) != town) {
        throw Error(ErrorCode::invalid_input,
                    "team role " + std::to_string(role_id) + " is not one of municipality " +
                        std::to_string(town),
                    "role");
    }
    if (active && rows->int64(1) == 1) {
        throw Error(ErrorCode::invalid_input,
                    "team role " + std::to_string(role_id) + " is retired", "role");
    }
}

void require_account(SqlRunner& sql, const std::optional<std::int64_t>& user_id) {
    if (user_id && !exists(sql, "SELECT 1 FROM users WHERE id = $1", SqlParams().add(*user_id))) {
        throw_not_found("user", *user_id, "user_id");
    }
}

// The position of (district, role), created without a contact when missing.
std::int64_t position_id(SqlRunner& sql, std::int64_t town, std::int64_t district_id,
                         std::int64_t role_id, const std::string& when) {
    sql.execute(
        "INSERT INTO team_positions (municipality_code, district_id, role_id, created_at, "
        "updated_at) VALUES ($1, $2, $3, $4, $4) ON CONFLICT (district_id, role_id) DO NOTHING",
        SqlParams().add(town).add(district_id).add(role_id).add(when));
    auto rows = sql.query("SELECT id FROM team_positions WHERE district_id = $1 AND role_id = $2",
                          SqlParams().add(district_id).add(role_id));
    rows->next();
    return rows->int64(0);
}

// The names of the profile fields that differ: the audit row says what changed, not to what
// (no names, numbers or texts in the log).
nlohmann::json changed_fields_directory_team(const HolderProfile& before,
                                             const HolderProfile& after) {
    nlohmann::json fields = nlohmann::json::array();
    if (before.name != after.name) fields.push_back("name");
    if (before.bio != after.bio) fields.push_back("bio");
    if (before.office_hours != after.office_hours) fields.push_back("office_hours");
    if (before.office_hours_note != after.office_hours_note) fields.push_back("office_hours_note");
    if (before.contact.email != after.contact.email) fields.push_back("email");
    if (before.contact.phone != after.contact.phone) fields.push_back("phone");
    if (before.user_id != after.user_id) fields.push_back("user_id");
    return fields;
}

// `entry` with `name` set in its details object.
AuditEntry with_detail(AuditEntry entry, const char* name, nlohmann::json value) {
    nlohmann::json details = nlohmann::json::parse(entry.details_json, nullptr, false);
    if (!details.is_object()) details = nlohmann::json::object();
    details[name] = std::move(value);
    entry.details_json = details.dump();
    return entry;
}

SqlParams& add_profile(SqlParams& params, const HolderProfile& profile) {
    return params.add(profile.name)
        .add(profile.bio)
        .add(office_hours_text(profile.office_hours))
        .add(profile.office_hours_note)
        .add(profile.contact.email)
        .add(profile.contact.phone)
        .add(profile.user_id);
}

}  // namespace

std::vector<TeamPosition> DirectoryStore::district_positions(std::int64_t district_id) {
    std::vector<TeamPosition> positions;
    read([&](SqlRunner& sql) {
        positions.clear();
        auto rows = sql.query("SELECT " + position_columns +
                                  " FROM team_positions WHERE district_id = $1 ORDER BY id",
                              SqlParams().add(district_id));
        while (rows->next()) positions.push_back(position_of(*rows));
    });
    return positions;
}

TeamPosition DirectoryStore::set_position_contact(std::int64_t municipality_code,
                                                  std::int64_t district_id, std::int64_t role_id,
                                                  const Contact& contact, TimePoint now,
                                                  const AuditEntry& audit) {
    const Contact checked = checked_contact(contact);
    TeamPosition position;
    write([&](SqlRunner& sql) {
        require_role(sql, municipality_code, role_id, false);
        const std::string when = time_text(now);
        const std::int64_t id = position_id(sql, municipality_code, district_id, role_id, when);
        auto before =
            sql.query("SELECT email, phone FROM team_positions WHERE id = $1", SqlParams().add(id));
        before->next();
        nlohmann::json fields = nlohmann::json::array();
        if (before->optional_text(0) != checked.email) fields.push_back("email");
        if (before->optional_text(1) != checked.phone) fields.push_back("phone");
        auto rows = sql.query(
            "UPDATE team_positions SET email = $2, phone = $3, updated_at = $4 "
            "WHERE id = $1 RETURNING " +
                position_columns,
            SqlParams().add(id).add(checked.email).add(checked.phone).add(when));
        rows->next();
        position = position_of(*rows);
        append_audit_row(sql,
                         with_detail(with_defaults(audit, "team.contact.update", "team_position",
                                                   std::to_string(id), municipality_code),
                                     "fields", fields),
                         now);
    });
    return position;
}

std::int64_t DirectoryStore::start_holder(std::int64_t municipality_code, std::int64_t district_id,
                                          std::int64_t role_id, const HolderProfile& profile,
                                          std::string_view from_date, TimePoint now,
                                          const AuditEntry& audit) {
    const HolderProfile checked = checked_profile(profile);
    const std::string from = checked_date(from_date, "from");
    std::int64_t id = 0;
    write([&](SqlRunner& sql) {
        require_role(sql, municipality_code, role_id, true);
        require_account(sql, checked.user_id);
        const std::string when = time_text(now);
        const std::int64_t position =
            position_id(sql, municipality_code, district_id, role_id, when);
        auto current = sql.query(
            "SELECT id, from_date FROM team_holders WHERE position_id = $1 AND to_date IS NULL",
            SqlParams().add(position));
        if (current->next()) {
            const std::int64_t previous = current->int64(0);
            if (current->text(1) > from) {
                throw Error(ErrorCode::invalid_input,
                            "the current holder started after " + from + "; end them first",
                            "from");
            }
            sql.execute("UPDATE team_holders SET to_date = $2, updated_at = $3 WHERE id = $1",
                        SqlParams().add(previous).add(from).add(when));
        }
        SqlParams params;
        params.add(position).add(municipality_code);
        add_profile(params, checked).add(from).add(when);
        auto rows = sql.query(
            "INSERT INTO team_holders (position_id, municipality_code, name, bio, office_hours, "
            "office_hours_note, email, phone, user_id, from_date, created_at, updated_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
            params);
        rows->next();
        id = rows->int64(0);
        append_audit_row(sql,
                         with_defaults(audit, "team.holder.start", "team_holder",
                                       std::to_string(id), municipality_code),
                         now);
    });
    return id;
}

void DirectoryStore::update_holder(std::int64_t holder_id, const HolderProfile& profile,
                                   TimePoint now, const AuditEntry& audit) {
    const HolderProfile checked = checked_profile(profile);
    write([&](SqlRunner& sql) {
        require_account(sql, checked.user_id);
        auto before = sql.query("SELECT " + holder_columns + holder_from + "WHERE h.id = $1",
                                SqlParams().add(holder_id));
        if (!before->next()) throw_not_found("holder", holder_id, "holder");
        const nlohmann::json fields =
            changed_fields_directory_team(holder_of(*before).profile, checked);
        SqlParams params;
        params.add(holder_id);
        add_profile(params, checked).add(time_text(now));
        auto rows = sql.query(
            "UPDATE team_holders SET name = $2, bio = $3, office_hours = $4, "
            "office_hours_note = $5, email = $6, phone = $7, user_id = $8, updated_at = $9 "
            "WHERE id = $1 RETURNING municipality_code",
            params);
        if (!rows->next()) throw_not_found("holder", holder_id, "holder");
        const std::int64_t town = rows->int64(0);
        append_audit_row(sql,
                         with_detail(with_defaults(audit, "team.holder.update", "team_holder",
                                                   std::to_string(holder_id), town),
                                     "fields", fields),
                         now);
    });
}

void DirectoryStore::end_holder(std::int64_t holder_id, std::string_view to_date, TimePoint now,
                                const AuditEntry& audit) {
    const std::string to = checked_date(to_date, "to");
    write([&](SqlRunner& sql) {
        auto rows = sql.query(
            "SELECT municipality_code, from_date, to_date FROM team_holders WHERE id = $1",
            SqlParams().add(holder_id));
        if (!rows->next()) throw_not_found("holder", holder_id, "holder");
        const std::int64_t town = rows->int64(0);
        if (!rows->is_null(2)) {
            throw Error(ErrorCode::conflict,
                        "holder " + std::to_string(holder_id) + " has ended already", "holder");
        }
        if (to < rows->text(1)) {
            throw Error(ErrorCode::invalid_argument, "to is before the holder's start", "to");
        }
        sql.execute(
            "UPDATE team_holders SET to_date = $2, updated_at = $3 WHERE id = $1 AND "
            "to_date IS NULL",
            SqlParams().add(holder_id).add(to).add(time_text(now)));
        append_audit_row(
            sql,
            with_defaults(audit, "team.holder.end", "team_holder", std::to_string(holder_id), town),
            now);
    });
}

std::optional<TeamHolder> DirectoryStore::find_holder(std::int64_t holder_id) {
    std::optional<TeamHolder> holder;
    read([&](SqlRunner& sql) {
        holder.reset();
        auto rows = sql.query("SELECT " + holder_columns + holder_from + "WHERE h.id = $1",
                              SqlParams().add(holder_id));
        if (rows->next()) holder = holder_of(*rows);
    });
    return holder;
}

std::vector<TeamHolder> DirectoryStore::district_holders(std::int64_t district_id,
                                                         bool include_past) {
    std::vector<TeamHolder> holders;
    read([&](SqlRunner& sql) {
        holders.clear();
        auto rows =
            sql.query("SELECT " + holder_columns + holder_from + "WHERE p.district_id = $1" +
                          (include_past ? "" : " AND h.to_date IS NULL") +
                          " ORDER BY p.role_id, h.from_date DESC, h.id DESC",
                      SqlParams().add(district_id));
        while (rows->next()) holders.push_back(holder_of(*rows));
    });
    return holders;
}

std::vector<TeamHolder> DirectoryStore::holders_of_user(std::int64_t user_id) {
    std::vector<TeamHolder> holders;
    read([&](SqlRunner& sql) {
        holders.clear();
        auto rows = sql.query("SELECT " + holder_columns + holder_from +
                                  "WHERE h.user_id = $1 AND h.to_date IS NULL ORDER BY h.id",
                              SqlParams().add(user_id));
        while (rows->next()) holders.push_back(holder_of(*rows));
    });
    return holders;
}

}  // namespace okrsek::store
