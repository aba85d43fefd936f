#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "analytics/spatial_points.hpp"

namespace okrsek::analytics {

/// How concentrated events are over units (cells, street segments, districts).
struct Concentration {
    std::size_t units = 0;
    std::size_t units_with_events = 0;  ///< n₊: units with a count above zero
    double events = 0.0;                ///< N = Σ counts

    /// Weisburd (2015): the fewest units whose counts reach 25 % / 50 % of all events (the
    /// units with most events first), as a number, a share of all units and a share of n₊.
    /// No interpolation of fractional units. Zero and NaN shares when there are no events.
    std::size_t units_for_25 = 0;
    std::size_t units_for_50 = 0;
    double share_of_units_25 = not_defined;
    double share_of_units_50 = not_defined;
    double share_of_active_units_25 = not_defined;
    double share_of_active_units_50 = not_defined;

    /// Gini (DescTools `Gini(unbiased = FALSE)`) and its unbiased form G·n/(n − 1).
    double gini = not_defined;
    double gini_unbiased = not_defined;
    /// Bernasco & Steenbeek (2017) generalised Gini for sparse counts (N < n):
    /// G′ = max(1, n/N)·(G − 1) + 1, unbiased G′·m/(m − 1), m = min(n, N) (lorenzgini `gini`).
    double generalised_gini = not_defined;
    double generalised_gini_unbiased = not_defined;
};

/// Throws core::Error(invalid_argument, field "value") for a negative or non-finite count.
Concentration concentration(std::span<const double> counts);

/// The fewest units (largest counts first) whose counts reach `share` (0 < share ≤ 1) of the
/// total; 0 when the total is 0. Precondition: counts checked as above.
std::size_t units_holding(std::span<const double> counts, double share);

/// One point of the Lorenz curve (units in ascending order of count).
struct LorenzPoint {
    double share_of_units = 0.0;
    double share_of_events = 0.0;
};

/// The Lorenz curve, n + 1 points from (0, 0) to (1, 1); empty when there are no events.
std::vector<LorenzPoint> lorenz_curve(std::span<const double> counts);

}  // namespace okrsek::analytics
