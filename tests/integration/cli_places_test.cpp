// okrsek import places with the real binary: the report, idempotency, templates, errors naming
// the feature, exit codes 0/1/2; on both engines.
#include <gtest/gtest.h>

#include <fstream>

#include "okrsek_command.hpp"
#include "support/test_database.hpp"
#include "support/test_paths.hpp"

namespace okrsek::test {
namespace {

class CliPlacesTest : public ::testing::Test {
protected:
    CliPlacesTest() {
        const auto town =
            run_okrsek(db() + " import areas " + support_file("testov-town.geojson").string() +
                       " --layer municipalities --code-property kod "
                       "--name-property nazev");
        EXPECT_EQ(town.exit_code, 0) << town.output;
        const auto districts =
            run_okrsek(db() + " import areas " + support_file("testov-districts.geojson").string() +
                       " --layer districts --municipality 999999 "
                       "--code-property kod --name-property nazev");
        EXPECT_EQ(districts.exit_code, 0) << districts.output;
    }

    std::string db() const { return "--db '" + database.setting() + "'"; }

    std::string write(const std::string& name, const std::string& text) {
        const auto path = dir.path() / name;
        std::ofstream(path) << text;
        return path.string();
    }

    std::string stations_file(const std::string& second_street = "Dlouhá") {
        return write("stanice.geojson",
                     R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"CISLO":11,"ULICE":"Hlavní","CP":1,"HODINY":"nonstop"},
 "geometry":{"type":"Point","coordinates":[14.05,50.05]}},
{"type":"Feature","properties":{"CISLO":12,"ULICE":")" +
                         second_street + R"(","CP":7},
 "geometry":{"type":"Point","coordinates":[14.15,50.05]}}]})");
    }

    std::string import(const std::string& file) {
        return db() + " import places " + file +
               " --kind police_station --municipality 999999 --code-property CISLO "
               "--name-property 'Služebna {ULICE}' --address-property '{ULICE} {CP}' "
               "--hours-property HODINY";
    }

    TempDir dir;
    TestDatabase database{dir.path(), "places.db"};
};

TEST_F(CliPlacesTest, ImportReportsAndIsIdempotent) {
    const auto first = run_okrsek(import(stations_file()));
    ASSERT_EQ(first.exit_code, 0) << first.output;
    EXPECT_NE(first.output.find("places police_station of municipality 999999: 2 (2 new, 0 "
                                "updated, 0 unchanged, 0 removed), CRS EPSG:4326"),
              std::string::npos)
        << first.output;
    // The second station has no HODINY: a warning, not a failure.
    EXPECT_NE(first.output.find("warning: feature 1 (12): no opening hours"), std::string::npos)
        << first.output;

    const auto again = run_okrsek(import(stations_file()));
    EXPECT_NE(again.output.find("(0 new, 0 updated, 2 unchanged, 0 removed)"), std::string::npos)
        << again.output;
    const auto moved = run_okrsek(import(stations_file("Krátká")));
    EXPECT_NE(moved.output.find("(0 new, 1 updated, 1 unchanged, 0 removed)"), std::string::npos)
        << moved.output;
}

TEST_F(CliPlacesTest, ErrorsNameTheFeatureAndExitCodesFollowTheKind) {
    const auto missing_kind =
        run_okrsek(db() + " import places " + stations_file() + " --municipality 999999");
    EXPECT_EQ(missing_kind.exit_code, 2) << missing_kind.output;
    const auto bad = write("bad.geojson", R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"ULICE":"Bez čísla"},
 "geometry":{"type":"Point","coordinates":[14.05,50.05]}}]})");
    const auto result = run_okrsek(import(bad));
    EXPECT_EQ(result.exit_code, 1) << result.output;
    EXPECT_NE(result.output.find("feature 0"), std::string::npos) << result.output;
    const auto unknown = run_okrsek(db() + " import places " + stations_file() +
                                    " --kind helipad --municipality 999999");
    EXPECT_NE(unknown.exit_code, 0);
    EXPECT_NE(unknown.output.find("helipad"), std::string::npos) << unknown.output;
}

}  // namespace
}  // namespace okrsek::test
