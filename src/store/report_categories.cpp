// ReportStore: a town's report categories and escalation levels, and their seeded defaults.
#include "core/error.hpp"
#include "store/account_common.hpp"
#include "store/audit_log.hpp"
#include "store/directory_common.hpp"
#include "store/report_common.hpp"

namespace okrsek::store {
namespace {

using core::Error;
using core::ErrorCode;
using namespace accounts;
using namespace reports;

// The columns a category's fields fill, and their values in the same order ($2…$14 after
// the municipality).
constexpr std::string_view field_columns =
    "name_cs, name_en, description_cs, description_en, guidance_cs, guidance_en, "
    "accepts_reports, owner_role_code, first_response_days, resolution_days, "
    "extra_fields_json, sort_order";

SqlParams& add_fields_report_categories(SqlParams& params, const CategoryFields& fields) {
    return params.add(fields.name_cs)
        .add(fields.name_en)
        .add(fields.description_cs)
        .add(fields.description_en)
        .add(fields.guidance_cs)
        .add(fields.guidance_en)
        .add_flag(fields.accepts_reports)
        .add(fields.owner_role_code)
        .add(fields.first_response_days)
        .add(fields.resolution_days)
        .add(fields.extra_fields_json)
        .add(fields.sort_order);
}

// "INSERT … RETURNING id" of a new category; `on_conflict` " ON CONFLICT … DO NOTHING" or "".
std::string insert_category_sql(std::string_view on_conflict) {
    return "INSERT INTO report_categories (municipality_code, code, " + std::string(field_columns) +
           ", created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
           "$13, $14, $15, $15)" +
           std::string(on_conflict) + " RETURNING id";
}

SqlParams category_params(const CategoryFields& fields, TimePoint now) {
    SqlParams params;
    params.add(fields.municipality_code).add(fields.code);
    add_fields_report_categories(params, fields).add(time_text(now));
    return params;
}

ReportCategory locked_category(SqlRunner& sql, std::int64_t category_id) {
    const std::string lock = sql.dialect() == Dialect::postgresql ? " FOR UPDATE" : "";
    auto rows =
        sql.query("SELECT " + category_columns + " FROM report_categories WHERE id = $1" + lock,
                  SqlParams().add(category_id));
    if (!rows->next()) throw_not_found("report category", category_id, "id");
    return category_of(*rows);
}

void check_level(const ReportLevel& level) {
    if (level.level < 1 || level.level > 4) {
        throw Error(ErrorCode::invalid_argument, "level must be 1 to 4", "level");
    }
    directory::checked_code(level.code, "code");
    check_text(level.name_cs, max_name_bytes, "name_cs", true);
    check_text(level.name_en, max_name_bytes, "name_en", true);
    if (level.deadline_days < 1 || level.deadline_days > 250) {
        throw Error(ErrorCode::invalid_argument, "deadline_days must be 1 to 250", "deadline_days");
    }
}

std::optional<std::string> checked_contact_email(const std::optional<std::string>& email) {
    if (!email) return std::nullopt;
    try {
        return normalized_email(*email);
    } catch (const Error& error) {
        throw Error(error.code(), error.what(), "contact_email");
    }
}

std::string insert_level_sql(std::string_view on_conflict) {
    return "INSERT INTO report_levels (municipality_code, level, code, name_cs, name_en, "
           "deadline_days, contact_email, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)" +
           std::string(on_conflict) + " RETURNING id";
}

SqlParams level_params(const ReportLevel& level, std::int64_t municipality_code,
                       const std::optional<std::string>& email, TimePoint now) {
    return SqlParams()
        .add(municipality_code)
        .add(level.level)
        .add(level.code)
        .add(level.name_cs)
        .add(level.name_en)
        .add(level.deadline_days)
        .add(email)
        .add(time_text(now));
}

}  // namespace

std::vector<ReportCategory> ReportStore::report_categories(std::int64_t municipality_code,
                                                           bool include_retired) {
    const std::string retired = include_retired ? "" : " AND retired_at IS NULL";
    std::vector<ReportCategory> categories;
    read([&](SqlRunner& sql) {
        categories.clear();
        auto rows = sql.query("SELECT " + category_columns +
                                  " FROM report_categories WHERE municipality_code = $1" + retired +
                                  " ORDER BY sort_order, code",
                              SqlParams().add(municipality_code));
        while (rows->next()) categories.push_back(category_of(*rows));
    });
    return categories;
}

std::optional<ReportCategory> ReportStore::find_report_category(std::int64_t category_id) {
    std::optional<ReportCategory> category;
    read([&](SqlRunner& sql) {
        category.reset();
        auto rows =
            sql.query("SELECT " + category_columns + " FROM report_categories WHERE id = $1",
                      SqlParams().add(category_id));
        if (rows->next()) category = category_of(*rows);
    });
    return category;
}

std::optional<ReportCategory> ReportStore::find_report_category(std::int64_t municipality_code,
                                                                std::string_view code) {
    std::optional<ReportCategory> category;
    read([&](SqlRunner& sql) {
        category.reset();
        auto rows = sql.query("SELECT " + category_columns +
                                  " FROM report_categories WHERE municipality_code = $1 AND "
                                  "code = $2",
                              SqlParams().add(municipality_code).add(code));
        if (rows->next()) category = category_of(*rows);
    });
    return category;
}

std::int64_t ReportStore::create_report_category(const CategoryFields& fields, TimePoint now,
                                                 const AuditEntry& audit) {
    check_category(fields);
    std::int64_t id = 0;
    write([&](SqlRunner& sql) {
        directory::require_town(sql, fields.municipality_code);
        if (exists(sql,
                   "SELECT 1 FROM report_categories WHERE municipality_code = $1 AND code = $2",
                   SqlParams().add(fields.municipality_code).add(fields.code))) {
            throw Error(ErrorCode::conflict, "the town has a category " + fields.code, "code");
        }
        auto rows = sql.query(insert_category_sql(""), category_params(fields, now));
        rows->next();
        id = rows->int64(0);
        append_audit_row(sql,
                         with_defaults(audit, "report_category.create", "report_category",
                                       std::to_string(id), fields.municipality_code),
                         now);
    });
    return id;
}

void ReportStore::update_report_category(std::int64_t category_id, const CategoryFields& fields,
                                         TimePoint now, const AuditEntry& audit) {
    // Code and town are the stored ones: check the rest with them in place.
    write([&](SqlRunner& sql) {
        const ReportCategory stored = locked_category(sql, category_id);
        CategoryFields checked = fields;
        checked.municipality_code = stored.municipality_code;
        checked.code = stored.code;
        check_category(checked);
        SqlParams params;
        params.add(category_id);
        add_fields_report_categories(params, checked).add(time_text(now));
        sql.execute(
            "UPDATE report_categories SET name_cs = $2, name_en = $3, description_cs = $4, "
            "description_en = $5, guidance_cs = $6, guidance_en = $7, accepts_reports = $8, "
            "owner_role_code = $9, first_response_days = $10, resolution_days = $11, "
            "extra_fields_json = $12, sort_order = $13, updated_at = $14 WHERE id = $1",
            params);
        append_audit_row(sql,
                         with_defaults(audit, "report_category.update", "report_category",
                                       std::to_string(category_id), stored.municipality_code),
                         now);
    });
}

void ReportStore::retire_report_category(std::int64_t category_id, TimePoint now,
                                         const AuditEntry& audit) {
    write([&](SqlRunner& sql) {
        const ReportCategory stored = locked_category(sql, category_id);
        if (stored.retired_at) {
            throw Error(ErrorCode::conflict,
                        "report category " + std::to_string(category_id) + " is retired already",
                        "id");
        }
        sql.execute("UPDATE report_categories SET retired_at = $2, updated_at = $2 WHERE id = $1",
                    SqlParams().add(category_id).add(time_text(now)));
        append_audit_row(sql,
                         with_defaults(audit, "report_category.retire", "report_category",
                                       std::to_string(category_id), stored.municipality_code),
                         now);
    });
}

std::vector<ReportLevel> ReportStore::report_levels(std::int64_t municipality_code) {
    std::vector<ReportLevel> levels;
    read([&](SqlRunner& sql) {
        levels.clear();
        auto rows = sql.query("SELECT " + level_columns +
                                  " FROM report_levels WHERE municipality_code = $1 ORDER BY level",
                              SqlParams().add(municipality_code));
        while (rows->next()) levels.push_back(level_of(*rows));
    });
    return levels;
}

void ReportStore::set_report_level(const ReportLevel& level, TimePoint now,
                                   const AuditEntry& audit) {
    check_level(level);
    const auto email = checked_contact_email(level.contact_email);
    write([&](SqlRunner& sql) {
        directory::require_town(sql, level.municipality_code);
        const SqlParams params = level_params(level, level.municipality_code, email, now);
        // The one row per (town, level) is replaced in place, so its id stays.
        auto rows = sql.query(insert_level_sql(" ON CONFLICT (municipality_code, level) DO UPDATE "
                                               "SET code = excluded.code, name_cs = "
                                               "excluded.name_cs, name_en = excluded.name_en, "
                                               "deadline_days = excluded.deadline_days, "
                                               "contact_email = excluded.contact_email, "
                                               "updated_at = excluded.updated_at"),
                              params);
        rows->next();
        append_audit_row(sql,
                         with_defaults(audit, "report_level.set", "report_level",
                                       std::to_string(level.level), level.municipality_code),
                         now);
    });
}

std::size_t ReportStore::seed_report_defaults(std::int64_t municipality_code,
                                              std::span<const CategoryFields> categories,
                                              std::span<const ReportLevel> levels, TimePoint now) {
    for (const auto& fields : categories) check_category(fields);
    std::vector<std::optional<std::string>> emails;
    for (const auto& level : levels) {
        check_level(level);
        emails.push_back(checked_contact_email(level.contact_email));
    }
    std::size_t inserted = 0;
    write([&](SqlRunner& sql) {
        inserted = 0;
        directory::require_town(sql, municipality_code);
        // DO NOTHING: another server seeding the same town at once is no error.
        for (auto fields : categories) {
            fields.municipality_code = municipality_code;
            auto rows = sql.query(insert_category_sql(" ON CONFLICT (municipality_code, code) DO "
                                                      "NOTHING"),
                                  category_params(fields, now));
            if (rows->next()) ++inserted;
        }
        for (std::size_t i = 0; i < levels.size(); ++i) {
            auto rows = sql.query(insert_level_sql(" ON CONFLICT (municipality_code, level) DO "
                                                   "NOTHING"),
                                  level_params(levels[i], municipality_code, emails[i], now));
            if (rows->next()) ++inserted;
        }
    });
    return inserted;
}

}  // namespace okrsek::store
