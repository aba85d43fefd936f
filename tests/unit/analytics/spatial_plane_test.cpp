#include "analytics/spatial_plane.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "core/error.hpp"

namespace okrsek::analytics {
namespace {

// Great-circle distance on the same sphere, as the reference.
double haversine_m(core::LonLat a, core::LonLat b) {
    constexpr double r = 6371008.8;
    constexpr double rad = std::numbers::pi / 180.0;
    const double dlat = (b.lat - a.lat) * rad;
    const double dlon = (b.lon - a.lon) * rad;
    const double h = std::pow(std::sin(dlat / 2), 2) + std::cos(a.lat * rad) *
                                                           std::cos(b.lat * rad) *
                                                           std::pow(std::sin(dlon / 2), 2);
    return 2 * r * std::asin(std::sqrt(h));
}

TEST(LocalPlane, DistancesInATownAreWithinAFewPerMille) {
    // Plzeň, about 10 km across.
    const std::vector<core::LonLat> positions{{13.3000, 49.7000},
                                              {13.4400, 49.7800},
                                              {13.3700, 49.7400},
                                              {13.3010, 49.7000},
                                              {13.4390, 49.7790}};
    const auto plane = LocalPlane::around(positions);
    const auto points = plane.to_plane(positions);
    for (std::size_t i = 0; i < points.size(); ++i) {
        for (std::size_t j = i + 1; j < points.size(); ++j) {
            const double planar = std::sqrt(squared_distance_m2(points[i], points[j]));
            const double sphere = haversine_m(positions[i], positions[j]);
            EXPECT_NEAR(planar / sphere, 1.0, 3e-3) << i << "-" << j;
        }
    }
    // 0.001° of longitude near the centre parallel: R·cos φ·Δλ, about 72 m.
    EXPECT_NEAR(std::sqrt(squared_distance_m2(points[0], points[3])),
                haversine_m(positions[0], positions[3]), 0.2);
    const auto back = plane.to_lon_lat(points[1]);
    EXPECT_NEAR(back.lon, 13.44, 1e-12);
    EXPECT_NEAR(back.lat, 49.78, 1e-12);
}

TEST(LocalPlane, RefusesCountriesAndInvalidPositions) {
    const std::vector<core::LonLat> country{{12.1, 48.6}, {18.9, 51.0}};
    EXPECT_THROW(LocalPlane::around(country), core::Error);
    const std::vector<core::LonLat> pole{{0.0, 89.0}};
    EXPECT_THROW(LocalPlane::around(pole), core::Error);
    const std::vector<core::LonLat> nan{{std::nan(""), 50.0}};
    EXPECT_THROW(LocalPlane::around(nan), core::Error);
    EXPECT_THROW(LocalPlane::around(std::vector<core::LonLat>{}), core::Error);
}

}  // namespace
}  // namespace okrsek::analytics
