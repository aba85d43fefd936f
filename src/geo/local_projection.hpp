#pragma once

#include <span>

#include <boost/geometry/geometries/box.hpp>
#include <boost/geometry/geometries/multi_polygon.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#include <boost/geometry/geometries/ring.hpp>

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

/// Mean Earth radius (IUGG), metres.
inline constexpr double earth_radius_m = 6371008.8;

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

    XyRing to_xy(const Ring& ring) const;
    Ring to_lon_lat(const XyRing& ring) const;

    /// Projects and corrects (closes rings, fixes orientation, drops positions that fell on
    /// the same grid point) so Boost overlays accept it.
    XyPolygon to_xy(const Polygon& polygon) const;
    XyMultiPolygon to_xy(const MultiPolygon& shape) const;

    Polygon to_lon_lat(const XyPolygon& polygon) const;
    MultiPolygon to_lon_lat(const XyMultiPolygon& shape) const;

private:
    core::LonLat m_centre;
    double m_x_units_per_deg;
    double m_y_units_per_deg;
};

}  // namespace okrsek::geo::detail
