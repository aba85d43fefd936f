#include "analytics/local_moran.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "analytics/getis_ord.hpp"
#include "core/error.hpp"
#include "method_tables.hpp"

namespace okrsek::analytics {
namespace {

// libpysal's desmith example (desmith.txt, desmith.gal; de Smith, Goodchild & Longley).
const std::vector<double> desmith_values{2.24, 3.10, 4.55, -5.15, -4.39,
                                         0.46, 5.54, 9.02, -2.09, -3.06};
Neighbours desmith_neighbours() {
    return Neighbours::from_lists({{1, 3},
                                   {0, 4},
                                   {3, 6},
                                   {0, 2, 4, 7},
                                   {1, 3, 5, 8},
                                   {4, 9},
                                   {2, 7},
                                   {3, 6, 8},
                                   {4, 7, 9},
                                   {5, 8}});
}

// Half a unit of the last of 5 significant digits, as spdep's printCoefmat shows them.
double five_digits(double published) {
    return 0.5e-4 * std::pow(10.0, std::floor(std::log10(std::fabs(published))));
}

TEST(LocalMoran, MatchesPysalsPublishedDesmithExample) {
    // PySAL's Moran_Local docstring (transformation "W", permutations 0): Is and q.
    const std::vector<double> pysal_is{-0.11409277, -0.19940543, -0.13351408, -0.51770383,
                                       0.48095009,  0.12208113,  1.19148298,  -0.58144305,
                                       0.07101383,  0.34314301};
    const std::vector<int> pysal_q{4, 4, 4, 2, 3, 3, 1, 4, 3, 3};
    const auto results = local_moran(
        desmith_values, SpatialWeights(desmith_neighbours(), WeightStyle::row_standardised, false));
    ASSERT_EQ(results.size(), 10u);
    const double n = 10.0;
    for (std::size_t i = 0; i < results.size(); ++i) {
        // esda's I_i = (n − 1)/n of spdep's.
        EXPECT_NEAR(results[i].i * (n - 1.0) / n, pysal_is[i], 5e-9) << "unit " << i;
        EXPECT_EQ(static_cast<int>(results[i].quadrant), pysal_q[i]) << "unit " << i;
    }
}

struct AfconRow {
    double ii, expected, variance, z;
};

// spdep's localmoran example (docs/reference/localmoran.md, conditional null, style W):
// afcon$totcon with paper.nb, printed to 5 significant digits.
const std::map<std::string, AfconRow> afcon_published{
    {"THE GAMBIA", {3.7523e-01, -2.4317e-02, 9.9646e-01, 4.0025e-01}},
    {"MALI", {4.6363e-01, -2.1841e-02, 1.0896e-01, 1.4708e+00}},
    {"CENTRAL AFRICAN REPUBLIC", {-4.4206e-01, -1.0600e-02, 7.9287e-02, -1.5323e+00}},
    {"UGANDA", {1.9425e+00, -6.2812e-02, 4.4503e-01, 3.0060e+00}},
    {"KENYA", {1.1969e+00, -1.6803e-02, 1.2489e-01, 3.4344e+00}},
    {"RWANDA", {-7.5236e-01, -1.4730e-02, 1.4096e-01, -1.9647e+00}},
    {"ZIMBABWE", {-9.5068e-03, -6.0969e-03, 5.8855e-02, -1.4056e-02}},
    {"BOTSWANA", {-3.9316e-03, -1.4141e-04, 1.8805e-03, -8.7403e-02}},
    {"TUNISIA", {5.3873e-03, -3.0273e-06, 6.1985e-05, 6.8466e-01}},
    {"SUDAN", {2.9878e+00, -2.2835e-01, 7.6320e-01, 3.6814e+00}},
    {"EGYPT", {6.9467e+00, -2.9968e-01, 4.2971e+00, 3.4957e+00}},
};

struct Afcon {
    test::Table table{"afcon_paper_nb.csv"};
    std::vector<double> values = table.numbers("totcon");
    SpatialWeights weights{table.neighbours("neighbours"), WeightStyle::row_standardised, false};
};

TEST(LocalMoran, MatchesSpdepsPublishedAfconExample) {
    const Afcon afcon;
    const auto results = local_moran(afcon.values, afcon.weights);
    std::size_t checked = 0;
    double mean_i = 0.0;
    for (std::size_t r = 0; r < afcon.table.size(); ++r) {
        mean_i += results[r].i / static_cast<double>(results.size());
        const auto found = afcon_published.find(afcon.table.text(r, "name"));
        if (found == afcon_published.end()) continue;
        ++checked;
        const auto& p = found->second;
        const auto& name = found->first;
        EXPECT_NEAR(results[r].i, p.ii, five_digits(p.ii)) << name;
        EXPECT_NEAR(results[r].expected, p.expected, five_digits(p.expected)) << name;
        EXPECT_NEAR(results[r].variance, p.variance, five_digits(p.variance)) << name;
        EXPECT_NEAR(results[r].z, p.z, five_digits(p.z)) << name;
    }
    EXPECT_EQ(checked, afcon_published.size());
    // mean(resI[,1]) = 0.4167956 = global Moran's I (row-standardised weights).
    EXPECT_NEAR(mean_i, 0.4167956, 5e-8);
}

// Every country under both nulls against spdep 1.2-7 (regenerated, 17 digits).
TEST(LocalMoran, MatchesSpdepUnderBothNulls) {
    const Afcon afcon;
    const test::Table spdep("afcon_localmoran_spdep.csv");
    LocalMoranOptions total;
    total.null = MoranNull::total;
    const auto conditional = local_moran(afcon.values, afcon.weights);
    const auto randomised = local_moran(afcon.values, afcon.weights, total);
    auto near = [](double actual, double expected) {
        return std::fabs(actual - expected) <= 1e-9 * std::fabs(expected) + 1e-15;
    };
    for (std::size_t r = 0; r < spdep.size(); ++r) {
        EXPECT_EQ(afcon.table.text(r, "id"), spdep.text(r, "id"));
        EXPECT_PRED2(near, conditional[r].i, spdep.number(r, "ii")) << r;
        EXPECT_PRED2(near, conditional[r].expected, spdep.number(r, "e_conditional")) << r;
        EXPECT_PRED2(near, conditional[r].variance, spdep.number(r, "var_conditional")) << r;
        EXPECT_PRED2(near, conditional[r].z, spdep.number(r, "z_conditional")) << r;
        EXPECT_PRED2(near, randomised[r].i, spdep.number(r, "ii")) << r;
        EXPECT_PRED2(near, randomised[r].expected, spdep.number(r, "e_total")) << r;
        EXPECT_PRED2(near, randomised[r].variance, spdep.number(r, "var_total")) << r;
        EXPECT_PRED2(near, randomised[r].z, spdep.number(r, "z_total")) << r;
        EXPECT_PRED2(near, randomised[r].p_two_sided, spdep.number(r, "p_total")) << r;
    }
}

TEST(LocalMoran, MatchesSpdepWithKNearestNeighbours) {
    const test::Table table("knn4_30points_spdep.csv");
    const auto results = local_moran(
        table.numbers("value"),
        SpatialWeights(k_nearest(table.points(), 4), WeightStyle::row_standardised, false));
    for (std::size_t r = 0; r < table.size(); ++r) {
        EXPECT_NEAR(results[r].i, table.number(r, "moran_ii"), 1e-9) << r;
        EXPECT_NEAR(results[r].z, table.number(r, "moran_z"), 1e-9) << r;
    }
}

// The analytic-moments doc's identity: under the conditional null the z of local Moran is
// sign(x_i − x̄)·z(G_i) with the same weights — checked against esda's published Gi z.
TEST(LocalMoran, ConditionalZIsTheSignedGiZ) {
    const std::vector<double> esda_gi{-1.0136729,  -0.04361589, 1.31558703,
                                      -0.31412676, 1.15373986,  1.77833941};
    const auto nb = distance_band(test::esda_points, 15.0);
    const auto moran =
        local_moran(test::esda_values, SpatialWeights(nb, WeightStyle::binary, false));
    double mean = 0.0;
    for (double x : test::esda_values) mean += x / 6.0;
    for (std::size_t i = 0; i < 6; ++i) {
        const double sign = test::esda_values[i] > mean ? 1.0 : -1.0;
        EXPECT_NEAR(moran[i].z, sign * esda_gi[i], 5e-9) << "unit " << i;
    }
}

TEST(LocalMoran, QuadrantsCountZeroAsLow) {
    // x̄ = 2: unit 1 has z = 0 (low) and a positive lag → LH; unit 0 low with lag 0 → LL.
    const std::vector<double> values{1, 2, 3, 2};
    const auto nb = Neighbours::from_lists({{3}, {2}, {1}, {0}});
    const auto results = local_moran(values, SpatialWeights(nb, WeightStyle::binary, false));
    EXPECT_EQ(results[1].quadrant, Quadrant::low_high);
    EXPECT_EQ(results[0].quadrant, Quadrant::low_low);
    EXPECT_EQ(results[2].quadrant, Quadrant::high_low);
    EXPECT_EQ(results[1].i, 0.0);
    // z_i = 0: the conditional variance is 0, so there is no z.
    EXPECT_TRUE(std::isnan(results[1].z));
}

TEST(LocalMoran, IslandsNoVarianceAndBadInput) {
    std::vector<double> values(desmith_values);
    values.push_back(1.0);
    auto lists = std::vector<std::vector<std::size_t>>{{1, 3},       {0, 4}, {3, 6}, {0, 2, 4, 7},
                                                       {1, 3, 5, 8}, {4, 9}, {2, 7}, {3, 6, 8},
                                                       {4, 7, 9},    {5, 8}, {}};
    const auto results = local_moran(values, SpatialWeights(Neighbours::from_lists(lists),
                                                            WeightStyle::row_standardised, false));
    EXPECT_TRUE(std::isnan(results[10].i));
    EXPECT_TRUE(std::isnan(results[10].z));
    EXPECT_EQ(results[10].quadrant, Quadrant::none);
    EXPECT_TRUE(std::isfinite(results[0].z));

    const SpatialWeights w(desmith_neighbours(), WeightStyle::row_standardised, false);
    for (const auto& r : local_moran(std::vector<double>(10, 7.0), w)) {
        EXPECT_TRUE(std::isnan(r.i));
        EXPECT_EQ(r.quadrant, Quadrant::none);
    }
    EXPECT_THROW(local_moran(desmith_values,
                             SpatialWeights(desmith_neighbours(), WeightStyle::binary, true)),
                 core::Error);
    EXPECT_THROW(local_moran(std::vector<double>{1, 2}, w), core::Error);
    EXPECT_TRUE(
        local_moran(std::vector<double>{}, SpatialWeights(Neighbours{}, WeightStyle::binary, false))
            .empty());
}

}  // namespace
}  // namespace okrsek::analytics
