// The last test of a run: reads every log the run kept (the output of each `okrsek serve`
// process, copied to $OKRSEK_TEST_LOG_DIR, and CTest's record of every test's output so far)
// and fails when a planted canary or the shape of a secret appears in any of them.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "support/canaries.hpp"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: okrsek_test_log_canary LOG_DIR [MORE_FILES…]\n";
        return 2;
    }
    std::vector<fs::path> files;
    if (fs::is_directory(argv[1])) {
        for (const auto& entry : fs::recursive_directory_iterator(argv[1])) {
            if (entry.is_regular_file()) files.push_back(entry.path());
        }
    }
    for (int i = 2; i < argc; ++i) {
        if (fs::is_regular_file(argv[i])) files.emplace_back(argv[i]);
    }
    std::size_t problems = 0;
    std::uintmax_t bytes = 0;
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        bytes += text.str().size();
        for (const auto& found : okrsek::test::find_canaries(text.str())) {
            std::cout << file.string() << ": " << found << '\n';
            ++problems;
        }
    }
    std::cout << "log canary check: " << files.size() << " file(s), " << bytes << " bytes, "
              << problems << " finding(s)\n";
    if (files.empty()) {
        std::cout << "no logs found: the run kept none\n";
        return 1;
    }
    return problems == 0 ? 0 : 1;
}
