// The whole import → lookup path of the service on PostgreSQL.
#include <gtest/gtest.h>

#include "service/platform.hpp"
#include "store/store.hpp"
#include "support/pg_cluster.hpp"
#include "support/test_paths.hpp"
#include "support/testov_request.hpp"

namespace okrsek::service {
namespace {

ImportRequest request_for(const std::string& file, const std::string& layer,
                          std::optional<std::int64_t> town) {
    return test::testov_request(file, layer, town);
}

TEST(PgPlatform, ImportThenLookupThenSeeItFromASecondServer) {
    test::PgDatabase database;
    Platform platform(store::open_store(database.uri()));
    EXPECT_EQ(platform.health().engine, "postgresql");
    EXPECT_TRUE(platform.health().ok);
    platform.import_areas(request_for("testov-town.geojson", "municipalities", std::nullopt));
    const auto report =
        platform.import_areas(request_for("testov-districts.geojson", "districts", 999999));
    EXPECT_EQ(report.result.inserted, 2u);
    const auto result = platform.lookup({14.15, 50.05});
    ASSERT_EQ(result.areas.size(), 2u);
    EXPECT_EQ(result.areas[0].info().code, "E");
    EXPECT_EQ(result.areas[1].info().name, "Testov");
    EXPECT_TRUE(platform.import_areas(request_for("testov-districts.geojson", "districts", 999999))
                    .unchanged);

    // A second server on the same database loads the same catalog on start.
    Platform second(store::open_store(database.uri()));
    const auto seen = second.lookup({14.15, 50.05});
    ASSERT_EQ(seen.areas.size(), 2u);
    EXPECT_EQ(seen.areas[0].info().code, "E");
}

}  // namespace
}  // namespace okrsek::service
