#include "store/postgres/pg_store.hpp"

#include <chrono>
#include <map>
#include <utility>

#include "core/error.hpp"
#include "core/time.hpp"
#include "geo/bbox.hpp"
#include "geo/wkb.hpp"
#include "store/migrations.hpp"

namespace okrsek::store::postgres {
namespace {

// Any constant shared by every okrsek process: the advisory lock that serializes migrations
// when several servers start at once ("okrsek" in ASCII).
constexpr std::int64_t migration_lock_key = 0x6f6b7273656b;

// Geometry is bytea: rows that carry it are read in binary format, which sends it as raw
// bytes instead of twice as much hex text.
const std::string area_select =
    "SELECT a.id, l.name, a.municipality_code, a.code, a.name, a.properties, a.geometry "
    "FROM areas a JOIN layers l ON l.id = a.layer_id";

AreaRow read_area_row_pg_store(const Result& result, int row) {
    AreaRow area;
    area.info.id = result.int64(row, 0);
    area.info.layer = result.text(row, 1);
    area.info.municipality_code = result.int64(row, 2);
    area.info.code = result.text(row, 3);
    area.info.name = result.text(row, 4);
    area.info.properties_json = result.text(row, 5);
    area.geometry = geo::from_wkb(result.bytes(row, 6));
    return area;
}

// The migrations table exists before any migration so that its own creation is idempotent.
const std::string create_migrations_table_pg_store =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, "
    "description TEXT NOT NULL, applied_at TEXT NOT NULL)";

int schema_version_on(Connection& connection) {
    const Result exists = connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL");
    if (exists.text(0, 0) != "t") return 0;
    const Result version =
        connection.query("SELECT CAST(COALESCE(MAX(version), 0) AS BIGINT) FROM schema_migrations");
    return static_cast<int>(version.int64(0, 0));
}

void upsert_municipalities(Connection& connection, std::span<const core::Municipality> towns,
                           const std::string& now) {
    for (const auto& town : towns) {
        connection.query(
            "INSERT INTO municipalities (code, name, created_at) VALUES ($1, $2, $3) "
            "ON CONFLICT (code) DO UPDATE SET name = excluded.name",
            Params().add(town.code).add(town.name).add(now));
    }
}

// Creates the layer when missing and locks its row until the transaction ends. Imports into
// one layer therefore run one after another, and each sees the areas the previous one
// committed (READ COMMITTED takes a fresh snapshot per statement, after the lock is granted).
// This avoids SERIALIZABLE, whose serialization failures every caller would have to retry.
std::int64_t lock_layer(Connection& connection, const std::string& name, const std::string& now) {
    connection.query(
        "INSERT INTO layers (name, version, updated_at) VALUES ($1, 0, $2) "
        "ON CONFLICT (name) DO NOTHING",
        Params().add(name).add(now));
    const Result row =
        connection.query("SELECT id FROM layers WHERE name = $1 FOR UPDATE", Params().add(name));
    return row.int64(0, 0);
}

using ExistingAreas = std::map<std::pair<std::int64_t, std::string>, std::int64_t>;

ExistingAreas existing_areas(Connection& connection, std::int64_t layer_id,
                             std::optional<std::int64_t> municipality_code) {
    const Result rows = connection.query(
        "SELECT id, municipality_code, code FROM areas WHERE layer_id = $1 AND "
        "(CAST($2 AS BIGINT) IS NULL OR municipality_code = $2)",
        Params().add(layer_id).add(municipality_code));
    ExistingAreas existing;
    for (int row = 0; row < rows.rows(); ++row) {
        existing.emplace(std::pair{rows.int64(row, 1), rows.text(row, 2)}, rows.int64(row, 0));
    }
    return existing;
}

void write_area(Connection& connection, const NewArea& area, std::int64_t layer_id,
                std::optional<std::int64_t> existing_id, const std::string& now) {
    const geo::BBox box = geo::bbox_of(area.geometry);
    Params params;
    params.add(area.name).add(area.properties_json).add(box.min_lon).add(box.min_lat);
    params.add(box.max_lon).add(box.max_lat).add_binary(geo::to_wkb(area.geometry)).add(now);
    if (existing_id) {
        connection.query(
            "UPDATE areas SET name = $1, properties = $2, min_lon = $3, "
            "min_lat = $4, max_lon = $5, max_lat = $6, geometry = $7, "
            "updated_at = $8 WHERE id = $9",
            params.add(*existing_id));
    } else {
        connection.query(
            "INSERT INTO areas (name, properties, min_lon, min_lat, max_lon, "
            "max_lat, geometry, updated_at, layer_id, municipality_code, code) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            params.add(layer_id).add(area.municipality_code).add(area.code));
    }
}

std::vector<core::LayerInfo> layers_on(Connection& connection) {
    const Result rows = connection.query(
        "SELECT l.name, l.version, l.updated_at, "
        "(SELECT COUNT(*) FROM areas a WHERE a.layer_id = l.id) "
        "FROM layers l ORDER BY l.name");
    std::vector<core::LayerInfo> result;
    for (int row = 0; row < rows.rows(); ++row) {
        core::LayerInfo layer;
        layer.name = rows.text(row, 0);
        layer.version = rows.int64(row, 1);
        layer.updated_at_utc = rows.text(row, 2);
        layer.area_count = rows.int64(row, 3);
        result.push_back(std::move(layer));
    }
    return result;
}

std::vector<AreaRow> load_areas_on(Connection& connection, std::string_view layer) {
    Params params;
    if (!layer.empty()) params.add(layer);
    const Result rows = connection.query(
        area_select + (layer.empty() ? "" : " WHERE l.name = $1") + " ORDER BY l.name, a.id",
        params, ResultFormat::binary);
    std::vector<AreaRow> result;
    result.reserve(static_cast<std::size_t>(rows.rows()));
    for (int row = 0; row < rows.rows(); ++row) result.push_back(read_area_row_pg_store(rows, row));
    return result;
}

std::int64_t catalog_version_on(Connection& connection) {
    // SUM(bigint) is numeric in PostgreSQL; the cast keeps the column a plain bigint.
    const Result rows =
        connection.query("SELECT CAST(COALESCE(SUM(version), 0) AS BIGINT) FROM layers");
    return rows.int64(0, 0);
}

ReplaceResult replace_areas_on(Connection& connection, const ReplaceScope& scope,
                               std::span<const NewArea> areas,
                               std::span<const core::Municipality> municipalities,
                               const std::string& fingerprint) {
    const std::string now = core::now_iso8601_utc();
    ReplaceResult result;

    upsert_municipalities(connection, municipalities, now);
    const std::int64_t layer_id = lock_layer(connection, scope.layer, now);
    // Existing areas of the scope by (municipality, code), so ids survive a re-import.
    ExistingAreas existing = existing_areas(connection, layer_id, scope.municipality_code);
    for (const auto& area : areas) {
        auto found = existing.find({area.municipality_code, area.code});
        if (found != existing.end()) {
            write_area(connection, area, layer_id, found->second, now);
            existing.erase(found);
            ++result.updated;
        } else {
            write_area(connection, area, layer_id, std::nullopt, now);
            ++result.inserted;
        }
    }
    for (const auto& [key, id] : existing) {
        connection.query("DELETE FROM areas WHERE id = $1", Params().add(id));
        ++result.deleted;
    }

    const Result version = connection.query(
        "UPDATE layers SET version = version + 1, updated_at = $1 WHERE id = $2 RETURNING version",
        Params().add(now).add(layer_id));
    result.layer_version = version.int64(0, 0);
    connection.query(
        "INSERT INTO layer_imports (layer_id, municipality_code, fingerprint, "
        "area_count, imported_at) VALUES ($1, $2, $3, $4, $5)",
        Params()
            .add(layer_id)
            .add(scope.municipality_code)
            .add(fingerprint)
            .add(static_cast<std::int64_t>(areas.size()))
            .add(now));
    return result;
}

}  // namespace

PgStore::PgStore(const StoreSettings& settings)
    : m_pool(settings.database,
             ConnectOptions{settings.connect_timeout, settings.statement_timeout},
             settings.pool_size, settings.pool_wait_timeout) {}

PgStore::PgStore(const std::string& conninfo) : PgStore(StoreSettings{.database = conninfo}) {}

// A connection found broken is reconnected in place and the work runs once more on it.
// Retrying on the same lease matters: after a server restart every idle connection of the
// pool is stale, so taking "another" one could hit the next stale connection.
void PgStore::with_connection(const std::function<void(Connection&)>& work) {
    auto connection = m_pool.acquire();
    try {
        work(*connection);
        return;
    } catch (const core::Error& error) {
        // A healthy connection means the failure was the query's own.
        if (error.code() != core::ErrorCode::unavailable || connection->healthy()) throw;
    }
    connection->reconnect();
    work(*connection);
}

void PgStore::with_transaction(Isolation isolation, const std::function<void(Connection&)>& work) {
    auto connection = m_pool.acquire();
    std::optional<Transaction> transaction;
    try {
        transaction.emplace(*connection, isolation);
    } catch (const core::Error& error) {
        if (error.code() != core::ErrorCode::unavailable || connection->healthy()) throw;
        connection->reconnect();
        transaction.emplace(*connection, isolation);
    }
    work(*connection);
    transaction->commit();
}

int PgStore::migrate() {
    return migrate_to(latest_schema_version());
}

int PgStore::migrate_to(int version) {
    if (version < 0 || version > latest_schema_version()) {
        throw core::Error(core::ErrorCode::invalid_argument,
                          "no schema version " + std::to_string(version) +
                              " (this okrsek knows 0 to " +
                              std::to_string(latest_schema_version()) + ")");
    }
    int applied = 0;
    with_transaction(Isolation::read_committed, [&](Connection& connection) {
        // Migrations may legitimately run long, and a second server starting at the same
        // moment waits here until the first has committed, then finds nothing left to do.
        connection.execute_script("SET LOCAL statement_timeout = 0");
        connection.query("SELECT pg_advisory_xact_lock($1)", Params().add(migration_lock_key));
        connection.execute_script(create_migrations_table_pg_store);
        const int current = schema_version_on(connection);
        for (const auto& migration : migrations()) {
            if (migration.version <= current || migration.version > version) continue;
            connection.execute_script(render_sql(migration, Dialect::postgresql));
            connection.query(
                "INSERT INTO schema_migrations (version, description, applied_at) "
                "VALUES ($1, $2, $3)",
                Params()
                    .add(std::int64_t{migration.version})
                    .add(migration.description)
                    .add(core::now_iso8601_utc()));
            ++applied;
        }
    });
    return applied;
}

int PgStore::schema_version() {
    int version = 0;
    with_connection([&](Connection& connection) { version = schema_version_on(connection); });
    return version;
}

void PgStore::ping() {
    with_connection([](Connection& connection) { connection.query("SELECT 1"); });
}

std::vector<core::Municipality> PgStore::municipalities() {
    std::vector<core::Municipality> result;
    with_connection([&](Connection& connection) {
        const Result rows =
            connection.query("SELECT code, name FROM municipalities ORDER BY name, code");
        result.clear();
        for (int row = 0; row < rows.rows(); ++row) {
            result.push_back({rows.int64(row, 0), rows.text(row, 1)});
        }
    });
    return result;
}

std::vector<core::LayerInfo> PgStore::layers() {
    std::vector<core::LayerInfo> result;
    with_connection([&](Connection& connection) { result = layers_on(connection); });
    return result;
}

std::vector<AreaRow> PgStore::load_areas(std::string_view layer) {
    std::vector<AreaRow> result;
    with_connection([&](Connection& connection) { result = load_areas_on(connection, layer); });
    return result;
}

std::optional<AreaRow> PgStore::find_area(std::int64_t id) {
    std::optional<AreaRow> result;
    with_connection([&](Connection& connection) {
        const Result rows = connection.query(area_select + " WHERE a.id = $1", Params().add(id),
                                             ResultFormat::binary);
        if (rows.rows() > 0) result = read_area_row_pg_store(rows, 0);
    });
    return result;
}

std::optional<std::string> PgStore::import_fingerprint(const ReplaceScope& scope) {
    std::optional<std::string> result;
    with_connection([&](Connection& connection) {
        const Result rows = connection.query(
            "SELECT i.fingerprint FROM layer_imports i JOIN layers l ON l.id = i.layer_id "
            "WHERE l.name = $1 AND (i.municipality_code = $2 OR "
            "(i.municipality_code IS NULL AND CAST($2 AS BIGINT) IS NULL)) "
            "ORDER BY i.id DESC LIMIT 1",
            Params().add(scope.layer).add(scope.municipality_code));
        if (rows.rows() > 0) result = rows.text(0, 0);
    });
    return result;
}

ReplaceResult PgStore::replace_areas(const ReplaceScope& scope, std::span<const NewArea> areas,
                                     std::span<const core::Municipality> municipalities,
                                     const std::string& fingerprint) {
    ReplaceResult result;
    with_transaction(Isolation::read_committed, [&](Connection& connection) {
        result = replace_areas_on(connection, scope, areas, municipalities, fingerprint);
    });
    return result;
}

std::int64_t PgStore::catalog_version() {
    std::int64_t version = 0;
    with_connection([&](Connection& connection) { version = catalog_version_on(connection); });
    return version;
}

CatalogSnapshot PgStore::load_catalog() {
    CatalogSnapshot snapshot;
    with_connection([&](Connection& connection) {
        Transaction transaction(connection, Isolation::snapshot);
        snapshot.version = catalog_version_on(connection);
        snapshot.layers = layers_on(connection);
        snapshot.areas = load_areas_on(connection, {});
        transaction.commit();
    });
    return snapshot;
}

}  // namespace okrsek::store::postgres
