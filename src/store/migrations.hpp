#pragma once

#include <span>
#include <string>
#include <string_view>

namespace okrsek::store {

/// SQL dialect differences the migrations need. Everything else is portable SQL that SQLite
/// and PostgreSQL both accept.
enum class Dialect { sqlite, postgresql };

struct Migration {
    int version;
    std::string_view description;
    std::string_view sql;  ///< may contain ${ID} (auto primary key) and ${BLOB}
    /// Run after `sql` on that engine only (triggers, functions): kept to what has no
    /// portable spelling.
    std::string_view sqlite_sql = {};
    std::string_view postgresql_sql = {};
};

/// All migrations, ascending by version.
std::span<const Migration> migrations();

/// The migration's SQL with the dialect's spellings put in, followed by its SQL for that
/// dialect only.
std::string render_sql(const Migration& migration, Dialect dialect);

/// The version of the last migration: the schema this build writes.
int latest_schema_version();

/// The tables a backup carries, parents before children (foreign-key order), so that a
/// restore inserts them in this order. Every table the migrations create belongs here except
/// schema_migrations (each database keeps its own); a test fails when one is missing.
std::span<const std::string_view> portable_tables();

}  // namespace okrsek::store
