#pragma once

// Readers of the Policie ČR code lists (types, states, relevance): JSON in the Czech open-data
// code-list layout {"polozky": [...]} or CSV ("id,parent_id1,parent_id2,parent_id3,name,label"
// for types, "id,label" for states and relevance). Format notes: docs/crime-data.md.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace okrsek::io {

inline constexpr std::size_t max_crime_code_list_bytes = 16u * 1024u * 1024u;
inline constexpr std::size_t max_crime_code_entries = 10000;

/// One code with its place in the hierarchy (types; others have no parent, level 1).
struct CrimeCodeEntry {
    std::int64_t code = 0;
    std::optional<std::int64_t> parent{};  ///< the direct parent
    int level = 1;                         ///< 1 (top) to 4
    std::string name{};
    std::string label{};
};

/// Reads a code list, JSON or CSV (told by the first character that is not white space). Each
/// item's code comes from "id", "kod" or "code"; its name from "nazev" (a string or {"cs": …}),
/// "name" or "label"; its ancestors from "parent_id1".."parent_id3", "parent_id", "parent" or
/// "nadrazeny", or from nesting ("polozky" inside an item). The direct parent is the ancestor
/// deepest in the hierarchy, whichever order the parent_id columns give them in. Throws
/// core::Error(invalid_input) naming `file_name`: not JSON or CSV, an item without code or
/// name, a code twice, a cycle, more than 4 levels, more than max_crime_code_entries.
std::vector<CrimeCodeEntry> read_crime_code_list(std::string_view text, std::string_view file_name);

}  // namespace okrsek::io
