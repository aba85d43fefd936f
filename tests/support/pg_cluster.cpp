#include "support/pg_cluster.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <random>
#include <stdexcept>

#include "store/migrations.hpp"
#include "store/postgres/pg_handle.hpp"
#include "store/store.hpp"

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

std::string pg_bin() {
    const char* bin = std::getenv("OKRSEK_PG_BIN");
    return bin ? bin : "/usr/lib/postgresql/15/bin";
}

// The end of a log file, so that a failure explains itself even after the folder is gone.
std::string log_tail(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return {};
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    constexpr std::size_t keep = 2000;
    if (text.size() > keep) text = "…" + text.substr(text.size() - keep);
    return text;
}

void run_admin(const PgCluster& cluster, const std::string& sql) {
    store::postgres::Connection connection(cluster.uri("postgres"));
    connection.execute_script(sql);
}

// The template database at the latest schema version on `cluster`, made by the first process
// that needs it. Its name carries the version, so a cluster that outlives a new migration gets a
// new template. Built under another name and renamed when complete: a process that died halfway
// leaves only a half-built database behind, which the next one drops and builds again.
std::string migrated_template(PgCluster& cluster) {
    const std::string name = "okrsek_migrated_" + std::to_string(store::latest_schema_version());
    static std::mutex mutex;
    static std::string known;  // made or found by this process already
    std::lock_guard lock(mutex);
    if (known == name) return name;
    store::postgres::Connection admin(cluster.uri("postgres"));
    admin.execute_script("SELECT pg_advisory_lock(727274)");  // "okrsek" tests' template lock
    try {
        store::postgres::Params params;
        params.add(std::string_view(name));
        const auto found =
            admin.query("SELECT count(*) FROM pg_database WHERE datname = $1", params);
        if (found.int64(0, 0) == 0) {
            const std::string building = name + "_building";
            admin.execute_script("DROP DATABASE IF EXISTS " + building + " WITH (FORCE)");
            admin.execute_script("CREATE DATABASE " + building + " STRATEGY = FILE_COPY");
            store::open_store(cluster.uri(building))->migrate();  // closes its connections
            admin.execute_script("ALTER DATABASE " + building + " RENAME TO " + name);
        }
    } catch (...) {
        admin.execute_script("SELECT pg_advisory_unlock(727274)");
        throw;
    }
    admin.execute_script("SELECT pg_advisory_unlock(727274)");
    known = name;
    return name;
}

// In memory (/dev/shm) when it has room, else /tmp. Every test makes and drops a database, and
// CREATE DATABASE copies files and forces a checkpoint: on tmpfs that takes half the time when
// several tests do it at once (on disk the writes queue behind the other tests' I/O).
std::filesystem::path cluster_parent() {
    std::error_code error;
    const auto space = std::filesystem::space("/dev/shm", error);
    if (!error && space.available >= (std::uintmax_t{2} << 30)) return "/dev/shm";
    return "/tmp";
}

std::unique_ptr<PgCluster> open_cluster() {
    const auto file = shared_cluster_state_file();
    if (const auto state = read_cluster_state(file)) {
        auto shared = std::make_unique<PgCluster>(state->folder, state->port);
        if (shared->answers()) return shared;
        std::cerr << "okrsek tests: the PostgreSQL cluster of " << file.string()
                  << " does not answer; starting a private one\n";
    }
    return std::make_unique<PgCluster>();
}

}  // namespace

PgCluster::PgCluster() : m_bin(pg_bin()) {
    if (!std::filesystem::exists(m_bin + "/initdb")) {
        throw std::runtime_error("pg_cluster: no " + m_bin +
                                 "/initdb; run scripts/install-deps --test");
    }
    // Not under $TMPDIR: user postgres must reach the folder when we are root.
    TempDir dir(cluster_parent());
    m_folder = dir.path();
    if (::geteuid() == 0) {
        run_as_owner("true", {});  // fails early when user postgres is missing
        if (std::system(("chown postgres " + quoted(m_folder.string())).c_str()) != 0) {
            throw std::runtime_error("pg_cluster: cannot hand the folder to user postgres");
        }
    }
    run_as_owner(m_bin + "/initdb -D data -U postgres -A trust -E UTF8 --no-sync " +
                     "--no-locale --no-instructions > initdb.log 2>&1",
                 "initdb.log");
    start();
    dir.release();  // from here on the destructor removes it
}

PgCluster::PgCluster(std::filesystem::path folder, int port)
    : m_folder(std::move(folder)), m_bin(pg_bin()), m_port(port), m_running(true), m_owner(false) {}

PgCluster::~PgCluster() {
    if (!m_owner) return;
    try {
        stop();
    } catch (...) {
        // The folder goes anyway; an orphaned server exits when its data folder is gone.
    }
    std::error_code ignored;
    std::filesystem::remove_all(m_folder, ignored);
}

void PgCluster::run_as_owner(const std::string& command, const std::string& log) const {
    const std::string as_owner = ::geteuid() == 0 ? "runuser -u postgres -- sh -c " : "sh -c ";
    const std::string line =
        "cd " + quoted(m_folder.string()) + " && " + as_owner + quoted(command);
    if (std::system(line.c_str()) != 0) {
        std::string message = "pg_cluster: failed: " + command + " (in " + m_folder.string() + ")";
        if (!log.empty()) message += "\n--- " + log + ":\n" + log_tail(m_folder / log);
        if (log == "pg_ctl.log")
            message += "\n--- server.log:\n" + log_tail(m_folder / "server.log");
        throw std::runtime_error(message);
    }
}

void PgCluster::start() {
    if (m_port == 0) m_port = free_port();
    // Durability is worthless for a throw-away cluster; speed is not.
    const std::string options = "-h 127.0.0.1 -p " + std::to_string(m_port) + " -k " +
                                m_folder.string() +
                                " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
    run_as_owner(m_bin + "/pg_ctl -D data -l server.log -w -t 60 -o \"" + options +
                     "\" start > pg_ctl.log 2>&1",
                 "pg_ctl.log");
    m_running = true;
}

void PgCluster::stop() {
    if (!m_running) return;
    m_running = false;
    run_as_owner(m_bin + "/pg_ctl -D data -m fast -w stop >> pg_ctl.log 2>&1", "pg_ctl.log");
}

bool PgCluster::answers() const {
    try {
        store::postgres::Connection connection(uri("postgres"));
        connection.execute_script("SELECT 1");
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

void PgCluster::destroy() {
    std::string failure;
    if (std::filesystem::exists(m_folder / "data" / "postmaster.pid")) {
        m_running = true;
        try {
            stop();
        } catch (const std::exception& error) {
            failure = error.what();
        }
    }
    m_running = false;
    m_owner = false;
    std::error_code ignored;
    std::filesystem::remove_all(m_folder, ignored);
    if (!failure.empty()) throw std::runtime_error(failure);
}

std::string PgCluster::uri(const std::string& database) const {
    return "postgresql://postgres@127.0.0.1:" + std::to_string(m_port) + "/" + database;
}

void write_cluster_state(const std::filesystem::path& file, const PgCluster& cluster) {
    // Written aside, then renamed: a test starting meanwhile sees no file or a whole one.
    const auto partial = std::filesystem::path(file.string() + ".partial");
    {
        std::ofstream out(partial, std::ios::trunc);
        out << "folder=" << cluster.folder().string() << "\nport=" << cluster.port()
            << "\nuri=" << cluster.uri("postgres") << "\n";
        if (!out.flush()) throw std::runtime_error("pg_cluster: cannot write " + partial.string());
    }
    std::filesystem::rename(partial, file);
}

std::optional<PgClusterState> read_cluster_state(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) return std::nullopt;
    PgClusterState state;
    std::string line;
    while (std::getline(in, line)) {
        const auto equals = line.find('=');
        if (equals == std::string::npos) continue;
        const auto key = line.substr(0, equals);
        const auto value = line.substr(equals + 1);
        if (key == "folder") state.folder = value;
        if (key == "port") state.port = std::atoi(value.c_str());
        if (key == "uri") state.uri = value;
    }
    if (state.folder.empty() || state.port <= 0) {
        throw std::runtime_error("pg_cluster: malformed state file " + file.string());
    }
    return state;
}

std::filesystem::path shared_cluster_state_file() {
    if (const char* file = std::getenv("OKRSEK_TEST_PG_STATE"); file && *file) return file;
    return OKRSEK_TEST_PG_STATE_FILE;
}

PgCluster& pg_cluster() {
    // Thread-safe initialisation; a failed start throws and is tried again by the next test.
    static const std::unique_ptr<PgCluster> cluster = open_cluster();
    return *cluster;
}

void PgDatabase::admin(const std::string& sql) {
    run_admin(pg_cluster(), sql);
}

PgDatabase::PgDatabase(PgStart start) : PgDatabase(pg_cluster(), start) {}

PgDatabase::PgDatabase(PgCluster& cluster, PgStart start) : m_cluster(cluster) {
    std::random_device random;
    m_name = "t_" + std::to_string(random()) + "_" + std::to_string(random());
    const std::string from =
        start == PgStart::migrated ? " TEMPLATE " + migrated_template(m_cluster) : "";
    // FILE_COPY copies the template's files at once: about twice as fast as the default WAL_LOG
    // for a tiny template on a cluster without fsync.
    run_admin(m_cluster, "CREATE DATABASE " + m_name + from + " STRATEGY = FILE_COPY");
}

PgDatabase::~PgDatabase() {
    try {
        run_admin(m_cluster, "DROP DATABASE IF EXISTS " + m_name + " WITH (FORCE)");
    } catch (...) {
        // The cluster is thrown away at the end anyway.
    }
}

}  // namespace okrsek::test
