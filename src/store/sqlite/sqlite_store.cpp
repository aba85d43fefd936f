#include "store/sqlite/sqlite_store.hpp"

#include <map>
#include <tuple>

#include "core/error.hpp"
#include "core/time.hpp"
#include "geo/bbox.hpp"
#include "geo/wkb.hpp"
#include "store/migrations.hpp"

namespace okrsek::store::sqlite {
namespace {

using core::Error;
using core::ErrorCode;

constexpr std::string_view area_columns =
    "a.id, l.name, a.municipality_code, a.code, a.name, a.properties, a.geometry";

AreaRow read_area_row(const Statement& statement) {
    AreaRow row;
    row.info.id = statement.column_int64(0);
    row.info.layer = statement.column_text(1);
    row.info.municipality_code = statement.column_int64(2);
    row.info.code = statement.column_text(3);
    row.info.name = statement.column_text(4);
    row.info.properties_json = statement.column_text(5);
    row.geometry = geo::from_wkb(statement.column_blob(6));
    return row;
}

// The migrations table exists before any migration so that its own creation is idempotent.
constexpr std::string_view create_migrations_table =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, "
    "description TEXT NOT NULL, applied_at TEXT NOT NULL)";

}  // namespace

SqliteStore::SqliteStore(const std::string& path) : m_writer(path), m_reader(path) {}

int SqliteStore::schema_version_locked(Connection& connection) {
    Statement exists(connection,
                     "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = "
                     "'schema_migrations'");
    exists.step();
    if (exists.column_int64(0) == 0) return 0;
    Statement statement(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    statement.step();
    return static_cast<int>(statement.column_int64(0));
}

int SqliteStore::migrate() {
    return migrate_to(latest_schema_version());
}

int SqliteStore::migrate_to(int version) {
    if (version < 0 || version > latest_schema_version()) {
        throw Error(ErrorCode::invalid_argument, "no schema version " + std::to_string(version) +
                                                     " (this okrsek knows 0 to " +
                                                     std::to_string(latest_schema_version()) + ")");
    }
    std::lock_guard lock(m_write_mutex);
    Transaction transaction(m_writer);  // BEGIN IMMEDIATE: a second migrator waits here
    m_writer.execute_script(std::string(create_migrations_table));
    const int current = schema_version_locked(m_writer);
    int applied = 0;
    for (const auto& migration : migrations()) {
        if (migration.version <= current || migration.version > version) continue;
        m_writer.execute_script(render_sql(migration, Dialect::sqlite));
        Statement record(m_writer,
                         "INSERT INTO schema_migrations (version, description, applied_at) "
                         "VALUES (?, ?, ?)");
        record.bind(1, std::int64_t{migration.version})
            .bind(2, migration.description)
            .bind(3, core::now_iso8601_utc())
            .run();
        ++applied;
    }
    transaction.commit();
    return applied;
}

int SqliteStore::schema_version() {
    std::lock_guard lock(m_read_mutex);
    return schema_version_locked(m_reader);
}

void SqliteStore::ping() {
    std::lock_guard lock(m_read_mutex);
    Statement statement(m_reader, "SELECT 1");
    statement.step();
}

std::vector<core::Municipality> SqliteStore::municipalities() {
    std::lock_guard lock(m_read_mutex);
    Statement statement(m_reader, "SELECT code, name FROM municipalities ORDER BY name, code");
    std::vector<core::Municipality> result;
    while (statement.step()) {
        result.push_back({statement.column_int64(0), statement.column_text(1)});
    }
    return result;
}

std::vector<core::LayerInfo> SqliteStore::layers() {
    std::lock_guard lock(m_read_mutex);
    return layers_locked(m_reader);
}

std::vector<core::LayerInfo> SqliteStore::layers_locked(Connection& connection) {
    Statement statement(connection,
                        "SELECT l.name, l.version, l.updated_at, "
                        "(SELECT COUNT(*) FROM areas a WHERE a.layer_id = l.id) "
                        "FROM layers l ORDER BY l.name");
    std::vector<core::LayerInfo> result;
    while (statement.step()) {
        core::LayerInfo layer;
        layer.name = statement.column_text(0);
        layer.version = statement.column_int64(1);
        layer.updated_at_utc = statement.column_text(2);
        layer.area_count = statement.column_int64(3);
        result.push_back(std::move(layer));
    }
    return result;
}

std::vector<AreaRow> SqliteStore::load_areas(std::string_view layer) {
    std::lock_guard lock(m_read_mutex);
    return load_areas_locked(m_reader, layer);
}

std::vector<AreaRow> SqliteStore::load_areas_locked(Connection& connection,
                                                    std::string_view layer) {
    std::string sql = "SELECT " + std::string(area_columns) +
                      " FROM areas a JOIN layers l ON l.id = a.layer_id" +
                      (layer.empty() ? "" : " WHERE l.name = ?") + " ORDER BY l.name, a.id";
    Statement statement(connection, sql);
    if (!layer.empty()) statement.bind(1, layer);
    std::vector<AreaRow> result;
    while (statement.step()) result.push_back(read_area_row(statement));
    return result;
}

std::optional<AreaRow> SqliteStore::find_area(std::int64_t id) {
    std::lock_guard lock(m_read_mutex);
    Statement statement(m_reader, "SELECT " + std::string(area_columns) +
                                      " FROM areas a JOIN layers l ON l.id = a.layer_id "
                                      "WHERE a.id = ?");
    statement.bind(1, id);
    if (!statement.step()) return std::nullopt;
    return read_area_row(statement);
}

std::optional<std::string> SqliteStore::import_fingerprint(const ReplaceScope& scope) {
    std::lock_guard lock(m_read_mutex);
    Statement statement(
        m_reader,
        "SELECT i.fingerprint FROM layer_imports i JOIN layers l "
        "ON l.id = i.layer_id WHERE l.name = ? AND "
        "(i.municipality_code = ? OR (i.municipality_code IS NULL AND CAST(? AS BIGINT) IS NULL)) "
        "ORDER BY i.id DESC LIMIT 1");
    statement.bind(1, scope.layer)
        .bind(2, scope.municipality_code)
        .bind(3, scope.municipality_code);
    if (!statement.step()) return std::nullopt;
    return statement.column_text(0);
}

std::int64_t SqliteStore::ensure_layer(const std::string& name, const std::string& now) {
    Statement insert(m_writer,
                     "INSERT INTO layers (name, version, updated_at) VALUES (?, 0, ?) "
                     "ON CONFLICT (name) DO NOTHING");
    insert.bind(1, name).bind(2, now).run();
    Statement select(m_writer, "SELECT id FROM layers WHERE name = ?");
    select.bind(1, name);
    select.step();
    return select.column_int64(0);
}

ReplaceResult SqliteStore::replace_areas(const ReplaceScope& scope, std::span<const NewArea> areas,
                                         std::span<const core::Municipality> municipalities,
                                         const std::string& fingerprint) {
    std::lock_guard lock(m_write_mutex);
    Transaction transaction(m_writer);
    const std::string now = core::now_iso8601_utc();
    ReplaceResult result;

    Statement upsert_town(m_writer,
                          "INSERT INTO municipalities (code, name, created_at) VALUES (?, ?, ?) "
                          "ON CONFLICT (code) DO UPDATE SET name = excluded.name");
    for (const auto& town : municipalities) {
        upsert_town.bind(1, town.code).bind(2, town.name).bind(3, now).run();
        upsert_town.reset();
    }
    const std::int64_t layer_id = ensure_layer(scope.layer, now);

    // Existing areas of the scope by (municipality, code), so ids survive a re-import.
    std::map<std::pair<std::int64_t, std::string>, std::int64_t> existing;
    {
        Statement select(m_writer,
                         "SELECT id, municipality_code, code FROM areas WHERE layer_id = ? AND "
                         "(CAST(? AS BIGINT) IS NULL OR municipality_code = ?)");
        select.bind(1, layer_id).bind(2, scope.municipality_code).bind(3, scope.municipality_code);
        while (select.step()) {
            existing.emplace(std::pair{select.column_int64(1), select.column_text(2)},
                             select.column_int64(0));
        }
    }

    Statement update(m_writer,
                     "UPDATE areas SET name = ?, properties = ?, min_lon = ?, min_lat = ?, "
                     "max_lon = ?, max_lat = ?, geometry = ?, updated_at = ? WHERE id = ?");
    Statement insert(m_writer,
                     "INSERT INTO areas (layer_id, municipality_code, code, name, properties, "
                     "min_lon, min_lat, max_lon, max_lat, geometry, updated_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto& area : areas) {
        const geo::BBox box = geo::bbox_of(area.geometry);
        const std::string wkb = geo::to_wkb(area.geometry);
        auto found = existing.find({area.municipality_code, area.code});
        if (found != existing.end()) {
            update.bind(1, area.name).bind(2, area.properties_json).bind(3, box.min_lon);
            update.bind(4, box.min_lat).bind(5, box.max_lon).bind(6, box.max_lat);
            update.bind_blob(7, wkb).bind(8, now).bind(9, found->second).run();
            update.reset();
            existing.erase(found);
            ++result.updated;
        } else {
            insert.bind(1, layer_id).bind(2, area.municipality_code).bind(3, area.code);
            insert.bind(4, area.name).bind(5, area.properties_json).bind(6, box.min_lon);
            insert.bind(7, box.min_lat).bind(8, box.max_lon).bind(9, box.max_lat);
            insert.bind_blob(10, wkb).bind(11, now).run();
            insert.reset();
            ++result.inserted;
        }
    }
    Statement remove(m_writer, "DELETE FROM areas WHERE id = ?");
    for (const auto& [key, id] : existing) {
        remove.bind(1, id).run();
        remove.reset();
        ++result.deleted;
    }

    Statement bump(m_writer,
                   "UPDATE layers SET version = version + 1, updated_at = ? WHERE id = ?");
    bump.bind(1, now).bind(2, layer_id).run();
    Statement version(m_writer, "SELECT version FROM layers WHERE id = ?");
    version.bind(1, layer_id);
    version.step();
    result.layer_version = version.column_int64(0);

    Statement record(m_writer,
                     "INSERT INTO layer_imports (layer_id, municipality_code, fingerprint, "
                     "area_count, imported_at) VALUES (?, ?, ?, ?, ?)");
    record.bind(1, layer_id).bind(2, scope.municipality_code).bind(3, fingerprint);
    record.bind(4, static_cast<std::int64_t>(areas.size())).bind(5, now).run();
    transaction.commit();
    return result;
}

std::int64_t SqliteStore::catalog_version() {
    std::lock_guard lock(m_read_mutex);
    return catalog_version_locked(m_reader);
}

std::int64_t SqliteStore::catalog_version_locked(Connection& connection) {
    Statement statement(connection, "SELECT COALESCE(SUM(version), 0) FROM layers");
    statement.step();
    return statement.column_int64(0);
}

CatalogSnapshot SqliteStore::load_catalog() {
    std::lock_guard lock(m_read_mutex);
    ReadTransaction snapshot(m_reader);
    CatalogSnapshot result;
    result.version = catalog_version_locked(m_reader);
    result.layers = layers_locked(m_reader);
    result.areas = load_areas_locked(m_reader, {});
    return result;
}

}  // namespace okrsek::store::sqlite
