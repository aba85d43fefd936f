#pragma once

// Schema migration 9: area profiles (owned by store/area_profile_store.cpp). Design:
// docs/crime-data.md ("Area profiles").

#include <array>
#include <string_view>

namespace okrsek::store {

// Choices worth a word:
// - One row per area that staff edited; an area without a row has no edited values (its
//   population may still come from the layer's properties).
// - No foreign key to areas: a layer import deletes areas that left the source, and a profile
//   must not block it (an orphaned row is never read, the catalog no longer names its area).
// - Amenities and prevention workers are small JSON objects of counts ({"schools":3}): their
//   keys are the town's to choose, and nothing queries them one by one.
// - updated_by is the user id (NULL for the command line); the audit log has the rest.
inline constexpr std::string_view v9_area_profiles_sql = R"sql(
CREATE TABLE area_profiles (
    area_id BIGINT PRIMARY KEY,
    population BIGINT CHECK (population IS NULL OR population >= 0),
    amenities_json TEXT NOT NULL DEFAULT '{}',
    prevention_workers_json TEXT NOT NULL DEFAULT '{}',
    updated_at TEXT NOT NULL,
    updated_by BIGINT
);
)sql";

/// The tables migration 9 creates (for backups).
inline constexpr std::array<std::string_view, 1> v9_tables{"area_profiles"};

}  // namespace okrsek::store
