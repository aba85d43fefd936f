// okrsek's dump format end to end through service::backup / restore on the test's engine
// (support/test_database.hpp): a round trip, and every kind of malformed input rejected with
// its line number and nothing written.
#include "service/backup.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "service/platform.hpp"
#include "store/migrations.hpp"
#include "store/postgres/pg_handle.hpp"
#include "store/sqlite/sqlite_handle.hpp"
#include "support/test_database.hpp"
#include "support/test_paths.hpp"
#include "support/testov_request.hpp"

namespace okrsek::service {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::string text_of(const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& line : lines) text += line + '\n';
    return text;
}

void replace(std::string& text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from << " not in " << text;
    text.replace(at, from.size(), to);
}

class CountingSink final : public store::RowSink {
public:
    void table(const store::TableHeader&) override {}
    void row(std::span<const store::Value>) override { ++rows; }
    std::int64_t rows = 0;
};

void execute_sql(const test::TestDatabase& database, const std::string& sql) {
    if (database.is_postgresql()) {
        store::postgres::Connection(database.setting()).execute_script(sql);
    } else {
        store::sqlite::Connection(database.setting()).execute_script(sql);
    }
}

// Testov in the source database. Its dump, line by line:
//   1 header   2 municipalities   3 Testov   4 layers   5-6 two layers   7 areas
//   8-10 three areas   11 layer_imports   12-13 two imports   14… the headers of the empty
//   tables after it (accounts, addresses, directory, agenda, audit log)   last: the end marker
// The four area tables come first; every later portable table is empty in this dump.
const std::size_t empty_tables = store::portable_tables().size() - 4;
const std::size_t end_line = 14 + empty_tables;
class Backup : public ::testing::Test {
protected:
    Backup() {
        // Without the default sensitive roles, so that the account tables stay empty.
        PlatformOptions options;
        options.seed_security_defaults = false;
        Platform platform(store::open_store(m_source_db.setting()), std::move(options));
        platform.import_areas(
            test::testov_request("testov-town.geojson", "municipalities", std::nullopt));
        platform.import_areas(
            test::testov_request("testov-districts.geojson", "districts", test::testov_code));
        m_source = store::open_store(m_source_db.setting());
        m_target = store::open_store(m_target_db.setting());
    }

    std::string dump_text() {
        std::ostringstream out;
        backup(*m_source, out);
        return out.str();
    }

    BackupSummary restore_text(const std::string& text) {
        std::istringstream in(text);
        return restore(*m_target, in, "t.dump");
    }

    core::Error restore_error(const std::string& text) {
        try {
            restore_text(text);
        } catch (const core::Error& error) {
            return error;
        }
        ADD_FAILURE() << "restore succeeded";
        return core::Error(core::ErrorCode::internal, "");
    }

    // The malformed dump is refused, names `line` and `problem`, and the target holds no row.
    void expect_refused(const std::string& text, std::size_t line, const std::string& problem) {
        const auto error = restore_error(text);
        const std::string message = error.what();
        EXPECT_EQ(error.code(), core::ErrorCode::invalid_input) << message;
        EXPECT_NE(message.find("t.dump line " + std::to_string(line) + ": "), std::string::npos)
            << message;
        EXPECT_NE(message.find(problem), std::string::npos) << message;
        CountingSink rows;
        m_target->dump(rows);
        EXPECT_EQ(rows.rows, 0);
    }

    test::TempDir m_dir;
    test::TestDatabase m_source_db{m_dir.path(), "source.db"};
    test::TestDatabase m_target_db{m_dir.path(), "target.db"};
    std::unique_ptr<store::Store> m_source;
    std::unique_ptr<store::Store> m_target;
};

TEST_F(Backup, TheDumpHasAHeaderTablesRowsAndAnEndMarker) {
    const auto lines = lines_of(dump_text());
    ASSERT_EQ(lines.size(), end_line);
    ASSERT_EQ(store::portable_tables()[3], "layer_imports");
    const auto header = nlohmann::json::parse(lines[0]);
    EXPECT_EQ(header["format"], "okrsek-dump");
    EXPECT_EQ(header["format_version"], 1);
    EXPECT_EQ(header["schema_version"], store::latest_schema_version());
    EXPECT_EQ(header["engine"], m_source_db.engine());
    EXPECT_EQ(header["okrsek_version"], okrsek_version());
    EXPECT_EQ(header["created_at"].get<std::string>().size(), 20u);
    EXPECT_EQ(lines[1], R"({"table":"municipalities","columns":["code","name","created_at"]})");
    EXPECT_TRUE(lines[2].starts_with(R"([999999,"Testov",")")) << lines[2];
    EXPECT_NE(lines[7].find(R"({"base64":"AQYAAAAB)"), std::string::npos) << lines[7];
    EXPECT_TRUE(lines[end_line - 1].starts_with(
        R"({"end":"okrsek-dump","rows":{"municipalities":1,"layers":2,"areas":3,)"
        R"("layer_imports":2,"users":0,)"))
        << lines[end_line - 1];
}

TEST_F(Backup, ARestoredDatabaseDumpsTheSameRows) {
    const std::string original = dump_text();
    const auto summary = restore_text(original);
    EXPECT_EQ(summary.engine, m_source_db.engine());
    EXPECT_EQ(summary.bytes, original.size());
    ASSERT_EQ(summary.tables.size(), store::portable_tables().size());
    EXPECT_EQ(summary.tables[2], (store::TableRowCount{"areas", 3}));
    EXPECT_EQ(m_target->schema_version(), store::latest_schema_version());

    std::ostringstream again;
    backup(*m_target, again);
    auto first = lines_of(original);
    auto second = lines_of(again.str());
    ASSERT_EQ(first.size(), second.size());
    EXPECT_EQ(std::vector(first.begin() + 1, first.end()),
              std::vector(second.begin() + 1, second.end()));
    // The header differs at most in created_at.
    auto header_first = nlohmann::json::parse(first[0]);
    auto header_second = nlohmann::json::parse(second[0]);
    header_first.erase("created_at");
    header_second.erase("created_at");
    EXPECT_EQ(header_first, header_second);
}

TEST_F(Backup, RestoreIntoADatabaseWithRowsIsRefused) {
    const std::string text = dump_text();
    restore_text(text);
    const auto error = restore_error(text);
    EXPECT_EQ(error.code(), core::ErrorCode::invalid_argument);
    EXPECT_NE(std::string(error.what()).find("empty database"), std::string::npos) << error.what();
}

TEST_F(Backup, BadJson) {
    auto lines = lines_of(dump_text());
    lines[8] = lines[8].substr(0, 20);
    expect_refused(text_of(lines), 9, "not valid JSON");
}

TEST_F(Backup, UnknownTable) {
    std::string text = dump_text();
    replace(text, R"({"table":"layer_imports")", R"({"table":"no_such_table")");
    expect_refused(text, 11, "unknown table 'no_such_table'");
}

TEST_F(Backup, TableOutOfOrder) {
    // layer_imports (lines 11-13) moved before areas (7-10): areas then comes too late.
    const auto lines = lines_of(dump_text());
    std::vector<std::string> moved(lines.begin(), lines.begin() + 6);
    moved.insert(moved.end(), lines.begin() + 10, lines.begin() + 13);
    moved.insert(moved.end(), lines.begin() + 6, lines.begin() + 10);
    moved.push_back(lines[13]);
    expect_refused(text_of(moved), 10, "table 'areas' is out of order");
}

TEST_F(Backup, ColumnsNotMatchingTheDatabase) {
    std::string text = dump_text();
    replace(text, R"("properties",)", R"("props",)");
    expect_refused(
        text, 7,
        "columns do not match the database's (not in the database: props; missing: properties)");
}

TEST_F(Backup, RowWithTheWrongNumberOfValues) {
    auto lines = lines_of(dump_text());
    lines[11] = lines[11].substr(0, lines[11].rfind(',')) + "]";
    expect_refused(text_of(lines), 12, "5 values, but table 'layer_imports' has 6 columns");
}

TEST_F(Backup, CountsInTheEndMarkerNotMatching) {
    std::string text = dump_text();
    replace(text, R"("areas":3)", R"("areas":4)");
    expect_refused(text, end_line, "counts 4 rows of table 'areas', but the dump holds 3");
}

TEST_F(Backup, MissingEndMarker) {
    auto lines = lines_of(dump_text());
    lines.pop_back();
    expect_refused(text_of(lines), end_line, "without its end marker");
    lines.resize(9);  // cut in the middle of a table
    expect_refused(text_of(lines), 10, "without its end marker");
}

TEST_F(Backup, LinesAfterTheEndMarker) {
    expect_refused(dump_text() + "[1]\n", end_line + 1, "after the end marker");
}

TEST_F(Backup, BadBase64) {
    std::string text = dump_text();
    replace(text, R"({"base64":")", R"({"base64":"*)");
    expect_refused(text, 8, "not valid base64");
}

TEST_F(Backup, RowViolatingAForeignKey) {
    auto lines = lines_of(dump_text());
    ASSERT_TRUE(lines[11].starts_with("[1,1,")) << lines[11];
    lines[11].replace(0, 5, "[1,77,");
    expect_refused(text_of(lines), 12, "table 'layer_imports' row 1: ");
}

TEST_F(Backup, ARowBeforeAnyTable) {
    auto lines = lines_of(dump_text());
    lines.insert(lines.begin() + 1, "[1]");
    expect_refused(text_of(lines), 2, "a row where a table header");
}

TEST_F(Backup, TableHeaderWithoutColumns) {
    std::string text = dump_text();
    replace(text, R"(,"columns":["id","name","version","updated_at"])", "");
    expect_refused(text, 4, "no \"columns\"");
}

TEST_F(Backup, NotADump) {
    expect_refused("", 1, "empty");
    expect_refused("{\"hello\":1}\n", 1, "not an okrsek dump");
    expect_refused("PGDMP\n", 1, "not an okrsek dump (the first line is not JSON)");
    std::string text = dump_text();
    replace(text, R"("format_version":1)", R"("format_version":2)");
    expect_refused(text, 1, "format version 2");
}

TEST_F(Backup, ADumpOfANewerSchemaIsRefused) {
    std::string text = dump_text();
    replace(text, "\"schema_version\":" + std::to_string(store::latest_schema_version()),
            R"("schema_version":99)");
    expect_refused(text, 1, "schema version 99, newer than this okrsek knows");
    EXPECT_EQ(m_target->schema_version(), 0);  // not even migrated
}

TEST_F(Backup, AnOlderDumpNeedsAFreshDatabase) {
    const std::string empty_schema =
        R"({"format":"okrsek-dump","format_version":1,"schema_version":0})"
        "\n"
        R"({"end":"okrsek-dump","rows":{}})"
        "\n";
    m_target->migrate();
    const auto error = restore_error(empty_schema);
    EXPECT_EQ(error.code(), core::ErrorCode::invalid_argument);
    EXPECT_NE(std::string(error.what()).find("newer than the dump's 0"), std::string::npos)
        << error.what();
}

TEST_F(Backup, ABackupFileAppearsOnlyWhenComplete) {
    const auto path = (m_dir.path() / "town.okrsek-dump").string();
    const auto summary = backup_to_file(*m_source, path);
    EXPECT_EQ(test::read_file(path).size(), summary.bytes);
    EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
    EXPECT_EQ(restore_from_file(*m_target, path).tables.size(), store::portable_tables().size());

    // A backup that fails (here: a schema newer than this build) keeps the previous file.
    execute_sql(m_source_db,
                "INSERT INTO schema_migrations (version, description, applied_at) "
                "VALUES (99, 'future', 'now')");
    const std::string previous = test::read_file(path);
    EXPECT_THROW(backup_to_file(*m_source, path), core::Error);
    EXPECT_EQ(test::read_file(path), previous);
    EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
}

TEST_F(Backup, ADatabaseWithoutSchemaIsNotBackedUp) {
    std::ostringstream out;
    try {
        backup(*m_target, out);  // never migrated: a mistyped path, most likely
        ADD_FAILURE();
    } catch (const core::Error& error) {
        EXPECT_EQ(error.code(), core::ErrorCode::invalid_argument);
        EXPECT_NE(std::string(error.what()).find("no okrsek tables"), std::string::npos);
    }
    EXPECT_TRUE(out.str().empty());
}

TEST_F(Backup, UnreadableOrUnwritableFilesAreUsageErrors) {
    const auto missing = (m_dir.path() / "no" / "such.dump").string();
    try {
        backup_to_file(*m_source, missing);
        ADD_FAILURE();
    } catch (const core::Error& error) {
        EXPECT_EQ(error.code(), core::ErrorCode::invalid_argument);
    }
    try {
        restore_from_file(*m_target, missing);
        ADD_FAILURE();
    } catch (const core::Error& error) {
        EXPECT_EQ(error.code(), core::ErrorCode::invalid_argument);
    }
}

}  // namespace
}  // namespace okrsek::service
