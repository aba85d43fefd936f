#include "store/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "store/migrations.hpp"
#include "support/test_paths.hpp"

namespace okrsek::store {
namespace {

geo::MultiPolygon square(double lon, double lat, double size) {
    return {geo::Polygon{
        {{lon, lat}, {lon + size, lat}, {lon + size, lat + size}, {lon, lat + size}, {lon, lat}},
        {}}};
}

NewArea area(std::string code, double lon) {
    return NewArea{999999, std::move(code), "Area", R"({"a":1})", square(lon, 50.0, 0.1)};
}

class SqliteStoreTest : public ::testing::Test {
protected:
    SqliteStoreTest() : store((dir.path() / "t.db").string()) { store.migrate(); }
    test::TempDir dir;
    sqlite::SqliteStore store;
    const std::vector<core::Municipality> towns{{999999, "Testov"}};
};

TEST_F(SqliteStoreTest, MigratesOnceAndReportsTheVersion) {
    EXPECT_EQ(store.schema_version(), static_cast<int>(migrations().size()));
    EXPECT_EQ(store.migrate(), 0);
    EXPECT_EQ(store.engine(), "sqlite");
    EXPECT_NO_THROW(store.ping());
}

TEST_F(SqliteStoreTest, ReplaceInsertsAndRoundTripsGeometry) {
    const std::vector<NewArea> areas{area("A", 14.0), area("B", 14.1)};
    const auto result = store.replace_areas({"districts", 999999}, areas, towns, "f1");
    EXPECT_EQ(result.inserted, 2u);
    EXPECT_EQ(result.layer_version, 1);
    const auto rows = store.load_areas("districts");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].info.code, "A");
    EXPECT_EQ(rows[0].info.layer, "districts");
    EXPECT_EQ(rows[0].info.municipality_code, 999999);
    EXPECT_EQ(rows[0].info.properties_json, R"({"a":1})");
    ASSERT_EQ(rows[1].geometry.size(), 1u);
    EXPECT_EQ(rows[1].geometry[0].outer, areas[1].geometry[0].outer);
    EXPECT_EQ(store.municipalities().at(0).name, "Testov");
    EXPECT_EQ(store.import_fingerprint({"districts", 999999}), "f1");
    EXPECT_EQ(store.import_fingerprint({"districts", std::nullopt}), std::nullopt);
}

TEST_F(SqliteStoreTest, ReimportKeepsIdsOfKnownCodesAndRemovesMissingOnes) {
    store.replace_areas({"districts", 999999}, std::vector{area("A", 14.0), area("B", 14.1)}, towns,
                        "f1");
    const auto before = store.load_areas("districts");
    const auto result = store.replace_areas(
        {"districts", 999999}, std::vector{area("B", 14.2), area("C", 14.3)}, towns, "f2");
    EXPECT_EQ(result.inserted, 1u);
    EXPECT_EQ(result.updated, 1u);
    EXPECT_EQ(result.deleted, 1u);
    EXPECT_EQ(result.layer_version, 2);
    const auto after = store.load_areas("districts");
    ASSERT_EQ(after.size(), 2u);
    EXPECT_EQ(after[0].info.code, "B");
    EXPECT_EQ(after[0].info.id, before[1].info.id);
    EXPECT_DOUBLE_EQ(after[0].geometry[0].outer[0].lon, 14.2);
    EXPECT_EQ(store.find_area(before[0].info.id), std::nullopt);
}

TEST_F(SqliteStoreTest, ReplacingOneTownLeavesOtherTownsOfTheLayer) {
    const std::vector<core::Municipality> two{{999999, "Testov"}, {888888, "Jinov"}};
    store.replace_areas({"districts", 999999}, std::vector{area("A", 14.0)}, two, "f1");
    NewArea other = area("A", 15.0);
    other.municipality_code = 888888;
    store.replace_areas({"districts", 888888}, std::vector{other}, {}, "f2");
    store.replace_areas({"districts", 999999}, std::vector{area("Z", 14.0)}, {}, "f3");
    const auto rows = store.load_areas("districts");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].info.municipality_code, 888888);
    EXPECT_EQ(rows[1].info.code, "Z");
}

TEST_F(SqliteStoreTest, FailedReplaceChangesNothing) {
    store.replace_areas({"districts", 999999}, std::vector{area("A", 14.0)}, towns, "f1");
    const auto version = store.catalog_version();
    // Two areas with the same code violate the unique constraint half way through.
    EXPECT_THROW(store.replace_areas({"districts", 999999},
                                     std::vector{area("N", 14.0), area("N", 14.1)}, towns, "f2"),
                 core::Error);
    const auto rows = store.load_areas("districts");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].info.code, "A");
    EXPECT_EQ(store.catalog_version(), version);
    EXPECT_EQ(store.import_fingerprint({"districts", 999999}), "f1");
}

TEST_F(SqliteStoreTest, UnknownTownViolatesForeignKey) {
    NewArea orphan = area("A", 14.0);
    orphan.municipality_code = 123;
    EXPECT_THROW(store.replace_areas({"districts", 123}, std::vector{orphan}, {}, "f"),
                 core::Error);
}

TEST_F(SqliteStoreTest, LayersCountTheirAreas) {
    store.replace_areas({"districts", 999999}, std::vector{area("A", 14.0), area("B", 14.1)}, towns,
                        "f1");
    const auto layers = store.layers();
    ASSERT_EQ(layers.size(), 1u);
    EXPECT_EQ(layers[0].name, "districts");
    EXPECT_EQ(layers[0].area_count, 2);
    EXPECT_EQ(layers[0].updated_at_utc.size(), 20u);
}

TEST(OpenStore, RejectsPostgresUntilSupportedAndEmptySettings) {
    EXPECT_THROW(open_store("postgresql://localhost/okrsek"), core::Error);
    EXPECT_THROW(open_store(""), core::Error);
}

TEST(OpenStore, UnreachablePathIsUnavailable) {
    try {
        open_store("/nonexistent-folder/x/y.db");
        FAIL() << "expected an error";
    } catch (const core::Error& error) {
        EXPECT_EQ(error.code(), core::ErrorCode::unavailable);
    }
}

TEST(Migrations, RenderPerDialect) {
    const auto& first = migrations().front();
    const auto sqlite = render_sql(first, Dialect::sqlite);
    const auto pg = render_sql(first, Dialect::postgresql);
    EXPECT_NE(sqlite.find("INTEGER PRIMARY KEY"), std::string::npos);
    EXPECT_NE(pg.find("GENERATED BY DEFAULT AS IDENTITY"), std::string::npos);
    EXPECT_NE(pg.find("BYTEA"), std::string::npos);
    EXPECT_EQ(sqlite.find("${"), std::string::npos);
    EXPECT_EQ(pg.find("${"), std::string::npos);
}

}  // namespace
}  // namespace okrsek::store
