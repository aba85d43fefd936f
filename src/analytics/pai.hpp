#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "analytics/spatial_points.hpp"

namespace okrsek::analytics {

/// How well a hot-spot map (units chosen from one period) caught the crimes of the next.
struct HotspotScore {
    std::size_t hotspot_units = 0;
    double hotspot_area = 0.0;      ///< a
    double study_area = 0.0;        ///< A
    double events_inside = 0.0;     ///< n: next-period events in the hot spots
    double events_total = 0.0;      ///< N: all next-period events
    double hit_rate = not_defined;  ///< n / N
    /// Predictive accuracy index (Chainey, Tompson & Uhlig 2008): (n/N) / (a/A); 1 is no
    /// better than chance.
    double pai = not_defined;
    /// Predictive efficiency index (Hunt 2016): PAI / PAI*, where PAI* takes the same area
    /// from the units with the highest next-period density (the last unit in part when the
    /// areas differ).
    double pei = not_defined;
    /// Levine's (2008) recapture rate index (n₂/n₁) / (N₂/N₁), when the build-period counts
    /// are given; NaN when n₁ or N₁ is 0.
    double rri = not_defined;
};

/// Scores the hot spots (unit indices, each at most once) against `next_counts`; `area` per
/// unit (empty: 1 each, for equal grid cells); `build_counts` (may be empty) per unit for the
/// RRI. Throws core::Error(invalid_argument) for sizes that differ, an index out of range or
/// repeated, a negative or non-finite count, or an area that is not positive.
HotspotScore score_hotspots(std::span<const std::size_t> hotspots,
                            std::span<const double> next_counts, std::span<const double> area = {},
                            std::span<const double> build_counts = {});

/// One row of a cumulative PAI table, as ptools `pai()`: units ranked by predicted density
/// (ties: fewer observed first, then input order).
struct PaiStep {
    std::size_t unit = 0;
    double observed = 0.0;
    double cumulative_observed = 0.0;
    double predicted = 0.0;
    double cumulative_predicted = 0.0;
    double area = 0.0;
    double cumulative_area = 0.0;
    double pai = not_defined;
    double pei = not_defined;  ///< PAI over the PAI of the same rank in observed-density order
    double rri = not_defined;  ///< ptools' RRI: cumulative predicted / cumulative observed
};

/// The cumulative PAI table (ptools `pai()`), so maps compare at fixed coverage (top 1 %,
/// 5 %… of cells). Same errors as score_hotspots.
std::vector<PaiStep> pai_curve(std::span<const double> observed, std::span<const double> predicted,
                               std::span<const double> area = {});

}  // namespace okrsek::analytics
