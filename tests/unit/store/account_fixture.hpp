#pragma once

// A migrated database on the test's engine (support/test_database.hpp) with two towns and
// three districts, for the AccountStore tests; raw SQL on a connection of its own plays an
// intruder with database access.

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/postgres/pg_handle.hpp"
#include "store/sqlite/sqlite_handle.hpp"
#include "store/store.hpp"
#include "support/test_database.hpp"
#include "support/test_paths.hpp"

namespace okrsek::store::test_accounts {

using namespace std::chrono_literals;

inline constexpr std::int64_t testov = 999999;
inline constexpr std::int64_t jinov = 888888;

/// 2026-03-01 09:00:00 UTC: a whole second, so times read back equal.
inline const TimePoint t0 = std::chrono::sys_days{std::chrono::year{2026} / 3 / 1} + 9h;

inline geo::MultiPolygon square(double lon, double lat) {
    return {geo::Polygon{
        {{lon, lat}, {lon + 0.1, lat}, {lon + 0.1, lat + 0.1}, {lon, lat + 0.1}, {lon, lat}}, {}}};
}

/// The code of the core::Error that `action` throws (internal if none, after a failure).
inline core::Error error_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const core::Error& error) {
        return error;
    }
    ADD_FAILURE() << "expected a core::Error";
    return core::Error(core::ErrorCode::internal, "no error");
}

/// An audit entry by a person (the administrator, user `admin`).
inline AuditEntry by_user(std::int64_t admin, std::string action = {}) {
    AuditEntry entry;
    entry.actor_kind = ActorKind::user;
    entry.actor_id = admin;
    entry.action = std::move(action);
    entry.client_address = "192.0.2.7";
    return entry;
}

inline AuditEntry by_cli(std::string action = {}) {
    AuditEntry entry;
    entry.actor_kind = ActorKind::cli;
    entry.action = std::move(action);
    return entry;
}

class AccountStoreTest : public ::testing::Test {
protected:
    AccountStoreTest() : store(open_store(database.setting())) {
        store->migrate();
        store->replace_areas({"districts", std::nullopt},
                             std::vector<NewArea>{{testov, "A", "A", "{}", square(14.0, 50.0)},
                                                  {testov, "B", "B", "{}", square(14.1, 50.0)},
                                                  {jinov, "J", "J", "{}", square(15.0, 50.0)}},
                             std::vector<core::Municipality>{{testov, "Testov"}, {jinov, "Jinov"}},
                             "f");
        for (const auto& row : store->load_areas("districts")) area_ids.push_back(row.info.id);
    }

    /// A new user with a password hash, written by the command line.
    std::int64_t add_user(const std::string& email, const std::string& name = "Jana Nováková") {
        return store->create_user({email, name, "$argon2id$v=19$m=65536,t=2,p=1$x$y"}, t0,
                                  by_cli());
    }

    /// Runs statements on a connection of their own, as someone with database access would.
    void execute_sql(const std::string& sql) const {
        if (database.is_postgresql()) {
            postgres::Connection(database.setting()).execute_script(sql);
        } else {
            sqlite::Connection(database.setting()).execute_script(sql);
        }
    }

    /// The integer the query selects.
    std::int64_t scalar(const std::string& sql) const {
        if (database.is_postgresql()) {
            postgres::Connection connection(database.setting());
            return connection.query(sql).int64(0, 0);
        }
        sqlite::Connection connection(database.setting());
        sqlite::Statement statement(connection, sql);
        statement.step();
        return statement.column_int64(0);
    }

    std::int64_t audit_rows() const { return scalar("SELECT COUNT(*) FROM audit_log"); }

    /// The newest audit row.
    AuditRecord last_audit() const {
        AuditFilter filter;
        filter.limit = 1;
        const auto rows = store->list_audit(filter);
        if (rows.empty()) throw std::runtime_error("the audit log is empty");
        return rows.front();
    }

    /// Drops the triggers that refuse UPDATE and DELETE on audit_log, as an intruder would.
    void drop_audit_guards() const {
        if (database.is_postgresql()) {
            execute_sql(
                "DROP TRIGGER audit_log_no_change ON audit_log;"
                "DROP TRIGGER audit_log_no_truncate ON audit_log;");
        } else {
            execute_sql("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");
        }
    }

    okrsek::test::TempDir dir;
    okrsek::test::TestDatabase database{dir.path(), "accounts.db", okrsek::test::PgStart::migrated};
    std::unique_ptr<Store> store;
    std::vector<std::int64_t> area_ids;  ///< A, B (Testov), J (Jinov)
};

}  // namespace okrsek::store::test_accounts
