// Several okrsek servers on one database (real processes, real HTTP): an import made
// elsewhere reaches every server within the refresh interval. Runs on both engines.
#include <gtest/gtest.h>

#include <chrono>
#include <exception>
#include <fstream>
#include <iostream>
#include <optional>
#include <thread>

#include "http_client.hpp"
#include "okrsek_command.hpp"
#include "server_process.hpp"
#include "support/test_database.hpp"
#include "support/test_paths.hpp"

namespace okrsek::test {
namespace {

using namespace std::chrono_literals;

constexpr const char* west_lookup = "/api/v1/lookup?lon=14.05&lat=50.05";

class MultiServerTest : public ::testing::Test {
protected:
    std::string db() const { return "--db '" + database.setting() + "'"; }

    void import_districts(const std::filesystem::path& file) {
        const auto result =
            run_okrsek(db() + " import areas " + file.string() +
                       " --layer districts --municipality 999999 --code-property kod "
                       "--name-property nazev");
        ASSERT_EQ(result.exit_code, 0) << result.output;
    }

    void SetUp() override {
        const auto town =
            run_okrsek(db() + " import areas " + support_file("testov-town.geojson").string() +
                       " --layer municipalities --code-property kod "
                       "--name-property nazev");
        ASSERT_EQ(town.exit_code, 0) << town.output;
        import_districts(support_file("testov-districts.geojson"));
    }

    // The district name server `port` gives for a point in the west of Testov.
    static std::string west_district(unsigned short port) {
        HttpClient client(port);
        const auto answer = client.get(west_lookup);
        if (answer.status != 200) return "HTTP " + std::to_string(answer.status);
        return answer.json()["areas"][0]["name"].get<std::string>();
    }

    TempDir dir;
    TestDatabase database{dir.path(), "multi.db"};
};

TEST_F(MultiServerTest, AnImportElsewhereReachesEveryServerWithinTheRefreshInterval) {
    const std::vector<std::string> fast_refresh{"--refresh-seconds", "0.2", "--rate-limit", "0"};
    ServerProcess first(okrsek_binary(), database.setting(), dir.path() / "first.log",
                        fast_refresh);
    ServerProcess second(okrsek_binary(), database.setting(), dir.path() / "second.log",
                         fast_refresh);
    ASSERT_EQ(west_district(first.port()), "Západ");
    ASSERT_EQ(west_district(second.port()), "Západ");

    // The same districts renamed, imported by a third process (the CLI), as an operator would.
    std::string renamed = read_file(support_file("testov-districts.geojson"));
    const auto at = renamed.find("Západ");
    ASSERT_NE(at, std::string::npos);
    renamed.replace(at, std::string("Západ").size(), "Západ nový");
    const auto file = dir.path() / "districts-renamed.geojson";
    std::ofstream(file) << renamed;
    const auto imported = std::chrono::steady_clock::now();
    import_districts(file);

    std::optional<std::chrono::milliseconds> seen_first, seen_second;
    while (std::chrono::steady_clock::now() - imported < 10s && !(seen_first && seen_second)) {
        const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - imported);
        if (!seen_first && west_district(first.port()) == "Západ nový") seen_first = elapsed;
        if (!seen_second && west_district(second.port()) == "Západ nový") seen_second = elapsed;
        std::this_thread::sleep_for(20ms);
    }
    ASSERT_TRUE(seen_first) << first.log();
    ASSERT_TRUE(seen_second) << second.log();
    // Bound: the refresh interval (0.2 s) plus the reload, with room for a loaded CI machine.
    EXPECT_LT(seen_first->count(), 3000);
    EXPECT_LT(seen_second->count(), 3000);
    std::cout << "[          ] seen after " << seen_first->count() << " ms and "
              << seen_second->count() << " ms\n";

    // Both now serve the same catalog version, and say which engine they use.
    HttpClient one(first.port());
    HttpClient two(second.port());
    const auto health_one = one.get("/api/v1/health").json();
    const auto health_two = two.get("/api/v1/health").json();
    EXPECT_EQ(health_one["catalog_version"], health_two["catalog_version"]);
    EXPECT_EQ(health_one["database"], database.engine());
    EXPECT_EQ(two.get("/api/v1/layers").json(), one.get("/api/v1/layers").json());
    // The area keeps its id across the re-import on both servers.
    EXPECT_EQ(one.get(west_lookup).json()["areas"][0]["id"],
              two.get(west_lookup).json()["areas"][0]["id"]);
}

TEST_F(MultiServerTest, TwoServersStartingAtOnceOnAFreshDatabaseMigrateItOnce) {
    TestDatabase fresh(dir.path(), "fresh.db");
    std::optional<ServerProcess> first, second;
    std::exception_ptr failure;
    std::thread starter([&] {
        try {
            first.emplace(okrsek_binary(), fresh.setting(), dir.path() / "a.log");
        } catch (...) {
            failure = std::current_exception();
        }
    });
    second.emplace(okrsek_binary(), fresh.setting(), dir.path() / "b.log");
    starter.join();
    if (failure) std::rethrow_exception(failure);
    ASSERT_TRUE(first && second);
    HttpClient one(first->port());
    HttpClient two(second->port());
    EXPECT_EQ(one.get("/api/v1/health").status, 200u) << first->log();
    EXPECT_EQ(two.get("/api/v1/health").status, 200u) << second->log();
    const auto migrate = run_okrsek("--db '" + fresh.setting() + "' migrate");
    EXPECT_NE(migrate.output.find("applied 0"), std::string::npos) << migrate.output;
}

}  // namespace
}  // namespace okrsek::test
