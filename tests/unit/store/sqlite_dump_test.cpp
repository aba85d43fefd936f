// Store::dump / restore / migrate_to on SQLite files.
#include <gtest/gtest.h>

#include "store/sqlite/sqlite_store.hpp"
#include "support/test_paths.hpp"
#include "unit/store/dump_cases.hpp"

namespace okrsek::store {
namespace {

struct SqliteDumpBackend {
    static constexpr std::string_view engine = "sqlite";
    std::unique_ptr<Store> open() { return open_file("source.db"); }
    std::unique_ptr<Store> open_target() { return open_file("target.db"); }
    std::unique_ptr<Store> open_spare() { return open_file("spare.db"); }

    std::vector<std::string> tables() {
        sqlite::Connection connection(path("source.db"));
        sqlite::Statement statement(connection,
                                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                                    "AND name NOT LIKE 'sqlite%'");
        std::vector<std::string> names;
        while (statement.step()) names.push_back(statement.column_text(0));
        return names;
    }

    std::string path(const std::string& file) const { return (dir.path() / file).string(); }
    std::unique_ptr<Store> open_file(const std::string& file) {
        return std::make_unique<sqlite::SqliteStore>(path(file));
    }
    test::TempDir dir;
};

}  // namespace

namespace dump_cases {
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, DumpContract, SqliteDumpBackend);
}  // namespace dump_cases

namespace {

// SQLite keeps whatever type a value was written with: a dump must not coerce it.
TEST(SqliteDump, ValuesKeepTheTypeTheyWereStoredWith) {
    test::TempDir dir;
    const std::string file = (dir.path() / "t.db").string();
    sqlite::SqliteStore store(file);
    store.migrate();
    {
        sqlite::Connection connection(file);
        connection.execute_script(
            "INSERT INTO municipalities (code, name, created_at) VALUES (1, 'a', 'now');"
            "INSERT INTO layers (id, name, version, updated_at) VALUES (7, 'l', 0, X'00FF');");
    }
    const auto dump = dump_cases::dump_of(store);
    const auto& layers = dump_cases::table_of(dump, "layers");
    EXPECT_EQ(dump_cases::column_of(layers, 0, "updated_at"),
              Value(Blob{std::string("\0\xff", 2)}));
    EXPECT_EQ(dump_cases::column_of(layers, 0, "id"), Value(std::int64_t{7}));
}

}  // namespace
}  // namespace okrsek::store
