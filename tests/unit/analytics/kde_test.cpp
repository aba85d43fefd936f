#include "analytics/kde.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "core/error.hpp"

namespace okrsek::analytics {
namespace {

// A 21 × 21 grid of 10 m cells whose centre cell (index 220) is centred on (105, 105).
PlanarGrid ten_metre_grid() {
    PlanarGrid grid;
    grid.cell_m = 10.0;
    grid.columns = 21;
    grid.rows = 21;
    return grid;
}

TEST(QuarticKde, PeakIsThreeOverPiHSquaredTimesTheWeight) {
    const auto grid = ten_metre_grid();
    const std::vector<PlanarPoint> event{{105, 105}};
    const auto density = quartic_kde(grid, event, std::vector<double>{2.0}, 40.0);
    EXPECT_NEAR(density[220], 2.0 * 3.0 / (std::numbers::pi * 1600.0), 1e-18);
    // Half the bandwidth away: (1 − 1/4)² of the peak. Cell 222 is 20 m east.
    EXPECT_NEAR(density[222], 2.0 * 3.0 / (std::numbers::pi * 1600.0) * 0.5625, 1e-18);
    // Exactly at the bandwidth (40 m east, cell 224) the kernel is 0; the grid is symmetric.
    EXPECT_EQ(density[224], 0.0);
    EXPECT_EQ(density[216], 0.0);
    EXPECT_GT(density[223], 0.0);
    EXPECT_DOUBLE_EQ(density[223], density[217]);
    EXPECT_DOUBLE_EQ(density[223], density[220 + 3 * 21]);
}

TEST(QuarticKde, EachKernelHoldsItsWeight) {
    PlanarGrid grid;
    grid.x0_m = -100.0;
    grid.y0_m = -100.0;
    grid.cell_m = 1.0;
    grid.columns = 200;
    grid.rows = 200;
    const std::vector<PlanarPoint> events{{0.3, -0.2}, {20.0, 10.0}};
    const auto density = quartic_kde(grid, events, std::vector<double>{2.5, 1.0}, 50.0);
    double mass = 0.0;
    for (double d : density) mass += d * grid.cell_m * grid.cell_m;
    EXPECT_NEAR(mass, 3.5, 1e-3);
}

TEST(QuarticKde, EventsOutsideTheGridStillReachIt) {
    const auto grid = ten_metre_grid();
    const std::vector<PlanarPoint> event{{-15, 105}};
    const auto density = quartic_kde(grid, event, {}, 40.0);
    const double d = 20.0;  // to the centre of cell (0, 10)
    EXPECT_NEAR(density[10 * 21], 3.0 / (std::numbers::pi * 1600.0) * std::pow(1 - d * d / 1600, 2),
                1e-18);
}

TEST(QuarticKde, RejectsBadBandwidthAndWeights) {
    const auto grid = ten_metre_grid();
    const std::vector<PlanarPoint> event{{105, 105}};
    EXPECT_THROW(quartic_kde(grid, event, {}, 0.0), core::Error);
    EXPECT_THROW(quartic_kde(grid, event, {}, std::nan("")), core::Error);
    EXPECT_THROW(quartic_kde(grid, event, std::vector<double>{-1.0}, 10.0), core::Error);
    EXPECT_THROW(quartic_kde(grid, event, std::vector<double>{1.0, 2.0}, 10.0), core::Error);
    try {
        quartic_kde(grid, event, {}, 1e7);
        FAIL() << "a bandwidth spanning 10¹² cells must be refused";
    } catch (const core::Error& error) {
        EXPECT_EQ(error.field(), "bandwidth");
    }
}

TEST(DefaultBandwidth, StandardDistanceWhenItIsTheSmaller) {
    // Four points 100 m around their centre: SD = D_m = 100, so h = 0.9·100·4^(−0.2).
    const std::vector<PlanarPoint> points{{100, 0}, {-100, 0}, {0, 100}, {0, -100}};
    EXPECT_NEAR(default_bandwidth_m(points), 68.207245492967914, 1e-12);
}

TEST(DefaultBandwidth, MedianDistanceResistsAnOutlier) {
    // (0,0), (1,0), (100,0): centre x̄ = 101/3; distances 101/3, 98/3, 199/3; median 101/3.
    // SD = √((101² + 98² + 199²)/9/3) = 46.906…, √(1/ln 2)·101/3 = 40.437… is smaller.
    const std::vector<PlanarPoint> points{{0, 0}, {1, 0}, {100, 0}};
    const double median = 101.0 / 3.0;
    const double expected = 0.9 * std::sqrt(1.0 / std::log(2.0)) * median * std::pow(3.0, -0.2);
    EXPECT_NEAR(default_bandwidth_m(points), expected, 1e-12);
    EXPECT_NEAR(expected, 29.2149836, 1e-6);
}

TEST(DefaultBandwidth, WeightsActAsRepeatedPoints) {
    const std::vector<PlanarPoint> weighted{{0, 0}, {10, 0}, {30, 0}, {0, 25}};
    const std::vector<PlanarPoint> repeated{{0, 0},  {0, 0},  {10, 0}, {30, 0},
                                            {0, 25}, {0, 25}, {0, 25}};
    EXPECT_NEAR(default_bandwidth_m(weighted, std::vector<double>{2, 1, 1, 3}),
                default_bandwidth_m(repeated), 1e-12);
    // An even split of the weight: the median is the mean of the two middle distances.
    const std::vector<PlanarPoint> two{{0, 0}, {10, 0}};
    EXPECT_NEAR(default_bandwidth_m(two), 0.9 * 5.0 * std::pow(2.0, -0.2), 1e-12);
}

TEST(DefaultBandwidth, NeedsTwoPlaces) {
    EXPECT_THROW(default_bandwidth_m(std::vector<PlanarPoint>{{5, 5}}), core::Error);
    EXPECT_THROW(default_bandwidth_m(std::vector<PlanarPoint>{{5, 5}, {5, 5}}), core::Error);
    EXPECT_THROW(default_bandwidth_m(std::vector<PlanarPoint>{}), core::Error);
    EXPECT_THROW(
        default_bandwidth_m(std::vector<PlanarPoint>{{0, 0}, {9, 9}}, std::vector<double>{0, 0}),
        core::Error);
}

}  // namespace
}  // namespace okrsek::analytics
