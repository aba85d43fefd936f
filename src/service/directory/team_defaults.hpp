#pragma once

// What every town starts with: the three roles of a district team and three kinds of places.
// A town changes them afterwards (DistrictDirectory); these are seeded on first use.

#include <span>

#include "store/directory.hpp"

namespace okrsek::service {

/// State police officer, municipal police officer, councillor or city-part mayor (municipality
/// code left 0: the seeding fills it in).
std::span<const store::NewTeamRole> default_team_roles();

/// Police station, municipal police station (both stations), info box.
std::span<const store::NewPlaceKind> default_place_kinds();

}  // namespace okrsek::service
