#pragma once

// The JSON of district cards, teams, places and photos (docs/http-api.md, "District teams").

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "service/directory/directory_types.hpp"
#include "store/directory.hpp"

namespace okrsek::http {

/// "/api/v1/photos/17/<sha256>.jpg": changes whenever the photo does.
std::string photo_url(std::int64_t photo_id, const std::string& sha256);

nlohmann::json role_json(const store::TeamRole& role);
nlohmann::json contact_json(const store::Contact& contact);
nlohmann::json office_hours_json(const std::vector<store::OfficeHours>& hours);
/// A holder as the public sees them: name, photo, bio, office hours, contact, since.
nlohmann::json public_holder_json(const store::TeamHolder& holder);
/// A holder as staff see them: the public fields plus dates, the linked account, current.
nlohmann::json staff_holder_json(const store::TeamHolder& holder);
nlohmann::json seat_json(const service::TeamSeat& seat);
nlohmann::json kind_json(const store::PlaceKind& kind);
nlohmann::json place_json(const service::PlaceView& view);
nlohmann::json brief_json(const service::AreaBrief& area);

/// The card. Later services add their members ("priorities", "events"; "safety_summary" is
/// null until the crime-data issue fills it).
nlohmann::json card_json(const service::DistrictCard& card);

/// A GeoJSON FeatureCollection of points, one feature per place.
nlohmann::json places_geojson(const std::vector<service::PlaceView>& places);

}  // namespace okrsek::http
