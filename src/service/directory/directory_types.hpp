#pragma once

// What DistrictDirectory answers and takes: a district's card, team seats, places with their
// district and distance, import requests and reports.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/lon_lat.hpp"
#include "store/directory.hpp"

namespace okrsek::service {

/// An area as the card names it.
struct AreaBrief {
    std::int64_t id = 0;
    std::string code{};
    std::string name{};
};

struct TownBrief {
    std::int64_t code = 0;
    std::string name{};
};

/// One role of a district's team: the role, its public contact and the current holder.
struct TeamSeat {
    store::TeamRole role{};
    store::Contact contact{};                   ///< the position's contact (none set: empty)
    std::optional<store::TeamHolder> holder{};  ///< the current holder, if any
};

/// One role of a district's team with every holder it ever had (newest first), for staff.
struct TeamSeatHistory {
    store::TeamRole role{};
    std::optional<store::TeamPosition> position{};
    std::vector<store::TeamHolder> holders{};
};

/// A place with its kind, the district it serves and, when measured, its distance.
struct PlaceView {
    store::Place place{};
    store::PlaceKind kind{};
    /// The district given, else the district containing its position, else none.
    std::optional<std::int64_t> district_id{};
    std::optional<double> distance_m{};  ///< great-circle distance from the district
};

/// One page of a district's places, by id.
struct PlacePage {
    std::vector<PlaceView> places{};
    std::size_t total = 0;  ///< places of the district in all
    std::size_t offset = 0;
    std::size_t limit = 0;
};

/// How many places a page may hold, and how many nearest stations a card lists.
inline constexpr std::size_t max_page_places = 100;
inline constexpr std::size_t card_places = 20;
inline constexpr std::size_t card_nearest_stations = 3;

/// A district card: everything a citizen needs to reach the district's team. Priorities and
/// meetings (DistrictAgenda) and the safety summary are added by their own services.
struct DistrictCard {
    AreaBrief district{};
    TownBrief town{};
    std::optional<AreaBrief> city_part{};
    core::LonLat center{};  ///< a point inside the district (distances are measured from it)
    std::vector<TeamSeat> team{};
    PlacePage places{};                         ///< the first card_places places of the district
    std::vector<PlaceView> nearest_stations{};  ///< the town's nearest stations, nearest first
};

/// A district a member of staff may edit.
struct EditableDistrict {
    AreaBrief district{};
    std::int64_t municipality_code = 0;
    std::optional<AreaBrief> city_part{};
    /// Whether the principal also appoints the district's team (holders, role contacts):
    /// district_team_edit, beyond the card's content (district_card_edit).
    bool appoint = false;
};

/// Which of a town's places to list.
struct PlaceQuery {
    std::int64_t municipality_code = 0;
    std::optional<std::string> kind{};            ///< a kind's code
    std::optional<std::array<double, 4>> bbox{};  ///< min lon, min lat, max lon, max lat
};

/// At most this many places per map answer (a town has hundreds, not tens of thousands).
inline constexpr std::size_t max_map_places = 5000;

/// A photo as stored: the URLs' parts.
struct StoredPhoto {
    std::int64_t photo_id = 0;
    std::string sha256{};
    std::string thumb_sha256{};
    std::uint32_t width = 0;
    std::uint32_t height = 0;
};

/// Longer edge of a thumbnail, in pixels.
inline constexpr std::uint32_t thumbnail_edge = 320;

}  // namespace okrsek::service
