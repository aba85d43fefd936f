#pragma once

// A town's default lists in the district directory (team roles, place kinds): the seeding both
// share (owned by store/directory_seed.cpp, used by directory_roles.cpp and
// directory_places.cpp).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "store/accounts.hpp"
#include "store/sql_runner.hpp"

namespace okrsek::store::directory {

/// The table-specific part of a seed.
struct TownDefaults {
    std::string table{};         ///< "team_roles"; has municipality_code
    std::string insert_sql{};    ///< one row: $1 the town, then the row's values, then its sort
                                 ///< order and the time; ends ON CONFLICT (municipality_code,
                                 ///< code) DO NOTHING RETURNING id
    std::string audit_action{};  ///< "team.role.seed"
    std::string conflict{};      ///< the message when another seed came between two rows
    std::string field{};         ///< the error's field
};

/// In the caller's transaction: unless the town has a row in `defaults.table` already, inserts
/// `count` rows in order (bind(i, params) adds row i's values), sort orders 1, 2, …, and appends
/// the audit row (object "municipality"). True when it wrote them. Throws invalid_input (field
/// "municipality") for an unknown town, conflict when another seed's rows came between two of
/// this one's.
bool seed_town_defaults(SqlRunner& sql, const TownDefaults& defaults,
                        std::int64_t municipality_code, std::size_t count,
                        const std::function<void(std::size_t, SqlParams&)>& bind, TimePoint now,
                        const AuditEntry& audit);

}  // namespace okrsek::store::directory
