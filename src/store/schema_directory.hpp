#pragma once

// Schema migration 4: district teams, photos and places on the map (owned by
// store/directory_*.cpp).

#include <array>
#include <string_view>

namespace okrsek::store {

inline constexpr std::string_view v4_directory_sql = R"sql(
)sql";

/// The tables migration 4 creates, parents first (for backups).
inline constexpr std::array<std::string_view, 0> v4_tables{};

}  // namespace okrsek::store
