#pragma once

#include <optional>
#include <string>

#include "geo/geometry.hpp"

namespace okrsek::geo {

/// Checks a polygon whose rings are already known to be closed, finite and of >= 4 positions:
/// self-intersections, spikes, holes outside the outer ring, rings touching badly (OGC validity,
/// via Boost.Geometry). Returns the problem in words with a position, e.g.
/// "self-intersection near 14.4213000 50.0875000", or std::nullopt when valid.
std::optional<std::string> find_polygon_problem(const Polygon& polygon);

/// As above for a whole multipolygon; also reports member polygons that overlap each other.
std::optional<std::string> find_multipolygon_problem(const MultiPolygon& shape);

/// Makes outer rings counter-clockwise and holes clockwise (RFC 7946), in place.
void normalize_orientation(MultiPolygon& shape);

/// Removes consecutive duplicate positions from every ring, in place (keeps rings closed).
void remove_repeated_positions(MultiPolygon& shape);

}  // namespace okrsek::geo
