#include "store/store.hpp"

#include "core/error.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace okrsek::store {

std::unique_ptr<Store> open_store(const StoreSettings& settings) {
    if (settings.database.empty()) {
        throw core::Error(core::ErrorCode::invalid_argument, "no database given", "db");
    }
    if (settings.pool_size == 0) {
        throw core::Error(core::ErrorCode::invalid_argument, "the pool size must be at least 1",
                          "pool-size");
    }
    const std::string& database = settings.database;
    if (database.starts_with("postgresql://") || database.starts_with("postgres://")) {
        return std::make_unique<postgres::PgStore>(settings);
    }
    return std::make_unique<sqlite::SqliteStore>(database);
}

std::unique_ptr<Store> open_store(const std::string& database) {
    return open_store(StoreSettings{.database = database});
}

}  // namespace okrsek::store
