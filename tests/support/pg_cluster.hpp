#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "support/test_paths.hpp"

namespace okrsek::test {

/// A throw-away PostgreSQL 15 cluster in a temporary folder (/dev/shm, else /tmp), on 127.0.0.1
/// at a free port, trusting local connections. Run as root, the server runs as user `postgres`
/// (initdb refuses root). The binaries come from $OKRSEK_PG_BIN or /usr/lib/postgresql/15/bin.
/// Throws std::runtime_error when it cannot start (never skips: install postgresql-15 with
/// scripts/install-deps --test).
class PgCluster {
public:
    /// Creates and starts a private cluster; the destructor stops it and removes its folder.
    PgCluster();
    /// Adopts a running cluster that another process created (the CTest fixture, see
    /// pg_cluster_main.cpp): the destructor leaves it alone; stop(), start() and destroy() work.
    PgCluster(std::filesystem::path folder, int port);
    ~PgCluster();
    PgCluster(const PgCluster&) = delete;
    PgCluster& operator=(const PgCluster&) = delete;

    /// A libpq URI for `database` on this cluster, as user postgres.
    std::string uri(const std::string& database) const;
    const std::filesystem::path& folder() const { return m_folder; }
    int port() const { return m_port; }

    /// Stops the server (fast: it ends every session, then writes its data out) / starts it
    /// again on the same port.
    void stop();
    void start();

    /// True when the server accepts a connection within two seconds.
    bool answers() const;

    /// From now on the destructor leaves the server running and the folder in place, for a
    /// later process to adopt and destroy.
    void detach() { m_owner = false; }

    /// Stops the server if it runs and removes the folder, whoever created it. Throws when
    /// the server would not stop (the folder is removed anyway; an orphaned server exits once
    /// its data folder is gone).
    void destroy();

private:
    void run_as_owner(const std::string& command, const std::string& log) const;

    std::filesystem::path m_folder;
    std::string m_bin;
    int m_port = 0;
    bool m_running = false;
    bool m_owner = true;
};

/// What the CTest fixture (pg_cluster_main.cpp) writes for the tests: one `key=value` a line.
struct PgClusterState {
    std::filesystem::path folder;
    int port = 0;
    std::string uri;  ///< of the maintenance database `postgres`
};

void write_cluster_state(const std::filesystem::path& file, const PgCluster& cluster);
/// std::nullopt when the file is missing; throws std::runtime_error when it is malformed.
std::optional<PgClusterState> read_cluster_state(const std::filesystem::path& file);

/// Where the shared cluster's state file is: $OKRSEK_TEST_PG_STATE, else the build folder's
/// tests/pg_cluster.state that the CTest fixture pg_cluster_start writes.
std::filesystem::path shared_cluster_state_file();

/// The cluster of this test process: the shared cluster of shared_cluster_state_file() when
/// its server answers, else a private cluster started on first use and stopped at exit (so a
/// single test executable also runs by hand, only slower).
PgCluster& pg_cluster();

/// What a fresh database holds: nothing (template1), or the schema of every migration. The
/// second is a copy of a template database that the first test process to ask for it migrates
/// (the others wait for it on an advisory lock): about 0.25 s less per test than migrating.
enum class PgStart { empty, migrated };

/// A fresh database (CREATE DATABASE t_<random>), dropped when destroyed.
class PgDatabase {
public:
    /// On pg_cluster().
    explicit PgDatabase(PgStart start = PgStart::empty);
    /// On `cluster`, which must outlive this object.
    explicit PgDatabase(PgCluster& cluster, PgStart start = PgStart::empty);
    ~PgDatabase();
    PgDatabase(const PgDatabase&) = delete;
    PgDatabase& operator=(const PgDatabase&) = delete;

    const std::string& name() const { return m_name; }
    std::string uri() const { return m_cluster.uri(m_name); }

    /// Runs SQL on pg_cluster()'s maintenance database (to disturb connections in tests).
    static void admin(const std::string& sql);

private:
    PgCluster& m_cluster;
    std::string m_name;
};

}  // namespace okrsek::test
