#include "service/platform.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "service/demo_town.hpp"
#include "store/store.hpp"
#include "support/test_database.hpp"
#include "support/test_paths.hpp"
#include "support/testov_request.hpp"

namespace okrsek::service {
namespace {

ImportRequest request_for(const std::string& file, const std::string& layer,
                          std::optional<std::int64_t> town) {
    return test::testov_request(file, layer, town);
}

// On the engine $OKRSEK_TEST_ENGINE names: CTest runs these tests on SQLite and PostgreSQL.
class PlatformTest : public ::testing::Test {
protected:
    PlatformTest() : platform(store::open_store(database.setting())) {}
    void import_testov() {
        platform.import_areas(request_for("testov-town.geojson", "municipalities", std::nullopt));
        platform.import_areas(request_for("testov-districts.geojson", "districts", 999999));
    }
    test::TempDir dir;
    test::TestDatabase database{dir.path(), "p.db"};
    Platform platform;
};

core::ErrorCode code_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const core::Error& error) {
        return error.code();
    }
    return core::ErrorCode::internal;
}

TEST_F(PlatformTest, EmptyDatabaseHasNoLayersAndFindsNothing) {
    EXPECT_TRUE(platform.layers().empty());
    EXPECT_TRUE(platform.lookup({14.05, 50.05}).areas.empty());
    EXPECT_TRUE(platform.health().ok);
    EXPECT_EQ(platform.health().engine, database.engine());
}

TEST_F(PlatformTest, ImportThenLookup) {
    import_testov();
    const auto result = platform.lookup({14.15, 50.05});
    ASSERT_EQ(result.areas.size(), 2u);
    EXPECT_EQ(result.areas[0].info().code, "E");
    EXPECT_EQ(result.areas[1].info().name, "Testov");
}

TEST_F(PlatformTest, ImportReportsWhatItDid) {
    platform.import_areas(request_for("testov-town.geojson", "municipalities", std::nullopt));
    const auto report =
        platform.import_areas(request_for("testov-districts.geojson", "districts", 999999));
    EXPECT_EQ(report.feature_count, 2u);
    EXPECT_EQ(report.result.inserted, 2u);
    EXPECT_EQ(report.crs, "EPSG:4326");
    EXPECT_EQ(report.crs_source, "detected");
    EXPECT_TRUE(report.coverage.gaps.empty());
    EXPECT_TRUE(report.coverage.overlaps.empty());
    EXPECT_FALSE(report.unchanged);
    const auto again =
        platform.import_areas(request_for("testov-districts.geojson", "districts", 999999));
    EXPECT_TRUE(again.unchanged);
}

TEST_F(PlatformTest, ImportRulesAreEnforced) {
    EXPECT_EQ(code_of([&] {
                  platform.import_areas(request_for("testov-districts.geojson", "Bad Name", 1));
              }),
              core::ErrorCode::invalid_argument);
    EXPECT_EQ(code_of([&] {
                  platform.import_areas(
                      request_for("testov-districts.geojson", "districts", std::nullopt));
              }),
              core::ErrorCode::invalid_argument);
    EXPECT_EQ(code_of([&] {
                  platform.import_areas(request_for("testov-districts.geojson", "districts", 42));
              }),
              core::ErrorCode::not_found);
    // A municipalities layer's codes must be RÚIAN numbers: "W" is not.
    EXPECT_EQ(code_of([&] {
                  platform.import_areas(
                      request_for("testov-districts.geojson", "municipalities", std::nullopt));
              }),
              core::ErrorCode::invalid_input);
}

TEST_F(PlatformTest, FailedImportKeepsTheServedLayer) {
    import_testov();
    const auto before = platform.catalog();
    EXPECT_THROW(platform.import_areas(request_for("testov-bad-ring.geojson", "districts", 999999)),
                 core::Error);
    EXPECT_EQ(platform.catalog(), before);
    EXPECT_EQ(platform.lookup({14.15, 50.05}).areas[0].info().code, "E");
}

TEST_F(PlatformTest, ReadersKeepTheirSnapshotDuringAReimport) {
    import_testov();
    const auto held = platform.lookup({14.05, 50.05});
    auto request = request_for("testov-districts.geojson", "districts", 999999);
    request.read_options.name_property = "Nové {nazev}";
    platform.import_areas(request);
    EXPECT_EQ(held.areas[0].info().name, "Západ");  // the old snapshot is still whole
    EXPECT_EQ(platform.lookup({14.05, 50.05}).areas[0].info().name, "Nové Západ");
}

TEST_F(PlatformTest, AnotherProcessesImportIsPickedUpByRefresh) {
    import_testov();
    Platform other(store::open_store(database.setting()));
    auto request = request_for("testov-districts.geojson", "districts", 999999);
    request.read_options.name_property = "Jiné {nazev}";
    other.import_areas(request);
    EXPECT_TRUE(platform.refresh_if_changed());
    EXPECT_FALSE(platform.refresh_if_changed());
    EXPECT_EQ(platform.lookup({14.05, 50.05}).areas[0].info().name, "Jiné Západ");
}

TEST_F(PlatformTest, LookupValidatesPositions) {
    EXPECT_EQ(code_of([&] { platform.lookup({200.0, 50.0}); }), core::ErrorCode::invalid_argument);
    EXPECT_EQ(code_of([&] {
                  platform.lookup({14.0, std::nan("")});
              }),
              core::ErrorCode::invalid_argument);
    std::vector<core::LonLat> too_many(max_batch_points + 1, core::LonLat{14.0, 50.0});
    EXPECT_EQ(code_of([&] { platform.lookup_many(too_many); }), core::ErrorCode::payload_too_large);
}

TEST_F(PlatformTest, AreasGeoJsonIsCachedPerSnapshot) {
    import_testov();
    const auto first = platform.areas_geojson({"districts", std::nullopt, 0.0});
    const auto second = platform.areas_geojson({"districts", std::nullopt, 0.0});
    EXPECT_EQ(first, second);  // the same shared string
    EXPECT_NE(first->find("Západ"), std::string::npos);
}

TEST_F(PlatformTest, DemoTownLoadsPragueAndIsIdempotent) {
    const auto data = test::source_dir() / "data" / "demo";
    const auto reports = build_demo_town(platform, data);
    ASSERT_EQ(reports.size(), 3u);
    EXPECT_EQ(platform.catalog()->find_layer("districts")->areas.size(), 226u);
    EXPECT_EQ(platform.catalog()->find_layer("city_parts")->areas.size(), 57u);
    EXPECT_EQ(platform.catalog()->find_layer("municipalities")->areas.size(), 1u);
    // Old Town Square: okrsek 5 of OŘ MP Praha 1, city part Praha 1, town Praha.
    const auto hit = platform.lookup({14.4213, 50.0875});
    ASSERT_EQ(hit.areas.size(), 3u);
    EXPECT_EQ(hit.areas[0].info().name, "Okrsek 5 · OŘ MP Praha 1");
    EXPECT_EQ(hit.areas[0].info().code, "1-5");
    EXPECT_EQ(hit.areas[1].info().name, "Praha 1");
    EXPECT_EQ(hit.areas[2].info().name, "Praha");
    // The real layer has small overlaps, which the report names.
    EXPECT_GT(reports[2].coverage.overlaps.size(), 0u);
    for (const auto& report : build_demo_town(platform, data)) EXPECT_TRUE(report.unchanged);
    EXPECT_EQ(platform.catalog()->find_layer("districts")->areas.size(), 226u);
}

}  // namespace
}  // namespace okrsek::service
