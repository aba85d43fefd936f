#pragma once

// The address search ("find my district") (owned by address_index.cpp and friends).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/address.hpp"

namespace okrsek::service {

/// Longest query text, in bytes of UTF-8.
inline constexpr std::size_t max_address_query_bytes = 200;
/// Most matches one search returns.
inline constexpr std::size_t max_address_matches = 50;

/// A search (AddressBook::search): see AddressIndex::find for the matching and ranking. The
/// search index is built on first use. AddressBook::search throws invalid_argument (field "q",
/// "limit" or "town") for an empty or too long text, text that is not UTF-8 or has more than
/// max_query_words words, a limit outside 1…max_address_matches or a town code below 1.
struct AddressQuery {
    std::string text{};
    std::size_t limit = 10;                           ///< 1…max_address_matches
    std::optional<std::int64_t> municipality_code{};  ///< the user's town, ranked first
};

/// An area of the catalog that contains an address.
struct AddressArea {
    std::int64_t id = 0;
    std::string code{};
    std::string name{};
};

struct AddressMatch {
    core::AddressPoint address{};
    std::string label{};  ///< e.g. "náměstí Míru 820/9, Vinohrady, Praha 2, 120 00"
    std::optional<AddressArea> district{};        ///< of the "districts" layer
    std::optional<AddressArea> city_part_area{};  ///< of the "city_parts" layer
};

struct AddressSearchResult {
    std::vector<AddressMatch> matches{};
};

}  // namespace okrsek::service
