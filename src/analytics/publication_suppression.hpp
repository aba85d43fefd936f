#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

// Complementary suppression on a table with its totals (the "extended" table): see
// docs/analytics.md, "Aggregation and publication rules", for the algorithm and its limits.
namespace okrsek::analytics {

enum class CellStatus : std::uint8_t {
    shown,
    suppressed_small,          ///< 1 ≤ count < min_count
    suppressed_complementary,  ///< hidden so that a total cannot reveal another hidden cell
    withheld_small_area,       ///< an area below the minimum size or population
};

inline bool is_hidden(CellStatus status) noexcept {
    return status != CellStatus::shown;
}

/// A table of up to three dimensions where every dimension with more than one entry carries its
/// total as its last index (so extent = entries + 1); cells of the totals are cells like any
/// other and may be hidden. Row-major: index = (i0·extent1 + i1)·extent2 + i2.
struct ExtendedTable {
    std::array<std::size_t, 3> extent{1, 1, 1};
    std::array<bool, 3> has_total{false, false, false};
    std::vector<std::int64_t> values;  ///< true values, totals included
    std::vector<CellStatus> status;
    /// Set by suppress_complementary: false when a group of linked hidden cells of a
    /// three-dimensional table was too large for the exact check (max_checked_unknowns).
    bool fully_checked = true;

    std::size_t index(std::size_t i0, std::size_t i1, std::size_t i2) const {
        return (i0 * extent[1] + i1) * extent[2] + i2;
    }
};

/// The exact check of three-dimensional tables handles groups of linked hidden cells up to this
/// size (Gaussian elimination, cubic in it); larger groups are protected slice by slice only.
inline constexpr std::size_t max_checked_unknowns = 400;

/// Sets the totals (the last index of every dimension with has_total) to the sums of the
/// entries; `values` must have the full extent, the entries filled in.
void fill_totals(ExtendedTable& table);

/// Hides further cells (status suppressed_complementary) until, in every two-dimensional slice
/// (one index of the third dimension fixed, totals included), no hidden cell can be computed
/// from the slice's shown cells and its sums; in a one-dimensional table, until no line holds
/// exactly one hidden cell; in three dimensions, also until the exact check of the whole table
/// finds no hidden cell determined (see fully_checked). Prefers the smallest positive cells,
/// then zeros. Returns how many cells it hid.
std::size_t suppress_complementary(ExtendedTable& table);

}  // namespace okrsek::analytics
