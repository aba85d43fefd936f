#pragma once

#include <span>
#include <vector>

#include "analytics/spatial_points.hpp"
#include "analytics/weights.hpp"

namespace okrsek::analytics {

/// How the variance of a local G is taken.
enum class GiVariance {
    /// Ord & Getis (1995) for general weights, with S1_i = Σ_j w_ij² (spdep `localG`, ArcGIS).
    /// The z-score does not change when a row is scaled, so B and R weights give the same z.
    ord_getis,
    /// esda `G_Local`: W_i(N − W_i)/(N − 1)/N² · s²/ȳ², which ignores S1_i; the same as
    /// ord_getis for binary weights, different for row-standardised ones.
    esda,
};

struct LocalGOptions {
    GiVariance variance = GiVariance::ord_getis;
};

/// One unit's local G (Gi when the weights have no self-weight, Gi* when they do).
/// Every member is NaN for an island (no neighbour), when the values around the unit do not
/// vary, and when there are too few units (Gi: 3, Gi*: 2).
struct LocalGResult {
    double g = not_defined;            ///< G_i = Σ_j w_ij x_j / Σ_j x_j (j ≠ i for Gi)
    double expected = not_defined;     ///< E[G_i] = W_i / N, N = n − 1 (Gi) or n (Gi*)
    double z = not_defined;            ///< analytic standard deviate
    double p_two_sided = not_defined;  ///< 2·(1 − Φ(|z|)), spdep's default
    double p_one_sided = not_defined;  ///< 1 − Φ(|z|), esda's p_norm
};

/// Local Getis–Ord G for every unit (Ord & Getis 1995; spdep `localG`, esda `G_Local`).
/// Throws core::Error(invalid_argument) when the sizes differ or a value is not finite.
std::vector<LocalGResult> local_g(std::span<const double> values, const SpatialWeights& weights,
                                  const LocalGOptions& options = {});

/// Global General G (Getis & Ord 1992) on binary weights without self-weights, with the
/// moments of esda `G` / spdep `globalG.test` under normality.
struct GeneralGResult {
    double g = not_defined;
    double expected = not_defined;
    double variance = not_defined;
    double z = not_defined;
    double p_one_sided = not_defined;  ///< 1 − Φ(|z|), esda's p_norm
    double p_two_sided = not_defined;
};

/// Throws core::Error(invalid_argument) when the sizes differ or a value is not finite;
/// NaN members when n < 4 or the values sum to zero.
GeneralGResult general_g(std::span<const double> values, const Neighbours& neighbours);

}  // namespace okrsek::analytics
