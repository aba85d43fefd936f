#include "store/store.hpp"

#include "core/error.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace okrsek::store {

std::unique_ptr<Store> open_store(const std::string& database) {
    if (database.empty()) {
        throw core::Error(core::ErrorCode::invalid_argument, "no database given", "db");
    }
    if (database.starts_with("postgresql://") || database.starts_with("postgres://")) {
        throw core::Error(core::ErrorCode::invalid_argument,
                          "PostgreSQL is not supported by this build yet; use a SQLite file path",
                          "db");
    }
    return std::make_unique<sqlite::SqliteStore>(database);
}

}  // namespace okrsek::store
