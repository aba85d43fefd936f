#pragma once

namespace okrsek::cli {

/// Runs the okrsek command line. Exit codes: 0 ok, 1 failure, 2 usage error.
int run(int argc, char** argv);

}  // namespace okrsek::cli
