#include "support/test_paths.hpp"

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace okrsek::test {

std::filesystem::path source_dir() {
    return OKRSEK_SOURCE_DIR;
}

std::filesystem::path support_file(const std::string& name) {
    return source_dir() / "tests" / "support" / "data" / name;
}

std::filesystem::path demo_file(const std::string& name) {
    return source_dir() / "data" / "demo" / name;
}

std::filesystem::path boundary_file(const std::string& name) {
    for (auto path : {demo_file(name), support_file("boundaries/" + name)}) {
        if (std::filesystem::exists(path)) return path;
    }
    throw std::runtime_error("no boundary file " + name + " in data/demo or tests/support/data");
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

TempDir::TempDir() : TempDir(std::filesystem::temp_directory_path()) {}

TempDir::TempDir(const std::filesystem::path& base) {
    std::random_device rd;
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto candidate = base / ("okrsek-test-" + std::to_string(rd()));
        if (std::filesystem::create_directory(candidate)) {
            m_path = candidate;
            return;
        }
    }
    throw std::runtime_error("cannot create a temporary folder");
}

TempDir::~TempDir() {
    if (m_released) return;
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
}

}  // namespace okrsek::test
