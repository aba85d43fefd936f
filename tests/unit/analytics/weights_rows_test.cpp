// The shapes analytics/weights.cpp builds for speed: distance-band rows filled in two passes
// (exact size, ascending ids whatever the grid's visiting order) and weight rows shared by all
// units with the same number of neighbours.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "analytics/weights.hpp"
#include "core/error.hpp"

namespace okrsek::analytics {
namespace {

std::vector<PlanarPoint> scattered(std::size_t count, double extent_m) {
    std::mt19937_64 random(7);
    std::uniform_real_distribution<double> at(0.0, extent_m);
    std::vector<PlanarPoint> points;
    for (std::size_t i = 0; i < count; ++i) points.push_back({at(random), at(random)});
    return points;
}

TEST(DistanceBandRows, AreAscendingCompleteAndExactlySized) {
    const auto points = scattered(1500, 1000.0);
    const auto nb = distance_band(points, 60.0);
    std::size_t links = 0;
    for (std::size_t i = 0; i < points.size(); ++i) {
        std::vector<std::uint32_t> expected;
        for (std::size_t j = 0; j < points.size(); ++j) {
            if (j != i && squared_distance_m2(points[i], points[j]) <= 60.0 * 60.0) {
                expected.push_back(static_cast<std::uint32_t>(j));
            }
        }
        const auto row = nb.of(i);
        ASSERT_EQ(std::vector<std::uint32_t>(row.begin(), row.end()), expected) << "unit " << i;
        EXPECT_EQ(nb.offset(i), links);
        links += expected.size();
    }
    EXPECT_EQ(nb.link_count(), links);
}

TEST(DistanceBandRows, TooManyLinksStopsWhileCounting) {
    const auto points = scattered(400, 10.0);  // every unit neighbours every other at 20 m
    NeighbourLimits limits;
    limits.max_links = 1000;
    EXPECT_THROW(distance_band(points, 20.0, limits), core::Error);
    limits.max_links = 400 * 399;
    EXPECT_EQ(distance_band(points, 20.0, limits).link_count(), 400u * 399u);
}

TEST(SpatialWeightsRows, EveryRowHasItsOwnCountsWeights) {
    const auto points = scattered(800, 1000.0);
    const auto nb = distance_band(points, 80.0);
    for (const bool star : {false, true}) {
        const SpatialWeights binary(nb, WeightStyle::binary, star);
        const SpatialWeights row_std(nb, WeightStyle::row_standardised, star);
        for (std::size_t i = 0; i < points.size(); ++i) {
            const auto k = nb.of(i).size();
            const double count = static_cast<double>(k + (star ? 1 : 0));
            ASSERT_EQ(binary.weights_of(i).size(), k);
            ASSERT_EQ(row_std.weights_of(i).size(), k);
            for (const double w : binary.weights_of(i)) EXPECT_EQ(w, 1.0);
            for (const double w : row_std.weights_of(i)) EXPECT_EQ(w, 1.0 / count);
            double sum = row_std.self_weight(i);
            for (const double w : row_std.weights_of(i)) sum += w;
            if (count > 0) {
                EXPECT_NEAR(sum, 1.0, 1e-12);
            }
        }
    }
}

}  // namespace
}  // namespace okrsek::analytics
