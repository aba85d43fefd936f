#include "support/pg_cluster.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <stdexcept>

#include "store/postgres/pg_handle.hpp"

namespace okrsek::test {
namespace {

// Commands and paths here are our own (a temporary folder, the PostgreSQL binaries) and hold
// no single quotes, so single-quoting them is enough.
std::string quoted(const std::string& text) {
    return "'" + text + "'";
}

// A port nobody listens on right now (the kernel's pick for port 0).
int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw std::runtime_error("pg_cluster: cannot create a socket");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    auto* generic = reinterpret_cast<sockaddr*>(&address);
    const bool ok = ::bind(fd, generic, size) == 0 && ::getsockname(fd, generic, &size) == 0;
    ::close(fd);
    if (!ok) throw std::runtime_error("pg_cluster: cannot find a free port");
    return ntohs(address.sin_port);
}

std::unique_ptr<PgCluster> the_cluster;

class PgEnvironment : public ::testing::Environment {
public:
    void SetUp() override { the_cluster = std::make_unique<PgCluster>(); }
    void TearDown() override { the_cluster.reset(); }
};

[[maybe_unused]] ::testing::Environment* const registered =
    ::testing::AddGlobalTestEnvironment(new PgEnvironment);

}  // namespace

PgCluster::PgCluster() {
    const char* bin = std::getenv("OKRSEK_PG_BIN");
    m_bin = bin ? bin : "/usr/lib/postgresql/15/bin";
    if (!std::filesystem::exists(m_bin + "/initdb")) {
        throw std::runtime_error("pg_cluster: no " + m_bin +
                                 "/initdb; run scripts/install-deps --test");
    }
    if (::geteuid() == 0) {
        run_as_owner("true");  // fails early when user postgres is missing
        if (std::system(("chown postgres " + quoted(m_dir.path().string())).c_str()) != 0) {
            throw std::runtime_error("pg_cluster: cannot hand the folder to user postgres");
        }
    }
    run_as_owner(m_bin + "/initdb -D data -U postgres -A trust -E UTF8 --no-sync " +
                 "--no-locale --no-instructions > initdb.log 2>&1");
    start();
}

PgCluster::~PgCluster() {
    try {
        stop();
    } catch (...) {
        // The folder goes anyway; an orphaned server exits when its data folder is gone.
    }
}

std::string PgCluster::run_as_owner(const std::string& command) const {
    const std::string as_owner = ::geteuid() == 0 ? "runuser -u postgres -- sh -c " : "sh -c ";
    const std::string line =
        "cd " + quoted(m_dir.path().string()) + " && " + as_owner + quoted(command);
    if (std::system(line.c_str()) != 0) {
        throw std::runtime_error("pg_cluster: failed: " + command + " (logs in " +
                                 m_dir.path().string() + ")");
    }
    return line;
}

void PgCluster::start() {
    if (m_port == 0) m_port = free_port();
    // Durability is worthless for a throw-away cluster; speed is not.
    const std::string options = "-h 127.0.0.1 -p " + std::to_string(m_port) + " -k " +
                                m_dir.path().string() +
                                " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
    run_as_owner(m_bin + "/pg_ctl -D data -l server.log -w -t 60 -o \"" + options +
                 "\" start > pg_ctl.log 2>&1");
    m_running = true;
}

void PgCluster::stop() {
    if (!m_running) return;
    m_running = false;
    run_as_owner(m_bin + "/pg_ctl -D data -m fast -w stop >> pg_ctl.log 2>&1");
}

std::string PgCluster::uri(const std::string& database) const {
    return "postgresql://postgres@127.0.0.1:" + std::to_string(m_port) + "/" + database;
}

PgCluster& pg_cluster() {
    if (!the_cluster) throw std::runtime_error("pg_cluster: the test environment did not start");
    return *the_cluster;
}

void PgDatabase::admin(const std::string& sql) {
    store::postgres::Connection connection(pg_cluster().uri("postgres"));
    connection.execute_script(sql);
}

PgDatabase::PgDatabase() {
    std::random_device random;
    m_name = "t_" + std::to_string(random()) + "_" + std::to_string(random());
    admin("CREATE DATABASE " + m_name);
}

PgDatabase::~PgDatabase() {
    try {
        admin("DROP DATABASE IF EXISTS " + m_name + " WITH (FORCE)");
    } catch (...) {
        // The cluster is thrown away at the end anyway.
    }
}

}  // namespace okrsek::test
