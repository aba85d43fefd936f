#include "server_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <regex>
#include <stdexcept>
#include <thread>

#include "support/test_paths.hpp"

namespace okrsek::test {

namespace {

// PostgreSQL needs a named key file, the same for every server of a test (SQLite creates its
// own beside the database): a fixed test key in the log's folder.
std::filesystem::path test_key_file(const std::filesystem::path& folder) {
    const auto path = folder / "okrsek-test.key";
    if (!std::filesystem::exists(path)) {
        const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0) {
            const std::string key(64, 'a');
            const bool written =
                ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size());
            ::close(fd);
            if (!written) throw std::runtime_error("cannot write " + path.string());
        }
    }
    return path;
}

// Keeps a copy of the server's whole output where the run's log canary check
// (tests/log_canary_main.cpp) reads it.
void keep_log(const std::filesystem::path& log_file) {
    const char* folder = std::getenv("OKRSEK_TEST_LOG_DIR");
    if (!folder || !*folder) folder = OKRSEK_TEST_LOG_DIR;
    std::error_code ignored;
    std::filesystem::create_directories(folder, ignored);
    static std::atomic<int> counter{0};
    const auto target = std::filesystem::path(folder) / ("server-" + std::to_string(::getpid()) +
                                                         "-" + std::to_string(counter++) + ".log");
    std::filesystem::copy_file(log_file, target, ignored);
}

}  // namespace

ServerProcess::ServerProcess(const std::string& binary, const std::string& database,
                             const std::filesystem::path& log_file,
                             const std::vector<std::string>& extra_arguments,
                             const std::string& log_level)
    : m_log(log_file) {
    std::vector<std::string> arguments{binary,    "--db",  database,   "--log-level",
                                       log_level, "serve", "--listen", "127.0.0.1:0"};
    if (database.find("://") != std::string::npos) {
        arguments.insert(arguments.begin() + 1,
                         {"--secret-key-file", test_key_file(log_file.parent_path()).string()});
    }
    arguments.insert(arguments.end(), extra_arguments.begin(), extra_arguments.end());
    std::vector<char*> argv;
    for (auto& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);

    const int fd = ::open(log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot create " + log_file.string());
    m_pid = ::fork();
    if (m_pid == 0) {
        ::dup2(fd, STDOUT_FILENO);
        ::dup2(fd, STDERR_FILENO);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(fd);
    if (m_pid < 0) throw std::runtime_error("fork failed");

    const std::regex listening("listening on http://127\\.0\\.0\\.1:([0-9]+)");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
        std::smatch match;
        const std::string text = log();
        if (std::regex_search(text, match, listening)) {
            m_port = static_cast<unsigned short>(std::stoi(match[1]));
            return;
        }
        int status = 0;
        if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_pid = -1;
            throw std::runtime_error("okrsek serve exited: " + text);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    const std::string text = log();
    ::kill(m_pid, SIGKILL);
    ::waitpid(m_pid, nullptr, 0);
    m_pid = -1;
    throw std::runtime_error("okrsek serve did not start listening: " + text);
}

ServerProcess::~ServerProcess() {
    if (m_pid <= 0) return;
    ::kill(m_pid, SIGTERM);
    bool ended = false;
    for (int i = 0; i < 500 && !ended; ++i) {
        ended = ::waitpid(m_pid, nullptr, WNOHANG) == m_pid;
        if (!ended) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (!ended) {
        ::kill(m_pid, SIGKILL);
        ::waitpid(m_pid, nullptr, 0);
    }
    keep_log(m_log);
}

void ServerProcess::kill_now() {
    if (m_pid <= 0) return;
    ::kill(m_pid, SIGKILL);
    ::waitpid(m_pid, nullptr, 0);
    m_pid = -1;
}

std::string ServerProcess::log() const {
    try {
        return read_file(m_log);
    } catch (const std::exception&) {
        return {};
    }
}

}  // namespace okrsek::test
