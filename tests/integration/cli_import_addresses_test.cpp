// okrsek import addresses with the real binary: the report, rejected rows with file and line,
// failures that change nothing, exit codes 0/1/2.
#include <gtest/gtest.h>

#include <fstream>

#include "okrsek_command.hpp"
#include "support/test_database.hpp"
#include "support/test_paths.hpp"

namespace okrsek::test {
namespace {

constexpr const char* header =
    "Kód ADM;Kód obce;Název obce;Kód MOMC;Název MOMC;Kód obvodu Prahy;Název obvodu Prahy;"
    "Kód části obce;Název části obce;Kód ulice;Název ulice;Typ SO;Číslo domovní;"
    "Číslo orientační;Znak čísla orientačního;PSČ;Souřadnice Y;Souřadnice X;Platí Od\n";

std::string row(int code, int number) {
    return std::to_string(code) + ";538493;Mnichovice;;;;;97535;Božkov;;Svahová;č.p.;" +
           std::to_string(number) + ";;;25164;724973.12;1063270.18;2013-12-04T00:00:00\n";
}

class CliImportAddressesTest : public ::testing::Test {
protected:
    // Quoted for the shell: a temporary path or a postgresql:// URI, neither with a quote.
    std::string db() const { return "--db '" + database.setting() + "'"; }
    static std::string sample(const std::string& name) {
        return support_file("ruian-addresses/" + name).string();
    }
    std::string write(const std::string& name, const std::string& text) {
        const auto path = dir.path() / name;
        std::ofstream(path, std::ios::binary) << text;
        return path.string();
    }
    CommandResult import(const std::string& arguments) {
        return run_okrsek(db() + " --log-level warn import addresses " + arguments);
    }

    TempDir dir;
    TestDatabase database{dir.path(), "cli.db"};
};

void expect_contains(const CommandResult& result, const std::string& text) {
    EXPECT_NE(result.output.find(text), std::string::npos) << "missing: " << text << "\n"
                                                           << result.output;
}

TEST_F(CliImportAddressesTest, ImportsTheSamplesAndReports) {
    const auto mnichovice = sample("20181031_OB_538493_ADR.utf8.csv");
    const auto lomnice = sample("20181031_OB_577308_ADR.cp1250.csv");
    const auto result = import(mnichovice + " " + lomnice);
    EXPECT_EQ(result.exit_code, 0) << result.output;
    expect_contains(result, mnichovice + ": 2183 row(s), UTF-8, header 2018 (Kód MOP)\n");
    expect_contains(result, lomnice + ": 1765 row(s), windows-1250, header 2018 (Kód MOP)\n");
    expect_contains(result,
                    "files: 2, rows read: 3948, imported: 3948, without position: 53, "
                    "rejected: 0\n");
    expect_contains(result, "town 538493 Mnichovice: 2183 imported, 53 without position\n");
    expect_contains(result,
                    "town 577308 Lomnice nad Popelkou: 1765 imported, 0 without position\n");
    expect_contains(result, "replaced 0 stored address point(s); address version 1\n");
    expect_contains(result, " rows/s\n");

    const auto again = import(sample("20181031_OB_577308_ADR.utf8.csv"));
    EXPECT_EQ(again.exit_code, 0) << again.output;
    expect_contains(again, "replaced 1765 stored address point(s); address version 2\n");
}

TEST_F(CliImportAddressesTest, ListsTheFirstRejectedRows) {
    std::string text = header + row(1, 1);
    for (int i = 0; i < 22; ++i) text += "bad;row\n";  // lines 3 to 24
    text += row(1, 2);                                 // line 25: Kód ADM again
    const auto file = write("bad-rows.csv", text);
    const auto result = import(file);
    EXPECT_EQ(result.exit_code, 0) << result.output;
    expect_contains(result,
                    "files: 1, rows read: 24, imported: 1, without position: 0, rejected: 23\n");
    expect_contains(result, "rejected: " + file + " line 3: expected 19 fields, found 2\n");
    expect_contains(result, "rejected: " + file + " line 22: expected 19 fields, found 2\n");
    EXPECT_EQ(result.output.find(" line 23: "), std::string::npos) << result.output;
    expect_contains(result, "… and 3 more rejected row(s)\n");
}

TEST_F(CliImportAddressesTest, FailuresChangeNothing) {
    const auto lomnice = sample("20181031_OB_577308_ADR.utf8.csv");
    ASSERT_EQ(import(lomnice).exit_code, 0);

    const auto bad_header =
        write("bad.csv", "Kód ADM;Kód obce;Název obce;Číslo domovní\n1;2;3;4\n");
    const auto fatal = import(sample("20181031_OB_577308_ADR.cp1250.csv") + " " + bad_header);
    EXPECT_EQ(fatal.exit_code, 1) << fatal.output;
    expect_contains(fatal, "okrsek: " + bad_header +
                               " line 1: not a RÚIAN address point header, missing 'Typ SO'\n");

    const auto one_bad = write("one-bad.csv", std::string(header) + row(1, 1) + "x\n");
    const auto strict = import("--max-rejected 0 " + one_bad);
    EXPECT_EQ(strict.exit_code, 1) << strict.output;
    expect_contains(strict, "okrsek: more than 0 rows rejected, nothing imported; the first: " +
                                one_bad + " line 3: expected 19 fields, found 1\n");

    const auto missing = import((dir.path() / "missing.csv").string());
    EXPECT_EQ(missing.exit_code, 1) << missing.output;
    expect_contains(missing, "cannot read");

    // Still the first import: version 1 became 2 only now, and Lomnice was all there.
    const auto check = import(lomnice);
    expect_contains(check, "replaced 1765 stored address point(s); address version 2\n");
}

TEST_F(CliImportAddressesTest, UsageErrorsExitWith2) {
    const auto none = import("");
    EXPECT_EQ(none.exit_code, 2) << none.output;
    const auto bad_option = import("--max-rejected many x.csv");
    EXPECT_EQ(bad_option.exit_code, 2) << bad_option.output;
}

}  // namespace
}  // namespace okrsek::test
