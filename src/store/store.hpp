#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/area.hpp"
#include "geo/geometry.hpp"
#include "store/accounts.hpp"
#include "store/addresses.hpp"
#include "store/agenda.hpp"
#include "store/area_profiles.hpp"
#include "store/crime.hpp"
#include "store/directory.hpp"
#include "store/dump.hpp"
#include "store/outbox.hpp"
#include "store/reports.hpp"

namespace okrsek::store {

/// An area with its geometry, as stored.
struct AreaRow {
    core::AreaInfo info;
    geo::MultiPolygon geometry;
};

/// An area to be written by replace_areas().
struct NewArea {
    std::int64_t municipality_code = 0;
    std::string code;
    std::string name;
    std::string properties_json = "{}";
    geo::MultiPolygon geometry;
};

/// What replacing a layer (or one town's part of it) did.
struct ReplaceResult {
    std::int64_t layer_version = 0;
    std::size_t inserted = 0;
    std::size_t updated = 0;
    std::size_t deleted = 0;
};

/// The scope that an import replaces: a whole layer, or one municipality's areas in it.
struct ReplaceScope {
    std::string layer;
    std::optional<std::int64_t> municipality_code;  ///< std::nullopt: the whole layer
};

/// Everything the in-memory area catalog is built from, read from one consistent snapshot
/// (an import committing meanwhile is either wholly in it or wholly absent).
struct CatalogSnapshot {
    std::int64_t version = 0;  ///< catalog_version() of the snapshot
    std::vector<core::LayerInfo> layers;
    std::vector<AreaRow> areas;  ///< ordered by layer, then id
};

/// Persistent storage. Implementations: SQLite (embedded default); PostgreSQL (servers).
/// Methods throw core::Error: unavailable when the database cannot be reached, internal for
/// unexpected database failures, invalid_input for constraint violations.
/// Implementations are safe to call from several threads. The security core's storage
/// (accounts, sessions, audit log), address points, district directories and agendas come
/// with every Store: see store/accounts.hpp, addresses.hpp, directory.hpp and agenda.hpp.
class Store : public AccountStore,
              public AddressStore,
              public DirectoryStore,
              public AgendaStore,
              public OutboxStore,
              public ReportStore,
              public CrimeStore,
              public AreaProfileStore {
public:
    virtual ~Store() = default;

    /// "sqlite" or "postgresql".
    virtual std::string_view engine() const noexcept = 0;

    /// Applies pending migrations in order, each in its own transaction; returns how many ran.
    virtual int migrate() = 0;

    /// The highest applied migration, 0 for an empty database.
    virtual int schema_version() = 0;

    /// A cheap round trip; throws core::Error(unavailable) when the database does not answer.
    virtual void ping() = 0;

    virtual std::vector<core::Municipality> municipalities() = 0;
    virtual std::vector<core::LayerInfo> layers() = 0;

    /// Every area of `layer` (every area of every layer when empty), ordered by layer, then id.
    virtual std::vector<AreaRow> load_areas(std::string_view layer = {}) = 0;

    virtual std::optional<AreaRow> find_area(std::int64_t id) = 0;

    /// The fingerprint of the last import into `scope`, if any (lets an identical re-import
    /// be skipped).
    virtual std::optional<std::string> import_fingerprint(const ReplaceScope& scope) = 0;

    /// Atomically makes `areas` the content of `scope`: areas with a known (municipality, code)
    /// keep their id and are updated, new ones inserted, missing ones deleted; the given
    /// municipalities are inserted or renamed first; the layer's version grows by one and the
    /// fingerprint is recorded. Readers see the old or the new layer, never a mix.
    virtual ReplaceResult replace_areas(const ReplaceScope& scope, std::span<const NewArea> areas,
                                        std::span<const core::Municipality> municipalities,
                                        const std::string& fingerprint) = 0;

    /// A number that changes whenever any layer changes (for servers sharing one database).
    virtual std::int64_t catalog_version() = 0;

    /// Version, layers and every area, read in one snapshot.
    virtual CatalogSnapshot load_catalog() = 0;

    /// migrate(), but only up to `version` (a restore first brings an empty database to the
    /// schema of its dump). Returns how many migrations ran. Throws invalid_argument for a
    /// version no migration has.
    virtual int migrate_to(int version) = 0;

    /// Writes every row of every portable table (portable_tables() order, rows by primary
    /// key) from one consistent snapshot; tables the schema lacks are left out.
    virtual void dump(RowSink& sink) = 0;

    /// Inserts every row of `source`, ids included, in one transaction: all or nothing. Needs
    /// every portable table to be empty (else core::Error invalid_argument, nothing changes);
    /// for malformed input see restore_rows() in store/table_copy.hpp. New rows inserted later
    /// get ids above the restored ones. Returns the rows inserted per table.
    virtual std::vector<TableRowCount> restore(RowSource& source) = 0;
};

/// How to open the database. Only `database` is needed; the rest tunes PostgreSQL.
struct StoreSettings {
    /// A SQLite file path, or a "postgresql://…" / "postgres://…" URI.
    std::string database;
    /// PostgreSQL connections this process keeps at most (one per concurrent request helps;
    /// more than the server's max_connections divided by the number of servers hurts).
    std::size_t pool_size = 4;
    /// PostgreSQL: a statement running longer is cancelled (0: no limit). Migrations are exempt.
    std::chrono::milliseconds statement_timeout{30000};
    /// PostgreSQL: how long connecting may take before the database counts as unreachable.
    std::chrono::seconds connect_timeout{5};
    /// PostgreSQL: how long a request waits for a free pooled connection.
    std::chrono::milliseconds pool_wait_timeout{10000};
};

/// Opens the store the settings name: a "postgresql://…" or "postgres://…" URI means
/// PostgreSQL; anything else is a SQLite file path (created when missing). Throws
/// core::Error(unavailable) when it cannot be opened or reached, invalid_argument for an
/// empty database setting or a pool size of 0.
std::unique_ptr<Store> open_store(const StoreSettings& settings);

/// The database setting with any password replaced by "***", for messages and output
/// ("postgresql://okrsek:***@db.example/okrsek"; a "password=…" keyword likewise).
std::string redacted(const std::string& database);

/// open_store() with default settings for `database`.
std::unique_ptr<Store> open_store(const std::string& database);

}  // namespace okrsek::store
