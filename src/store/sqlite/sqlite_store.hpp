#pragma once

#include <functional>
#include <mutex>
#include <string>

#include "store/sqlite/sqlite_handle.hpp"
#include "store/store.hpp"

namespace okrsek::store::sqlite {

/// The embedded engine: one SQLite file in WAL mode. A writer connection and a reader
/// connection, each used by one thread at a time, so reads go on while an import writes.
class SqliteStore final : public Store {
public:
    explicit SqliteStore(const std::string& path);

    std::string_view engine() const noexcept override { return "sqlite"; }
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
    // Backups (sqlite_dump.cpp).
    int migrate_to(int version) override;
    void dump(RowSink& sink) override;
    std::vector<TableRowCount> restore(RowSource& source) override;

protected:
    // AccountStore's access to SQL (sqlite_accounts.cpp).
    void run_write(const std::function<void(SqlRunner&)>& work) override;
    void run_read(const std::function<void(SqlRunner&)>& work) override;
    void run_snapshot(const std::function<void(SqlRunner&)>& work) override;

private:
    int schema_version_locked(Connection& connection);
    std::vector<core::LayerInfo> layers_locked(Connection& connection);
    std::vector<AreaRow> load_areas_locked(Connection& connection, std::string_view layer);
    std::int64_t catalog_version_locked(Connection& connection);
    std::int64_t ensure_layer(const std::string& name, const std::string& now);

    std::mutex m_write_mutex;
    Connection m_writer;
    std::mutex m_read_mutex;
    Connection m_reader;
};

}  // namespace okrsek::store::sqlite
