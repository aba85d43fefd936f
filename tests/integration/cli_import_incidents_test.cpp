// okrsek import incidents / crime-codes with the real binary: reports, rejected rows with
// their lines, a failing file that changes nothing, sensitive marks, exit codes 0/1/2.
#include <gtest/gtest.h>

#include <fstream>

#include "okrsek_command.hpp"
#include "support/test_database.hpp"
#include "support/test_paths.hpp"

namespace okrsek::test {
namespace {

std::string crime_file(const std::string& name) {
    return (source_dir() / "tests" / "data" / "crime" / name).string();
}

class CliImportIncidentsTest : public ::testing::Test {
protected:
    std::string db() const { return "--db '" + database.setting() + "'"; }
    std::string write(const std::string& name, const std::string& text) {
        const auto path = dir.path() / name;
        std::ofstream(path, std::ios::binary) << text;
        return path.string();
    }
    CommandResult import(const std::string& arguments) {
        return run_okrsek(db() + " --log-level warn import " + arguments);
    }

    TempDir dir;
    TestDatabase database{dir.path(), "cli.db"};
};

void expect_contains(const CommandResult& result, const std::string& text) {
    EXPECT_NE(result.output.find(text), std::string::npos) << "missing: " << text << "\n"
                                                           << result.output;
}

TEST_F(CliImportIncidentsTest, ImportsCodesAndTheSampleThenReImports) {
    auto result = import("incidents " + crime_file("policie-sample.csv") + " --types " +
                         crime_file("types.csv"));
    EXPECT_EQ(result.exit_code, 0) << result.output;
    expect_contains(result, "code list types of policie-cz: 39 code(s), 12 at the top, 2 level(s)");
    expect_contains(result, crime_file("policie-sample.csv") +
                                ": 120 row(s), 45 incident(s) (45 new, 0 updated), 0 rejected, "
                                "45 outside every town\n");
    expect_contains(result, "row(s) name a type the type list lacks (kept)");

    result = import("incidents --format policie-cz " + crime_file("policie-sample.geojson"));
    EXPECT_EQ(result.exit_code, 0) << result.output;
    expect_contains(result, "45 incident(s) (0 new, 45 updated)");

    result = import("incidents --reassign");
    EXPECT_EQ(result.exit_code, 0) << result.output;
    expect_contains(result, "re-assigned 45 incident(s): 0 changed, 45 outside every town\n");
}

TEST_F(CliImportIncidentsTest, ReportsRejectedRowsAndFailsWholeFiles) {
    const auto file = write("rows.csv",
                            "id,x,y,mp,date,state,relevance,types\n"
                            "1,14.4,50.1,False,2020-06-01T10:00:00+02:00,1,4,1\n"
                            "2,14.4,50.1,False,yesterday,1,4,1\n");
    auto result = import("incidents " + file);
    EXPECT_EQ(result.exit_code, 0) << result.output;
    expect_contains(
        result, "rejected: " + file + " line 3: date 'yesterday' is not a valid date and time\n");

    result = import("incidents --max-rejected 0 " + file);
    EXPECT_EQ(result.exit_code, 1) << result.output;
    expect_contains(result, "more than 0 rows rejected, nothing imported from it");

    result = import("incidents --format nonsense " + file);
    EXPECT_EQ(result.exit_code, 2) << result.output;
    result = import("incidents " + write("no-header.csv", "a,b\n1,2\n"));
    EXPECT_EQ(result.exit_code, 1) << result.output;
    expect_contains(result, "no column 'id'");
}

TEST_F(CliImportIncidentsTest, MarksTypesSensitive) {
    const auto types = write("types.csv",
                             "id,parent_id1,parent_id2,parent_id3,name,label\n"
                             "1,,,,NÁSILNÁ TRESTNÁ ČINNOST,\n"
                             "2,1,,,znásilnění,\n"
                             "3,1,,,loupež,\n");
    auto result = import("crime-codes " + types);
    EXPECT_EQ(result.exit_code, 0) << result.output;
    expect_contains(result, "sensitive types: 2\n");
    result = import("crime-codes --mark-sensitive 3");
    EXPECT_EQ(result.exit_code, 0) << result.output;
    expect_contains(result, "type 3 of policie-cz marked sensitive\n");
    result = import("crime-codes --mark-sensitive 9");
    EXPECT_EQ(result.exit_code, 1) << result.output;
    expect_contains(result, "has no type 9");
}

}  // namespace
}  // namespace okrsek::test
