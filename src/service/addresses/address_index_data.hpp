#pragma once

// The inside of AddressIndex, shared by its builder, its search and its accessors only.

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace okrsek::service {

/// Strings back to back; id 0 is the empty string.
struct StringPool {
    std::string bytes{};
    std::vector<std::uint32_t> offsets{0, 0};  ///< string i is [offsets[i], offsets[i + 1])

    std::string_view get(std::uint32_t id) const {
        return std::string_view(bytes).substr(offsets[id], offsets[id + 1] - offsets[id]);
    }
    std::uint32_t size() const { return static_cast<std::uint32_t>(offsets.size() - 1); }
    std::uint32_t add(std::string_view text) {
        bytes.append(text);
        offsets.push_back(static_cast<std::uint32_t>(bytes.size()));
        return size() - 1;
    }
    std::size_t memory_bytes() const {
        return bytes.capacity() + offsets.capacity() * sizeof(std::uint32_t);
    }
};

inline constexpr std::int32_t no_position = std::numeric_limits<std::int32_t>::min();

/// One address point: 32 bytes.
struct AddressRecord {
    std::int64_t code = 0;
    std::int32_t lon_e7 = no_position;  ///< WGS 84 × 1e7; no_position: none
    std::int32_t lat_e7 = 0;
    std::uint32_t group = 0;
    std::uint32_t house_number = 0;
    std::uint32_t orientation_number = 0;
    std::uint32_t postcode : 20 = 0;
    std::uint32_t letter : 8 = 0;  ///< an ASCII letter, or an index into odd_letters
    std::uint32_t evidence : 1 = 0;
    std::uint32_t odd_letter : 1 = 0;
};
static_assert(sizeof(AddressRecord) == 32);

/// Addresses of one street in one part of one town (or of a streetless part).
struct StreetGroup {
    std::uint32_t town = 0;       ///< index into towns
    std::uint32_t city_part = 0;  ///< index into city_parts; 0: none
    std::uint32_t part = 0;       ///< name id
    std::uint32_t street = 0;     ///< name id; 0: no street
    std::uint32_t first_record = 0;
    std::uint32_t end_record = 0;
    std::uint32_t best_record = 0;  ///< shown when the query names no number
    std::uint32_t tokens_begin = 0;
    std::uint32_t tokens_end = 0;
    std::uint32_t display_order = 0;  ///< rank of (street, town, part) in alphabetical order
    std::uint32_t street_tokens = 0;  ///< the first street_tokens tokens are the street's
};

struct NamedCode {
    std::int64_t code = 0;
    std::uint32_t name = 0;  ///< name id
};

struct AddressIndexData {
    std::vector<AddressRecord> records{};  ///< by group, then (evidence, house, orientation…)
    /// Record indices; within each group's range sorted by (orientation, letter, house).
    std::vector<std::uint32_t> by_orientation{};
    std::vector<StreetGroup> groups{};               ///< by town, then display order
    std::vector<std::uint32_t> display_orders{};     ///< per group, densely (for skipping)
    std::vector<std::uint8_t> street_word_counts{};  ///< per group, densely (at most 255)
    std::vector<NamedCode> towns{};                  ///< by code
    std::vector<std::uint32_t> town_groups{};        ///< town i's groups: [town_groups[i], [i + 1])
    std::vector<NamedCode> city_parts{};             ///< [0] is "none"
    StringPool names{};                              ///< original names
    std::vector<std::string> odd_letters{};  ///< orientation letters that are not one ASCII letter
    StringPool words{};                      ///< folded words, sorted (id 0 unused: "")
    std::vector<std::uint32_t> posting_offsets{};  ///< word w's groups: [offsets[w], [w + 1])
    std::vector<std::uint32_t> postings{};         ///< each word's groups by group id
    /// The same lists, each by (street words, display order), the order of the best rank a
    /// group can have: a search stops reading one once the rest cannot make the best results.
    std::vector<std::uint32_t> postings_by_rank{};
    std::vector<std::uint32_t> group_tokens{};     ///< word ids of each group's names
    std::vector<std::uint64_t> postcode_groups{};  ///< (postcode << 32 | group), sorted
};

}  // namespace okrsek::service
