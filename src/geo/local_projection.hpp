#pragma once

#include <boost/geometry/geometries/box.hpp>
#include <boost/geometry/geometries/multi_polygon.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#include <boost/geometry/geometries/ring.hpp>
#include <cstdint>
#include <span>
#include <unordered_map>

#include "core/lon_lat.hpp"
#include "geo/geometry.hpp"

// Private to geo/: Boost.Geometry types in local metres and the projection that fills them.
namespace okrsek::geo::detail {

using XyPoint = boost::geometry::model::d2::point_xy<double>;
/// Counter-clockwise outer rings, clockwise holes, closed: the same conventions as RFC 7946.
using XyPolygon = boost::geometry::model::polygon<XyPoint, false, true>;
using XyRing = XyPolygon::ring_type;
using XyMultiPolygon = boost::geometry::model::multi_polygon<XyPolygon>;
using XyBox = boost::geometry::model::box<XyPoint>;

using core::earth_radius_m;

/// Projected coordinates are whole centimetres. Boost.Geometry 1.81 overlays (union,
/// intersection) on shapes sharing borders are far more reliable with integer coordinates of
/// moderate size: on 2,000 random tilings of quadrilaterals up to 500 m, unions with raw
/// metres went wrong (area or spurious holes) in 75 cases, with whole millimetres in 3, with
/// whole centimetres in none. Our sources carry 7 decimals of a degree (about 1 cm) anyway.
inline constexpr double grid_units_per_m = 100.0;

/// An area in grid units (cm²) in square metres.
inline constexpr double to_m2(double grid_area) {
    return grid_area / (grid_units_per_m * grid_units_per_m);
}

/// Source positions by the grid point they project to, so a result that reuses input vertices
/// gets the source's exact coordinates back instead of a projected round trip (an outline then
/// shares its positions with its parts). The first source wins when two fall on one point.
class SourcePositions {
public:
    void add(const XyPoint& point, core::LonLat source);
    const core::LonLat* find(const XyPoint& point) const;

private:
    std::unordered_map<std::uint64_t, core::LonLat> m_by_point;
};

/// An equirectangular projection around a centre: x = R·cos(lat0)·Δlon, y = R·Δlat, in grid
/// units (see above). Within ±15 km of the centre in the Czech Republic, lengths east-west are
/// off by at most tan(lat0)·Δlat ≈ 0.3 %, and the sphere makes areas about 0.34 % smaller than
/// on the WGS 84 ellipsoid at 50° N; areas of a town's parts are good to well under 1 %.
class LocalProjection {
public:
    explicit LocalProjection(core::LonLat centre) noexcept;

    /// Centred on the middle of the bounding box of all outer rings (0,0 when there are none).
    static LocalProjection around(std::span<const MultiPolygon> shapes) noexcept;

    XyPoint to_xy(core::LonLat position) const noexcept;
    core::LonLat to_lon_lat(const XyPoint& point) const noexcept;

    /// `sources`, when given, learns every projected position.
    XyRing to_xy(const Ring& ring, SourcePositions* sources = nullptr) const;
    /// Positions found in `sources`, when given, come back exactly; others are unprojected.
    Ring to_lon_lat(const XyRing& ring, const SourcePositions* sources = nullptr) const;

    /// Projects and corrects (closes rings, fixes orientation, drops positions that fell on
    /// the same grid point) so Boost overlays accept it.
    XyPolygon to_xy(const Polygon& polygon, SourcePositions* sources = nullptr) const;
    XyMultiPolygon to_xy(const MultiPolygon& shape, SourcePositions* sources = nullptr) const;

    Polygon to_lon_lat(const XyPolygon& polygon, const SourcePositions* sources = nullptr) const;
    MultiPolygon to_lon_lat(const XyMultiPolygon& shape,
                            const SourcePositions* sources = nullptr) const;

private:
    core::LonLat m_centre;
    double m_x_units_per_deg;
    double m_y_units_per_deg;
};

}  // namespace okrsek::geo::detail
