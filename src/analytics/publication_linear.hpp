#pragma once

#include <cstddef>
#include <vector>

#include "analytics/publication_suppression.hpp"

// The exact test behind complementary suppression in three dimensions: which hidden cells the
// line sums determine (linear algebra over GF(2^31 − 1) on the equations "entries − total = 0"
// of every line, restricted to the hidden cells).
namespace okrsek::analytics::detail {

struct LinearCheck {
    std::vector<std::size_t> determined;  ///< hidden cells the sums give away
    bool complete = true;  ///< false when a group of linked hidden cells was too large to check
};

/// Hidden cells are split into groups linked by shared lines (each group's equations involve
/// only its own cells); a group of more than `max_unknowns` cells is skipped.
LinearCheck determined_hidden_cells(const ExtendedTable& table, std::size_t max_unknowns);

}  // namespace okrsek::analytics::detail
