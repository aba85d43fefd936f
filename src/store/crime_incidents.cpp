// CrimeStore's incidents on top of SqlRunner: bulk writes with update in place, reading in
// pages, re-assignment to areas.
#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

#include "core/error.hpp"
#include "store/account_common.hpp"
#include "store/audit_log.hpp"
#include "store/crime.hpp"
#include "store/crime_common.hpp"
#include "store/schema_crime.hpp"

namespace okrsek::store {
namespace {

using core::Error;
using core::ErrorCode;

// Rows per page when reading (bounds memory; PostgreSQL hands a whole result over at once)
// and ids per "IN (…)" list.
constexpr std::int64_t page_rows = 20000;
constexpr std::size_t ids_per_statement = 500;

const std::vector<std::string> incident_columns{"id",          "source_id",         "external_id",
                                                "occurred_at", "local_offset_min",  "lon_e7",
                                                "lat_e7",      "municipal_police",  "state",
                                                "relevance",   "municipality_code", "city_part_id",
                                                "district_id", "imported_at"};

// New incidents go in plainly (PostgreSQL COPYs them straight into the table); stored ones are
// overwritten by their id (INSERT … ON CONFLICT (id) DO UPDATE).
BulkInsertSpec incident_insert(bool update) {
    BulkInsertSpec spec{"incidents", incident_columns, {}};
    if (update) spec.upsert_key = {"id"};
    return spec;
}

void check_incident(const NewIncident& incident) {
    if (incident.external_id.empty() ||
        incident.external_id.size() > max_incident_external_id_bytes) {
        throw Error(ErrorCode::invalid_argument, "an incident id has 1 to 100 bytes", "id");
    }
    if (incident.types.empty() || incident.types.size() > max_incident_types) {
        throw Error(ErrorCode::invalid_argument,
                    "incident " + incident.external_id + ": 1 to 32 types", "types");
    }
    if (incident.occurred_at.size() != 20 || incident.occurred_at.back() != 'Z') {
        throw Error(ErrorCode::invalid_argument,
                    "incident " + incident.external_id + ": time is not UTC text", "date");
    }
}

void add_optional(SqlBulkInsert& insert, const std::optional<std::int64_t>& value) {
    if (value) {
        insert.add(*value);
    } else {
        insert.add_null();
    }
}

std::string id_list(std::size_t count, std::size_t first_parameter) {
    std::string list;
    for (std::size_t i = 0; i < count; ++i) {
        list += (i ? ", $" : "$") + std::to_string(first_parameter + i);
    }
    return list;
}

// PostgreSQL checks a foreign key with a trigger that plans and runs a query for every row:
// about a third of the server's time in a first import of millions. That import drops the
// incidents → crime_sources key and adds it back at its end, when one join checks every row
// (the name is the one PostgreSQL gave the migration's constraint). SQLite's check is a
// B-tree lookup and stays.
constexpr const char* pg_source_key = "incidents_source_id_fkey";

// Writes one feed: keeps the bulk inserts and the next free id across batches.
class IncidentWriter {
public:
    IncidentWriter(SqlRunner& sql, std::int64_t source_id, std::string at)
        : m_sql(sql), m_source_id(source_id), m_at(std::move(at)) {
        m_next_id = crime::single_number(sql, "SELECT MAX(id) FROM incidents", {}) + 1;
        m_source_empty = !sql.query("SELECT 1 FROM incidents WHERE source_id = $1 LIMIT 1",
                                    SqlParams().add(source_id))
                              ->next();
        m_rebuild_indexes = m_next_id == 1;
        if (m_rebuild_indexes) {
            for (const auto name : v8_incident_index_names) {
                sql.execute("DROP INDEX " + std::string(name));
            }
            if (sql.dialect() == Dialect::postgresql) {
                sql.execute(std::string("ALTER TABLE incidents DROP CONSTRAINT ") + pg_source_key);
            }
        }
        m_fresh = sql.bulk_insert(incident_insert(false));
        m_types = sql.bulk_insert({"incident_types", {"incident_id", "type_code"}, {}});
    }

    void write(const std::vector<NewIncident>& batch) {
        for (const auto& incident : batch) check_incident(incident);
        const auto stored =
            m_source_empty ? std::unordered_map<std::string, std::int64_t>{} : stored_ids(batch);
        delete_types(stored);
        for (const auto& incident : batch) {
            if (incident.repeat) continue;
            const auto found = stored.find(incident.external_id);
            const bool update = found != stored.end();
            const std::int64_t id = update ? found->second : m_next_id++;
            SqlBulkInsert& insert = update ? updater() : *m_fresh;
            add_row(insert, id, incident);
            for (const auto type : incident.types) {
                m_types->add(id);
                m_types->add(type);
                m_types->end_row();
            }
            ++(update ? result.updated : result.inserted);
        }
        m_fresh->flush();
        if (m_update) m_update->flush();
        m_types->flush();
        for (const auto& incident : batch) {
            if (incident.repeat) add_repeat(incident);
        }
    }

    /// After the last batch: builds the indexes dropped for a first import.
    void finish() {
        if (!m_rebuild_indexes) return;
        // Building an index over tens of millions of rows may outlast a request's statement
        // timeout; it is the import's last step, within its transaction. With the default
        // 64 MB of sort memory the keys of 5 million incidents spill to disk; 512 MB (this
        // transaction only) sorts them in memory.
        if (m_sql.dialect() == Dialect::postgresql) {
            m_sql.execute("SET LOCAL statement_timeout = 0");
            m_sql.execute("SET LOCAL maintenance_work_mem = '512MB'");
        }
        for (const auto definition : v8_incident_index_sql) m_sql.execute(std::string(definition));
        if (m_sql.dialect() == Dialect::postgresql) {
            m_sql.execute(std::string("ALTER TABLE incidents ADD CONSTRAINT ") + pg_source_key +
                          " FOREIGN KEY (source_id) REFERENCES crime_sources (id)");
        }
    }

    IncidentWriteResult result;

private:
    SqlBulkInsert& updater() {
        if (!m_update) m_update = m_sql.bulk_insert(incident_insert(true));
        return *m_update;
    }

    void add_row(SqlBulkInsert& insert, std::int64_t id, const NewIncident& incident) {
        insert.add(id);
        insert.add(m_source_id);
        insert.add(std::string_view(incident.external_id));
        insert.add(std::string_view(incident.occurred_at));
        insert.add(std::int64_t{incident.local_offset_min});
        insert.add(incident.lon_e7);
        insert.add(incident.lat_e7);
        insert.add(std::int64_t{incident.municipal_police ? 1 : 0});
        add_optional(insert, incident.state);
        add_optional(insert, incident.relevance);
        add_optional(insert, incident.municipality_code);
        add_optional(insert, incident.city_part_id);
        add_optional(insert, incident.district_id);
        insert.add(std::string_view(m_at));
        insert.end_row();
    }

    // The stored ids of the batch's (first-time) external ids.
    std::unordered_map<std::string, std::int64_t> stored_ids(
        const std::vector<NewIncident>& batch) {
        std::unordered_map<std::string, std::int64_t> ids;
        std::vector<const std::string*> keys;
        for (const auto& incident : batch) {
            if (!incident.repeat) keys.push_back(&incident.external_id);
        }
        for (std::size_t begin = 0; begin < keys.size(); begin += ids_per_statement) {
            const std::size_t count = std::min(ids_per_statement, keys.size() - begin);
            SqlParams params;
            params.add(m_source_id);
            for (std::size_t i = 0; i < count; ++i) params.add(*keys[begin + i]);
            auto rows = m_sql.query(
                "SELECT external_id, id FROM incidents WHERE source_id = $1 AND external_id IN (" +
                    id_list(count, 2) + ")",
                params);
            while (rows->next()) ids.emplace(rows->text(0), rows->int64(1));
        }
        return ids;
    }

    void delete_types(const std::unordered_map<std::string, std::int64_t>& stored) {
        std::vector<std::int64_t> ids;
        for (const auto& [key, id] : stored) ids.push_back(id);
        for (std::size_t begin = 0; begin < ids.size(); begin += ids_per_statement) {
            const std::size_t count = std::min(ids_per_statement, ids.size() - begin);
            SqlParams params;
            for (std::size_t i = 0; i < count; ++i) params.add(ids[begin + i]);
            m_sql.execute(
                "DELETE FROM incident_types WHERE incident_id IN (" + id_list(count, 1) + ")",
                params);
        }
    }

    // Rare (a source's rows of one incident apart in its file): one statement per type.
    void add_repeat(const NewIncident& incident) {
        auto rows =
            m_sql.query("SELECT id FROM incidents WHERE source_id = $1 AND external_id = $2",
                        SqlParams().add(m_source_id).add(incident.external_id));
        if (!rows->next()) {
            throw Error(ErrorCode::internal,
                        "incident " + incident.external_id + " repeated before it was written");
        }
        const std::int64_t id = rows->int64(0);
        for (const auto type : incident.types) {
            m_sql.execute(
                "INSERT INTO incident_types (incident_id, type_code) VALUES ($1, $2) "
                "ON CONFLICT (incident_id, type_code) DO NOTHING",
                SqlParams().add(id).add(type));
        }
    }

    SqlRunner& m_sql;
    std::int64_t m_source_id;
    std::string m_at;
    std::int64_t m_next_id = 1;
    bool m_source_empty = true;
    bool m_rebuild_indexes = false;
    std::unique_ptr<SqlBulkInsert> m_fresh;
    std::unique_ptr<SqlBulkInsert> m_update;
    std::unique_ptr<SqlBulkInsert> m_types;
};

constexpr const char* stored_columns =
    "i.id, s.name, i.external_id, i.occurred_at, i.local_offset_min, i.lon_e7, i.lat_e7, "
    "i.municipal_police, i.state, i.relevance, i.municipality_code, i.city_part_id, "
    "i.district_id, i.imported_at";

StoredIncident stored_of(const SqlRows& rows) {
    StoredIncident stored;
    stored.id = rows.int64(0);
    stored.source = rows.text(1);
    NewIncident& incident = stored.incident;
    incident.external_id = rows.text(2);
    incident.occurred_at = rows.text(3);
    incident.local_offset_min = static_cast<std::int32_t>(rows.int64(4));
    incident.lon_e7 = rows.int64(5);
    incident.lat_e7 = rows.int64(6);
    incident.municipal_police = rows.int64(7) != 0;
    incident.state = rows.optional_int64(8);
    incident.relevance = rows.optional_int64(9);
    incident.municipality_code = rows.optional_int64(10);
    incident.city_part_id = rows.optional_int64(11);
    incident.district_id = rows.optional_int64(12);
    stored.imported_at = accounts::parse_time(rows.text(13));
    return stored;
}

using AreaKey = std::tuple<std::optional<std::int64_t>, std::optional<std::int64_t>,
                           std::optional<std::int64_t>>;

AreaKey area_key(const IncidentPlace& place) {
    return {place.municipality_code, place.city_part_id, place.district_id};
}

void update_places(SqlRunner& sql, const std::map<AreaKey, std::vector<std::int64_t>>& changed) {
    for (const auto& [key, ids] : changed) {
        for (std::size_t begin = 0; begin < ids.size(); begin += ids_per_statement) {
            const std::size_t count = std::min(ids_per_statement, ids.size() - begin);
            SqlParams params;
            params.add(std::get<0>(key)).add(std::get<1>(key)).add(std::get<2>(key));
            for (std::size_t i = 0; i < count; ++i) params.add(ids[begin + i]);
            sql.execute(
                "UPDATE incidents SET municipality_code = $1, city_part_id = $2, "
                "district_id = $3 WHERE id IN (" +
                    id_list(count, 4) + ")",
                params);
        }
    }
}

}  // namespace

IncidentWriteResult CrimeStore::write_incidents(std::string_view source, IncidentFeed& feed,
                                                TimePoint now) {
    crime::check_source_name(source);
    IncidentWriteResult result;
    run_write([&](SqlRunner& sql) {
        const std::string at = accounts::time_text(now);
        // First, so that a concurrent writer waits here for this one's commit.
        const std::int64_t version = crime::bump_version(sql, at);
        const std::int64_t source_id = crime::ensure_source(sql, source, at);
        IncidentWriter writer(sql, source_id, at);
        std::vector<NewIncident> batch;
        while (feed.next_batch(batch)) writer.write(batch);
        writer.finish();
        accounts::append_audit_row(sql, feed.audit_entry(), now);
        result = writer.result;
        result.version = version;
    });
    return result;
}

std::int64_t CrimeStore::incident_count(std::optional<std::string_view> source) {
    std::int64_t count = 0;
    run_read([&](SqlRunner& sql) {
        if (!source) {
            count = crime::single_number(sql, "SELECT COUNT(*) FROM incidents", {});
            return;
        }
        count = crime::single_number(sql,
                                     "SELECT COUNT(*) FROM incidents i JOIN crime_sources s ON "
                                     "s.id = i.source_id WHERE s.name = $1",
                                     SqlParams().add(*source));
    });
    return count;
}

bool CrimeStore::has_incidents() {
    bool found = false;
    run_read([&](SqlRunner& sql) { found = sql.query("SELECT 1 FROM incidents LIMIT 1")->next(); });
    return found;
}

std::int64_t CrimeStore::incident_type_count() {
    std::int64_t count = 0;
    run_read([&](SqlRunner& sql) {
        count = crime::single_number(sql, "SELECT COUNT(*) FROM incident_types", {});
    });
    return count;
}

std::optional<StoredIncident> CrimeStore::find_incident(std::string_view source,
                                                        std::string_view external_id) {
    std::optional<StoredIncident> found;
    run_read([&](SqlRunner& sql) {
        auto rows = sql.query(std::string("SELECT ") + stored_columns +
                                  " FROM incidents i JOIN crime_sources s ON s.id = i.source_id "
                                  "WHERE s.name = $1 AND i.external_id = $2",
                              SqlParams().add(source).add(external_id));
        if (!rows->next()) return;
        found = stored_of(*rows);
        auto types = sql.query(
            "SELECT type_code FROM incident_types WHERE incident_id = $1 ORDER BY type_code",
            SqlParams().add(found->id));
        while (types->next()) found->incident.types.push_back(types->int64(0));
    });
    return found;
}

void CrimeStore::for_each_incident(const std::function<void(const StoredIncident&)>& visit) {
    run_snapshot([&](SqlRunner& sql) {
        const std::string query = std::string("SELECT ") + stored_columns +
                                  " FROM incidents i JOIN crime_sources s ON s.id = i.source_id "
                                  "WHERE i.id > $1 ORDER BY i.id LIMIT $2";
        std::int64_t after = 0;
        std::vector<StoredIncident> page;
        for (;;) {
            page.clear();
            auto rows = sql.query(query, SqlParams().add(after).add(page_rows));
            while (rows->next()) page.push_back(stored_of(*rows));
            if (page.empty()) return;
            auto types = sql.query(
                "SELECT incident_id, type_code FROM incident_types WHERE incident_id > $1 AND "
                "incident_id <= $2 ORDER BY incident_id, type_code",
                SqlParams().add(after).add(page.back().id));
            std::size_t at = 0;
            while (types->next()) {
                const std::int64_t id = types->int64(0);
                while (at < page.size() && page[at].id < id) ++at;
                if (at < page.size() && page[at].id == id) {
                    page[at].incident.types.push_back(types->int64(1));
                }
            }
            for (const auto& incident : page) visit(incident);
            after = page.back().id;
            if (static_cast<std::int64_t>(page.size()) < page_rows) return;
        }
    });
}

std::int64_t CrimeStore::crime_version() {
    std::int64_t version = 0;
    run_read([&](SqlRunner& sql) {
        version = crime::single_number(sql, "SELECT version FROM crime_state WHERE id = 1", {});
    });
    return version;
}

std::int64_t CrimeStore::reassign_incidents(
    const std::function<void(std::span<IncidentPlace>)>& assign, const AuditEntry& audit,
    TimePoint now) {
    std::int64_t changed_count = 0;
    run_write([&](SqlRunner& sql) {
        crime::bump_version(sql, accounts::time_text(now));
        std::vector<IncidentPlace> page;
        std::vector<AreaKey> before;
        std::int64_t after = 0;
        for (;;) {
            page.clear();
            auto rows = sql.query(
                "SELECT id, lon_e7, lat_e7, municipality_code, city_part_id, district_id FROM "
                "incidents WHERE id > $1 ORDER BY id LIMIT $2",
                SqlParams().add(after).add(page_rows));
            while (rows->next()) {
                page.push_back({rows->int64(0), rows->int64(1), rows->int64(2),
                                rows->optional_int64(3), rows->optional_int64(4),
                                rows->optional_int64(5)});
            }
            rows.reset();
            if (page.empty()) break;
            before.clear();
            for (const auto& place : page) before.push_back(area_key(place));
            assign(page);
            std::map<AreaKey, std::vector<std::int64_t>> changed;
            for (std::size_t i = 0; i < page.size(); ++i) {
                const AreaKey now_key = area_key(page[i]);
                if (now_key != before[i]) changed[now_key].push_back(page[i].id);
            }
            for (const auto& [key, ids] : changed) {
                changed_count += static_cast<std::int64_t>(ids.size());
            }
            update_places(sql, changed);
            after = page.back().id;
            if (static_cast<std::int64_t>(page.size()) < page_rows) break;
        }
        accounts::append_audit_row(sql, audit, now);
    });
    return changed_count;
}

}  // namespace okrsek::store
