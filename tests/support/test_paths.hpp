#pragma once

#include <filesystem>
#include <string>

namespace okrsek::test {

/// The repository's root folder (where CMakeLists.txt is).
std::filesystem::path source_dir();

/// A file under tests/support/data/.
std::filesystem::path support_file(const std::string& name);

/// A file under data/demo/.
std::filesystem::path demo_file(const std::string& name);

/// A real boundary file: data/demo/NAME, else tests/support/data/boundaries/NAME.
/// Throws std::runtime_error when neither exists (tests never skip for missing data).
std::filesystem::path boundary_file(const std::string& name);

/// The whole content of a file; throws std::runtime_error when it cannot be read.
std::string read_file(const std::filesystem::path& path);

/// A fresh, empty temporary folder, removed when the object is destroyed.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

}  // namespace okrsek::test
