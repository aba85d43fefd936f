#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "support/pg_cluster.hpp"

namespace okrsek::test {

/// The database of one test, on the engine $OKRSEK_TEST_ENGINE names: "sqlite" (the default)
/// or "postgresql". CTest runs the storage, service and integration tests once per engine
/// (okrsek_add_gtest(... BOTH_ENGINES) in tests/CMakeLists.txt); by hand:
///   OKRSEK_TEST_ENGINE=postgresql build/dev/tests/integration/okrsek_integration_http
class TestDatabase {
public:
    /// SQLite: the file `file_name` in `folder` (created on first open, removed with the
    /// folder). PostgreSQL: a fresh database on pg_cluster(), dropped when destroyed; with
    /// PgStart::migrated a copy of a database at the latest schema version (for the many tests
    /// that migrate first and test something else: open_store()/migrate() then find nothing to
    /// do). SQLite files start empty either way (migrating one costs little).
    /// Throws std::runtime_error for an unknown engine or when PostgreSQL cannot start.
    TestDatabase(const std::filesystem::path& folder, const std::string& file_name,
                 PgStart start = PgStart::empty);
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    /// What `okrsek --db` and store::open_store() take: a file path or a postgresql:// URI.
    const std::string& setting() const { return m_setting; }
    /// "sqlite" or "postgresql", as store::Store::engine() reports it.
    const std::string& engine() const { return m_engine; }
    bool is_postgresql() const { return m_engine == "postgresql"; }

    /// The engine $OKRSEK_TEST_ENGINE asks for.
    static std::string engine_from_environment();

private:
    std::string m_engine;
    std::unique_ptr<PgDatabase> m_pg;
    std::string m_setting;
};

}  // namespace okrsek::test
