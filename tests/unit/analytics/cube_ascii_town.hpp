#pragma once

// An ASCII-map town for the cube and publication tests (OSRM style). Three maps of 6 × 4
// squares of 100 m, northern row first:
//   districts   letters A–F = district slots 0–5; A, B, D, E form city part 0, C and F part 1
//   counts      a digit = how many incidents happen in the square in 2025
//   types       r robbery, a assault, s sexual offence (sensitive), b bicycle theft, c car theft
// Square (column x, row y) has its incidents on the 10th of month y + 1 of 2025 at 4·x o'clock
// Prague time (minute k for the k-th incident), and one incident in the same square and at the
// same time in 2024 when its digit is not 0. One more incident (a bicycle theft, 2025-05-10
// 12:00) lies east of the map, in no area.
//
// Categories: 1 violent {2 robbery, 3 assault, 4 sexual (sensitive)}, 10 theft {11 bicycle,
// 12 vehicle {13 car}}. Every incident lists its leaf and its top category (as the Police data
// does), so counting once per category is tested everywhere.

#include <chrono>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "analytics/cube.hpp"
#include "core/prague_time.hpp"
#include "geo/geometry.hpp"

namespace okrsek::analytics::test {

inline const std::vector<std::string> town_districts{"AABBCC", "AABBCC", "DDEEFF", "DDEEFF"};
inline const std::vector<std::string> town_counts{"312045", "100230", "024113", "500021"};
inline const std::vector<std::string> town_types{"rrbbcc", "aabbss", "ccrraa", "bbccrr"};

inline constexpr double town_lon0 = 14.4;
inline constexpr double town_lat0 = 50.05;
inline constexpr double square_m = 100.0;

inline double metres_per_degree_lat() {
    return 6371008.8 * std::numbers::pi / 180.0;
}
inline double metres_per_degree_lon() {
    return metres_per_degree_lat() * std::cos(town_lat0 * std::numbers::pi / 180.0);
}

/// The position of (x, y) in squares from the map's south-west corner.
inline core::LonLat town_at(double x, double y) {
    return {town_lon0 + x * square_m / metres_per_degree_lon(),
            town_lat0 + y * square_m / metres_per_degree_lat()};
}

inline std::vector<CategoryType> town_categories() {
    return {
        {1, CategoryType::no_parent, false},  {2, 1, false},   {3, 1, false},   {4, 1, true},
        {10, CategoryType::no_parent, false}, {11, 10, false}, {12, 10, false}, {13, 12, false}};
}

inline std::vector<std::int32_t> town_type_ids(char letter) {
    switch (letter) {
        case 'r':
            return {2, 1};
        case 'a':
            return {3, 1};
        case 's':
            return {4, 1};
        case 'b':
            return {11, 10};
        default:
            return {13, 10};
    }
}

inline core::SysSeconds town_time(int y, int m, int hour, int minute) {
    const std::chrono::local_days day{std::chrono::year{y} / m / 10};
    return core::from_prague_local(day + std::chrono::hours{hour} + std::chrono::minutes{minute});
}

/// One district slot per letter: squares of its letter.
inline std::vector<geo::MultiPolygon> town_district_layer() {
    std::vector<geo::MultiPolygon> layer(6);
    const std::size_t height = town_districts.size();
    for (std::size_t r = 0; r < height; ++r) {
        const double y = static_cast<double>(height - 1 - r);
        for (std::size_t c = 0; c < town_districts[r].size(); ++c) {
            const double x = static_cast<double>(c);
            geo::Polygon square;
            square.outer = {town_at(x, y), town_at(x + 1, y), town_at(x + 1, y + 1),
                            town_at(x, y + 1), town_at(x, y)};
            layer[static_cast<std::size_t>(town_districts[r][c] - 'A')].push_back(square);
        }
    }
    return layer;
}

struct TownIncident {
    IncidentRow row;
    std::vector<std::int32_t> types;
};

/// Every incident of the town; areas filled from the letters when `with_areas`.
inline std::vector<TownIncident> town_incidents(bool with_areas) {
    std::vector<TownIncident> incidents;
    const std::size_t height = town_districts.size();
    std::int64_t id = 1;
    const auto add = [&](double x, double y, core::SysSeconds time, char type, int district) {
        TownIncident incident;
        incident.types = town_type_ids(type);
        incident.row.id = id++;
        incident.row.time = time;
        incident.row.position = town_at(x, y);
        if (with_areas && district >= 0) {
            const int part = (district == 2 || district == 5) ? 1 : 0;
            incident.row.areas = {0, part, district};
        }
        incidents.push_back(std::move(incident));
    };
    for (std::size_t r = 0; r < height; ++r) {
        const double y = static_cast<double>(height - 1 - r) + 0.5;
        for (std::size_t c = 0; c < town_counts[r].size(); ++c) {
            const double x = static_cast<double>(c) + 0.5;
            const int count = town_counts[r][c] - '0';
            const int district = town_districts[r][c] - 'A';
            const int month = static_cast<int>(r) + 1;
            const int hour = 4 * static_cast<int>(c);
            for (int k = 0; k < count; ++k) {
                add(x, y, town_time(2025, month, hour, k), town_types[r][c], district);
            }
            if (count > 0) add(x, y, town_time(2024, month, hour, 0), town_types[r][c], district);
        }
    }
    add(8.5, 1.5, town_time(2025, 5, 12, 0), 'b', -1);
    return incidents;
}

/// The cube of the town: areas from the letters, or (`use_index`) the district level from the
/// point index and the other levels derived from it.
IncidentCube make_town_cube(bool use_index);

/// [2025-01-01, 2026-01-01) Prague time.
inline Period town_year_2025() {
    using namespace std::chrono;
    return {core::from_prague_local(local_days{year{2025} / 1 / 1}),
            core::from_prague_local(local_days{year{2026} / 1 / 1})};
}

}  // namespace okrsek::analytics::test
