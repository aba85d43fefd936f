#pragma once

// Schema migration 5: district priorities and public meetings (owned by store/agenda_*.cpp).

#include <array>
#include <string_view>

namespace okrsek::store {

inline constexpr std::string_view v5_agenda_sql = R"sql(
)sql";

/// The tables migration 5 creates, parents first (for backups).
inline constexpr std::array<std::string_view, 0> v5_tables{};

}  // namespace okrsek::store
