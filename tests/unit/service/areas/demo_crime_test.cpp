// The demo's crime data: the generator's determinism, places and rhythm, and build_demo_crime
// on Praha's real layers (data/demo): one source, everything placed in the town, profiles,
// nothing done twice.
#include "service/demo_crime.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>
#include <sstream>

#include "core/prague_time.hpp"
#include "service/demo_town.hpp"
#include "service/platform.hpp"
#include "support/test_database.hpp"
#include "support/test_paths.hpp"

namespace okrsek::service {
namespace {

namespace chr = std::chrono;

const auto now = chr::sys_days{chr::year{2026} / 11 / 23} + chr::hours(17);

struct Row {
    std::string id;
    double lon = 0, lat = 0;
    std::string date;
    std::int64_t type = 0;
};

std::vector<Row> rows_of(const std::string& csv) {
    std::vector<Row> rows;
    std::istringstream in(csv);
    std::string line;
    std::getline(in, line);
    EXPECT_EQ(line, "id,x,y,mp,date,state,relevance,types");
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::string cell;
        std::istringstream fields(line);
        while (std::getline(fields, cell, ',')) cells.push_back(cell);
        if (line.back() == ',') cells.emplace_back();
        EXPECT_EQ(cells.size(), 8u) << line;
        if (cells.size() != 8) continue;
        rows.push_back(
            {cells[0], std::stod(cells[1]), std::stod(cells[2]), cells[4], std::stoll(cells[7])});
    }
    return rows;
}

class DemoCrimeTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir = new test::TempDir();
        database = new test::TestDatabase(dir->path(), "demo.db");
        platform = new Platform(store::open_store(database->setting()));
        build_demo_town(*platform, test::source_dir() / "data" / "demo");
    }
    static void TearDownTestSuite() {
        delete platform;
        delete database;
        delete dir;
    }

    static test::TempDir* dir;
    static test::TestDatabase* database;
    static Platform* platform;
};

test::TempDir* DemoCrimeTest::dir = nullptr;
test::TestDatabase* DemoCrimeTest::database = nullptr;
Platform* DemoCrimeTest::platform = nullptr;

TEST_F(DemoCrimeTest, GeneratedIncidentsAreFixedByTheSeedAndLieInTheTown) {
    const auto catalog = platform->catalog();
    const auto text = generate_demo_incidents_csv(*catalog, demo_town_code, 3000, 7, now);
    EXPECT_EQ(generate_demo_incidents_csv(*catalog, demo_town_code, 3000, 7, now), text);
    EXPECT_NE(generate_demo_incidents_csv(*catalog, demo_town_code, 3000, 8, now), text);

    const auto rows = rows_of(text);
    std::set<std::string> ids;
    std::set<std::int64_t> types;
    std::map<std::string, std::vector<std::int64_t>> types_of;
    std::vector<AreaRef> hits;
    std::size_t outside = 0;
    for (const auto& row : rows) {
        ids.insert(row.id);
        types.insert(row.type);
        types_of[row.id].push_back(row.type);
        hits.clear();
        catalog->lookup({row.lon, row.lat}, hits);
        bool in_town = false;
        for (const auto& hit : hits) in_town |= hit.info().municipality_code == demo_town_code;
        if (!in_town) ++outside;
    }
    EXPECT_EQ(ids.size(), 3000u);
    EXPECT_EQ(*ids.begin(), "demo-000001");
    EXPECT_EQ(outside, 0u);
    EXPECT_GE(types.size(), 20u);
    // A sub-type comes with its top category, as in the Policie files.
    EXPECT_EQ(types_of["demo-000001"].size() == 1 || types_of["demo-000001"].size() == 2, true);

    // The 24 whole months before November 2026, with more at weekends' nights than at dawn.
    std::map<int, std::size_t> by_hour;
    std::map<unsigned, std::size_t> by_weekday;
    std::set<std::string> months;
    for (const auto& row : rows) {
        if (row.type != types_of[row.id].front()) continue;  // one per incident
        const auto instant = core::parse_prague_time(row.date, "date");
        months.insert(core::format_prague_time(instant).substr(0, 7));
        const auto local = core::to_prague_local(instant);
        const auto day = chr::floor<chr::days>(local);
        by_hour[static_cast<int>(chr::duration_cast<chr::hours>(local - day).count())]++;
        by_weekday[chr::weekday{chr::sys_days{day.time_since_epoch()}}.iso_encoding()]++;
    }
    EXPECT_EQ(months.size(), 24u);
    EXPECT_EQ(*months.begin(), "2024-11");
    EXPECT_EQ(*months.rbegin(), "2026-10");
    EXPECT_GT(by_hour[16], 2 * by_hour[4]);
    EXPECT_GT(by_weekday[6], by_weekday[7]);  // Saturday over Sunday
}

TEST_F(DemoCrimeTest, BuildsOneSourceOnceWithProfiles) {
    const auto report =
        build_demo_crime(*platform, test::source_dir() / "data" / "demo", demo_town_code);
    EXPECT_FALSE(report.skipped);
    EXPECT_EQ(report.sample_incidents, 10u);
    EXPECT_EQ(report.generated_incidents, demo_generated_incidents);
    EXPECT_GE(report.profiles, 6u);

    auto peek = store::open_store(database->setting());
    EXPECT_EQ(peek->crime_sources(), std::vector<std::string>{"demo"});
    EXPECT_EQ(peek->incident_count("demo"),
              static_cast<std::int64_t>(demo_generated_incidents + 10));
    std::size_t unplaced = 0;
    peek->for_each_incident([&](const store::StoredIncident& s) {
        if (s.incident.municipality_code != demo_town_code || !s.incident.district_id) ++unplaced;
    });
    EXPECT_EQ(unplaced, 0u);
    EXPECT_EQ(peek->crime_codes("demo", store::CrimeCodeList::types).size(), 39u);
    const auto real = peek->find_incident("demo", "13990318");
    ASSERT_TRUE(real);
    EXPECT_EQ(real->incident.types, (std::vector<std::int64_t>{1, 9, 90, 96}));

    const auto catalog = platform->catalog();
    const auto districts =
        platform->area_profiles().of_layer(*catalog, demo_town_code, "districts");
    std::size_t with_amenities = 0;
    double people = 0;
    for (const auto& profile : districts) {
        // Every district has a population (rates per 1,000 everywhere)...
        EXPECT_EQ(profile.population_source, "profile");
        ASSERT_TRUE(profile.population);
        EXPECT_GE(*profile.population, 3000.0);
        people += *profile.population;
        // ...and those around the busiest centres amenities and prevention workers as well.
        if (profile.amenities.empty()) continue;
        ++with_amenities;
        EXPECT_TRUE(profile.amenities.contains("bars_open_late"));
        EXPECT_TRUE(profile.prevention_workers.contains("street_workers"));
    }
    EXPECT_EQ(districts.size(), 226u);
    EXPECT_GE(with_amenities, 6u);
    EXPECT_NEAR(people, 1'380'000.0, 200'000.0);
    EXPECT_EQ(districts.size() + 1, report.profiles);  // and the town
    const auto town =
        platform->area_profiles().of_layer(*catalog, demo_town_code, "municipalities");
    ASSERT_EQ(town.size(), 1u);
    EXPECT_EQ(town[0].population, 1'380'000.0);

    const auto again =
        build_demo_crime(*platform, test::source_dir() / "data" / "demo", demo_town_code);
    EXPECT_TRUE(again.skipped);
    EXPECT_EQ(again.profiles, 0u);
    EXPECT_EQ(peek->incident_count("demo"),
              static_cast<std::int64_t>(demo_generated_incidents + 10));
}

}  // namespace
}  // namespace okrsek::service
