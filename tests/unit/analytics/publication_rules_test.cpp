#include <gtest/gtest.h>

#include <random>

#include "analytics/publication.hpp"
#include "core/error.hpp"
#include "cube_ascii_town.hpp"
#include "publication_linear_check.hpp"

namespace okrsek::analytics {
namespace {

ExtendedTable as_extended(const PublishedTable& table) {
    ExtendedTable extended;
    extended.extent = table.extent;
    extended.has_total = table.has_total;
    extended.values = table.values;
    extended.status = table.status;
    return extended;
}

// The properties every public table must have.
void expect_publishable(const PublishedTable& table, const CategoryTree& tree) {
    for (std::size_t i = 0; i < table.values.size(); ++i) {
        if (table.status[i] == CellStatus::shown) {
            EXPECT_FALSE(table.values[i] == 1 || table.values[i] == 2) << "cell " << i;
        } else {
            EXPECT_EQ(table.values[i], 0) << "a hidden cell keeps its value";
        }
    }
    if (table.area_level && *table.area_level != AreaLevel::town) {
        for (const std::int32_t id : table.categories)
            EXPECT_FALSE(tree.sensitive(*tree.code_of(id)));
    }
    EXPECT_TRUE(test::derivable_hidden_cells(as_extended(table)).empty());
}

CubeQuery public_districts(std::size_t level) {
    CubeQuery query;
    query.period = test::town_year_2025();
    query.area_level = AreaLevel::district;
    query.categories.level = level;
    query.exclude_sensitive_incidents = true;
    return query;
}

TEST(Publication, TownTableOfTopCategoriesNeedsNoSuppression) {
    const IncidentCube cube = test::make_town_cube(false);
    const PublishedTable table =
        publish(aggregate(cube, public_districts(0)), cube.categories(), {});
    EXPECT_EQ(table.count(CellStatus::shown), table.values.size());
    EXPECT_EQ(table.value(2, 1, 0), 9);   // C theft
    EXPECT_EQ(table.value(2, 0, 0), 0);   // C violent without the sexual offences: zero is shown
    EXPECT_EQ(table.value(6, 0, 0), 17);  // violent in all districts
    EXPECT_EQ(table.value(6, 2, 0), 37);  // grand total
    EXPECT_EQ(table.extent, (std::array<std::size_t, 3>{7, 3, 1}));
}

TEST(Publication, LeafTableHidesSmallCountsAndTheirComplements) {
    const IncidentCube cube = test::make_town_cube(false);
    const PublishedTable table =
        publish(aggregate(cube, public_districts(1)), cube.categories(), {});
    EXPECT_EQ(table.dropped_sensitive_categories, (std::vector<std::int32_t>{4}));
    ASSERT_EQ(table.categories, (std::vector<std::int32_t>{2, 3, 11, 12}));
    // A/assault = 1 and D/vehicle = 2 are small.
    EXPECT_EQ(table.status[table.index(0, 1, 0)], CellStatus::suppressed_small);
    EXPECT_EQ(table.status[table.index(3, 3, 0)], CellStatus::suppressed_small);
    EXPECT_EQ(table.value(0, 1, 0), std::nullopt);
    // A's row (robbery 4, assault 1) and the assault column (A 1, F 4) each need a second cell:
    // the rectangle A/robbery, A/assault, F/robbery, F/assault.
    EXPECT_EQ(table.status[table.index(0, 0, 0)], CellStatus::suppressed_complementary);
    EXPECT_EQ(table.status[table.index(5, 1, 0)], CellStatus::suppressed_complementary);
    EXPECT_EQ(table.status[table.index(5, 0, 0)], CellStatus::suppressed_complementary);
    EXPECT_EQ(table.value(4, 0, 0), 5);  // E robbery stays
    // Complements are positive cells (a hidden zero would narrow the others down).
    const AggregateTable raw = aggregate(cube, public_districts(1));
    const std::size_t raw_column[] = {0, 1, 3, 4};
    for (std::size_t a = 0; a < 6; ++a) {
        for (std::size_t c = 0; c < 4; ++c) {
            if (table.status[table.index(a, c, 0)] == CellStatus::suppressed_complementary) {
                EXPECT_GT(raw.at(a, raw_column[c], 0), 0) << a << ", " << c;
            }
        }
    }
    expect_publishable(table, cube.categories());
}

TEST(Publication, SensitiveCategoriesStayAtTownLevel) {
    const IncidentCube cube = test::make_town_cube(false);
    CubeQuery query = public_districts(1);
    query.exclude_sensitive_incidents = false;
    EXPECT_THROW(publish(aggregate(cube, query), cube.categories(), {}), core::Error);
    query.area_level = AreaLevel::town;
    const PublishedTable town = publish(aggregate(cube, query), cube.categories(), {});
    EXPECT_TRUE(town.dropped_sensitive_categories.empty());
    ASSERT_EQ(town.categories.size(), 5u);
    EXPECT_EQ(town.value(0, 2, 0), 3);  // sexual offences in the whole town
}

TEST(Publication, SmallAreasAreWithheldAndCannotBeRecovered) {
    const IncidentCube cube = test::make_town_cube(false);
    std::vector<AreaSize> sizes(6, AreaSize{40'000.0, 1'000.0});
    sizes[4].population = 80.0;  // E
    PublicationRules rules;
    rules.min_population = 100.0;
    const PublishedTable table =
        publish(aggregate(cube, public_districts(0)), cube.categories(), rules, sizes);
    EXPECT_EQ(table.withheld_areas, (std::vector<std::int32_t>{4}));
    EXPECT_EQ(table.status[table.index(4, 0, 0)], CellStatus::withheld_small_area);
    EXPECT_EQ(table.status[table.index(4, 2, 0)], CellStatus::withheld_small_area);
    expect_publishable(table, cube.categories());
    EXPECT_THROW(publish(aggregate(cube, public_districts(0)), cube.categories(), rules, {}),
                 core::Error);
}

TEST(Publication, MonthlyTableOfTheTown) {
    const IncidentCube cube = test::make_town_cube(false);
    CubeQuery query = public_districts(1);
    query.bucket = TimeBucket::month;
    const PublishedTable table = publish(aggregate(cube, query), cube.categories(), {});
    EXPECT_EQ(table.extent, (std::array<std::size_t, 3>{7, 5, 13}));
    EXPECT_GT(table.count(CellStatus::suppressed_small), 0u);
    expect_publishable(table, cube.categories());
}

TEST(Publication, RandomTablesThroughThePublicFunction) {
    const CategoryTree tree(test::town_categories());
    std::mt19937_64 random(3);
    for (int trial = 0; trial < 100; ++trial) {
        AggregateTable table;
        table.area_level = AreaLevel::district;
        table.sensitive_incidents_excluded = true;
        const auto areas = static_cast<std::int32_t>(2 + random() % 8);
        for (std::int32_t a = 0; a < areas; ++a) table.areas.push_back(a);
        table.categories = {2, 3, 4, 11, 12};
        table.buckets = {0};
        for (std::size_t i = 0; i < table.areas.size() * 5; ++i) {
            const std::uint64_t r = random() % 10;
            table.counts.push_back(r < 3   ? 0
                                   : r < 6 ? static_cast<std::int64_t>(r % 2 + 1)
                                           : static_cast<std::int64_t>(r * 3));
        }
        const PublishedTable published = publish(table, tree, {});
        expect_publishable(published, tree);
    }
}

TEST(Publication, RulesAreChecked) {
    const IncidentCube cube = test::make_town_cube(false);
    const AggregateTable table = aggregate(cube, public_districts(0));
    PublicationRules rules;
    rules.min_count = 0;
    EXPECT_THROW(publish(table, cube.categories(), rules), core::Error);
    rules.min_count = 6;  // stricter: A violent 5, E violent 5, B theft 4 are hidden now
    const PublishedTable strict = publish(table, cube.categories(), rules);
    EXPECT_EQ(strict.value(0, 0, 0), std::nullopt);
    expect_publishable(strict, cube.categories());
}

TEST(PublicationGrid, CellsMergedToTheMinimumAreaThenSuppressed) {
    const IncidentCube cube = test::make_town_cube(false);
    GridSpec spec;
    spec.south_west = {test::town_lon0, test::town_lat0};
    spec.scale_lat = test::town_lat0;
    spec.cell_size_m = 100;
    spec.columns = 6;
    spec.rows = 4;
    GridQuery query;
    query.period = test::town_year_2025();
    query.exclude_sensitive_incidents = true;
    const GridCounts grid = grid_counts(cube, spec, query);

    PublicationRules rules;
    rules.min_area_m2 = 40'000;  // 200 m × 200 m
    const PublishedGrid merged = publish_grid(grid, rules);
    EXPECT_EQ(merged.merge_factor, 2u);
    EXPECT_EQ(merged.spec.cell_size_m, 200.0);
    EXPECT_EQ(merged.values, (std::vector<std::int64_t>{7, 5, 7, 5, 4, 9}));
    EXPECT_EQ(merged.total, 37);

    const PublishedGrid fine = publish_grid(grid, {});
    for (std::size_t i = 0; i < fine.values.size(); ++i) {
        const std::int64_t count = grid.counts[i];
        if (count == 1 || count == 2) {
            EXPECT_EQ(fine.status[i], CellStatus::suppressed_small);
        }
        if (fine.status[i] == CellStatus::shown) {
            EXPECT_EQ(fine.values[i], count);
        }
    }
    EXPECT_EQ(fine.total, 37);  // many small cells hidden: the total reveals none of them

    query.exclude_sensitive_incidents = false;
    EXPECT_THROW(publish_grid(grid_counts(cube, spec, query), rules), core::Error);
}

TEST(PublicationGrid, OneSmallCellTakesTheNextSmallestWithIt) {
    GridCounts grid;
    grid.spec.cell_size_m = 250;
    grid.spec.columns = 3;
    grid.spec.rows = 1;
    grid.counts = {6, 1, 5};
    grid.sensitive_incidents_excluded = true;
    const PublishedGrid published = publish_grid(grid, {});
    EXPECT_EQ(published.status,
              (std::vector<CellStatus>{CellStatus::shown, CellStatus::suppressed_small,
                                       CellStatus::suppressed_complementary}));
    EXPECT_EQ(published.values, (std::vector<std::int64_t>{6, 0, 0}));
    EXPECT_EQ(published.total, 12);
}

}  // namespace
}  // namespace okrsek::analytics
