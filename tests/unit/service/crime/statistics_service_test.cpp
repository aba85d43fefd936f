// CrimeStatistics on the test's engine, over an ASCII-map town with known answers: exact
// staff counts, trends against the year before, rates, the publication rules on public
// answers, permissions and audit rows of exact access.
#include <gtest/gtest.h>

#include "unit/service/crime/statistics_town.hpp"

namespace okrsek::service {
namespace {

namespace ts = test_statistics;
namespace sec = security;
using namespace test_auth;

// A B B      districts A (2×2), B (1×2), C (1×1), D (2×1); city parts N (A, B), S (C, D)
// A A B
// C D D
class StatisticsTest : public AuthTest {
protected:
    StatisticsTest()
        : town({"AAB", "AAB", "CDD"}, {{'A', 1000}, {'B', 500}, {'C', 2000}, {'D', 1500}},
               {{'A', "N"}, {'B', "N"}, {'C', "S"}, {'D', "S"}}) {
        // 2025
        town.add('A', 10, "2025-03", 11);
        town.add('A', 5, "2025-05", 2);
        town.add('B', 2, "2025-06", 11);
        town.add('C', 7, "2025-07", 11);
        town.add('C', 1, "2025-08", 21);
        town.add('D', 3, "2025-12", 2);
        // 2024
        town.add('A', 4, "2024-03", 11);
        town.add('D', 6, "2024-11", 2);
        ts::load(platform, town, testov, dir.path());
    }

    CrimeStatistics& statistics() { return platform.statistics(); }

    std::int64_t district(char letter) { return area_id("districts", std::string(1, letter)); }

    // The row of a table, or nullptr.
    static const TableRow* row_of(const StatisticsTable& table, std::optional<std::int64_t> area,
                                  std::optional<std::int32_t> category,
                                  std::optional<std::string> bucket = std::nullopt) {
        for (const auto& row : table.rows) {
            if (row.area_id == area && row.category_id == category && row.bucket == bucket) {
                return &row;
            }
        }
        return nullptr;
    }

    static void expect_public(const StatisticsTable& table) {
        for (const auto& row : table.rows) {
            if (row.count) {
                EXPECT_TRUE(*row.count == 0 || *row.count >= 3) << *row.count;
                EXPECT_EQ(row.status, "shown");
            } else {
                EXPECT_NE(row.status, "shown");
                EXPECT_FALSE(row.rate_per_1000.has_value());
            }
            if (row.previous) {
                EXPECT_TRUE(*row.previous == 0 || *row.previous >= 3);
            }
        }
    }

    TableQuery district_query() {
        TableQuery query;
        query.scope.town = testov;
        query.level = StatisticsLevel::district;
        return query;
    }

    ts::StatisticsTown town;
};

TEST_F(StatisticsTest, TheDefaultPeriodIsTheLastTwelveMonthsWithData) {
    const auto meta = statistics().meta(testov, std::nullopt);
    EXPECT_EQ(meta.town_name, "Testov");
    ASSERT_TRUE(meta.periods);
    EXPECT_EQ(analytics::month_label(meta.periods->from), "2024-03");
    EXPECT_EQ(analytics::month_label(meta.periods->to), "2025-12");
    EXPECT_EQ(analytics::month_label(meta.default_period->from), "2025-01");
    EXPECT_EQ(analytics::month_label(meta.default_period->to), "2025-12");
    EXPECT_EQ(meta.source, "policie-cz");
    ASSERT_EQ(meta.categories.size(), 6u);
    EXPECT_FALSE(meta.categories[0].sensitive);
    EXPECT_TRUE(meta.categories[4].sensitive);  // 20: "mravnostní"
    EXPECT_TRUE(meta.categories[5].sensitive);  // 21: below it
    EXPECT_EQ(meta.categories[5].parent_id, 20);
    EXPECT_EQ(meta.categories[5].level, 1u);
    EXPECT_EQ(meta.rules.min_count, 3);
}

TEST_F(StatisticsTest, StaffWithIncidentAccessSeeExactCountsAndAreAudited) {
    const auto manager = as_user(add_user("pm@testov.cz", "Prevence", sec::Role::prevention_manager,
                                          sec::Scope::municipality(testov)));
    const auto before = peek->list_audit({.action = "crime.statistics.exact_read"}).size();
    const auto table = statistics().staff_table(manager, district_query());
    EXPECT_TRUE(table.exact);
    ASSERT_EQ(table.categories.size(), 3u);  // sensitive included for staff
    EXPECT_EQ(row_of(table, district('A'), 1)->count, 5);
    EXPECT_EQ(row_of(table, district('A'), 10)->count, 10);
    EXPECT_EQ(row_of(table, district('A'), std::nullopt)->count, 15);
    EXPECT_EQ(row_of(table, district('B'), 10)->count, 2);
    EXPECT_EQ(row_of(table, district('C'), 20)->count, 1);
    EXPECT_EQ(row_of(table, district('D'), 1)->count, 3);
    EXPECT_EQ(row_of(table, std::nullopt, 10)->count, 19);
    EXPECT_EQ(row_of(table, std::nullopt, std::nullopt)->count, 28);
    // Rates per 1,000: A 15 / 1000, C 7 / 2000, all 28 / 5000.
    EXPECT_DOUBLE_EQ(*row_of(table, district('A'), std::nullopt)->rate_per_1000, 15.0);
    EXPECT_DOUBLE_EQ(*row_of(table, district('C'), 10)->rate_per_1000, 3.5);
    EXPECT_DOUBLE_EQ(*row_of(table, std::nullopt, std::nullopt)->rate_per_1000, 5.6);
    const auto audit = peek->list_audit({.action = "crime.statistics.exact_read"});
    ASSERT_EQ(audit.size(), before + 1);
    EXPECT_EQ(audit.front().actor_id, manager.id);
    EXPECT_EQ(audit.front().municipality_code, testov);
}

TEST_F(StatisticsTest, MonthsAndTrendsAgainstTheYearBefore) {
    const auto manager = as_user(add_user("pm@testov.cz", "Prevence", sec::Role::prevention_manager,
                                          sec::Scope::municipality(testov)));
    TableQuery query;
    query.scope.town = testov;
    query.level = StatisticsLevel::town;
    query.category_ids = {10, 1};
    query.bucket = analytics::TimeBucket::month;
    query.compare_year_earlier = true;
    const auto table = statistics().staff_table(manager, query);
    ASSERT_EQ(table.buckets.size(), 12u);
    EXPECT_EQ(table.buckets.front().key, "2025-01");
    ASSERT_TRUE(table.previous_period);
    EXPECT_EQ(analytics::month_label(table.previous_period->from), "2024-01");
    const auto* march = row_of(table, testov, 10, "2025-03");
    ASSERT_NE(march, nullptr);
    EXPECT_EQ(march->count, 10);
    EXPECT_EQ(march->previous, 4);  // March 2024
    const auto* theft = row_of(table, testov, 10, std::nullopt);
    EXPECT_EQ(theft->count, 19);
    EXPECT_EQ(theft->previous, 4);
    const auto* violence = row_of(table, testov, 1, std::nullopt);
    EXPECT_EQ(violence->count, 8);
    EXPECT_EQ(violence->previous, 6);
}

TEST_F(StatisticsTest, PublicTablesFollowThePublicationRules) {
    auto query = district_query();
    query.compare_year_earlier = true;
    const auto table = statistics().table(query);
    EXPECT_FALSE(table.exact);
    expect_public(table);
    // The sensitive category is dropped below town level, its incident left out everywhere.
    ASSERT_EQ(table.categories.size(), 2u);
    EXPECT_EQ(table.dropped_sensitive_categories, std::vector<std::int32_t>{20});
    for (const auto& row : table.rows) EXPECT_NE(row.category_id, 20);
    // B's two thefts are hidden, and so is its total.
    EXPECT_EQ(row_of(table, district('B'), 10)->status, "suppressed");
    EXPECT_FALSE(row_of(table, district('B'), std::nullopt)->count.has_value());
    // A's figures are large enough to show; C's total leaves out the sensitive incident.
    EXPECT_EQ(row_of(table, district('A'), 1)->count, 5);
    const auto* c = row_of(table, district('C'), std::nullopt);
    EXPECT_TRUE(!c->count || *c->count == 7);
    // Every hidden cell of B stays hidden when every shown cell of its column is summed.
    std::int64_t shown = 0;
    for (const char letter : {'A', 'C', 'D'}) {
        if (const auto count = row_of(table, district(letter), 10)->count) shown += *count;
    }
    const auto total = row_of(table, std::nullopt, 10)->count;
    if (total) {
        EXPECT_NE(*total - shown, 2) << "column total reveals B";
    }
}

TEST_F(StatisticsTest, TheTownLevelShowsSensitiveCategoriesWithSuppression) {
    TableQuery query;
    query.scope.town = testov;
    const auto table = statistics().table(query);
    expect_public(table);
    ASSERT_EQ(table.categories.size(), 3u);
    EXPECT_EQ(row_of(table, testov, 20)->status, "suppressed");  // one incident
    EXPECT_EQ(row_of(table, testov, 10)->count, 19);
    EXPECT_EQ(row_of(table, testov, 1)->status, "complementary");
    EXPECT_EQ(row_of(table, testov, std::nullopt)->count, 28);
    EXPECT_DOUBLE_EQ(*row_of(table, testov, std::nullopt)->rate_per_1000, 5.6);
}

TEST_F(StatisticsTest, ChoroplethAndDistrictCard) {
    AreaFiguresQuery query;
    query.scope.town = testov;
    query.level = StatisticsLevel::district;
    query.category_id = 10;
    const auto figures = statistics().areas(query);
    ASSERT_EQ(figures.areas.size(), 4u);
    std::map<std::int64_t, const AreaFigure*> by_id;
    for (const auto& area : figures.areas) by_id[area.id] = &area;
    EXPECT_EQ(by_id.at(district('A'))->count, 10);
    EXPECT_DOUBLE_EQ(*by_id.at(district('A'))->rate_per_1000, 10.0);
    EXPECT_EQ(by_id.at(district('B'))->status, "suppressed");
    EXPECT_FALSE(by_id.at(district('B'))->rate_per_1000.has_value());
    EXPECT_NE(by_id.at(district('B'))->shape, nullptr);
    query.category_id = 21;
    EXPECT_EQ(error_of([&] { statistics().areas(query); }).field(), "category");

    const auto card = statistics().district_summary(district('A'));
    EXPECT_EQ(card.district_name, "Okrsek A");
    EXPECT_EQ(card.total, 15);
    EXPECT_EQ(card.previous_total, 4);
    EXPECT_DOUBLE_EQ(*card.change_percent, 275.0);
    EXPECT_DOUBLE_EQ(*card.rate_per_1000, 15.0);
    ASSERT_GE(card.top_categories.size(), 1u);
    EXPECT_EQ(card.top_categories.front().category_id, 10);
    EXPECT_EQ(error_of([&] { statistics().district_summary(area_id("city_parts", "N")); }).code(),
              core::ErrorCode::not_found);
}

TEST_F(StatisticsTest, ProfilesCompareAreasWithTheirPopulationAndPublishedOffences) {
    AreaFiguresQuery query;
    query.scope.town = testov;
    query.level = StatisticsLevel::district;
    const auto table = statistics().profiles(query);
    ASSERT_EQ(table.areas.size(), 4u);
    const auto& a = table.areas[0];
    EXPECT_EQ(a.id, district('A'));
    EXPECT_EQ(a.population, 1000.0);
    EXPECT_EQ(a.population_source, "layer");
    EXPECT_EQ(a.offences, 15);
    EXPECT_DOUBLE_EQ(*a.offences_rate_per_1000, 15.0);
    EXPECT_EQ(a.reports, 0);
    ASSERT_EQ(a.by_category.size(), 2u);                // the sensitive category is not among them
    EXPECT_FALSE(table.areas[1].offences.has_value());  // B: 2 incidents
    EXPECT_EQ(table.town.id, testov);
    EXPECT_EQ(table.town.population, 5000.0);
    for (const auto& cell : table.town.by_category) EXPECT_NE(cell.category_id, 20);
    query.level = StatisticsLevel::city_part;
    const auto parts = statistics().profiles(query);
    ASSERT_EQ(parts.areas.size(), 2u);
    EXPECT_EQ(parts.areas[0].name, "Část N");
}

TEST_F(StatisticsTest, PublicGridHidesSmallCellsAndLeavesOutEmptyOnes) {
    GridFiguresQuery query;
    query.scope.town = testov;
    query.cell_m = 2000;
    const auto grid = statistics().grid(query);
    ASSERT_FALSE(grid.cells.empty());
    for (const auto& cell : grid.cells) {
        if (cell.count) {
            EXPECT_GE(*cell.count, 3);
            EXPECT_EQ(cell.status, "shown");
        }
    }
    EXPECT_EQ(grid.total, 27);  // the sensitive incident is left out
    query.cell_m = 20;
    EXPECT_EQ(error_of([&] { statistics().grid(query); }).field(), "cell");
}

TEST_F(StatisticsTest, PermissionsOfStaffCalls) {
    const auto councillor =
        as_user(add_user("c@testov.cz", "Komise", sec::Role::security_commission_member,
                         sec::Scope::municipality(testov)));
    const auto admin = as_user(add_user("a@testov.cz", "Admin", sec::Role::administrator));
    // A district's officer may read exact data of the district, not the town-wide tables.
    const auto other_town =
        as_user(add_user("o@testov.cz", "Okrskář", sec::Role::district_state_officer,
                         sec::Scope::district(district('A'))));
    // analytics.read only: the public table, not audited.
    const auto before = peek->list_audit({.action = "crime."}).size();
    const auto table = statistics().staff_table(councillor, district_query());
    EXPECT_FALSE(table.exact);
    expect_public(table);
    EXPECT_EQ(peek->list_audit({.action = "crime."}).size(), before);
    EXPECT_EQ(error_of([&] { statistics().staff_table(admin, district_query()); }).code(),
              core::ErrorCode::forbidden);
    EXPECT_EQ(error_of([&] { statistics().staff_table(other_town, district_query()); }).code(),
              core::ErrorCode::forbidden);
    PointsQuery points;
    points.scope.town = testov;
    points.bbox = {13.99, 49.99, 14.05, 50.05};
    EXPECT_EQ(error_of([&] { statistics().incidents(councillor, points); }).code(),
              core::ErrorCode::forbidden);
    HotspotQuery hot;
    hot.scope.town = testov;
    EXPECT_EQ(error_of([&] { statistics().hotspots(councillor, hot); }).code(),
              core::ErrorCode::forbidden);
}

TEST_F(StatisticsTest, ExactPointsAndHotspotsAreAuditedWithoutThePoints) {
    const auto chief =
        as_user(add_user("mp@testov.cz", "Velitel", sec::Role::municipal_police_leadership,
                         sec::Scope::municipality(testov)));
    PointsQuery query;
    query.scope.town = testov;
    query.bbox = {13.99, 49.99, 14.05, 50.05};
    query.category_id = 10;
    const auto points = statistics().incidents(chief, query);
    EXPECT_EQ(points.points.size(), 19u);  // thefts of 2025
    for (const auto& point : points.points) {
        EXPECT_EQ(point.types, std::vector<std::int32_t>{11});
        EXPECT_TRUE(point.district_id.has_value());
    }
    auto audit = peek->list_audit({.action = "crime.incidents.read"});
    ASSERT_EQ(audit.size(), 1u);
    EXPECT_NE(audit.front().details_json.find("\"returned\":19"), std::string::npos);
    EXPECT_EQ(audit.front().details_json.find("occurred"), std::string::npos);
    query.limit = 5;
    const auto few = statistics().incidents(chief, query);
    EXPECT_EQ(few.points.size(), 5u);
    EXPECT_TRUE(few.truncated);
    query.bbox = {13.0, 49.0, 15.0, 51.0};
    EXPECT_EQ(error_of([&] { statistics().incidents(chief, query); }).field(), "bbox");

    HotspotQuery hot;
    hot.scope.town = testov;
    hot.cell_m = 500;
    for (const auto method :
         {HotspotMethod::grid, HotspotMethod::gi, HotspotMethod::kde, HotspotMethod::localmoran}) {
        hot.method = method;
        const auto layer = statistics().hotspots(chief, hot);
        EXPECT_EQ(layer.total, 28) << to_string(method);
        EXPECT_FALSE(layer.cells.empty()) << to_string(method);
    }
    EXPECT_EQ(peek->list_audit({.action = "crime.hotspots.read"}).size(), 4u);
}

TEST_F(StatisticsTest, ParametersAreChecked) {
    TableQuery query;
    query.scope.town = 123;
    EXPECT_EQ(error_of([&] { statistics().table(query); }).code(), core::ErrorCode::not_found);
    query.scope.town = testov;
    query.scope.from_month = parse_month("2025-06", "from");
    query.scope.to_month = parse_month("2025-01", "to");
    EXPECT_EQ(error_of([&] { statistics().table(query); }).field(), "from");
    query.scope.from_month = parse_month("2010-01", "from");
    query.scope.to_month = parse_month("2025-01", "to");
    EXPECT_EQ(error_of([&] { statistics().table(query); }).field(), "to");
    EXPECT_EQ(error_of([] { parse_month("2025-13", "from"); }).field(), "from");
    query.scope = {testov, std::string("other"), {}, {}};
    EXPECT_EQ(error_of([&] { statistics().table(query); }).field(), "source");
}

}  // namespace
}  // namespace okrsek::service
