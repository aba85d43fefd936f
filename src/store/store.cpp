#include "store/store.hpp"

#include "core/error.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace okrsek::store {

std::unique_ptr<Store> open_store(const std::string& database) {
    if (database.empty()) {
        throw core::Error(core::ErrorCode::invalid_argument, "no database given", "db");
    }
    if (database.starts_with("postgresql://") || database.starts_with("postgres://")) {
        return std::make_unique<postgres::PgStore>(database);
    }
    return std::make_unique<sqlite::SqliteStore>(database);
}

}  // namespace okrsek::store
