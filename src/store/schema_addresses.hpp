#pragma once

// Schema migration 3: imported RÚIAN address points (owned by store/address_store.cpp).

#include <array>
#include <string_view>

namespace okrsek::store {

inline constexpr std::string_view v3_addresses_sql = R"sql(
)sql";

/// The tables migration 3 creates, parents first (for backups).
inline constexpr std::array<std::string_view, 0> v3_tables{};

}  // namespace okrsek::store
