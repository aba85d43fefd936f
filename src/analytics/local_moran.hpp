#pragma once

#include <span>
#include <vector>

#include "analytics/spatial_points.hpp"
#include "analytics/weights.hpp"

namespace okrsek::analytics {

/// The null hypothesis the analytic moments of local Moran's I are taken under.
enum class MoranNull {
    conditional,  ///< Sokal et al. (1998) A7/A8, x_i held fixed: spdep's default since 2021
    total,        ///< Sokal et al. (1998) A3/A4*, total randomisation (Anselin 1995)
};

struct LocalMoranOptions {
    MoranNull null = MoranNull::conditional;
};

/// Moran scatterplot quadrant, PySAL numbering (esda `Moran_Local.q`), from the signs of
/// z_i = x_i − x̄ and of its spatial lag Σ_j w_ij z_j, zero counted as low.
enum class Quadrant {
    none = 0,  ///< island, or no variance
    high_high = 1,
    low_high = 2,
    low_low = 3,
    high_low = 4,
};

/// One unit's local Moran's I. Numbers are NaN for an island (no neighbour), when the values
/// do not vary, and for fewer than 3 units.
struct LocalMoranResult {
    double i = not_defined;            ///< I_i = (z_i / m2) Σ_j w_ij z_j, m2 = Σ z² / n (spdep)
    double expected = not_defined;     ///< E[I_i] under the chosen null
    double variance = not_defined;     ///< Var[I_i] under the chosen null
    double z = not_defined;            ///< (I_i − E) / √Var
    double p_two_sided = not_defined;  ///< 2·(1 − Φ(|z|)), spdep's default
    Quadrant quadrant = Quadrant::none;
};

/// Local Moran's I (Anselin 1995) as spdep `localmoran(mlvar = TRUE)`; esda's `Is` equal
/// (n − 1)/n of these. The weights must not include self-weights. Throws
/// core::Error(invalid_argument) when the sizes differ, a value is not finite, or the weights
/// include self-weights.
std::vector<LocalMoranResult> local_moran(std::span<const double> values,
                                          const SpatialWeights& weights,
                                          const LocalMoranOptions& options = {});

}  // namespace okrsek::analytics
