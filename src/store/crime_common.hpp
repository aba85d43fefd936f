#pragma once

// Helpers shared by store/crime_codes.cpp and store/crime_incidents.cpp.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/sql_runner.hpp"

namespace okrsek::store::crime {

/// Throws invalid_argument (field "source") unless `name` is 1–64 bytes of a–z, 0–9, '-', '_'.
void check_source_name(std::string_view name);

/// The id of source `name`, created when missing.
std::int64_t ensure_source(SqlRunner& sql, std::string_view name, const std::string& now);

/// The id of source `name`, if it exists.
std::optional<std::int64_t> find_source(SqlRunner& sql, std::string_view name);

/// Grows crime_state's version (creating its row): the first statement of every writer, so
/// writers queue behind its row lock. Returns the new version.
std::int64_t bump_version(SqlRunner& sql, const std::string& now);

/// The first column of the first row as a number; 0 when there is none or it is NULL.
std::int64_t single_number(SqlRunner& sql, const std::string& query, const SqlParams& params);

}  // namespace okrsek::store::crime
