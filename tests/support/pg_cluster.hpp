#pragma once

#include <string>

#include "support/test_paths.hpp"

namespace okrsek::test {

/// A throw-away PostgreSQL 15 cluster in a temporary folder, listening on 127.0.0.1 at a
/// free port, trusting local connections. Run as root, the server runs as user `postgres`
/// (initdb refuses root). The binaries come from $OKRSEK_PG_BIN or /usr/lib/postgresql/15/bin.
/// Throws std::runtime_error when it cannot start (never skips: install postgresql-15 with
/// scripts/install-deps --test).
class PgCluster {
public:
    PgCluster();
    ~PgCluster();
    PgCluster(const PgCluster&) = delete;
    PgCluster& operator=(const PgCluster&) = delete;

    /// A libpq URI for `database` on this cluster, as user postgres.
    std::string uri(const std::string& database) const;

    /// Stops the server (fast: it ends every session, then writes its data out) / starts it
    /// again on the same port.
    void stop();
    void start();

private:
    std::string run_as_owner(const std::string& command) const;

    TempDir m_dir;
    std::string m_bin;
    int m_port = 0;
    bool m_running = false;
};

/// The cluster of this test executable: started once by a GoogleTest global environment that
/// linking pg_cluster.cpp registers, stopped when the tests end.
PgCluster& pg_cluster();

/// A fresh database on pg_cluster() (CREATE DATABASE t_<random>), dropped when destroyed.
class PgDatabase {
public:
    PgDatabase();
    ~PgDatabase();
    PgDatabase(const PgDatabase&) = delete;
    PgDatabase& operator=(const PgDatabase&) = delete;

    const std::string& name() const { return m_name; }
    std::string uri() const { return pg_cluster().uri(m_name); }

    /// Runs SQL on the cluster's maintenance database (to disturb connections in tests).
    static void admin(const std::string& sql);

private:
    std::string m_name;
};

}  // namespace okrsek::test
