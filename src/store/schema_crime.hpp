#pragma once

// Schema migration 8: crime incidents and their code lists (owned by store/crime_*.cpp).
// Design: docs/crime-data.md.

#include <array>
#include <string_view>

namespace okrsek::store {

// Choices worth a word:
// - A source ("policie-cz", a town's "mp-brno"…) owns its code lists and its incidents; the
//   source's own incident id (`external_id`, text: towns' records may have "MP-2024-17") is
//   unique per source, which is what makes a re-import update in place.
// - Code lists keep the source's integer codes. A type's `parent_code` is its direct parent
//   (NULL at the top) and `level` 1–4 its depth; `sensitive` 1 keeps a type (e.g. sexual
//   offences) out of every public view below town level. Sensitivity is a property of the
//   type, never of an incident.
// - Incidents: `occurred_at` is UTC text (seconds), `local_offset_min` the offset the source
//   wrote (so the local wall-clock time can be shown as recorded); positions WGS 84 in units of
//   1e-7 degree as reports and places; town, city part and district are found at import and
//   again whenever a layer changes (NULL: outside every loaded area). `state` and `relevance`
//   are codes of the source's lists, unchecked (lists may arrive later).
// - incident_types has no foreign keys (a type unknown today may be listed tomorrow; the
//   incident's rows are written only together with it, in one transaction): a foreign key
//   check per row would cost PostgreSQL's COPY a trigger call per row of tens of millions.
// - crime_state: one row (id 1) whose version grows with every import or re-assignment; a
//   writer updates it first, so concurrent imports queue behind its row lock (PostgreSQL) and
//   new incident ids (MAX(id) + 1 …) never collide.
// - Indexes: by source id (the unique key), by district × time and town × time for the
//   statistics (which read incident_types whole, by incident: its key is enough).
inline constexpr std::string_view v8_crime_sql = R"sql(
CREATE TABLE crime_sources (
    id ${ID},
    name TEXT NOT NULL UNIQUE CHECK (name <> ''),
    created_at TEXT NOT NULL
);
CREATE TABLE crime_state (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE crime_types (
    source_id BIGINT NOT NULL REFERENCES crime_sources (id),
    code BIGINT NOT NULL,
    parent_code BIGINT,
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
    name TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    sensitive INTEGER NOT NULL DEFAULT 0 CHECK (sensitive IN (0, 1)),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (source_id, code)
);
CREATE TABLE crime_states (
    source_id BIGINT NOT NULL REFERENCES crime_sources (id),
    code BIGINT NOT NULL,
    name TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (source_id, code)
);
CREATE TABLE crime_relevances (
    source_id BIGINT NOT NULL REFERENCES crime_sources (id),
    code BIGINT NOT NULL,
    name TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (source_id, code)
);
CREATE TABLE incidents (
    id ${ID},
    source_id BIGINT NOT NULL REFERENCES crime_sources (id),
    external_id TEXT NOT NULL CHECK (external_id <> ''),
    occurred_at TEXT NOT NULL,
    local_offset_min INTEGER NOT NULL,
    lon_e7 BIGINT NOT NULL,
    lat_e7 BIGINT NOT NULL,
    municipal_police INTEGER NOT NULL CHECK (municipal_police IN (0, 1)),
    state BIGINT,
    relevance BIGINT,
    municipality_code BIGINT,
    city_part_id BIGINT,
    district_id BIGINT,
    imported_at TEXT NOT NULL,
    UNIQUE (source_id, external_id)
);
CREATE INDEX incidents_district_time ON incidents (district_id, occurred_at);
CREATE INDEX incidents_municipality_time ON incidents (municipality_code, occurred_at);
CREATE TABLE incident_types (
    incident_id BIGINT NOT NULL,
    type_code BIGINT NOT NULL,
    PRIMARY KEY (incident_id, type_code)
);
)sql";

/// The secondary indexes of incidents (as the migration creates them): a first import into an
/// empty table drops them and builds them at its end, since sorting once beats millions of
/// random inserts into two B-trees.
inline constexpr std::array<std::string_view, 2> v8_incident_index_names{
    "incidents_district_time", "incidents_municipality_time"};
inline constexpr std::array<std::string_view, 2> v8_incident_index_sql{
    "CREATE INDEX incidents_district_time ON incidents (district_id, occurred_at)",
    "CREATE INDEX incidents_municipality_time ON incidents (municipality_code, occurred_at)"};

/// The tables migration 8 creates, parents first (for backups).
inline constexpr std::array<std::string_view, 7> v8_tables{
    "crime_sources",    "crime_state", "crime_types",   "crime_states",
    "crime_relevances", "incidents",   "incident_types"};

}  // namespace okrsek::store
