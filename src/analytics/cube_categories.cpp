#include "analytics/cube_categories.hpp"

#include <algorithm>
#include <string>

#include "core/error.hpp"

namespace okrsek::analytics {

namespace {

[[noreturn]] void fail_cube_categories(std::int32_t id, const std::string& problem) {
    throw core::Error(core::ErrorCode::invalid_input,
                      "category type " + std::to_string(id) + ": " + problem, "types");
}

}  // namespace

CategoryTree::CategoryTree(std::span<const CategoryType> types) {
    if (types.size() > max_types) {
        throw core::Error(core::ErrorCode::invalid_input,
                          "more than " + std::to_string(max_types) + " category types", "types");
    }
    std::vector<CategoryType> sorted(types.begin(), types.end());
    std::sort(sorted.begin(), sorted.end(),
              [](const CategoryType& a, const CategoryType& b) { return a.id < b.id; });
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        if (sorted[i].id < 0) fail_cube_categories(sorted[i].id, "negative id");
        if (i > 0 && sorted[i].id == sorted[i - 1].id)
            fail_cube_categories(sorted[i].id, "duplicate id");
        m_ids.push_back(sorted[i].id);
    }
    const std::size_t n = sorted.size();
    std::vector<std::uint16_t> parent(n, no_code);
    for (std::size_t i = 0; i < n; ++i) {
        if (sorted[i].parent_id == CategoryType::no_parent) continue;
        const auto p = code_of(sorted[i].parent_id);
        if (!p)
            fail_cube_categories(sorted[i].id,
                                 "unknown parent " + std::to_string(sorted[i].parent_id));
        parent[i] = *p;
    }
    m_levels.resize(n);
    m_sensitive.resize(n);
    m_lineage.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        auto& lineage = m_lineage[i];
        lineage.fill(no_code);
        std::uint16_t code = static_cast<std::uint16_t>(i);
        std::size_t depth = 0;
        bool sensitive = false;
        while (code != no_code) {
            // A chain longer than max_levels is either too deep or a cycle.
            if (depth == max_levels)
                fail_cube_categories(sorted[i].id, "more than 4 levels or a cycle");
            lineage[depth++] = code;
            sensitive = sensitive || sorted[code].sensitive;
            code = parent[code];
        }
        m_levels[i] = static_cast<std::uint8_t>(depth - 1);
        m_sensitive[i] = sensitive ? 1 : 0;
    }
}

std::optional<std::uint16_t> CategoryTree::code_of(std::int32_t id) const noexcept {
    const auto it = std::lower_bound(m_ids.begin(), m_ids.end(), id);
    if (it == m_ids.end() || *it != id) return std::nullopt;
    return static_cast<std::uint16_t>(it - m_ids.begin());
}

std::vector<std::uint16_t> CategoryTree::codes_at_level(std::size_t level) const {
    std::vector<std::uint16_t> codes;
    for (std::size_t i = 0; i < m_levels.size(); ++i) {
        if (m_levels[i] == level) codes.push_back(static_cast<std::uint16_t>(i));
    }
    return codes;
}

bool CategoryTree::within(std::uint16_t code, std::uint16_t ancestor) const {
    for (const std::uint16_t c : lineage(code)) {
        if (c == ancestor) return true;
    }
    return false;
}

}  // namespace okrsek::analytics
