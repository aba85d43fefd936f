// PostgreSQL as a server that can go away: the HTTP server's health while the database is
// stopped and after it comes back, statement timeouts, the pool's size limit.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "http/application.hpp"
#include "http/server.hpp"
#include "http_client.hpp"
#include "service/catalog_refresher.hpp"
#include "service/platform.hpp"
#include "store/migrations.hpp"
#include "store/postgres/pg_handle.hpp"
#include "store/store.hpp"
#include "support/pg_cluster.hpp"
#include "support/testov_request.hpp"

namespace okrsek::test {
namespace {

using namespace std::chrono_literals;

std::unique_ptr<service::Platform> testov_on(const store::StoreSettings& settings) {
    auto platform = std::make_unique<service::Platform>(store::open_store(settings));
    platform->import_areas(testov_request("testov-town.geojson", "municipalities", std::nullopt));
    platform->import_areas(testov_request("testov-districts.geojson", "districts", testov_code));
    return platform;
}

// Waits up to `limit` for `condition`, checking every 50 ms.
template <typename Condition>
bool eventually(Condition condition, std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) return true;
        std::this_thread::sleep_for(50ms);
    }
    return condition();
}

TEST(PgResilience, HealthFailsWhileTheDatabaseIsDownAndRecoversByItself) {
    PgCluster cluster;  // private: stopping the shared one would disturb other tests
    PgDatabase database(cluster);
    auto platform = testov_on({.database = database.uri(), .pool_size = 3});
    http::Application application(*platform, {}, std::nullopt);
    http::ServerSettings settings;
    settings.port = 0;
    settings.threads = 2;
    settings.rate_per_second = 0.0;
    http::Server server(application, settings);
    server.start();
    service::CatalogRefresher refresher(*platform, 100ms);
    HttpClient client(server.port());

    auto health = client.get("/api/v1/health");
    ASSERT_EQ(health.status, 200u) << health.body;
    EXPECT_EQ(health.json()["database"], "postgresql");
    // Use every pooled connection once, so that all of them go stale with the restart.
    for (int i = 0; i < 6; ++i) ASSERT_EQ(client.get("/api/v1/municipalities").status, 200u);

    cluster.stop();
    health = client.get("/api/v1/health");
    EXPECT_EQ(health.status, 503u) << health.body;
    EXPECT_EQ(health.json()["status"], "unavailable");
    EXPECT_EQ(health.json()["database"], "postgresql");
    EXPECT_EQ(health.json()["error"]["code"], "unavailable");
    // What needs the database says so; what the loaded layers answer goes on working.
    EXPECT_EQ(client.get("/api/v1/municipalities").status, 503u);
    const auto lookup = client.get("/api/v1/lookup?lon=14.05&lat=50.05");
    EXPECT_EQ(lookup.status, 200u) << lookup.body;
    EXPECT_EQ(client.get("/api/v1/areas?layer=districts").status, 200u);
    std::this_thread::sleep_for(300ms);  // the refresher fails a few times meanwhile
    EXPECT_EQ(client.get("/api/v1/health").status, 503u);

    cluster.start();
    // No waiting: the first requests after the restart reconnect their stale connections.
    health = client.get("/api/v1/health");
    EXPECT_EQ(health.status, 200u) << health.body;
    for (int i = 0; i < 6; ++i) {
        const auto towns = client.get("/api/v1/municipalities");
        EXPECT_EQ(towns.status, 200u) << towns.body;
    }

    // And the refresher picks up an import made by another process after the restart.
    auto other = store::open_store(database.uri());
    service::Platform writer(std::move(other));
    auto renamed = testov_request("testov-districts.geojson", "districts", testov_code);
    const auto at = renamed.geojson.find("Západ");
    ASSERT_NE(at, std::string::npos);
    renamed.geojson.replace(at, std::string("Západ").size(), "Západ po restartu");
    writer.import_areas(renamed);
    EXPECT_TRUE(eventually(
        [&] {
            const auto answer = client.get("/api/v1/lookup?lon=14.05&lat=50.05");
            return answer.status == 200 && answer.json()["areas"][0]["name"] == "Západ po restartu";
        },
        5s));
    server.stop();
}

TEST(PgResilience, StartsWhenTheDatabaseIsUnreachableOnlyWithAClearError) {
    PgCluster cluster;
    const std::string uri = cluster.uri("postgres");
    cluster.stop();
    try {
        store::open_store(store::StoreSettings{.database = uri, .connect_timeout = 2s});
        FAIL() << "opened a stopped database";
    } catch (const core::Error& error) {
        EXPECT_EQ(error.code(), core::ErrorCode::unavailable);
        EXPECT_NE(std::string(error.what()).find("cannot connect"), std::string::npos)
            << error.what();
    }
}

TEST(PgResilience, AStatementRunningLongerThanTheTimeoutIsCancelled) {
    PgDatabase database;
    auto store = store::open_store(
        store::StoreSettings{.database = database.uri(), .statement_timeout = 200ms});
    store->migrate();
    // Another session holds the layers table; the store's read has to wait for it.
    store::postgres::Connection blocker(database.uri());
    blocker.execute_script("BEGIN; LOCK TABLE layers IN ACCESS EXCLUSIVE MODE");
    const auto started = std::chrono::steady_clock::now();
    try {
        store->catalog_version();
        FAIL() << "the blocked statement was not cancelled";
    } catch (const core::Error& error) {
        EXPECT_EQ(error.code(), core::ErrorCode::unavailable) << error.what();
        EXPECT_NE(std::string(error.what()).find("statement timeout"), std::string::npos)
            << error.what();
    }
    const auto waited = std::chrono::steady_clock::now() - started;
    EXPECT_GE(waited, 150ms);
    EXPECT_LT(waited, 5s);
    blocker.execute_script("ROLLBACK");
    EXPECT_EQ(store->catalog_version(), 0);  // the connection is fine afterwards
}

TEST(PgResilience, MigrationsAreExemptFromTheStatementTimeout) {
    PgDatabase database;
    auto store = store::open_store(
        store::StoreSettings{.database = database.uri(), .statement_timeout = 100ms});
    // A second server holds the migration lock for longer than the timeout.
    store::postgres::Connection other(database.uri());
    other.execute_script("BEGIN; SELECT pg_advisory_xact_lock(122507272349035)");
    std::thread release([&] {
        std::this_thread::sleep_for(500ms);
        other.execute_script("COMMIT");
    });
    EXPECT_EQ(store->migrate(), store::latest_schema_version());
    release.join();
}

TEST(PgResilience, NoMoreConnectionsThanThePoolSize) {
    PgDatabase database;
    auto store =
        store::open_store(store::StoreSettings{.database = database.uri(), .pool_size = 2});
    store->migrate();
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 50; ++i) store->municipalities();
        });
    }
    // While they run, count this database's okrsek sessions from the outside.
    store::postgres::Connection observer(database.uri());
    long most = 0;
    for (int i = 0; i < 20; ++i) {
        const auto rows = observer.query(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = $1 AND "
            "application_name = 'okrsek' AND pid <> pg_backend_pid()",
            store::postgres::Params().add(database.name()));
        most = std::max<long>(most, rows.int64(0, 0));
        std::this_thread::sleep_for(5ms);
    }
    for (auto& thread : threads) thread.join();
    EXPECT_GE(most, 1);
    EXPECT_LE(most, 2);
}

}  // namespace
}  // namespace okrsek::test
