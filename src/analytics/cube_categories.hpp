#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace okrsek::analytics {

/// One crime type of a code list (Policie ČR `types`, or a town's own list).
struct CategoryType {
    static constexpr std::int32_t no_parent = -1;

    std::int32_t id = 0;                 ///< the source's type id, ≥ 0
    std::int32_t parent_id = no_parent;  ///< the type one level up, or no_parent for a top category
    bool sensitive = false;              ///< never published below town level (sexual offences…)
};

/// The category hierarchy: a forest of at most four levels (a top category and up to three
/// levels below it, as the Police code list's parent_id1..3). Types are dictionary-encoded as
/// dense codes 0…size()-1 in ascending id order. A type is sensitive when it or any of its
/// ancestors is marked sensitive.
class CategoryTree {
public:
    static constexpr std::size_t max_levels = 4;
    static constexpr std::size_t max_types = 4096;
    static constexpr std::uint16_t no_code = 0xFFFF;

    CategoryTree() = default;
    /// Throws core::Error invalid_input naming the type for a negative or duplicate id, an
    /// unknown parent, a cycle, more than max_levels levels or more than max_types types.
    explicit CategoryTree(std::span<const CategoryType> types);

    std::size_t size() const noexcept { return m_ids.size(); }
    /// The dense code of a type id, or std::nullopt.
    std::optional<std::uint16_t> code_of(std::int32_t id) const noexcept;
    std::int32_t id_of(std::uint16_t code) const { return m_ids.at(code); }
    /// 0 for a top category.
    std::size_t level_of(std::uint16_t code) const { return m_levels.at(code); }
    bool sensitive(std::uint16_t code) const { return m_sensitive.at(code) != 0; }
    /// The code itself and its ancestors, nearest first, ending with no_code when shorter.
    const std::array<std::uint16_t, max_levels>& lineage(std::uint16_t code) const {
        return m_lineage.at(code);
    }
    /// Codes of every type at `level`, in id order.
    std::vector<std::uint16_t> codes_at_level(std::size_t level) const;
    /// Whether `ancestor` is `code` or one of its ancestors.
    bool within(std::uint16_t code, std::uint16_t ancestor) const;

private:
    std::vector<std::int32_t> m_ids;  // sorted: code = position
    std::vector<std::uint8_t> m_levels;
    std::vector<std::uint8_t> m_sensitive;
    std::vector<std::array<std::uint16_t, max_levels>> m_lineage;
};

}  // namespace okrsek::analytics
