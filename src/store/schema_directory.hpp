#pragma once

// Schema migration 4: district teams, photos and places on the map (owned by
// store/directory_*.cpp).

#include <array>
#include <string_view>

namespace okrsek::store {

// Choices worth a word:
// - A team role belongs to a town (its code is stable, its names change); a position is one
//   district's seat for one role and carries the public contact that outlives the people
//   holding it; holders come and go with from/to dates (YYYY-MM-DD, Europe/Prague calendar
//   days). At most one holder per position is current (to_date IS NULL): a partial unique
//   index holds that even against two servers starting holders at once.
// - District and city-part ids have no foreign key (as role grants): a re-import that drops an
//   area must not fail; rows of an area that no longer exists are simply not shown.
// - Photos are re-encoded JPEG bytes with their SHA-256, kept in the database so that a backup
//   holds them and every server serves the same; a holder points at its current photo.
// - Positions are WGS 84 in units of 1e-7 degree (BIGINT): exact on both engines, the
//   precision areas are stored at, and comparable in SQL for bounding boxes.
inline constexpr std::string_view v4_directory_sql = R"sql(
CREATE TABLE team_roles (
    id ${ID},
    municipality_code BIGINT NOT NULL REFERENCES municipalities (code),
    code TEXT NOT NULL CHECK (code <> ''),
    name_cs TEXT NOT NULL,
    name_en TEXT NOT NULL,
    sort_order BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    retired_at TEXT,
    UNIQUE (municipality_code, code)
);
CREATE TABLE team_positions (
    id ${ID},
    municipality_code BIGINT NOT NULL REFERENCES municipalities (code),
    district_id BIGINT NOT NULL,
    role_id BIGINT NOT NULL REFERENCES team_roles (id),
    email TEXT,
    phone TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (district_id, role_id)
);
CREATE TABLE photos (
    id ${ID},
    municipality_code BIGINT NOT NULL REFERENCES municipalities (code),
    district_id BIGINT NOT NULL,
    jpeg ${BLOB} NOT NULL,
    sha256 TEXT NOT NULL,
    width BIGINT NOT NULL,
    height BIGINT NOT NULL,
    thumb_jpeg ${BLOB} NOT NULL,
    thumb_sha256 TEXT NOT NULL,
    thumb_width BIGINT NOT NULL,
    thumb_height BIGINT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE team_holders (
    id ${ID},
    position_id BIGINT NOT NULL REFERENCES team_positions (id),
    municipality_code BIGINT NOT NULL REFERENCES municipalities (code),
    name TEXT NOT NULL CHECK (name <> ''),
    bio TEXT,
    office_hours TEXT NOT NULL,
    office_hours_note TEXT,
    email TEXT,
    phone TEXT,
    user_id BIGINT REFERENCES users (id),
    photo_id BIGINT REFERENCES photos (id),
    from_date TEXT NOT NULL,
    to_date TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE UNIQUE INDEX team_holders_current ON team_holders (position_id) WHERE to_date IS NULL;
CREATE INDEX team_holders_position ON team_holders (position_id, from_date);
CREATE INDEX team_holders_user ON team_holders (user_id);
CREATE INDEX team_holders_photo ON team_holders (photo_id);
CREATE TABLE place_kinds (
    id ${ID},
    municipality_code BIGINT NOT NULL REFERENCES municipalities (code),
    code TEXT NOT NULL CHECK (code <> ''),
    name_cs TEXT NOT NULL,
    name_en TEXT NOT NULL,
    station INTEGER NOT NULL DEFAULT 0 CHECK (station IN (0, 1)),
    sort_order BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (municipality_code, code)
);
CREATE TABLE places (
    id ${ID},
    municipality_code BIGINT NOT NULL REFERENCES municipalities (code),
    kind_id BIGINT NOT NULL REFERENCES place_kinds (id),
    code TEXT,
    name TEXT NOT NULL CHECK (name <> ''),
    address TEXT,
    opening_hours TEXT,
    note TEXT,
    lon_e7 BIGINT NOT NULL,
    lat_e7 BIGINT NOT NULL,
    district_id BIGINT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (kind_id, code)
);
CREATE INDEX places_town ON places (municipality_code, kind_id);
CREATE INDEX places_position ON places (lat_e7, lon_e7);
)sql";

/// The tables migration 4 creates, parents first (for backups).
inline constexpr std::array<std::string_view, 6> v4_tables{
    "team_roles", "team_positions", "photos", "team_holders", "place_kinds", "places"};

}  // namespace okrsek::store
