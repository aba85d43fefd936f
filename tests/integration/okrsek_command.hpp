#pragma once

#include <string>

namespace okrsek::test {

struct CommandResult {
    int exit_code = -1;
    std::string output;  ///< stdout and stderr together
};

/// Runs the okrsek binary under test (OKRSEK_BIN) with `arguments` through the shell and
/// `environment` (e.g. "OKRSEK_DB=x", prefixed to the command line).
CommandResult run_okrsek(const std::string& arguments, const std::string& environment = {});

/// Runs a shell command line in which every "OKRSEK" stands for the binary under test (for
/// pipes such as "OKRSEK --db a.db backup - | OKRSEK --db b.db restore -").
CommandResult run_shell(std::string command);

/// The path of the okrsek binary under test.
std::string okrsek_binary();

}  // namespace okrsek::test
