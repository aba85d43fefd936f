#pragma once

#include <cmath>

namespace okrsek::core {

/// Mean Earth radius (IUGG), metres: for distances and local planes on a sphere.
inline constexpr double earth_radius_m = 6371008.8;

/// A WGS 84 position in degrees, longitude first as in GeoJSON. Never pass two loose doubles.
struct LonLat {
    double lon = 0.0;
    double lat = 0.0;

    friend bool operator==(const LonLat&, const LonLat&) = default;
};

/// True when both values are finite and within [-180, 180] x [-90, 90].
inline bool is_valid_wgs84(LonLat p) noexcept {
    return std::isfinite(p.lon) && std::isfinite(p.lat) && p.lon >= -180.0 && p.lon <= 180.0 &&
           p.lat >= -90.0 && p.lat <= 90.0;
}

}  // namespace okrsek::core
