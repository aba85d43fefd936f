#pragma once

#include <span>
#include <vector>

#include "analytics/planar_grid.hpp"
#include "analytics/spatial_points.hpp"

namespace okrsek::analytics {

/// The ArcGIS (≥ 10.2.1) default search radius for kernel density, a spatial variant of
/// Silverman's rule made robust to outliers:
///   h = 0.9 · min(SD, √(1/ln 2) · D_m) · n^(−0.2)
/// with SD the (weighted) standard distance from the (weighted) mean centre, D_m the
/// (weighted) median distance to it (the mean of the two middle ones when the weights split
/// evenly) and n = Σ weights (the number of points when `weights` is empty). Throws
/// core::Error(invalid_argument, field "bandwidth") when that is not a positive number (fewer
/// than two weighted places), and (field "value") for a negative or non-finite weight.
double default_bandwidth_m(std::span<const PlanarPoint> points,
                           std::span<const double> weights = {});

/// Quartic (biweight) kernel density at every cell centre, per square metre (× 10⁶ for per
/// km²): f(s) = Σ_{d_i < h} p_i · 3/(π h²) · (1 − d_i²/h²)² (Silverman 1986 eq. 4.5, the
/// ArcGIS / CrimeStat form; each kernel holds p_i). `weights` empty: 1 per point. No edge
/// correction. Throws core::Error(invalid_argument) for a bandwidth that is not a positive
/// finite number or spans so many cells that the work would exceed about 2·10⁹ kernel
/// evaluations (field "bandwidth"), and for a bad weight (field "value").
std::vector<double> quartic_kde(const PlanarGrid& grid, std::span<const PlanarPoint> points,
                                std::span<const double> weights, double bandwidth_m);

}  // namespace okrsek::analytics
