#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace okrsek::test {

/// A real `okrsek serve` process on 127.0.0.1 at a free port, its output in a log file.
/// The destructor sends SIGTERM and waits (SIGKILL after 10 s).
class ServerProcess {
public:
    /// Starts `binary --db DATABASE --log-level info serve --listen 127.0.0.1:0 EXTRA…` and waits
    /// (up to 30 s) for its "listening on" line. Throws std::runtime_error with the log when
    /// it exits or does not listen in time.
    ServerProcess(const std::string& binary, const std::string& database,
                  const std::filesystem::path& log_file,
                  const std::vector<std::string>& extra_arguments = {},
                  const std::string& log_level = "info");
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    unsigned short port() const { return m_port; }
    /// SIGKILL at once (a crash: no shutdown, nothing flushed) and reaps the process.
    void kill_now();
    /// Everything the process has written so far.
    std::string log() const;

private:
    std::filesystem::path m_log;
    pid_t m_pid = -1;
    unsigned short m_port = 0;
};

}  // namespace okrsek::test
