#include "analytics/getis_ord.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "analytics/fdr.hpp"
#include "core/error.hpp"
#include "method_tables.hpp"

namespace okrsek::analytics {
namespace {

using test::esda_points;
using test::esda_values;

std::vector<double> z_of(const std::vector<LocalGResult>& results) {
    std::vector<double> z;
    for (const auto& r : results) z.push_back(r.z);
    return z;
}

void expect_near_all(const std::vector<double>& actual, const std::vector<double>& expected,
                     double tolerance) {
    ASSERT_EQ(actual.size(), expected.size());
    for (std::size_t i = 0; i < actual.size(); ++i) {
        EXPECT_NEAR(actual[i], expected[i], tolerance) << "unit " << i;
    }
}

std::vector<LocalGResult> esda_g(WeightStyle style, bool star,
                                 GiVariance variance = GiVariance::ord_getis) {
    LocalGOptions options;
    options.variance = variance;
    return local_g(esda_values, SpatialWeights(distance_band(esda_points, 15.0), style, star),
                   options);
}

// Published in esda's G_Local docstring (esda/getisord.py), numpy's 8 decimals: half a unit
// of the last digit is the tolerance.
constexpr double esda_digits = 5e-9;

TEST(LocalG, MatchesEsdaBinaryGi) {
    expect_near_all(z_of(esda_g(WeightStyle::binary, false)),
                    {-1.0136729, -0.04361589, 1.31558703, -0.31412676, 1.15373986, 1.77833941},
                    esda_digits);
}

TEST(LocalG, MatchesEsdaBinaryGiStar) {
    expect_near_all(z_of(esda_g(WeightStyle::binary, true)),
                    {-1.39727626, -0.28917762, 0.65064964, -0.28917762, 1.23452088, 2.02424331},
                    esda_digits);
}

TEST(LocalG, EsdaVarianceMatchesEsdaRowStandardised) {
    expect_near_all(z_of(esda_g(WeightStyle::row_standardised, false, GiVariance::esda)),
                    {-0.62074534, -0.01780611, 1.31558703, -0.12824171, 0.28843496, 1.77833941},
                    esda_digits);
    expect_near_all(z_of(esda_g(WeightStyle::row_standardised, true, GiVariance::esda)),
                    {-0.62488094, -0.09144599, 0.41150696, -0.09144599, 0.24690418, 1.28024388},
                    esda_digits);
    // For binary weights the two variances are the same formula.
    expect_near_all(z_of(esda_g(WeightStyle::binary, true, GiVariance::esda)),
                    z_of(esda_g(WeightStyle::binary, true)), 1e-12);
}

TEST(LocalG, OrdGetisZIsTheSameForBinaryAndRowStandardisedWeights) {
    expect_near_all(z_of(esda_g(WeightStyle::row_standardised, false)),
                    z_of(esda_g(WeightStyle::binary, false)), 1e-12);
    expect_near_all(z_of(esda_g(WeightStyle::row_standardised, true)),
                    z_of(esda_g(WeightStyle::binary, true)), 1e-12);
}

TEST(LocalG, StatisticExpectationAndPValues) {
    const auto results = esda_g(WeightStyle::binary, false);
    // Unit 0: neighbours 1 and 3, G = (3 + 5) / (28.2 − 2), E = 2 / 5.
    EXPECT_DOUBLE_EQ(results[0].g, 8.0 / 26.2);
    EXPECT_DOUBLE_EQ(results[0].expected, 0.4);
    for (const auto& r : results) {
        EXPECT_NEAR(r.p_two_sided, 2.0 * r.p_one_sided, 1e-15);
        EXPECT_NEAR(r.p_two_sided, std::erfc(std::fabs(r.z) / std::sqrt(2.0)), 1e-15);
    }
    // R: 2 * pnorm(-1.0136729) = 0.3107388594.
    EXPECT_NEAR(results[0].p_two_sided, 0.3107388594, 5e-9);
}

// spdep man/localG.Rd and docs/reference/localG.md: the Getis–Ord (1996) grid, cell
// length(x) − 136 = 120 (1-based), binary distance bands 30…150 m.
TEST(LocalG, MatchesSpdepsPublishedGetisOrdExample) {
    const test::Table grid("getisord_1996.csv");
    const auto points = grid.points();
    const auto values = grid.numbers("value");
    const std::size_t cell = 119;
    const std::pair<double, double> bands[] = {
        {30, 1.221979}, {60, 1.748098}, {90, 1.986135}, {120, 1.893374}, {150, 1.237454}};
    for (const auto& [band, published] : bands) {
        const auto g = local_g(
            values, SpatialWeights(distance_band(points, band), WeightStyle::binary, false));
        EXPECT_NEAR(g[cell].z, published, 5e-7) << "band " << band;
    }
    // Gi* at 30: 1.45078 (variance with divisor n); Getis & Ord (1996, p. 267) print the
    // value with divisor n − 1, 1.447943.
    const auto star =
        local_g(values, SpatialWeights(distance_band(points, 30), WeightStyle::binary, true));
    EXPECT_NEAR(star[cell].z, 1.45078, 5e-6);
    const double n = static_cast<double>(values.size());
    EXPECT_NEAR(star[cell].z * std::sqrt((n - 1.0) / n), 1.447943, 5e-7);
}

// The whole grid against spdep 1.2-7 output (regenerated, 17 digits).
TEST(LocalG, MatchesSpdepOnTheWholeGetisOrdGrid) {
    const test::Table grid("getisord_1996.csv");
    const test::Table spdep("getisord_1996_spdep.csv");
    const auto points = grid.points();
    const auto values = grid.numbers("value");
    const auto band30 = distance_band(points, 30);
    const auto band60 = distance_band(points, 60);
    expect_near_all(z_of(local_g(values, SpatialWeights(band30, WeightStyle::binary, false))),
                    spdep.numbers("gi_30_b"), 1e-9);
    expect_near_all(z_of(local_g(values, SpatialWeights(band30, WeightStyle::binary, true))),
                    spdep.numbers("gistar_30_b"), 1e-9);
    expect_near_all(
        z_of(local_g(values, SpatialWeights(band60, WeightStyle::row_standardised, false))),
        spdep.numbers("gi_60_w"), 1e-9);
    expect_near_all(
        z_of(local_g(values, SpatialWeights(band60, WeightStyle::row_standardised, true))),
        spdep.numbers("gistar_60_w"), 1e-9);
}

TEST(LocalG, MatchesSpdepWithKNearestNeighbours) {
    const test::Table table("knn4_30points_spdep.csv");
    const auto values = table.numbers("value");
    const auto nb = k_nearest(table.points(), 4);
    expect_near_all(z_of(local_g(values, SpatialWeights(nb, WeightStyle::binary, false))),
                    table.numbers("gi_b"), 1e-9);
    expect_near_all(z_of(local_g(values, SpatialWeights(nb, WeightStyle::binary, true))),
                    table.numbers("gistar_b"), 1e-9);
}

TEST(LocalG, IslandsGetNoStatisticAndNoTest) {
    std::vector<PlanarPoint> points(esda_points);
    points.push_back({500, 500});
    std::vector<double> values(esda_values);
    values.push_back(4);
    for (bool star : {false, true}) {
        const auto g =
            local_g(values, SpatialWeights(distance_band(points, 15.0), WeightStyle::binary, star));
        EXPECT_TRUE(std::isnan(g[6].z));
        EXPECT_TRUE(std::isnan(g[6].g));
        EXPECT_TRUE(std::isnan(g[6].p_two_sided));
        EXPECT_TRUE(std::isfinite(g[0].z));
        std::vector<double> p;
        for (const auto& r : g) p.push_back(r.p_two_sided);
        const auto q = benjamini_hochberg(p);
        EXPECT_TRUE(std::isnan(q[6]));
        // Six tests, not seven: the largest p keeps its value.
        double largest = 0.0;
        std::size_t at = 0;
        for (std::size_t i = 0; i < 6; ++i) {
            if (p[i] > largest) largest = p[at = i];
        }
        EXPECT_DOUBLE_EQ(q[at], largest);
    }
}

TEST(LocalG, NoVarianceGivesNoZ) {
    const std::vector<double> equal(6, 3.0);
    for (bool star : {false, true}) {
        for (const auto& r : local_g(equal, SpatialWeights(distance_band(esda_points, 15.0),
                                                           WeightStyle::binary, star))) {
            EXPECT_TRUE(std::isnan(r.z));
        }
    }
    // Gi of unit 2: all the other values are equal, although x_2 differs.
    const std::vector<double> values{1, 1, 9, 1, 1, 1};
    const auto g = local_g(
        values, SpatialWeights(distance_band(esda_points, 15.0), WeightStyle::binary, false));
    EXPECT_TRUE(std::isnan(g[2].z));
    EXPECT_TRUE(std::isfinite(g[4].z));
    // All zero: G is 0/0 too.
    const auto zeros =
        local_g(std::vector<double>(6, 0.0),
                SpatialWeights(distance_band(esda_points, 15.0), WeightStyle::binary, true));
    EXPECT_TRUE(std::isnan(zeros[0].g));
}

TEST(LocalG, AUnitNeighbouringAllOthersHasNoVariance) {
    // Binary Gi: (n − 1)·S1 − W² = 0 when a unit neighbours all n − 1 others.
    const std::vector<PlanarPoint> points{{0, 0}, {1, 0}, {0, 1}, {-1, 0}, {0, -1}};
    const std::vector<double> values{5, 1, 2, 3, 4};
    const auto g =
        local_g(values, SpatialWeights(distance_band(points, 1.0), WeightStyle::binary, false));
    EXPECT_TRUE(std::isnan(g[0].z));
    EXPECT_DOUBLE_EQ(g[0].g, 1.0);
    EXPECT_TRUE(std::isfinite(g[1].z));
}

TEST(LocalG, TooFewUnitsAndBadInput) {
    const std::vector<PlanarPoint> two{{0, 0}, {1, 0}};
    const std::vector<double> values{1, 2};
    for (const auto& r :
         local_g(values, SpatialWeights(distance_band(two, 5.0), WeightStyle::binary, false))) {
        EXPECT_TRUE(std::isnan(r.z));
    }
    const auto one = local_g(std::vector<double>{4},
                             SpatialWeights(distance_band(std::vector<PlanarPoint>{{0, 0}}, 5.0),
                                            WeightStyle::binary, true));
    ASSERT_EQ(one.size(), 1u);
    EXPECT_TRUE(std::isnan(one[0].z));
    EXPECT_TRUE(
        local_g(std::vector<double>{}, SpatialWeights(Neighbours{}, WeightStyle::binary, true))
            .empty());
    const SpatialWeights w(distance_band(esda_points, 15.0), WeightStyle::binary, false);
    EXPECT_THROW(local_g(std::vector<double>{1, 2, 3}, w), core::Error);
    std::vector<double> bad(esda_values);
    bad[2] = std::nan("");
    EXPECT_THROW(local_g(bad, w), core::Error);
}

// esda's TestGetisG (esda/tests/test_getisord.py): G = 0.55709779, p_norm = 0.172936;
// spdep globalG.test gives p = 0.172935658735914 on the same data.
TEST(GeneralG, MatchesEsdaAndSpdep) {
    const auto g = general_g(esda_values, distance_band(esda_points, 15.0));
    EXPECT_NEAR(g.g, 0.55709779, 5e-9);
    EXPECT_NEAR(g.expected, 0.4666666666666667, 1e-15);
    EXPECT_NEAR(g.variance, 0.0092035501951014675, 1e-15);
    EXPECT_NEAR(g.p_one_sided, 0.172935658735914, 1e-12);
    EXPECT_NEAR(g.z, 0.94262779532409402, 1e-12);
}

TEST(GeneralG, AsymmetricWeightsAndDegenerateInput) {
    // kNN weights are not symmetric; S1 counts one-way links once and mutual ones twice.
    const auto nb = k_nearest(esda_points, 2);
    const auto g = general_g(esda_values, nb);
    EXPECT_TRUE(std::isfinite(g.z));
    EXPECT_NEAR(g.expected, 12.0 / 30.0, 1e-15);
    EXPECT_TRUE(
        std::isnan(general_g(std::vector<double>{1, 2, 3},
                             distance_band(std::vector<PlanarPoint>{{0, 0}, {1, 0}, {2, 0}}, 1.0))
                       .z));
    EXPECT_TRUE(
        std::isnan(general_g(std::vector<double>(6, 0.0), distance_band(esda_points, 15)).g));
}

}  // namespace
}  // namespace okrsek::analytics
