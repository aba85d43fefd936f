#pragma once

// The in-memory address search index: immutable once built, so any number of threads search
// it while a newer one is built beside it (see AddressIndexHolder).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/address.hpp"
#include "core/lon_lat.hpp"
#include "service/addresses/address_query.hpp"

namespace okrsek::service {

struct AddressIndexData;

/// Address points grouped by street (street × part × city part × town), the folded words of
/// those names in a sorted dictionary with posting lists of groups, and the addresses as
/// 32-byte records sorted by number within their group. Built by AddressIndexBuilder.
class AddressIndex {
public:
    explicit AddressIndex(std::unique_ptr<AddressIndexData> data);
    ~AddressIndex();
    AddressIndex(const AddressIndex&) = delete;
    AddressIndex& operator=(const AddressIndex&) = delete;

    std::size_t address_count() const noexcept;
    /// Street-in-part-in-town combinations (streetless parts count as one each).
    std::size_t group_count() const noexcept;
    /// Distinct words of all names.
    std::size_t word_count() const noexcept;
    /// Bytes held by the index (vectors' capacities and string pools).
    std::size_t memory_bytes() const noexcept;

    /// The records best matching `query`, best first, at most `limit`. Ranking: fewer typos,
    /// then the house number (exact before a different letter or č.ev., before a longer number
    /// starting with the typed digits), then fewer words matched only as a prefix, then the
    /// user's town (RÚIAN code `town`), then shorter street names (in words), then street name,
    /// town, part and number. Words of five letters or more may carry one typo, tried only when
    /// the words as typed match nothing. Without a number each street gives its first address.
    /// A query without name words needs a postcode or `town`. Queries of a letter or two,
    /// which match most streets, read at most a bounded number of posting entries.
    std::vector<std::uint32_t> find(const ParsedAddressQuery& query, std::size_t limit,
                                    std::optional<std::int64_t> town) const;

    /// Record `record` (< address_count()) as an address point.
    core::AddressPoint address(std::uint32_t record) const;
    /// E.g. "náměstí Míru 820/9, Vinohrady, Praha 2, 120 00" or "Chlum 1, Lomnice nad
    /// Popelkou, 512 51".
    std::string label(std::uint32_t record) const;
    std::optional<core::LonLat> position(std::uint32_t record) const;

private:
    std::unique_ptr<AddressIndexData> m_data;
};

/// Collects address points (in any order, e.g. straight from the store) and builds the index.
/// Keeps only interned names and compact records while collecting, never the points.
class AddressIndexBuilder {
public:
    AddressIndexBuilder();
    ~AddressIndexBuilder();
    AddressIndexBuilder(const AddressIndexBuilder&) = delete;
    AddressIndexBuilder& operator=(const AddressIndexBuilder&) = delete;

    void add(const core::AddressPoint& point);
    std::size_t size() const noexcept;

    /// Builds the index; the builder is empty afterwards.
    std::shared_ptr<const AddressIndex> finish();

private:
    struct State;
    std::unique_ptr<State> m_state;
};

}  // namespace okrsek::service
