#include "analytics/planar_grid.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "core/error.hpp"

namespace okrsek::analytics {
namespace {

TEST(PlanarGrid, CoversThePointsOnMultiplesOfTheCellSize) {
    const std::vector<PlanarPoint> points{{-730.5, 1020.0}, {-410.0, 1399.99}, {-100.0, 1100.0}};
    const auto grid = planar_grid_over(points, 100.0);
    EXPECT_EQ(grid.x0_m, -800.0);
    EXPECT_EQ(grid.y0_m, 1000.0);
    EXPECT_EQ(grid.columns, 8u);  // −800 … 0: the east-most point at −100 lies in the 8th
    EXPECT_EQ(grid.rows, 4u);
    for (const auto& p : points) EXPECT_TRUE(grid.cell_of(p).has_value());
    EXPECT_EQ(grid.cell_of({-800.0, 1000.0}), 0u);  // west and south edges belong to the cell
    EXPECT_EQ(grid.cell_of({-700.0, 1000.0}), 1u);
    EXPECT_FALSE(grid.cell_of({0.0, 1000.0}).has_value());
    EXPECT_FALSE(grid.cell_of({-801.0, 1000.0}).has_value());
    const auto centre = grid.centre(9);
    EXPECT_EQ(centre.x_m, -650.0);
    EXPECT_EQ(centre.y_m, 1150.0);
}

TEST(PlanarGrid, SumsPointsPerCell) {
    const std::vector<PlanarPoint> points{{5, 5}, {7, 2}, {15, 5}, {5, 15}, {99, 99}};
    PlanarGrid grid;
    grid.cell_m = 10;
    grid.columns = 2;
    grid.rows = 2;
    EXPECT_EQ(sum_in_cells(grid, points), (std::vector<double>{2, 1, 1, 0}));
    EXPECT_EQ(sum_in_cells(grid, points, std::vector<double>{1, 2, 3, 4, 5}),
              (std::vector<double>{3, 3, 4, 0}));
    const auto centres = cell_centres(grid);
    ASSERT_EQ(centres.size(), 4u);
    EXPECT_EQ(centres[3], (PlanarPoint{15, 15}));
}

TEST(PlanarGrid, RejectsBadCellsAndHugeGrids) {
    const std::vector<PlanarPoint> points{{0, 0}, {100000, 100000}};
    EXPECT_THROW(planar_grid_over(points, 0.0), core::Error);
    EXPECT_THROW(planar_grid_over(points, -1.0), core::Error);
    EXPECT_THROW(planar_grid_over(std::vector<PlanarPoint>{}, 100.0), core::Error);
    try {
        planar_grid_over(points, 1.0);
        FAIL() << "10¹⁰ cells must be refused";
    } catch (const core::Error& error) {
        EXPECT_EQ(error.field(), "cell");
    }
    EXPECT_EQ(planar_grid_over(points, 100.0).cell_count(), 1001u * 1001u);
    const auto single = planar_grid_over(std::vector<PlanarPoint>{{50, 50}}, 100.0);
    EXPECT_EQ(single.cell_count(), 1u);
}

}  // namespace
}  // namespace okrsek::analytics
