#include "analytics/concentration.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/error.hpp"

namespace okrsek::analytics {
namespace {

std::vector<double> with_zeros(std::vector<double> counts, std::size_t zeros) {
    counts.insert(counts.end(), zeros, 0.0);
    return counts;
}

// wsteenbeek/lorenzgini R/gini.R examples (Bernasco & Steenbeek 2017).
TEST(Concentration, MatchesLorenzginiExamples) {
    const auto dense = concentration(with_zeros({10, 8, 2}, 7));
    EXPECT_NEAR(dense.gini, 0.78, 1e-15);
    EXPECT_NEAR(dense.generalised_gini, 0.78, 1e-15);  // N = 20 ≥ n = 10

    const auto sparse = concentration(with_zeros({5, 2, 1}, 7));
    EXPECT_NEAR(sparse.gini, 0.8, 1e-15);
    EXPECT_NEAR(sparse.generalised_gini, 0.75, 1e-15);  // N = 8 < n = 10

    const auto one_unit = concentration(with_zeros({10}, 9));
    EXPECT_NEAR(one_unit.gini, 0.9, 1e-15);  // all in one unit: 1 − 1/n, not 1
    EXPECT_NEAR(one_unit.gini_unbiased, 1.0, 1e-15);
    EXPECT_NEAR(concentration(with_zeros({10}, 99)).gini, 0.99, 1e-15);
    EXPECT_NEAR(concentration(with_zeros({10}, 99)).gini_unbiased, 1.0, 1e-14);
    // Generalised unbiased: G′·m/(m − 1), m = min(n, N) = 8 for c(5,2,1,0×7).
    EXPECT_NEAR(sparse.generalised_gini_unbiased, 0.75 * 8.0 / 7.0, 1e-15);
}

TEST(Concentration, SharesOfUnitsHolding25And50PercentAsWeisburd) {
    // 100 events: 40 + 20 reach 50 % with 2 units; 40 alone reaches 25 %.
    const auto c = concentration(with_zeros({40, 20, 15, 10, 5, 5, 3, 2}, 12));
    EXPECT_EQ(c.units, 20u);
    EXPECT_EQ(c.units_with_events, 8u);
    EXPECT_EQ(c.events, 100.0);
    EXPECT_EQ(c.units_for_25, 1u);
    EXPECT_EQ(c.units_for_50, 2u);
    EXPECT_DOUBLE_EQ(c.share_of_units_25, 1.0 / 20.0);
    EXPECT_DOUBLE_EQ(c.share_of_units_50, 2.0 / 20.0);
    EXPECT_DOUBLE_EQ(c.share_of_active_units_50, 2.0 / 8.0);
    // Exactly on the cut-off: 25 of 100 in the first unit is enough.
    EXPECT_EQ(units_holding(std::vector<double>{25, 25, 25, 25}, 0.25), 1u);
    EXPECT_EQ(units_holding(std::vector<double>{25, 25, 25, 25}, 0.5), 2u);
    EXPECT_EQ(units_holding(std::vector<double>{24, 26, 25, 25}, 0.5), 2u);
}

TEST(Concentration, EqualCountsAreNotConcentrated) {
    const auto c = concentration(std::vector<double>(10, 3.0));
    EXPECT_NEAR(c.gini, 0.0, 1e-15);
    EXPECT_NEAR(c.generalised_gini, 0.0, 1e-15);
    EXPECT_EQ(c.units_for_50, 5u);
}

TEST(Concentration, LorenzCurve) {
    const auto curve = lorenz_curve(std::vector<double>{3, 0, 1});
    ASSERT_EQ(curve.size(), 4u);
    EXPECT_EQ(curve[0].share_of_units, 0.0);
    EXPECT_DOUBLE_EQ(curve[1].share_of_units, 1.0 / 3.0);
    EXPECT_EQ(curve[1].share_of_events, 0.0);
    EXPECT_DOUBLE_EQ(curve[2].share_of_events, 0.25);
    EXPECT_DOUBLE_EQ(curve[3].share_of_events, 1.0);
    EXPECT_TRUE(lorenz_curve(std::vector<double>{0, 0}).empty());
}

TEST(Concentration, EmptyNoEventsOneUnitAndBadCounts) {
    const auto empty = concentration(std::vector<double>{});
    EXPECT_EQ(empty.units, 0u);
    EXPECT_TRUE(std::isnan(empty.gini));
    const auto none = concentration(std::vector<double>(5, 0.0));
    EXPECT_EQ(none.units_for_50, 0u);
    EXPECT_TRUE(std::isnan(none.share_of_units_50));
    EXPECT_TRUE(std::isnan(none.gini));
    const auto single = concentration(std::vector<double>{4});
    EXPECT_NEAR(single.gini, 0.0, 1e-15);
    EXPECT_TRUE(std::isnan(single.gini_unbiased));
    // One event: m = min(n, N) = 1, no unbiased generalised Gini.
    EXPECT_TRUE(std::isnan(concentration(with_zeros({1}, 4)).generalised_gini_unbiased));
    EXPECT_THROW(concentration(std::vector<double>{1, -1}), core::Error);
    EXPECT_THROW(concentration(std::vector<double>{1, std::nan("")}), core::Error);
}

}  // namespace
}  // namespace okrsek::analytics
