#include "okrsek_command.hpp"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <stdexcept>

namespace okrsek::test {

std::string okrsek_binary() {
    return OKRSEK_BIN;
}

namespace {

CommandResult run_command_line(const std::string& command) {
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (!pipe) throw std::runtime_error("popen failed");
    CommandResult result;
    std::array<char, 4096> buffer{};
    while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) {
        result.output.append(buffer.data(), n);
    }
    const int status = pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

}  // namespace

CommandResult run_shell(std::string command) {
    // Only a whole word: "OKRSEK_DB=…" in the line stays as it is.
    for (auto at = command.find("OKRSEK "); at != std::string::npos;
         at = command.find("OKRSEK ", at)) {
        command.replace(at, 6, okrsek_binary());
        at += okrsek_binary().size();
    }
    return run_command_line(command);
}

CommandResult run_okrsek(const std::string& arguments, const std::string& environment) {
    return run_command_line((environment.empty() ? "" : environment + " ") + okrsek_binary() + " " +
                            arguments);
}

}  // namespace okrsek::test
