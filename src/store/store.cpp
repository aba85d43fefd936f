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

std::string redacted(const std::string& database) {
    std::string text = database;
    // URI form: scheme://user:password@host…
    if (const auto scheme = text.find("://"); scheme != std::string::npos) {
        const auto at = text.find('@', scheme + 3);
        const auto colon = text.find(':', scheme + 3);
        if (at != std::string::npos && colon != std::string::npos && colon < at) {
            text.replace(colon + 1, at - colon - 1, "***");
        }
    }
    // Keyword or query form: password=… up to the next space or '&'.
    for (auto at = text.find("password="); at != std::string::npos;
         at = text.find("password=", at + 1)) {
        const auto start = at + 9;
        const auto end = text.find_first_of(" &", start);
        text.replace(start, (end == std::string::npos ? text.size() : end) - start, "***");
    }
    return text;
}

std::unique_ptr<Store> open_store(const std::string& database) {
    return open_store(StoreSettings{.database = database});
}

}  // namespace okrsek::store
