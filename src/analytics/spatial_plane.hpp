#pragma once

#include <span>
#include <vector>

#include "analytics/spatial_points.hpp"
#include "core/lon_lat.hpp"

namespace okrsek::analytics {

/// Widest extent (north-south or east-west) put on one local plane: beyond it the plane's
/// distortion would move distance bands noticeably.
inline constexpr double max_local_plane_extent_m = 100'000.0;

/// WGS 84 positions on a local plane in metres: an equirectangular projection around a centre
/// (x = R·cos φ₀·Δλ, y = R·Δφ, R = 6,371,008.8 m). Within ±15 km of the centre at Czech
/// latitudes distances are off by at most about 0.3 % (east-west, away from the central
/// parallel), which is why a plane serves one town, not a country.
class LocalPlane {
public:
    /// Centred on the middle of the positions' bounding box. Throws
    /// core::Error(invalid_argument, field "x") for an invalid position (naming its index,
    /// |lat| ≤ 85° required), for no positions, and when they span more than
    /// max_local_plane_extent_m.
    static LocalPlane around(std::span<const core::LonLat> positions);

    PlanarPoint to_plane(core::LonLat position) const noexcept;
    core::LonLat to_lon_lat(PlanarPoint point) const noexcept;

    /// All positions on this plane.
    std::vector<PlanarPoint> to_plane(std::span<const core::LonLat> positions) const;

private:
    explicit LocalPlane(core::LonLat centre) noexcept;

    core::LonLat m_centre;
    double m_metres_per_degree_x;
    double m_metres_per_degree_y;
};

}  // namespace okrsek::analytics
