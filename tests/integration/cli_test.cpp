// The okrsek binary as a user runs it: exit codes 0/1/2, messages naming file and line.
#include <gtest/gtest.h>

#include "okrsek_command.hpp"
#include "store/migrations.hpp"
#include "support/test_database.hpp"
#include "support/test_paths.hpp"

namespace okrsek::test {
namespace {

class CliTest : public ::testing::Test {
protected:
    // Quoted for the shell: a temporary path or a postgresql:// URI, neither with a quote.
    std::string db() const { return "--db '" + database.setting() + "'"; }
    std::string data(const std::string& name) const { return support_file(name).string(); }

    void import_testov() {
        ASSERT_EQ(run_okrsek(db() + " import areas " + data("testov-town.geojson") +
                             " --layer municipalities --code-property kod --name-property nazev")
                      .exit_code,
                  0);
        ASSERT_EQ(run_okrsek(db() + " import areas " + data("testov-districts.geojson") +
                             " --layer districts --municipality 999999 --code-property kod "
                             "--name-property nazev")
                      .exit_code,
                  0);
    }

    TempDir dir;
    TestDatabase database{dir.path(), "cli.db"};
};

TEST_F(CliTest, HelpListsTheCommands) {
    const auto result = run_okrsek("--help");
    EXPECT_EQ(result.exit_code, 0);
    for (const char* command : {"serve", "migrate", "import", "lookup", "demo"}) {
        EXPECT_NE(result.output.find(command), std::string::npos) << command;
    }
}

TEST_F(CliTest, UsageErrorsExitWith2) {
    EXPECT_EQ(run_okrsek("").exit_code, 2);
    EXPECT_EQ(run_okrsek("frobnicate").exit_code, 2);
    EXPECT_EQ(run_okrsek(db() + " import areas").exit_code, 2);
    const auto bad_crs = run_okrsek(db() + " import areas " + data("testov-town.geojson") +
                                    " --layer municipalities --crs EPSG:3857");
    EXPECT_EQ(bad_crs.exit_code, 2);
    EXPECT_NE(bad_crs.output.find("--crs"), std::string::npos) << bad_crs.output;
}

TEST_F(CliTest, MigrateReportsTheSchemaVersion) {
    const auto result = run_okrsek(db() + " migrate");
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(
        result.output.find("schema version " + std::to_string(store::latest_schema_version())),
        std::string::npos)
        << result.output;
    EXPECT_NE(run_okrsek(db() + " migrate").output.find("applied 0"), std::string::npos);
}

TEST_F(CliTest, ImportReportsAndSkipsAnUnchangedFile) {
    import_testov();
    const auto again = run_okrsek(db() + " import areas " + data("testov-districts.geojson") +
                                  " --layer districts --municipality 999999 --code-property kod "
                                  "--name-property nazev");
    EXPECT_EQ(again.exit_code, 0);
    EXPECT_NE(again.output.find("unchanged"), std::string::npos) << again.output;
    const auto forced = run_okrsek(db() + " import areas " + data("testov-districts.geojson") +
                                   " --layer districts --municipality 999999 --code-property kod "
                                   "--name-property nazev --force");
    EXPECT_NE(forced.output.find("2 updated"), std::string::npos) << forced.output;
}

TEST_F(CliTest, BadImportNamesTheFeatureAndStoresNothing) {
    import_testov();
    const auto result = run_okrsek(db() + " import areas " + data("testov-bad-ring.geojson") +
                                   " --layer districts --municipality 999999 --code-property kod "
                                   "--name-property nazev");
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.output.find("testov-bad-ring.geojson"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("feature 1"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("closed"), std::string::npos) << result.output;
    // The previous layer is intact: a lookup still finds both districts.
    const auto out = (dir.path() / "out.csv").string();
    EXPECT_EQ(run_okrsek(db() + " lookup --input " + data("testov-points.csv") + " --output " + out)
                  .exit_code,
              0);
    EXPECT_NE(read_file(out).find("border,14.1,50.05,E,Východ"), std::string::npos);
}

TEST_F(CliTest, ImportIntoUnknownTownFails) {
    const auto result = run_okrsek(db() + " import areas " + data("testov-districts.geojson") +
                                   " --layer districts --municipality 123 --code-property kod");
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.output.find("municipality 123"), std::string::npos) << result.output;
}

TEST_F(CliTest, LookupWritesCodesAndNamesPerLayer) {
    import_testov();
    const auto out = (dir.path() / "out.csv").string();
    const auto result =
        run_okrsek(db() + " lookup --input " + data("testov-points.csv") + " --output " + out);
    ASSERT_EQ(result.exit_code, 0) << result.output;
    EXPECT_EQ(read_file(out),
              "id,lon,lat,districts_code,districts_name,municipalities_code,municipalities_name\n"
              "w,14.05,50.05,W,Západ,999999,Testov\n"
              "border,14.1,50.05,E,Východ,999999,Testov\n"
              "out,15,49,,,,\n");
    EXPECT_NE(result.output.find("3 point(s), 1 outside every layer"), std::string::npos)
        << result.output;
}

TEST_F(CliTest, LookupErrorNamesFileAndLine) {
    import_testov();
    const auto result = run_okrsek(db() + " lookup --input " + data("testov-points-bad.csv") +
                                   " --output " + (dir.path() / "o.csv").string());
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.output.find("testov-points-bad.csv line 3"), std::string::npos)
        << result.output;
    EXPECT_NE(result.output.find("lat"), std::string::npos) << result.output;
}

TEST_F(CliTest, LookupOfUnknownLayerIsAUsageError) {
    import_testov();
    const auto result =
        run_okrsek(db() + " lookup --input " + data("testov-points.csv") + " --output " +
                   (dir.path() / "o.csv").string() + " --layer nope");
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.output.find("districts"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace okrsek::test
