#include "store/crime_common.hpp"

#include "core/error.hpp"
#include "store/crime.hpp"

namespace okrsek::store::crime {

using core::Error;
using core::ErrorCode;

void check_source_name(std::string_view name) {
    if (name.empty() || name.size() > max_crime_source_name_bytes) {
        throw Error(ErrorCode::invalid_argument, "a source name has 1 to 64 characters", "source");
    }
    for (const char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) {
            throw Error(ErrorCode::invalid_argument,
                        "a source name has only a-z, 0-9, '-' and '_': '" + std::string(name) + "'",
                        "source");
        }
    }
}

std::int64_t single_number(SqlRunner& sql, const std::string& query, const SqlParams& params) {
    auto rows = sql.query(query, params);
    return rows->next() && !rows->is_null(0) ? rows->int64(0) : 0;
}

std::optional<std::int64_t> find_source(SqlRunner& sql, std::string_view name) {
    auto rows = sql.query("SELECT id FROM crime_sources WHERE name = $1", SqlParams().add(name));
    if (!rows->next()) return std::nullopt;
    return rows->int64(0);
}

std::int64_t ensure_source(SqlRunner& sql, std::string_view name, const std::string& now) {
    check_source_name(name);
    if (const auto id = find_source(sql, name)) return *id;
    sql.execute(
        "INSERT INTO crime_sources (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO "
        "NOTHING",
        SqlParams().add(name).add(now));
    const auto id = find_source(sql, name);
    if (!id) throw Error(ErrorCode::internal, "crime source was not created");
    return *id;
}

std::int64_t bump_version(SqlRunner& sql, const std::string& now) {
    sql.execute(
        "INSERT INTO crime_state (id, version, updated_at) VALUES (1, 1, $1) "
        "ON CONFLICT (id) DO UPDATE SET version = crime_state.version + 1, "
        "updated_at = excluded.updated_at",
        SqlParams().add(now));
    return single_number(sql, "SELECT version FROM crime_state WHERE id = 1", {});
}

}  // namespace okrsek::store::crime
