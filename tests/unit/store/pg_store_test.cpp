#include "store/postgres/pg_store.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "store/migrations.hpp"
#include "support/pg_cluster.hpp"
#include "unit/store/store_cases.hpp"

namespace okrsek::store {
namespace {

struct PgBackend {
    static constexpr std::string_view engine = "postgresql";
    std::unique_ptr<Store> open() { return std::make_unique<postgres::PgStore>(database.uri()); }
    test::PgDatabase database;
};

}  // namespace

namespace cases {
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, StoreContract, PgBackend);
}  // namespace cases

namespace {

using cases::area;
using cases::error_code_of;

const std::vector<core::Municipality> towns{{999999, "Testov"}};

int connections_to(const std::string& database) {
    postgres::Connection admin(test::pg_cluster().uri("postgres"));
    const auto rows = admin.query(
        "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
        postgres::Params().add(database));
    return static_cast<int>(rows.int64(0, 0));
}

TEST(PgOpenStore, PostgresUrisOpenThePostgresEngine) {
    test::PgDatabase database;
    auto store = open_store(database.uri());
    EXPECT_EQ(store->engine(), "postgresql");
    EXPECT_NO_THROW(store->ping());
    std::string short_scheme = database.uri();
    short_scheme.replace(0, std::string_view("postgresql").size(), "postgres");
    EXPECT_EQ(open_store(short_scheme)->schema_version(), 0);
}

TEST(PgStore, TwoServersMigratingAtOnceApplyEachMigrationOnce) {
    test::PgDatabase database;
    postgres::PgStore first(database.uri());
    postgres::PgStore second(database.uri());
    std::atomic<int> applied = 0;
    std::thread a([&] { applied += first.migrate(); });
    std::thread b([&] { applied += second.migrate(); });
    a.join();
    b.join();
    EXPECT_EQ(applied, static_cast<int>(migrations().size()));
    EXPECT_EQ(first.schema_version(), static_cast<int>(migrations().size()));
}

TEST(PgStore, ManyThreadsShareASmallPool) {
    test::PgDatabase database;
    postgres::PgStore store(StoreSettings{.database = database.uri(), .pool_size = 2});
    store.migrate();
    store.replace_areas({"districts", 999999}, std::vector{area("A", 14.0), area("B", 14.1)}, towns,
                        "f1");
    std::atomic<int> correct = 0;
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 25; ++i) {
                if (store.load_areas("districts").size() == 2 && store.catalog_version() == 1) {
                    ++correct;
                }
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(correct, 8 * 25);
    EXPECT_LE(connections_to(database.name()), 2);
}

TEST(PgStore, ReconnectsAfterTheServerDroppedItsConnections) {
    test::PgDatabase database;
    postgres::PgStore store(StoreSettings{.database = database.uri(), .pool_size = 1});
    store.migrate();
    test::PgDatabase::admin(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" +
        database.name() + "'");
    for (int i = 0; i < 100 && connections_to(database.name()) > 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    // The read that finds its connection dead reconnects it and runs again: no error.
    EXPECT_NO_THROW(store.ping());
    EXPECT_EQ(connections_to(database.name()), 1);
    EXPECT_EQ(store.schema_version(), static_cast<int>(migrations().size()));
    // So does a write: only its BEGIN met the dead connection.
    test::PgDatabase::admin(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" +
        database.name() + "'");
    for (int i = 0; i < 100 && connections_to(database.name()) > 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_EQ(store.replace_areas({"districts", 999999}, std::vector{area("A", 14.0)}, towns, "f")
                  .inserted,
              1u);
}

TEST(PgStore, IsUnavailableWhileTheServerIsDownAndRecoversAfterwards) {
    // A private cluster: stopping the shared one would fail the tests running beside this one.
    test::PgCluster cluster;
    test::PgDatabase database(cluster);
    postgres::PgStore store(StoreSettings{.database = database.uri(), .pool_size = 2});
    store.migrate();
    store.replace_areas({"districts", 999999}, std::vector{area("A", 14.0)}, towns, "f1");
    cluster.stop();
    EXPECT_FALSE(cluster.answers());
    EXPECT_EQ(error_code_of([&] { store.ping(); }), core::ErrorCode::unavailable);
    EXPECT_EQ(error_code_of([&] { store.load_areas("districts"); }), core::ErrorCode::unavailable);
    cluster.start();
    EXPECT_NO_THROW(store.ping());
    EXPECT_EQ(store.load_areas("districts").size(), 1u);
}

}  // namespace
}  // namespace okrsek::store
