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
    /// In the system's temporary folder ($TMPDIR, else /tmp).
    TempDir();
    /// In `base` (a PostgreSQL cluster run as user postgres needs a folder it can reach, which
    /// root's private $TMPDIR may not be).
    explicit TempDir(const std::filesystem::path& base);
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }

    /// Keeps the folder: the destructor leaves it in place (another process removes it later).
    void release() { m_released = true; }

private:
    std::filesystem::path m_path;
    bool m_released = false;
};

}  // namespace okrsek::test
