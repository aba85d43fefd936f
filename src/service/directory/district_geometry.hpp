#pragma once

// Small geometry the district card needs: a point inside a district, and distances.

#include "core/lon_lat.hpp"
#include "service/area_catalog.hpp"

namespace okrsek::service {

/// A point inside `area` (the shoelace centroid of its largest polygon when that lies inside,
/// else the centroid of the first triangle of the outer ring's fan that does): where a card
/// measures distances from. The first position of the ring when nothing better is found.
core::LonLat interior_point(const AreaCatalog& catalog, const AreaRef& area);

/// The great-circle distance in metres (haversine on a sphere of the Earth's mean radius;
/// within 0.5 % of the ellipsoid, plenty for "1.2 km away").
double distance_m(core::LonLat a, core::LonLat b);

}  // namespace okrsek::service
