// The CTest fixture `pg_cluster` (tests/CMakeLists.txt): one throw-away PostgreSQL cluster
// shared by every PostgreSQL test of a ctest run, instead of one initdb per test process.
//
//   okrsek_test_pg_cluster start STATE_FILE   stops and removes a cluster a previous,
//                                              interrupted run left behind, creates and starts a
//                                              new one, writes its folder, port and URI
//   okrsek_test_pg_cluster stop STATE_FILE    stops the cluster, removes its folder and the file
//
// Tests find the state file through support/pg_cluster.hpp (pg_cluster()).
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>

#include "support/pg_cluster.hpp"

namespace {

// Stops and removes the cluster `file` names, if any, and the file. Returns false (after
// saying why) when the server would not stop.
bool remove_cluster(const std::filesystem::path& file) {
    bool ok = true;
    try {
        if (const auto state = okrsek::test::read_cluster_state(file)) {
            okrsek::test::PgCluster cluster(state->folder, state->port);
            cluster.destroy();
            std::cout << "stopped and removed " << state->folder.string() << "\n";
        }
    } catch (const std::exception& error) {
        std::cerr << error.what() << "\n";
        ok = false;
    }
    std::filesystem::remove(file);
    return ok;
}

int usage() {
    std::cerr << "usage: okrsek_test_pg_cluster start|stop STATE_FILE\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) return usage();
    const std::string command = argv[1];
    const std::filesystem::path file = argv[2];
    try {
        if (command == "start") {
            // A leftover is only a nuisance (a port, a folder): report it and go on.
            if (!remove_cluster(file)) std::cerr << "(a leftover cluster; continuing)\n";
            okrsek::test::PgCluster cluster;
            okrsek::test::write_cluster_state(file, cluster);
            cluster.detach();
            std::cout << "PostgreSQL cluster in " << cluster.folder().string() << " at "
                      << cluster.uri("postgres") << "; state in " << file.string() << "\n";
            return 0;
        }
        if (command == "stop") return remove_cluster(file) ? 0 : 1;
    } catch (const std::exception& error) {
        std::cerr << "okrsek_test_pg_cluster " << command << ": " << error.what() << "\n";
        return 1;
    }
    return usage();
}
