#pragma once

// Schema migration 3: imported RÚIAN address points (owned by store/address_store.cpp).

#include <array>
#include <string_view>

namespace okrsek::store {

// address_points: one row per RÚIAN address point. The RÚIAN code is the key and is written
// as ${ID} on purpose: on SQLite that makes it the rowid, so the table needs no second index
// for its key (20 MB for 3 million points) and reading in code order walks the
// table itself; on PostgreSQL it is a BIGINT key whose identity default is never used. No foreign
// key to municipalities: addresses come for every town, areas only for some. Positions in
// WGS 84 as integers of 1e-7 degrees (about 1 cm; exact on both engines); NULL when RÚIAN
// gives none.
//
// address_state: one row (id 1) whose version grows with every import; an import updates it
// first, so concurrent imports on PostgreSQL queue behind its row lock and the version grows
// in commit order. address_imports: per import and town, what was written.
inline constexpr std::string_view v3_addresses_sql = R"sql(
CREATE TABLE address_state (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE address_points (
    code ${ID},
    municipality_code BIGINT NOT NULL,
    municipality_name TEXT NOT NULL,
    city_part_code BIGINT NOT NULL,
    city_part_name TEXT NOT NULL,
    part_name TEXT NOT NULL,
    street TEXT NOT NULL,
    evidence_number INTEGER NOT NULL CHECK (evidence_number IN (0, 1)),
    house_number INTEGER NOT NULL,
    orientation_number INTEGER NOT NULL,
    orientation_letter TEXT NOT NULL,
    postcode INTEGER NOT NULL,
    lon_e7 BIGINT,
    lat_e7 BIGINT,
    CHECK ((lon_e7 IS NULL) = (lat_e7 IS NULL))
);
CREATE INDEX address_points_municipality ON address_points (municipality_code);
CREATE TABLE address_imports (
    id ${ID},
    version BIGINT NOT NULL,
    municipality_code BIGINT NOT NULL,
    municipality_name TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    address_count BIGINT NOT NULL,
    without_position_count BIGINT NOT NULL,
    replaced_count BIGINT NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE INDEX address_imports_municipality ON address_imports (municipality_code, version);
)sql";

/// The tables migration 3 creates, parents first (for backups).
inline constexpr std::array<std::string_view, 3> v3_tables{"address_state", "address_points",
                                                           "address_imports"};

}  // namespace okrsek::store
