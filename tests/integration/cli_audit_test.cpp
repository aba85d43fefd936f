// `okrsek audit verify` on both engines: intact chain → exit 0 with the head hash; a one-byte
// change made directly in the database (as an intruder with database access would) → exit 1
// naming the row.
#include <gtest/gtest.h>

#include <chrono>

#include "okrsek_command.hpp"
#include "store/postgres/pg_handle.hpp"
#include "store/sqlite/sqlite_handle.hpp"
#include "store/store.hpp"
#include "support/test_database.hpp"
#include "support/test_paths.hpp"

namespace okrsek::test {
namespace {

class CliAuditTest : public ::testing::Test {
protected:
    std::string verify() const { return "--db '" + database.setting() + "' audit verify"; }

    // Three audited changes: three accounts created by the CLI actor.
    void create_users() {
        auto store = store::open_store(database.setting());
        store->migrate();
        for (const char* name : {"alena", "bohdan", "cyril"}) {
            store::AuditEntry audit;
            audit.actor_kind = store::ActorKind::cli;
            store->create_user({std::string(name) + "@testov.example", name, std::nullopt},
                               std::chrono::system_clock::now(), audit);
        }
    }

    // Raw SQL past okrsek, with the guard triggers dropped first.
    void tamper(const std::string& update) const {
        if (database.is_postgresql()) {
            store::postgres::Connection connection(database.setting());
            connection.execute_script(
                "DROP TRIGGER audit_log_no_change ON audit_log; "
                "DROP TRIGGER audit_log_no_truncate ON audit_log; " +
                update);
        } else {
            store::sqlite::Connection connection(database.setting());
            connection.execute_script(
                "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; " + update);
        }
    }

    TempDir dir;
    TestDatabase database{dir.path(), "audit.db"};
};

TEST_F(CliAuditTest, AnIntactLogVerifiesAndShowsItsHeadHash) {
    create_users();
    const auto result = run_okrsek(verify());
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("audit log intact: 3 row(s); head hash "), std::string::npos)
        << result.output;
}

TEST_F(CliAuditTest, AOneByteChangeInTheDatabaseIsFoundAndNamed) {
    create_users();
    // "user.create" → "user.creatE" in the second row: one byte.
    tamper("UPDATE audit_log SET action = 'user.creatE' WHERE id = 2;");
    const auto result = run_okrsek(verify());
    EXPECT_EQ(result.exit_code, 1) << result.output;
    EXPECT_NE(result.output.find("audit log broken"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("2"), std::string::npos) << result.output;
}

TEST_F(CliAuditTest, ADeletedLastRowIsFound) {
    create_users();
    tamper("DELETE FROM audit_log WHERE id = 3;");
    const auto result = run_okrsek(verify());
    EXPECT_EQ(result.exit_code, 1) << result.output;
    EXPECT_NE(result.output.find("audit log broken"), std::string::npos) << result.output;
}

TEST_F(CliAuditTest, AnEmptyLogIsIntact) {
    const auto result = run_okrsek(verify());
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("0 row(s)"), std::string::npos) << result.output;
}

TEST_F(CliAuditTest, MigrateNeverPrintsTheDatabasePassword) {
    EXPECT_EQ(store::redacted("postgresql://okrsek:s3cret@db.example:5432/okrsek"),
              "postgresql://okrsek:***@db.example:5432/okrsek");
    EXPECT_EQ(store::redacted("host=db password=s3cret dbname=okrsek"),
              "host=db password=*** dbname=okrsek");
    EXPECT_EQ(store::redacted("postgresql://db/okrsek?user=a&password=s3cret&sslmode=require"),
              "postgresql://db/okrsek?user=a&password=***&sslmode=require");
    EXPECT_EQ(store::redacted("/var/lib/okrsek/town.db"), "/var/lib/okrsek/town.db");
    const auto result = run_okrsek("--db '" + database.setting() + "' migrate");
    EXPECT_EQ(result.exit_code, 0) << result.output;
}

}  // namespace
}  // namespace okrsek::test
