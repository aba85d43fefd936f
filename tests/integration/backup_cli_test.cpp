// The documented move of a town between engines, with the real okrsek binary:
//   okrsek --db town.db backup town.okrsek-dump
//   okrsek --db postgresql://… restore town.okrsek-dump
// and back, through files and through a pipe.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "okrsek_command.hpp"
#include "store/migrations.hpp"
#include "support/pg_cluster.hpp"
#include "support/test_paths.hpp"

namespace okrsek::test {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

class BackupCli : public ::testing::Test {
protected:
    // Paths are temporary folders and URIs of the test cluster: no quotes in them.
    std::string db(const std::string& setting) const { return "OKRSEK --db '" + setting + "'"; }
    std::string file(const std::string& name) const { return (dir.path() / name).string(); }
    std::string data(const std::string& name) const { return support_file(name).string(); }

    void import_testov(const std::string& setting) {
        ASSERT_EQ(run_shell(db(setting) + " import areas " + data("testov-town.geojson") +
                            " --layer municipalities --code-property kod --name-property nazev")
                      .exit_code,
                  0);
        ASSERT_EQ(run_shell(db(setting) + " import areas " + data("testov-districts.geojson") +
                            " --layer districts --municipality 999999 --code-property kod "
                            "--name-property nazev")
                      .exit_code,
                  0);
    }

    // The lookup's CSV and its summary line (which names the CSV: always the same one).
    std::string lookup(const std::string& setting) {
        const std::string out = file("lookup.csv");
        const auto result = run_shell(db(setting) + " lookup --input " + data("testov-points.csv") +
                                      " --output " + out);
        EXPECT_EQ(result.exit_code, 0) << result.output;
        return read_file(out) + result.output;
    }

    // Two dumps of the same rows: equal but for the header's engine and time.
    static void expect_same_rows(const std::string& a, const std::string& b) {
        const auto first = lines_of(a);
        const auto second = lines_of(b);
        ASSERT_EQ(first.size(), second.size());
        EXPECT_EQ(std::vector(first.begin() + 1, first.end()),
                  std::vector(second.begin() + 1, second.end()));
        auto header_a = nlohmann::json::parse(first[0]);
        auto header_b = nlohmann::json::parse(second[0]);
        for (auto* header : {&header_a, &header_b}) {
            header->erase("engine");
            header->erase("created_at");
        }
        EXPECT_EQ(header_a, header_b);
    }

    TempDir dir;
    PgDatabase pg;
};

TEST_F(BackupCli, MovesATownFromSqliteToPostgresqlAndBack) {
    const std::string sqlite = file("town.db");
    import_testov(sqlite);
    const auto backup = run_shell(db(sqlite) + " backup " + file("town.okrsek-dump"));
    ASSERT_EQ(backup.exit_code, 0) << backup.output;
    const std::string tables = std::to_string(store::portable_tables().size()) + " table(s), ";
    EXPECT_NE(backup.output.find(": " + tables + "8 row(s)"), std::string::npos) << backup.output;
    EXPECT_NE(backup.output.find("areas"), std::string::npos) << backup.output;

    const auto restore = run_shell(db(pg.uri()) + " restore " + file("town.okrsek-dump"));
    ASSERT_EQ(restore.exit_code, 0) << restore.output;
    EXPECT_NE(restore.output.find("into the postgresql database"), std::string::npos)
        << restore.output;
    EXPECT_EQ(lookup(pg.uri()), lookup(sqlite));

    ASSERT_EQ(run_shell(db(pg.uri()) + " backup " + file("pg.okrsek-dump")).exit_code, 0);
    const std::string from_sqlite = read_file(file("town.okrsek-dump"));
    const std::string from_pg = read_file(file("pg.okrsek-dump"));
    expect_same_rows(from_sqlite, from_pg);
    EXPECT_EQ(nlohmann::json::parse(lines_of(from_pg)[0])["engine"], "postgresql");

    // PostgreSQL → SQLite.
    const std::string back = file("back.db");
    ASSERT_EQ(run_shell(db(back) + " restore " + file("pg.okrsek-dump")).exit_code, 0);
    EXPECT_EQ(lookup(back), lookup(sqlite));
    ASSERT_EQ(run_shell(db(back) + " backup " + file("back.okrsek-dump")).exit_code, 0);
    expect_same_rows(from_sqlite, read_file(file("back.okrsek-dump")));

    // The restored PostgreSQL database takes new imports (its ids continue after the dump's).
    const auto import =
        run_shell(db(pg.uri()) + " import areas " + data("testov-districts.geojson") +
                  " --layer districts_2 --municipality 999999 --code-property kod");
    EXPECT_EQ(import.exit_code, 0) << import.output;
}

TEST_F(BackupCli, PipesFromOneEngineIntoTheOther) {
    const std::string sqlite = file("town.db");
    import_testov(sqlite);
    // The summary of `backup -` goes to standard error, so the pipe carries only the dump.
    const auto piped =
        run_shell(db(sqlite) + " backup - 2>/dev/null | " + db(pg.uri()) + " restore -");
    ASSERT_EQ(piped.exit_code, 0) << piped.output;
    EXPECT_NE(piped.output.find("restored standard input"), std::string::npos) << piped.output;
    EXPECT_EQ(lookup(pg.uri()), lookup(sqlite));
}

TEST_F(BackupCli, RefusalsAndBadDumpsHaveTheirExitCodes) {
    const std::string sqlite = file("town.db");
    import_testov(sqlite);
    ASSERT_EQ(run_shell(db(sqlite) + " backup " + file("t.dump")).exit_code, 0);

    const auto not_empty = run_shell(db(sqlite) + " restore " + file("t.dump"));
    EXPECT_EQ(not_empty.exit_code, 2);
    EXPECT_NE(not_empty.output.find("empty database"), std::string::npos) << not_empty.output;

    // A dump cut off in the middle: nothing restored, the line named.
    ASSERT_EQ(run_shell("head -n 9 " + file("t.dump") + " > " + file("cut.dump")).exit_code, 0);
    const auto truncated = run_shell(db(pg.uri()) + " restore " + file("cut.dump"));
    EXPECT_EQ(truncated.exit_code, 1);
    EXPECT_NE(truncated.output.find("cut.dump line 10: "), std::string::npos) << truncated.output;
    EXPECT_NE(truncated.output.find("end marker"), std::string::npos) << truncated.output;
    const auto empty_lookup = lookup(pg.uri());
    EXPECT_NE(empty_lookup.find("3 point(s), 3 outside every layer"), std::string::npos)
        << empty_lookup;

    EXPECT_EQ(run_shell(db(pg.uri()) + " restore " + file("missing.dump")).exit_code, 2);
    EXPECT_EQ(run_shell(db(sqlite) + " backup").exit_code, 2);
    const auto help = run_shell("OKRSEK --help");
    EXPECT_NE(help.output.find("backup"), std::string::npos);
    EXPECT_NE(help.output.find("restore"), std::string::npos);
}

}  // namespace
}  // namespace okrsek::test
