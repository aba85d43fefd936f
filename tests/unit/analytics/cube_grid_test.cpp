#include "analytics/cube_grid.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "cube_ascii_town.hpp"

namespace okrsek::analytics {
namespace {

using test::town_counts;

GridSpec town_grid(double cell_m) {
    GridSpec spec;
    spec.south_west = {test::town_lon0, test::town_lat0};
    spec.scale_lat = test::town_lat0;
    spec.cell_size_m = cell_m;
    spec.columns = static_cast<std::uint32_t>(600 / cell_m);
    spec.rows = static_cast<std::uint32_t>(400 / cell_m);
    return spec;
}

GridQuery year_2025() {
    GridQuery query;
    query.period = test::town_year_2025();
    return query;
}

TEST(CubeGrid, HundredMetreCellsAreTheMapSquares) {
    const IncidentCube cube = test::make_town_cube(false);
    const GridCounts grid = grid_counts(cube, town_grid(100), year_2025());
    for (std::uint32_t row = 0; row < 4; ++row) {
        for (std::uint32_t column = 0; column < 6; ++column) {
            EXPECT_EQ(grid.at(column, row), town_counts[3 - row][column] - '0')
                << column << ", " << row;
        }
    }
    EXPECT_EQ(grid.incidents_outside, 1);
}

TEST(CubeGrid, TwoHundredMetreCellsAndCoarsening) {
    const IncidentCube cube = test::make_town_cube(false);
    const GridCounts grid = grid_counts(cube, town_grid(200), year_2025());
    EXPECT_EQ(grid.counts, (std::vector<std::int64_t>{7, 5, 7, 5, 4, 12}));
    const GridCounts merged = coarsen(grid_counts(cube, town_grid(100), year_2025()), 2);
    EXPECT_EQ(merged.counts, grid.counts);
    EXPECT_EQ(merged.spec.cell_size_m, 200.0);
    const GridCounts one = coarsen(grid, 4);
    EXPECT_EQ(one.counts, (std::vector<std::int64_t>{40}));
}

TEST(CubeGrid, CategoryFilterAndSensitiveExclusion) {
    const IncidentCube cube = test::make_town_cube(false);
    GridQuery query = year_2025();
    query.category_ids = {10};
    const GridCounts theft = grid_counts(cube, town_grid(200), query);
    EXPECT_EQ(theft.counts, (std::vector<std::int64_t>{7, 0, 0, 0, 4, 9}));
    query.category_ids = {};
    query.exclude_sensitive_incidents = true;
    const GridCounts public_grid = grid_counts(cube, town_grid(200), query);
    EXPECT_EQ(public_grid.counts, (std::vector<std::int64_t>{7, 5, 7, 5, 4, 9}));
}

TEST(CubeGrid, GridOverABoxAndCellBounds) {
    const geo::BBox box{test::town_lon0, test::town_lat0, test::town_at(6, 4).lon,
                        test::town_at(6, 4).lat};
    const GridSpec spec = grid_over(box, 250);
    EXPECT_EQ(spec.columns, 3u);  // 600 m (± 0.3 %)
    EXPECT_EQ(spec.rows, 2u);     // 400 m
    const geo::BBox cell = cell_bounds(spec, 1, 1);
    EXPECT_NEAR(cell.min_lat, test::town_at(0, 2.5).lat, 1e-9);
    EXPECT_THROW(grid_over(box, 0.5), core::Error);
    EXPECT_THROW(grid_over({0, 0, 10, 10}, 1), core::Error);  // far too many cells
}

}  // namespace
}  // namespace okrsek::analytics
