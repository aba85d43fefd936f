#include "geo/polygon_validation.hpp"

#include <algorithm>
#include <boost/geometry.hpp>
#include <cmath>
#include <cstdio>
#include <iterator>

#include "geo/bbox.hpp"

namespace okrsek::geo {

namespace {

namespace bg = boost::geometry;

using BgPoint = bg::model::d2::point_xy<double>;
using BgPolygon = bg::model::polygon<BgPoint, false, true>;  // counter-clockwise outer, closed
using BgMultiPolygon = bg::model::multi_polygon<BgPolygon>;

// What Boost's is_valid found, kept as data. Works like Boost's failing_reason_policy but
// records the position Boost knows (spike apex, first self-intersection turn) instead of text.
// Consecutive duplicate positions are accepted: they carry no shape. Orientation is ours to
// fix, so Boost's complaint about it only means a ring's signed area is zero or cancels out
// (a symmetric bow tie); checking goes on so that the self-intersection behind it is found.
class ProblemPolicy {
public:
    template <bg::validity_failure_type Failure>
    bool apply() {
        return record(Failure);
    }

    template <bg::validity_failure_type Failure, typename Data>
    bool apply(const Data& data) {
        if constexpr (Failure == bg::failure_self_intersections) {
            const auto& turn = data.front();
            m_position = core::LonLat{bg::get<0>(turn.point), bg::get<1>(turn.point)};
            m_first = turn.operations[0].seg_id;
            m_second = turn.operations[1].seg_id;
        }
        return record(Failure);
    }

    template <bg::validity_failure_type Failure, typename Linear, typename Point>
    bool apply(const Linear& /*is_linear*/, const Point& point) {
        if constexpr (Failure == bg::failure_spikes) {
            m_position = core::LonLat{bg::get<0>(point), bg::get<1>(point)};
        }
        return record(Failure);
    }

    bg::validity_failure_type failure() const { return m_failure; }
    const std::optional<core::LonLat>& position() const { return m_position; }
    const bg::segment_identifier& first() const { return m_first; }
    const bg::segment_identifier& second() const { return m_second; }
    bool orientation_doubtful() const { return m_orientation_doubtful; }

private:
    bool record(bg::validity_failure_type failure) {
        if (failure == bg::failure_wrong_orientation) {
            m_orientation_doubtful = true;
            failure = bg::no_failure;
        }
        m_failure = failure == bg::failure_duplicate_points ? bg::no_failure : failure;
        return m_failure == bg::no_failure;
    }

    bg::validity_failure_type m_failure = bg::no_failure;
    std::optional<core::LonLat> m_position;
    bg::segment_identifier m_first;
    bg::segment_identifier m_second;
    bool m_orientation_doubtful = false;
};

// Twice the signed area (shoelace); positive for counter-clockwise rings.
double signed_area2(const Ring& ring) {
    double sum = 0.0;
    for (std::size_t i = 1; i < ring.size(); ++i) {
        sum += ring[i - 1].lon * ring[i].lat - ring[i].lon * ring[i - 1].lat;
    }
    return sum;
}

void orient(Ring& ring, bool counter_clockwise) {
    const double area2 = signed_area2(ring);
    if ((counter_clockwise && area2 < 0.0) || (!counter_clockwise && area2 > 0.0)) {
        std::reverse(ring.begin(), ring.end());
    }
}

template <typename BgRing>
void copy_ring(const Ring& ring, bool counter_clockwise, BgRing& out) {
    out.reserve(ring.size());
    for (const core::LonLat& p : ring) out.emplace_back(p.lon, p.lat);
    const bool is_ccw = signed_area2(ring) >= 0.0;
    if (is_ccw != counter_clockwise) std::reverse(out.begin(), out.end());
}

BgPolygon to_boost(const Polygon& polygon) {
    BgPolygon out;
    copy_ring(polygon.outer, true, out.outer());
    out.inners().resize(polygon.holes.size());
    for (std::size_t i = 0; i < polygon.holes.size(); ++i) {
        copy_ring(polygon.holes[i], false, out.inners()[i]);
    }
    return out;
}

std::string near(core::LonLat p) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, " near %.7f %.7f", p.lon, p.lat);
    return buffer;
}

// Ring i of a GeoJSON polygon: 0 the outer ring, 1.. the holes.
const Ring& ring_at(const Polygon& polygon, std::size_t i) {
    return i == 0 ? polygon.outer : polygon.holes[i - 1];
}

std::size_t ring_count(const Polygon& polygon) {
    return polygon.holes.size() + 1;
}

std::size_t distinct_positions(const Ring& ring) {
    Ring copy = ring;
    std::sort(copy.begin(), copy.end(), [](core::LonLat a, core::LonLat b) {
        return a.lon < b.lon || (a.lon == b.lon && a.lat < b.lat);
    });
    return static_cast<std::size_t>(
        std::distance(copy.begin(), std::unique(copy.begin(), copy.end())));
}

std::string describe_degenerate_ring(const Polygon& polygon, bool too_few) {
    for (std::size_t i = 0; i < ring_count(polygon); ++i) {
        const Ring& ring = ring_at(polygon, i);
        const std::string name = "ring " + std::to_string(i);
        if (ring.empty()) return name + " is empty";
        if (too_few && ring.size() < 4) {
            return name + " has " + std::to_string(ring.size()) +
                   " positions, at least 4 are needed" + near(ring.front());
        }
        // The closing position repeats the first one, so 3 distinct ones make a triangle.
        if (!too_few && distinct_positions(ring) < 3) {
            return name + " has fewer than 3 distinct positions" + near(ring.front());
        }
    }
    return too_few ? "a ring has fewer than 4 positions" : "a ring has too few distinct positions";
}

std::string describe_flat_ring(const Polygon& polygon) {
    for (std::size_t i = 0; i < ring_count(polygon); ++i) {
        const Ring& ring = ring_at(polygon, i);
        if (signed_area2(ring) == 0.0) {
            return "ring " + std::to_string(i) + " encloses no area" + near(ring.front());
        }
    }
    return "a ring encloses no area" + near(polygon.outer.front());
}

// The first vertex of `hole` outside `container`, or the hole's first vertex.
core::LonLat vertex_outside(const Ring& hole, const BgPolygon::ring_type& container) {
    for (const core::LonLat& p : hole) {
        if (!bg::covered_by(BgPoint(p.lon, p.lat), container)) return p;
    }
    return hole.front();
}

std::string describe_hole_outside(const Polygon& polygon, const BgPolygon& shape) {
    for (std::size_t i = 0; i < polygon.holes.size(); ++i) {
        const core::LonLat p = vertex_outside(polygon.holes[i], shape.outer());
        if (!bg::covered_by(BgPoint(p.lon, p.lat), shape.outer())) {
            return "hole (ring " + std::to_string(i + 1) + ") lies outside the outer ring" +
                   near(p);
        }
    }
    return "a hole lies outside the outer ring" + near(polygon.holes.front().front());
}

// Even-odd test, blind to orientation: Boost's point-in-ring would read a clockwise hole
// through a counter-clockwise ring type as inside out.
bool ring_contains(const Ring& ring, core::LonLat p) {
    bool inside = false;
    for (std::size_t i = 1; i < ring.size(); ++i) {
        const core::LonLat a = ring[i - 1];
        const core::LonLat b = ring[i];
        if ((a.lat > p.lat) != (b.lat > p.lat) &&
            p.lon < a.lon + (p.lat - a.lat) * (b.lon - a.lon) / (b.lat - a.lat)) {
            inside = !inside;
        }
    }
    return inside;
}

std::string describe_nested_holes(const Polygon& polygon) {
    for (std::size_t i = 0; i < polygon.holes.size(); ++i) {
        for (std::size_t j = 0; j < polygon.holes.size(); ++j) {
            const core::LonLat p = polygon.holes[i].front();
            if (i != j && ring_contains(polygon.holes[j], p)) {
                return "hole (ring " + std::to_string(i + 1) + ") lies inside hole (ring " +
                       std::to_string(j + 1) + ")" + near(p);
            }
        }
    }
    return "a hole lies inside another hole" + near(polygon.holes.front().front());
}

std::string describe_self_intersection(const ProblemPolicy& policy) {
    // Boost numbers the outer ring -1 and holes from 0; GeoJSON counts the outer ring as 0.
    const auto first = policy.first().ring_index + 1;
    const auto second = policy.second().ring_index + 1;
    const std::string where = policy.position() ? near(*policy.position()) : std::string();
    if (first == second) return "self-intersection" + where;
    return "ring " + std::to_string(std::min(first, second)) + " and ring " +
           std::to_string(std::max(first, second)) + " intersect" + where;
}

std::string describe(const ProblemPolicy& policy, const Polygon& polygon, const BgPolygon& shape) {
    const std::string where = policy.position() ? near(*policy.position()) : std::string();
    switch (policy.failure()) {
        case bg::failure_few_points:
            return describe_degenerate_ring(polygon, true);
        case bg::failure_wrong_topological_dimension:
            return describe_degenerate_ring(polygon, false);
        case bg::failure_spikes:
            return "spike (the boundary goes out and back along the same line)" + where;
        case bg::failure_self_intersections:
            return describe_self_intersection(policy);
        case bg::failure_interior_rings_outside:
            return describe_hole_outside(polygon, shape);
        case bg::failure_nested_interior_rings:
            return describe_nested_holes(polygon);
        case bg::failure_disconnected_interior:
            return "holes split the interior into disconnected parts" +
                   near(polygon.holes.front().front());
        case bg::failure_not_closed:
            return "a ring is not closed" + near(polygon.outer.front());
        case bg::failure_invalid_coordinate:
            return "a coordinate is not a finite number";
        default:
            return std::string("invalid polygon: ") +
                   bg::validity_failure_type_message(policy.failure());
    }
}

std::optional<std::string> describe_overlap(const MultiPolygon& shape,
                                            const BgMultiPolygon& members) {
    for (std::size_t i = 0; i < members.size(); ++i) {
        for (std::size_t j = i + 1; j < members.size(); ++j) {
            if (!intersects(bbox_of({shape[i]}), bbox_of({shape[j]}))) continue;
            if (!bg::relate(members[i], members[j], bg::de9im::mask("T********"))) continue;
            BgMultiPolygon common;
            bg::intersection(members[i], members[j], common);
            const core::LonLat p = common.empty() || common.front().outer().empty()
                                       ? shape[j].outer.front()
                                       : core::LonLat{bg::get<0>(common.front().outer().front()),
                                                      bg::get<1>(common.front().outer().front())};
            return "polygons " + std::to_string(i) + " and " + std::to_string(j) + " overlap" +
                   near(p);
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> find_polygon_problem(const Polygon& polygon) {
    const BgPolygon shape = to_boost(polygon);
    ProblemPolicy policy;
    if (!bg::is_valid(shape, policy, bg::default_strategy())) {
        return describe(policy, polygon, shape);
    }
    if (policy.orientation_doubtful()) return describe_flat_ring(polygon);
    return std::nullopt;
}

std::optional<std::string> find_multipolygon_problem(const MultiPolygon& shape) {
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (auto problem = find_polygon_problem(shape[i])) {
            if (shape.size() == 1) return problem;
            return "polygon " + std::to_string(i) + ": " + *problem;
        }
    }
    if (shape.size() < 2) return std::nullopt;
    BgMultiPolygon members;
    members.reserve(shape.size());
    for (const Polygon& polygon : shape) members.push_back(to_boost(polygon));
    ProblemPolicy policy;
    if (bg::is_valid(members, policy, bg::default_strategy())) return std::nullopt;
    const std::string where = policy.position() ? near(*policy.position()) : std::string();
    if (policy.failure() == bg::failure_self_intersections &&
        policy.first().multi_index != policy.second().multi_index) {
        const auto a = std::min(policy.first().multi_index, policy.second().multi_index);
        const auto b = std::max(policy.first().multi_index, policy.second().multi_index);
        return "polygons " + std::to_string(a) + " and " + std::to_string(b) + " intersect" + where;
    }
    if (auto overlap = describe_overlap(shape, members)) return overlap;
    return std::string("invalid multipolygon: ") +
           bg::validity_failure_type_message(policy.failure()) + where;
}

void normalize_orientation(MultiPolygon& shape) {
    for (Polygon& polygon : shape) {
        orient(polygon.outer, true);
        for (Ring& hole : polygon.holes) orient(hole, false);
    }
}

void remove_repeated_positions(MultiPolygon& shape) {
    const auto remove = [](Ring& ring) {
        ring.erase(std::unique(ring.begin(), ring.end()), ring.end());
    };
    for (Polygon& polygon : shape) {
        remove(polygon.outer);
        for (Ring& hole : polygon.holes) remove(hole);
    }
}

}  // namespace okrsek::geo
