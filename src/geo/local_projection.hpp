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

/// An equirectangular projection around a centre: x = R·cos(lat0)·Δlon, y = R·Δlat (metres).
/// Within ±15 km of the centre in the Czech Republic, lengths east-west are off by at most
/// tan(lat0)·Δlat ≈ 0.3 %, and the sphere makes areas about 0.34 % smaller than on the
/// WGS 84 ellipsoid at 50° N; areas of a town's parts are good to well under 1 %.
class LocalProjection {
public:
    explicit LocalProjection(core::LonLat centre) noexcept;

    /// Centred on the middle of the bounding box of all outer rings (0,0 when there are none).
    static LocalProjection around(std::span<const MultiPolygon> shapes) noexcept;

    XyPoint to_xy(core::LonLat position) const noexcept;
    core::LonLat to_lon_lat(const XyPoint& point) const noexcept;

    XyRing to_xy(const Ring& ring) const;
    Ring to_lon_lat(const XyRing& ring) const;

    /// Projects and corrects (closes rings, fixes orientation) so Boost overlays accept it.
    XyPolygon to_xy(const Polygon& polygon) const;
    XyMultiPolygon to_xy(const MultiPolygon& shape) const;

    Polygon to_lon_lat(const XyPolygon& polygon) const;
    MultiPolygon to_lon_lat(const XyMultiPolygon& shape) const;

private:
    core::LonLat m_centre;
    double m_x_m_per_deg;
    double m_y_m_per_deg;
};

}  // namespace okrsek::geo::detail
