#pragma once

#include <span>
#include <vector>

namespace okrsek::analytics {

/// Benjamini–Hochberg adjusted p-values ("q-values"), as R's p.adjust(p, "BH"): a unit is
/// significant at false discovery rate α when its q ≤ α. NaN p-values (islands, no variance)
/// stay NaN and do not count among the tests. Throws core::Error(invalid_argument) for a
/// p-value outside [0, 1].
std::vector<double> benjamini_hochberg(std::span<const double> p_values);

}  // namespace okrsek::analytics
