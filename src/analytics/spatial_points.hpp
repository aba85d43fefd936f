#pragma once

#include <cstddef>
#include <limits>

namespace okrsek::analytics {

/// A position on a plane in metres (a projected CRS or a local plane): x east, y north.
struct PlanarPoint {
    double x_m = 0.0;
    double y_m = 0.0;

    friend bool operator==(const PlanarPoint&, const PlanarPoint&) = default;
};

/// What a statistic is when it has no value: an island, zero variance, too few units.
inline constexpr double not_defined = std::numeric_limits<double>::quiet_NaN();

/// Squared distance in m² (band tests compare squares, so `sqrt` rounding cannot flip a pair
/// lying exactly on the band).
inline double squared_distance_m2(PlanarPoint a, PlanarPoint b) noexcept {
    const double dx = a.x_m - b.x_m;
    const double dy = a.y_m - b.y_m;
    return dx * dx + dy * dy;
}

}  // namespace okrsek::analytics
