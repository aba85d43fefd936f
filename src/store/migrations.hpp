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
};

/// All migrations, ascending by version.
std::span<const Migration> migrations();

/// The migration's SQL with the dialect's spellings put in.
std::string render_sql(const Migration& migration, Dialect dialect);

}  // namespace okrsek::store
