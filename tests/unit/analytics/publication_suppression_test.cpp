#include "analytics/publication_suppression.hpp"

#include <gtest/gtest.h>

#include <random>

#include "publication_linear_check.hpp"

namespace okrsek::analytics {
namespace {

// Counts with many zeros, ones and twos, as in a fine table of crime.
std::int64_t random_count(std::mt19937_64& random) {
    const std::uint64_t r = random() % 100;
    if (r < 30) return 0;
    if (r < 50) return 1;
    if (r < 62) return 2;
    return static_cast<std::int64_t>(3 + random() % 30);
}

ExtendedTable random_table(std::mt19937_64& random, std::array<std::size_t, 3> entries) {
    ExtendedTable table;
    for (std::size_t d = 0; d < 3; ++d) {
        table.has_total[d] = entries[d] > 1;
        table.extent[d] = entries[d] + (table.has_total[d] ? 1 : 0);
    }
    const std::size_t cells = table.extent[0] * table.extent[1] * table.extent[2];
    table.values.assign(cells, 0);
    table.status.assign(cells, CellStatus::shown);
    for (std::size_t i0 = 0; i0 < entries[0]; ++i0) {
        for (std::size_t i1 = 0; i1 < entries[1]; ++i1) {
            for (std::size_t i2 = 0; i2 < entries[2]; ++i2) {
                table.values[table.index(i0, i1, i2)] = random_count(random);
            }
        }
    }
    fill_totals(table);
    for (std::size_t i = 0; i < cells; ++i) {
        if (table.values[i] >= 1 && table.values[i] < 3)
            table.status[i] = CellStatus::suppressed_small;
    }
    return table;
}

void expect_protected(const ExtendedTable& table, int trial) {
    for (std::size_t i = 0; i < table.values.size(); ++i) {
        if (table.status[i] == CellStatus::shown) {
            EXPECT_FALSE(table.values[i] == 1 || table.values[i] == 2) << "trial " << trial;
        }
    }
    EXPECT_TRUE(test::derivable_hidden_cells(table).empty()) << "trial " << trial;
}

TEST(Suppression, TotalsAreSumsIncludingTheGrandTotal) {
    ExtendedTable table;
    table.extent = {3, 3, 1};
    table.has_total = {true, true, false};
    table.values = {1, 2, 0, 3, 4, 0, 0, 0, 0};
    table.status.assign(9, CellStatus::shown);
    fill_totals(table);
    EXPECT_EQ(table.values, (std::vector<std::int64_t>{1, 2, 3, 3, 4, 7, 4, 6, 10}));
}

TEST(Suppression, ASingleHiddenCellInALineGetsTheNextSmallestAsComplement) {
    ExtendedTable table;
    table.extent = {5, 1, 1};
    table.has_total = {true, false, false};
    table.values = {7, 1, 4, 9, 0};
    table.status.assign(5, CellStatus::shown);
    fill_totals(table);
    table.status[1] = CellStatus::suppressed_small;
    EXPECT_EQ(suppress_complementary(table), 1u);
    EXPECT_EQ(table.status[2], CellStatus::suppressed_complementary);  // 4, not 7 or 9
    EXPECT_TRUE(test::derivable_hidden_cells(table).empty());
}

TEST(Suppression, TwoByTwoRectangleInATable) {
    // Rows A–C × columns x, y, z; A/y = 1 is small. A line rule alone would hide A/x, then
    // B/x or B/y…; the rectangle A/x A/y B/x B/y is the smallest set that holds.
    ExtendedTable table;
    table.extent = {4, 4, 1};
    table.has_total = {true, true, false};
    table.values = {5, 1, 9, 0, 4, 6, 8, 0, 20, 30, 40, 0, 0, 0, 0, 0};
    table.status.assign(16, CellStatus::shown);
    fill_totals(table);
    table.status[table.index(0, 1, 0)] = CellStatus::suppressed_small;
    suppress_complementary(table);
    EXPECT_TRUE(test::derivable_hidden_cells(table).empty());
    std::size_t hidden = 0;
    for (const CellStatus s : table.status) hidden += is_hidden(s) ? 1 : 0;
    EXPECT_EQ(hidden, 4u);
    EXPECT_TRUE(is_hidden(table.status[table.index(0, 0, 0)]));  // A/x = 5
    EXPECT_TRUE(is_hidden(table.status[table.index(1, 0, 0)]));  // B/x = 4
    EXPECT_TRUE(is_hidden(table.status[table.index(1, 1, 0)]));  // B/y = 6
}

TEST(Suppression, RandomTwoDimensionalTablesLeakNoHiddenCell) {
    std::mt19937_64 random(20261123);
    for (int trial = 0; trial < 400; ++trial) {
        const std::size_t rows = 2 + random() % 7;
        const std::size_t columns = 2 + random() % 7;
        ExtendedTable table = random_table(random, {rows, columns, 1});
        suppress_complementary(table);
        expect_protected(table, trial);
    }
}

TEST(Suppression, RandomLinesLeakNoHiddenCell) {
    std::mt19937_64 random(7);
    for (int trial = 0; trial < 200; ++trial) {
        ExtendedTable table = random_table(random, {1, 2 + random() % 10, 1});
        suppress_complementary(table);
        expect_protected(table, trial);
    }
}

TEST(Suppression, RandomThreeDimensionalTablesLeakNoHiddenCell) {
    std::mt19937_64 random(226);
    for (int trial = 0; trial < 150; ++trial) {
        ExtendedTable table =
            random_table(random, {2 + random() % 4, 2 + random() % 4, 2 + random() % 3});
        suppress_complementary(table);
        expect_protected(table, trial);
    }
}

}  // namespace
}  // namespace okrsek::analytics
