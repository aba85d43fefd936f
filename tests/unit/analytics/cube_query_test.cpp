#include "analytics/cube_query.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include "core/error.hpp"
#include "cube_ascii_town.hpp"

namespace okrsek::analytics {
namespace {

using test::make_town_cube;
using test::town_year_2025;

// Counts of one bucket (or the whole period) per row, for one column.
std::vector<std::int64_t> column_of(const AggregateTable& table, std::size_t category,
                                    std::size_t bucket = 0) {
    std::vector<std::int64_t> counts;
    for (std::size_t a = 0; a < table.areas.size(); ++a)
        counts.push_back(table.at(a, category, bucket));
    return counts;
}

// Sum over rows and columns, per bucket.
std::vector<std::int64_t> per_bucket(const AggregateTable& table) {
    std::vector<std::int64_t> sums(table.buckets.size(), 0);
    for (std::size_t a = 0; a < table.areas.size(); ++a) {
        for (std::size_t c = 0; c < table.categories.size(); ++c) {
            for (std::size_t b = 0; b < table.buckets.size(); ++b) sums[b] += table.at(a, c, b);
        }
    }
    return sums;
}

CubeQuery districts_by(std::size_t level, TimeBucket bucket = TimeBucket::whole_period) {
    CubeQuery query;
    query.period = town_year_2025();
    query.area_level = AreaLevel::district;
    query.categories.level = level;
    query.bucket = bucket;
    return query;
}

class CubeTown : public ::testing::TestWithParam<bool> {
protected:
    IncidentCube cube = make_town_cube(GetParam());
};

TEST_P(CubeTown, TopCategoriesPerDistrictCountEachIncidentOnce) {
    const AggregateTable table = aggregate(cube, districts_by(0));
    ASSERT_EQ(table.categories, (std::vector<std::int32_t>{1, 10}));
    ASSERT_EQ(table.areas.size(), 6u);
    EXPECT_EQ(column_of(table, 0), (std::vector<std::int64_t>{5, 0, 3, 0, 5, 7}));  // violent
    EXPECT_EQ(column_of(table, 1), (std::vector<std::int64_t>{0, 4, 9, 7, 0, 0}));  // theft
    EXPECT_EQ(table.incidents_without_area, 1);
}

TEST_P(CubeTown, EveryLevelOfTheHierarchy) {
    const AggregateTable leaves = aggregate(cube, districts_by(1));
    ASSERT_EQ(leaves.categories, (std::vector<std::int32_t>{2, 3, 4, 11, 12}));
    EXPECT_EQ(column_of(leaves, 0), (std::vector<std::int64_t>{4, 0, 0, 0, 5, 3}));  // robbery
    EXPECT_EQ(column_of(leaves, 1), (std::vector<std::int64_t>{1, 0, 0, 0, 0, 4}));  // assault
    EXPECT_EQ(column_of(leaves, 2), (std::vector<std::int64_t>{0, 0, 3, 0, 0, 0}));  // sexual
    EXPECT_EQ(column_of(leaves, 3), (std::vector<std::int64_t>{0, 4, 0, 5, 0, 0}));  // bicycle
    EXPECT_EQ(column_of(leaves, 4), (std::vector<std::int64_t>{0, 0, 9, 2, 0, 0}));  // vehicle

    const AggregateTable cars = aggregate(cube, districts_by(2));
    ASSERT_EQ(cars.categories, (std::vector<std::int32_t>{13}));
    EXPECT_EQ(column_of(cars, 0), (std::vector<std::int64_t>{0, 0, 9, 2, 0, 0}));
}

TEST_P(CubeTown, ChosenCategoriesOfMixedLevels) {
    CubeQuery query = districts_by(0);
    query.categories.ids = {13, 1, 10};
    const AggregateTable table = aggregate(cube, query);
    EXPECT_EQ(column_of(table, 0), (std::vector<std::int64_t>{0, 0, 9, 2, 0, 0}));
    EXPECT_EQ(column_of(table, 1), (std::vector<std::int64_t>{5, 0, 3, 0, 5, 7}));
    EXPECT_EQ(column_of(table, 2), (std::vector<std::int64_t>{0, 4, 9, 7, 0, 0}));
}

TEST_P(CubeTown, CityPartsTownAndEverything) {
    CubeQuery query = districts_by(0);
    query.area_level = AreaLevel::city_part;
    const AggregateTable parts = aggregate(cube, query);
    EXPECT_EQ(parts.at(0, 0, 0) + parts.at(0, 1, 0), 21);  // A B D E
    EXPECT_EQ(parts.at(1, 0, 0) + parts.at(1, 1, 0), 19);  // C F
    query.area_level = AreaLevel::town;
    const AggregateTable town = aggregate(cube, query);
    EXPECT_EQ(town.at(0, 0, 0) + town.at(0, 1, 0), 40);
    EXPECT_EQ(town.incidents_without_area, 1);
    query.area_level = std::nullopt;
    const AggregateTable all = aggregate(cube, query);
    EXPECT_EQ(all.at(0, 1, 0), 21);  // theft, with the bicycle outside the map
    EXPECT_EQ(all.incidents_without_area, 0);
}

TEST_P(CubeTown, MonthsWeeksHoursAndWeekdays) {
    const AggregateTable months = aggregate(cube, districts_by(0, TimeBucket::month));
    ASSERT_EQ(months.buckets.size(), 12u);
    EXPECT_EQ(bucket_label(TimeBucket::month, months.buckets.front()), "2025-01");
    EXPECT_EQ(bucket_label(TimeBucket::month, months.buckets.back()), "2025-12");
    EXPECT_EQ(per_bucket(months),
              (std::vector<std::int64_t>{15, 6, 11, 8, 0, 0, 0, 0, 0, 0, 0, 0}));

    const AggregateTable weeks = aggregate(cube, districts_by(0, TimeBucket::iso_week));
    std::map<std::string, std::int64_t> by_week;
    const auto sums = per_bucket(weeks);
    for (std::size_t b = 0; b < weeks.buckets.size(); ++b) {
        if (sums[b] != 0) by_week[bucket_label(TimeBucket::iso_week, weeks.buckets[b])] = sums[b];
    }
    EXPECT_EQ(by_week, (std::map<std::string, std::int64_t>{
                           {"2025-W02", 15}, {"2025-W07", 6}, {"2025-W11", 11}, {"2025-W15", 8}}));
    EXPECT_EQ(bucket_label(TimeBucket::iso_week, weeks.buckets.front()), "2025-W01");
    EXPECT_EQ(bucket_label(TimeBucket::iso_week, weeks.buckets.back()), "2026-W01");

    const AggregateTable hours = aggregate(cube, districts_by(0, TimeBucket::hour_of_day));
    std::vector<std::int64_t> expected_hours(24, 0);
    expected_hours[0] = 9;  // Prague midnight: 23:00 UTC the day before
    expected_hours[4] = 3;
    expected_hours[8] = 6;
    expected_hours[12] = 3;
    expected_hours[16] = 10;
    expected_hours[20] = 9;
    EXPECT_EQ(per_bucket(hours), expected_hours);

    const AggregateTable days = aggregate(cube, districts_by(0, TimeBucket::day_of_week));
    // 10 Feb and 10 Mar 2025 are Mondays, 10 Apr a Thursday, 10 Jan a Friday.
    EXPECT_EQ(per_bucket(days), (std::vector<std::int64_t>{17, 0, 0, 8, 15, 0, 0}));
    EXPECT_EQ(bucket_label(TimeBucket::day_of_week, days.buckets[0]), "1");
}

TEST_P(CubeTown, PeriodIsHalfOpen) {
    CubeQuery query = districts_by(0);
    // Square (0, 0) has an incident at exactly 2025-01-10 00:00 Prague time (counted) and
    // square (0, 1) one at exactly 2025-02-10 00:00 (not counted).
    query.period = {test::town_time(2025, 1, 0, 0), test::town_time(2025, 2, 0, 0)};
    const AggregateTable table = aggregate(cube, query);
    EXPECT_EQ(per_bucket(table), (std::vector<std::int64_t>{15}));
    query.period.to += std::chrono::seconds{1};
    EXPECT_EQ(per_bucket(aggregate(cube, query)), (std::vector<std::int64_t>{16}));
}

TEST_P(CubeTown, SensitiveIncidentsLeftOutOfEveryColumn) {
    CubeQuery query = districts_by(0);
    query.exclude_sensitive_incidents = true;
    const AggregateTable table = aggregate(cube, query);
    EXPECT_EQ(column_of(table, 0), (std::vector<std::int64_t>{5, 0, 0, 0, 5, 7}));
    EXPECT_TRUE(table.sensitive_incidents_excluded);
}

TEST_P(CubeTown, SamePeriodAYearEarlier) {
    const TrendTables trend = aggregate_with_year_earlier(cube, districts_by(0));
    std::vector<std::int64_t> previous;
    for (std::size_t a = 0; a < 6; ++a)
        previous.push_back(trend.previous.at(a, 0, 0) + trend.previous.at(a, 1, 0));
    EXPECT_EQ(previous, (std::vector<std::int64_t>{3, 2, 3, 2, 2, 4}));
    EXPECT_EQ(trend.current.at(2, 1, 0), 9);
}

TEST_P(CubeTown, TopCategoriesAndRates) {
    CubeQuery query = districts_by(1);
    query.area_level = AreaLevel::town;
    const AggregateTable town = aggregate(cube, query);
    const auto top = top_categories(town, 0, 3);
    ASSERT_EQ(top.size(), 3u);
    EXPECT_EQ(top[0].category_id, 2);  // robbery 12
    EXPECT_EQ(top[0].count, 12);
    EXPECT_EQ(top[1].category_id, 12);  // vehicle 11
    EXPECT_EQ(top[1].count, 11);
    EXPECT_EQ(top[2].category_id, 11);  // bicycle 9
    EXPECT_EQ(top[2].count, 9);

    const AggregateTable districts = aggregate(cube, districts_by(0));
    const std::vector<double> population{1000, 2000, 3000, 500, 2500};  // F unknown
    const std::vector<double> rates = rates_per_1000(districts, population);
    EXPECT_DOUBLE_EQ(rates[districts.index(0, 0, 0)], 5.0);   // A violent 5 / 1,000
    EXPECT_DOUBLE_EQ(rates[districts.index(2, 1, 0)], 3.0);   // C theft 9 / 3,000
    EXPECT_DOUBLE_EQ(rates[districts.index(3, 1, 0)], 14.0);  // D theft 7 / 500
    EXPECT_TRUE(std::isnan(rates[districts.index(5, 0, 0)]));
}

INSTANTIATE_TEST_SUITE_P(Areas, CubeTown, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& param_info) {
                             return param_info.param ? "FromIndex" : "Given";
                         });

TEST(CubeQuery, RefusesBadQueriesAndRows) {
    IncidentCube cube = make_town_cube(false);
    CubeQuery query = districts_by(0);
    query.categories.ids = {99};
    EXPECT_THROW(aggregate(cube, query), core::Error);
    query.categories.ids = {1, 1};
    EXPECT_THROW(aggregate(cube, query), core::Error);
    query = districts_by(3);
    EXPECT_THROW(aggregate(cube, query), core::Error);
    query = districts_by(0);
    query.period.to = query.period.from;
    EXPECT_THROW(aggregate(cube, query), core::Error);

    const std::vector<std::int32_t> unknown{7};
    IncidentRow row;
    row.time = test::town_time(2025, 1, 0, 0);
    row.position = test::town_at(0.5, 0.5);
    row.type_ids = unknown;
    EXPECT_THROW(cube.add(row), core::Error);
    const std::vector<std::int32_t> robbery{2};
    row.type_ids = robbery;
    row.areas = {0, 0, 6};
    EXPECT_THROW(cube.add(row), core::Error);
    row.areas = {0, 0, 5};
    row.position = {200.0, 0.0};
    EXPECT_THROW(cube.add(row), core::Error);
    const std::size_t before = cube.size();
    row.position = test::town_at(0.5, 0.5);
    cube.add(row);
    EXPECT_EQ(cube.size(), before + 1);
}

}  // namespace
}  // namespace okrsek::analytics
