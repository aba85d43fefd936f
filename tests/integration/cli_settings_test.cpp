// Where the okrsek binary takes its settings from: command line, config file, environment.
#include <gtest/gtest.h>

#include <fstream>

#include "okrsek_command.hpp"
#include "store/migrations.hpp"
#include "support/test_database.hpp"
#include "support/test_paths.hpp"

namespace okrsek::test {
namespace {

// What migrating an empty database reports.
const std::string applied_all = "applied " + std::to_string(store::latest_schema_version());

class CliSettingsTest : public ::testing::Test {
protected:
    std::filesystem::path write(const std::string& name, const std::string& text) {
        const auto path = dir.path() / name;
        std::ofstream(path) << text;
        return path;
    }

    TempDir dir;
    TestDatabase database{dir.path(), "settings.db"};
};

TEST_F(CliSettingsTest, TheDatabaseComesFromTheConfigFile) {
    const auto config = write("okrsek.toml", "db = \"" + database.setting() +
                                                 "\"\ndb-pool-size = 2\n"
                                                 "[serve]\nlisten = \"127.0.0.1:0\"\n");
    const auto result = run_okrsek("--config " + config.string() + " migrate");
    ASSERT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("(" + database.engine() + ")"), std::string::npos)
        << result.output;
    EXPECT_NE(result.output.find(applied_all), std::string::npos) << result.output;
    // The same file through $OKRSEK_CONFIG: the database is already migrated.
    const auto again = run_okrsek("migrate", "OKRSEK_CONFIG=" + config.string());
    EXPECT_NE(again.output.find("applied 0"), std::string::npos) << again.output;
}

TEST_F(CliSettingsTest, CommandLineWinsOverConfigFileWhichWinsOverEnvironment) {
    const auto config = write("okrsek.toml", "db = \"" + database.setting() + "\"\n");
    ASSERT_EQ(run_okrsek("--config " + config.string() + " migrate").exit_code, 0);
    // The config file's database (already migrated) rather than $OKRSEK_DB's.
    const auto env_db = (dir.path() / "from-env.db").string();
    const auto config_wins =
        run_okrsek("--config " + config.string() + " migrate", "OKRSEK_DB=" + env_db);
    EXPECT_NE(config_wins.output.find("applied 0"), std::string::npos) << config_wins.output;
    EXPECT_FALSE(std::filesystem::exists(env_db));
    // --db on the command line beats both.
    const auto cli_db = (dir.path() / "from-cli.db").string();
    const auto cli_wins = run_okrsek("--config " + config.string() + " --db " + cli_db + " migrate",
                                     "OKRSEK_DB=" + env_db);
    EXPECT_NE(cli_wins.output.find(applied_all), std::string::npos) << cli_wins.output;
    EXPECT_TRUE(std::filesystem::exists(cli_db));
    // And $OKRSEK_DB alone is used when nothing else names a database.
    const auto env_only = run_okrsek("migrate", "OKRSEK_DB=" + env_db);
    EXPECT_EQ(env_only.exit_code, 0) << env_only.output;
    EXPECT_TRUE(std::filesystem::exists(env_db));
}

TEST_F(CliSettingsTest, BadSettingsAreUsageErrorsThatSayWhatIsWrong) {
    const auto misspelt = write("misspelt.toml", "databse = \"x.db\"\n");
    auto result = run_okrsek("--config " + misspelt.string() + " migrate");
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.output.find("unknown setting 'databse'"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("misspelt.toml"), std::string::npos) << result.output;

    const auto bad_section = write("section.toml", "[serve]\nlistn = \"127.0.0.1:1\"\n");
    result = run_okrsek("--config " + bad_section.string() + " migrate");
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.output.find("serve.listn"), std::string::npos) << result.output;

    result = run_okrsek("migrate", "OKRSEK_CONFIG=" + (dir.path() / "missing.toml").string());
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.output.find("does not exist"), std::string::npos) << result.output;

    result = run_okrsek("--db '" + database.setting() + "' --db-pool-size 0 migrate");
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.output.find("--db-pool-size"), std::string::npos) << result.output;

    result = run_okrsek("--db '" + database.setting() + "' serve --trusted-proxy 10.0.0.0/8");
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.output.find("10.0.0.0/8"), std::string::npos) << result.output;
}

TEST_F(CliSettingsTest, AnUnreachablePostgresqlIsAFailureWithoutThePassword) {
    // Port 1 on loopback refuses at once; the password must not appear in the message.
    const auto result = run_okrsek(
        "--db 'postgresql://okrsek:s3cret-pw@127.0.0.1:1/okrsek' --db-connect-timeout-s 2 "
        "migrate");
    EXPECT_EQ(result.exit_code, 1) << result.output;
    EXPECT_NE(result.output.find("cannot connect"), std::string::npos) << result.output;
    EXPECT_EQ(result.output.find("s3cret-pw"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace okrsek::test
