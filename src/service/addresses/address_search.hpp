#pragma once

// The address search ("find my district") (owned by address_index.cpp and friends).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/address.hpp"

namespace okrsek::service {

struct AddressQuery {
    std::string text{};
    std::size_t limit = 10;
    std::optional<std::int64_t> municipality_code{};  ///< the user's town, ranked first
};

struct AddressMatch {
    core::AddressPoint address{};
    std::string label{};  ///< e.g. "náměstí Míru 820/9, Vinohrady, Praha 2, 120 00"
};

struct AddressSearchResult {
    std::vector<AddressMatch> matches{};
};

}  // namespace okrsek::service
