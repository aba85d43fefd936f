#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "store/postgres/pg_pool.hpp"
#include "store/store.hpp"

namespace okrsek::store::postgres {

/// The server engine: PostgreSQL 15 through libpq, with a pool of connections so that
/// several threads (and several okrsek servers) share one database.
class PgStore final : public Store {
public:
    /// `settings.database` is a "postgresql://…" URI or a libpq keyword string. Throws
    /// core::Error(unavailable) when the server cannot be reached.
    explicit PgStore(const StoreSettings& settings);
    /// Default settings for `conninfo`.
    explicit PgStore(const std::string& conninfo);

    std::string_view engine() const noexcept override { return "postgresql"; }
    int migrate() override;
    int schema_version() override;
    void ping() override;
    std::vector<core::Municipality> municipalities() override;
    std::vector<core::LayerInfo> layers() override;
    std::vector<AreaRow> load_areas(std::string_view layer) override;
    std::optional<AreaRow> find_area(std::int64_t id) override;
    std::optional<std::string> import_fingerprint(const ReplaceScope& scope) override;
    ReplaceResult replace_areas(const ReplaceScope& scope, std::span<const NewArea> areas,
                                std::span<const core::Municipality> municipalities,
                                const std::string& fingerprint) override;
    std::int64_t catalog_version() override;
    CatalogSnapshot load_catalog() override;
    // Backups (pg_dump.cpp).
    int migrate_to(int version) override;
    void dump(RowSink& sink) override;
    std::vector<TableRowCount> restore(RowSource& source) override;

protected:
    // AccountStore's access to SQL (pg_accounts.cpp).
    void run_write(const std::function<void(SqlRunner&)>& work) override;
    void run_read(const std::function<void(SqlRunner&)>& work) override;
    void run_snapshot(const std::function<void(SqlRunner&)>& work) override;

private:
    /// Runs `work` (reads only, or a transaction that `work` itself begins and commits) on a
    /// pooled connection. When the connection turns out to be broken before anything was
    /// done on it — the server restarted since it was last used — `work` runs once more on a
    /// fresh connection, so the first request after a restart does not fail.
    void with_connection(const std::function<void(Connection&)>& work);

    /// Runs `work` in a transaction and commits. Only beginning the transaction is retried
    /// (when BEGIN fails on a stale connection nothing has happened yet); a failure once it
    /// has begun is reported, never repeated, because the outcome of a COMMIT cut off by a
    /// broken connection is unknown.
    void with_transaction(Isolation isolation, const std::function<void(Connection&)>& work);

    Pool m_pool;
};

}  // namespace okrsek::store::postgres
