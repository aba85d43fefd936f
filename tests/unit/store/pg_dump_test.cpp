// Store::dump / restore / migrate_to on PostgreSQL, and copies between SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "store/postgres/pg_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "support/pg_cluster.hpp"
#include "support/test_paths.hpp"
#include "unit/store/dump_cases.hpp"

namespace okrsek::store {
namespace {

struct PgDumpBackend {
    static constexpr std::string_view engine = "postgresql";
    std::unique_ptr<Store> open() { return std::make_unique<postgres::PgStore>(source.uri()); }
    std::unique_ptr<Store> open_target() {
        return std::make_unique<postgres::PgStore>(target.uri());
    }
    std::unique_ptr<Store> open_spare() { return std::make_unique<postgres::PgStore>(spare.uri()); }

    std::vector<std::string> tables() {
        postgres::Connection connection(source.uri());
        const auto rows = connection.query(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
        std::vector<std::string> names;
        for (int row = 0; row < rows.rows(); ++row) names.push_back(rows.text(row, 0));
        return names;
    }

    test::PgDatabase source;
    test::PgDatabase target;
    test::PgDatabase spare;
};

}  // namespace

namespace dump_cases {
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, DumpContract, PgDumpBackend);
}  // namespace dump_cases

namespace {

using dump_cases::column_of;
using dump_cases::dump_of;
using dump_cases::ReplaySource;
using dump_cases::table_of;

TEST(PgDump, SqliteToPostgresqlAndBackKeepsEveryValue) {
    test::TempDir dir;
    test::PgDatabase database;
    sqlite::SqliteStore sqlite((dir.path() / "a.db").string());
    sqlite.migrate();
    dump_cases::populate(sqlite);
    const auto original = dump_of(sqlite);

    postgres::PgStore pg(database.uri());
    pg.migrate();
    ReplaySource to_pg(original);
    pg.restore(to_pg);
    EXPECT_EQ(dump_of(pg), original);

    sqlite::SqliteStore back((dir.path() / "b.db").string());
    back.migrate();
    ReplaySource to_sqlite(dump_of(pg));
    back.restore(to_sqlite);
    EXPECT_EQ(dump_of(back), original);
}

// Types the portable schema does not use yet, added to a portable table here: each must come
// out as the Value its OID maps to and go back in unchanged.
TEST(PgDump, ColumnTypesMapByTheirOid) {
    test::PgDatabase source_db;
    test::PgDatabase target_db;
    const std::string extra =
        "ALTER TABLE municipalities ADD COLUMN flag BOOLEAN, ADD COLUMN small SMALLINT, "
        "ADD COLUMN medium INTEGER, ADD COLUMN ratio REAL, ADD COLUMN whole NUMERIC, "
        "ADD COLUMN exact NUMERIC, ADD COLUMN label VARCHAR(20), ADD COLUMN letter CHAR(2), "
        "ADD COLUMN stamp TIMESTAMPTZ";
    for (const auto* db : {&source_db, &target_db}) {
        postgres::PgStore(db->uri()).migrate();
        postgres::Connection(db->uri()).execute_script(extra);
    }
    postgres::Connection(source_db.uri())
        .execute_script(
            "INSERT INTO municipalities VALUES (1, 'a', 'now', true, -7, 70000, 0.1, "
            "12345678901234, 3.14159265358979323846264, 'žluťoučký', 'x', "
            "'2026-11-22 19:04:05.123456+00')");
    postgres::PgStore source(source_db.uri());
    const auto dump = dump_of(source);
    const auto& towns = table_of(dump, "municipalities");
    EXPECT_EQ(column_of(towns, 0, "flag"), Value(std::int64_t{1}));
    EXPECT_EQ(column_of(towns, 0, "small"), Value(std::int64_t{-7}));
    EXPECT_EQ(column_of(towns, 0, "medium"), Value(std::int64_t{70000}));
    EXPECT_EQ(column_of(towns, 0, "ratio"), Value(static_cast<double>(0.1f)));
    EXPECT_EQ(column_of(towns, 0, "whole"), Value(std::int64_t{12345678901234}));
    EXPECT_EQ(column_of(towns, 0, "exact"), Value(std::string("3.14159265358979323846264")));
    EXPECT_EQ(column_of(towns, 0, "label"), Value(std::string("žluťoučký")));
    EXPECT_EQ(column_of(towns, 0, "letter"), Value(std::string("x ")));
    EXPECT_TRUE(std::holds_alternative<std::string>(column_of(towns, 0, "stamp")));

    postgres::PgStore target(target_db.uri());
    ReplaySource replay(dump);
    target.restore(replay);
    EXPECT_EQ(dump_of(target), dump);
}

}  // namespace
}  // namespace okrsek::store
