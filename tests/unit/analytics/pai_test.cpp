#include "analytics/pai.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/error.hpp"

namespace okrsek::analytics {
namespace {

// apwheele/ptools tests/testthat/test-pai.R, "simple pai check".
TEST(PaiCurve, MatchesPtoolsSimpleCheck) {
    const auto steps = pai_curve(std::vector<double>{6, 3, 0}, std::vector<double>{3, 2, 1});
    ASSERT_EQ(steps.size(), 3u);
    const double pai[] = {2.0, 1.5, 1.0};
    const double observed[] = {6, 3, 0};
    const double predicted[] = {3, 2, 1};
    double cumulative_observed = 0.0, cumulative_predicted = 0.0;
    for (std::size_t k = 0; k < 3; ++k) {
        EXPECT_DOUBLE_EQ(steps[k].pai, pai[k]);
        EXPECT_DOUBLE_EQ(steps[k].pei, 1.0);  // the prediction ranks as the oracle does
        cumulative_observed += observed[k];
        cumulative_predicted += predicted[k];
        EXPECT_DOUBLE_EQ(steps[k].rri, cumulative_predicted / cumulative_observed);
        EXPECT_EQ(steps[k].unit, k);
    }
}

TEST(PaiCurve, RanksByPredictedDensityAndBreaksTiesByFewerObserved) {
    // ptools' example data: obs 6,7,3,2,1,0; pred 8,4,4,2,1,0.
    const std::vector<double> observed{6, 7, 3, 2, 1, 0};
    const std::vector<double> predicted{8, 4, 4, 2, 1, 0};
    const auto steps = pai_curve(observed, predicted);
    // Units 1 and 2 tie on prediction: the one with fewer observed (2) comes first.
    EXPECT_EQ(steps[0].unit, 0u);
    EXPECT_EQ(steps[1].unit, 2u);
    EXPECT_EQ(steps[2].unit, 1u);
    // Top 1 of 6 units holds 6 of 19 crimes: PAI = (6/19)/(1/6).
    EXPECT_DOUBLE_EQ(steps[0].pai, (6.0 / 19.0) / (1.0 / 6.0));
    // The oracle's top unit holds 7: PEI = 6/7.
    EXPECT_DOUBLE_EQ(steps[0].pei, 6.0 / 7.0);
    EXPECT_DOUBLE_EQ(steps[5].pai, 1.0);
    EXPECT_DOUBLE_EQ(steps[5].pei, 1.0);
}

TEST(HotspotScore, HitRatePaiPeiAndRecaptureRate) {
    // 10 equal cells; the map picked cells 0 and 1; next period 12 of 20 events fall there.
    const std::vector<double> next{7, 5, 4, 0, 1, 1, 1, 1, 0, 0};
    const std::vector<double> build{10, 6, 2, 0, 0, 1, 1, 0, 0, 0};
    const std::vector<std::size_t> hot{0, 1};
    const auto score = score_hotspots(hot, next, {}, build);
    EXPECT_EQ(score.hotspot_units, 2u);
    EXPECT_EQ(score.events_inside, 12.0);
    EXPECT_EQ(score.events_total, 20.0);
    EXPECT_DOUBLE_EQ(score.hit_rate, 0.6);
    EXPECT_DOUBLE_EQ(score.pai, 0.6 / 0.2);
    EXPECT_DOUBLE_EQ(score.pei, 1.0);  // the two busiest cells of the next period
    // Levine: (n₂/n₁)/(N₂/N₁) = (12/16)/(20/20).
    EXPECT_DOUBLE_EQ(score.rri, 0.75);

    const std::vector<std::size_t> worse{0, 2};
    EXPECT_DOUBLE_EQ(score_hotspots(worse, next).pei, 11.0 / 12.0);
}

TEST(HotspotScore, UnequalAreasAndDegenerateCases) {
    // Street segments by length: 100 m with 5 events, 300 m with 3, 600 m with 2.
    const std::vector<double> next{5, 3, 2};
    const std::vector<double> length{100, 300, 600};
    const std::vector<std::size_t> first{0};
    const auto score = score_hotspots(first, next, length);
    EXPECT_DOUBLE_EQ(score.pai, 0.5 / 0.1);
    EXPECT_DOUBLE_EQ(score.pei, 1.0);
    const std::vector<std::size_t> second{1};
    // The oracle takes 300 m: all of segment 0 (5) and 200 of 300 m of segment 1 (2).
    EXPECT_DOUBLE_EQ(score_hotspots(second, next, length).pei, 3.0 / 7.0);

    const auto nothing = score_hotspots(first, std::vector<double>{0, 0, 0}, length);
    EXPECT_TRUE(std::isnan(nothing.pai));
    EXPECT_TRUE(std::isnan(nothing.rri));
    EXPECT_TRUE(std::isnan(score_hotspots({}, next).pai));
    const std::vector<std::size_t> twice{0, 0};
    EXPECT_THROW(score_hotspots(twice, next), core::Error);
    const std::vector<std::size_t> outside{3};
    EXPECT_THROW(score_hotspots(outside, next), core::Error);
    EXPECT_THROW(score_hotspots(first, next, std::vector<double>{1, 0, 1}), core::Error);
    EXPECT_THROW(score_hotspots(first, std::vector<double>{1, -1, 1}), core::Error);
}

}  // namespace
}  // namespace okrsek::analytics
