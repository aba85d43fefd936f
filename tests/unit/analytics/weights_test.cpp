#include "analytics/weights.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/error.hpp"
#include "method_tables.hpp"

namespace okrsek::analytics {
namespace {

using test::esda_points;

std::vector<std::uint32_t> row(const Neighbours& neighbours, std::size_t i) {
    const auto ids = neighbours.of(i);
    return {ids.begin(), ids.end()};
}

TEST(DistanceBand, IsInclusiveAtTheBandAsLibpysalAndSpdep) {
    // esda's points: (15,20)–(30,20) lie exactly 15 apart and are neighbours at band 15.
    const auto nb = distance_band(esda_points, 15.0);
    ASSERT_EQ(nb.size(), 6u);
    EXPECT_EQ(row(nb, 0), (std::vector<std::uint32_t>{1, 3}));
    EXPECT_EQ(row(nb, 1), (std::vector<std::uint32_t>{0, 3, 4}));  // (30,20) at 14.1
    EXPECT_EQ(row(nb, 2), (std::vector<std::uint32_t>{4}));
    EXPECT_EQ(row(nb, 3), (std::vector<std::uint32_t>{0, 1, 4}));
    EXPECT_EQ(row(nb, 4), (std::vector<std::uint32_t>{1, 2, 3, 5}));
    EXPECT_EQ(row(nb, 5), (std::vector<std::uint32_t>{4}));
    EXPECT_EQ(nb.link_count(), 14u);
    // Just under the distance of that pair, it is gone.
    EXPECT_FALSE(distance_band(esda_points, 14.999999).has_link(3, 4));
}

TEST(DistanceBand, OnGridCentresWithTheCellSizeIsRookContiguity) {
    // spdep's test_cell2nb.R: dnearneigh(coords, 0, cell) ≡ rook contiguity on a lattice.
    std::vector<PlanarPoint> cells;
    for (int r = 0; r < 5; ++r) {
        for (int c = 0; c < 7; ++c) cells.push_back({50.0 + 100.0 * c, 50.0 + 100.0 * r});
    }
    const auto nb = distance_band(cells, 100.0);
    for (int r = 0; r < 5; ++r) {
        for (int c = 0; c < 7; ++c) {
            const auto i = static_cast<std::size_t>(r * 7 + c);
            const std::size_t expected = 4u - (c == 0) - (c == 6) - (r == 0) - (r == 4);
            EXPECT_EQ(nb.of(i).size(), expected) << "cell " << r << "," << c;
            if (c > 0) {
                EXPECT_TRUE(nb.has_link(i, i - 1));
            }
            if (r > 0) {
                EXPECT_TRUE(nb.has_link(i, i - 7));
            }
            EXPECT_FALSE(nb.has_link(i, i));
        }
    }
}

TEST(DistanceBand, MatchesABruteForceSearchOnScatteredPoints) {
    std::vector<PlanarPoint> points;
    std::uint64_t state = 12345;
    auto next = [&] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>(state >> 40) / static_cast<double>(1 << 24);
    };
    for (int i = 0; i < 700; ++i) points.push_back({next() * 5000.0, next() * 3000.0});
    points.push_back(points[5]);  // a unit at the same place as another is its neighbour
    const auto nb = distance_band(points, 260.0);
    for (std::size_t i = 0; i < points.size(); ++i) {
        std::vector<std::uint32_t> expected;
        for (std::size_t j = 0; j < points.size(); ++j) {
            if (j != i && squared_distance_m2(points[i], points[j]) <= 260.0 * 260.0) {
                expected.push_back(static_cast<std::uint32_t>(j));
            }
        }
        ASSERT_EQ(row(nb, i), expected) << "unit " << i;
    }
    EXPECT_TRUE(nb.has_link(5, 700));
}

TEST(DistanceBand, IslandsHaveNoNeighbours) {
    const std::vector<PlanarPoint> points{{0, 0}, {10, 0}, {1000, 1000}};
    const auto nb = distance_band(points, 50.0);
    EXPECT_EQ(nb.island_count(), 1u);
    EXPECT_TRUE(nb.of(2).empty());
}

TEST(DistanceBand, RejectsABadBandAndTooManyLinks) {
    EXPECT_THROW(distance_band(esda_points, 0.0), core::Error);
    EXPECT_THROW(distance_band(esda_points, -5.0), core::Error);
    EXPECT_THROW(distance_band(esda_points, std::nan("")), core::Error);
    NeighbourLimits limits;
    limits.max_links = 10;
    try {
        distance_band(esda_points, 15.0, limits);
        FAIL() << "expected a limit error";
    } catch (const core::Error& error) {
        EXPECT_EQ(error.field(), "band");
        EXPECT_NE(std::string(error.what()).find("more than 10 neighbour links"), std::string::npos)
            << error.what();
    }
    limits = {};
    limits.max_units = 5;
    EXPECT_THROW(distance_band(esda_points, 15.0, limits), core::Error);
}

TEST(DistanceBand, HandlesEmptyAndSinglePointInput) {
    EXPECT_EQ(distance_band(std::vector<PlanarPoint>{}, 10.0).size(), 0u);
    const auto one = distance_band(std::vector<PlanarPoint>{{3, 4}}, 10.0);
    ASSERT_EQ(one.size(), 1u);
    EXPECT_TRUE(one.of(0).empty());
}

TEST(KNearest, MatchesSpdepKnearneighOn30Points) {
    const test::Table table("knn4_30points_spdep.csv");
    const auto points = table.points();
    const auto expected = table.neighbours("neighbours");
    const auto nb = k_nearest(points, 4);
    for (std::size_t i = 0; i < points.size(); ++i) {
        EXPECT_EQ(row(nb, i), row(expected, i)) << "unit " << i;
    }
}

TEST(KNearest, BreaksTiesAtTheKthDistanceByLowerIndex) {
    // Four units at distance 1 around unit 0; k = 2 takes the two lowest indices.
    const std::vector<PlanarPoint> points{{0, 0}, {0, 1}, {1, 0}, {0, -1}, {-1, 0}};
    const auto nb = k_nearest(points, 2);
    EXPECT_EQ(row(nb, 0), (std::vector<std::uint32_t>{1, 2}));
    // Not symmetric: unit 3 has 0 as a nearest neighbour, 0 does not have 3.
    EXPECT_TRUE(nb.has_link(3, 0));
    EXPECT_FALSE(nb.has_link(0, 3));
}

TEST(KNearest, FindsFarNeighboursOfOutliers) {
    std::vector<PlanarPoint> points;
    for (int i = 0; i < 50; ++i) points.push_back({i * 1.0, 0.0});
    points.push_back({100000.0, 100000.0});
    const auto nb = k_nearest(points, 3);
    EXPECT_EQ(row(nb, 50), (std::vector<std::uint32_t>{47, 48, 49}));
    EXPECT_EQ(row(nb, 0), (std::vector<std::uint32_t>{1, 2, 3}));
}

TEST(KNearest, RejectsKOutOfRange) {
    EXPECT_THROW(k_nearest(esda_points, 0), core::Error);
    EXPECT_THROW(k_nearest(esda_points, 6), core::Error);
    EXPECT_NO_THROW(k_nearest(esda_points, 5));
}

TEST(Neighbours, FromListsValidates) {
    EXPECT_THROW(Neighbours::from_lists({{1}, {0, 0}}), core::Error);
    EXPECT_THROW(Neighbours::from_lists({{0}}), core::Error);
    EXPECT_THROW(Neighbours::from_lists({{2}, {}}), core::Error);
    const auto nb = Neighbours::from_lists({{2, 1}, {}, {0}});
    EXPECT_EQ(row(nb, 0), (std::vector<std::uint32_t>{1, 2}));
    EXPECT_EQ(nb.island_count(), 1u);
}

TEST(SpatialWeights, BinaryRowStandardisedAndSelfWeights) {
    const auto nb = distance_band(esda_points, 15.0);
    const SpatialWeights binary(nb, WeightStyle::binary, false);
    EXPECT_EQ(binary.row_sum(3), 3.0);
    EXPECT_EQ(binary.row_sum_of_squares(3), 3.0);
    EXPECT_EQ(binary.self_weight(3), 0.0);

    const SpatialWeights row_std(nb, WeightStyle::row_standardised, false);
    EXPECT_DOUBLE_EQ(row_std.weights_of(3)[0], 1.0 / 3.0);
    EXPECT_DOUBLE_EQ(row_std.row_sum_of_squares(3), 1.0 / 3.0);
    EXPECT_EQ(row_std.row_sum(3), 1.0);

    // Gi*: binary w_ii = 1; row-standardised w_ii = 1/(k_i + 1) (esda star=True, spdep
    // include.self).
    const SpatialWeights star(nb, WeightStyle::binary, true);
    EXPECT_EQ(star.self_weight(2), 1.0);
    EXPECT_EQ(star.row_sum(2), 2.0);
    const SpatialWeights star_r(nb, WeightStyle::row_standardised, true);
    EXPECT_DOUBLE_EQ(star_r.self_weight(3), 0.25);
    EXPECT_DOUBLE_EQ(star_r.row_sum_of_squares(3), 0.25);
    const std::vector<double> x{1, 2, 3, 4, 5, 6};
    EXPECT_DOUBLE_EQ(star_r.lag(3, x), (1 + 2 + 4 + 5) / 4.0);
}

}  // namespace
}  // namespace okrsek::analytics
