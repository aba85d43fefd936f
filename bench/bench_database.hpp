// Where a benchmark keeps its data: the database named by an environment variable (a SQLite
// path or a postgresql:// URI of a database okrsek may fill), else a fresh SQLite file in the
// temporary folder (removed with its -wal and -shm files first).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "store/store.hpp"

namespace okrsek::bench {

/// Removes a SQLite file with its write-ahead log and shared-memory files.
inline void remove_sqlite_files(const std::string& file) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file + suffix);
}

/// $variable when set and not empty, else `file_name` in the temporary folder, emptied.
inline std::string database_setting(const char* variable, const char* file_name) {
    if (const char* db = std::getenv(variable); db && *db) return db;
    const std::string file = (std::filesystem::temp_directory_path() / file_name).string();
    remove_sqlite_files(file);
    return file;
}

/// The store at `setting`, migrated, its engine named on stderr (next to the numbers).
inline std::unique_ptr<store::Store> open_migrated_store(const std::string& setting) {
    auto opened = store::open_store(setting);
    opened->migrate();
    std::fprintf(stderr, "engine: %s\n", std::string(opened->engine()).c_str());
    return opened;
}

}  // namespace okrsek::bench
