#include "geo/simplify.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <limits>
#include <nlohmann/json.hpp>
#include <numbers>

#include "support/geojson_layer.hpp"
#include "support/test_paths.hpp"

namespace okrsek::geo {
namespace {

constexpr double earth_radius_m_simplify = 6371008.8;
constexpr double deg_simplify = std::numbers::pi / 180.0;

// Metres east/north of a centre (equirectangular, as the library measures).
struct Plane {
    core::LonLat centre;
    double x(core::LonLat p) const {
        return (p.lon - centre.lon) * deg_simplify * earth_radius_m_simplify *
               std::cos(centre.lat * deg_simplify);
    }
    double y(core::LonLat p) const {
        return (p.lat - centre.lat) * deg_simplify * earth_radius_m_simplify;
    }
    core::LonLat at(double east_m, double north_m) const {
        return {centre.lon + east_m / (deg_simplify * earth_radius_m_simplify *
                                       std::cos(centre.lat * deg_simplify)),
                centre.lat + north_m / (deg_simplify * earth_radius_m_simplify)};
    }
};

const Plane prague_simplify{{14.42, 50.08}};

Ring square_ring(double x0, double y0, double size_m) {
    return {prague_simplify.at(x0, y0), prague_simplify.at(x0 + size_m, y0),
            prague_simplify.at(x0 + size_m, y0 + size_m), prague_simplify.at(x0, y0 + size_m),
            prague_simplify.at(x0, y0)};
}

double distance_to_segment_m(const Plane& plane, core::LonLat p, core::LonLat a, core::LonLat b) {
    double px = plane.x(p), py = plane.y(p);
    double ax = plane.x(a), ay = plane.y(a);
    double dx = plane.x(b) - ax, dy = plane.y(b) - ay;
    double length2 = dx * dx + dy * dy;
    double t =
        length2 > 0.0 ? std::clamp(((px - ax) * dx + (py - ay) * dy) / length2, 0.0, 1.0) : 0.0;
    return std::hypot(px - ax - t * dx, py - ay - t * dy);
}

double distance_to_ring_m(const Plane& plane, core::LonLat p, const Ring& ring) {
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
        best = std::min(best, distance_to_segment_m(plane, p, ring[i], ring[i + 1]));
    }
    return best;
}

// The centre the library uses: the middle of the outer rings' bounding box.
Plane plane_around(const MultiPolygon& shape) {
    constexpr double inf = std::numeric_limits<double>::infinity();
    double min_lon = inf, min_lat = inf, max_lon = -inf, max_lat = -inf;
    for (const auto& polygon : shape) {
        for (const auto& p : polygon.outer) {
            min_lon = std::min(min_lon, p.lon);
            min_lat = std::min(min_lat, p.lat);
            max_lon = std::max(max_lon, p.lon);
            max_lat = std::max(max_lat, p.lat);
        }
    }
    return Plane{{(min_lon + max_lon) / 2.0, (min_lat + max_lat) / 2.0}};
}

TEST(Simplify, RemovesPositionsWithinTheTolerance) {
    // A 1 km square whose bottom edge wobbles by 2 m.
    Ring ring{prague_simplify.at(0, 0)};
    for (int i = 1; i < 10; ++i)
        ring.push_back(prague_simplify.at(i * 100.0, i % 2 == 0 ? 2.0 : -2.0));
    for (const auto& p : {prague_simplify.at(1000, 0), prague_simplify.at(1000, 1000),
                          prague_simplify.at(0, 1000), prague_simplify.at(0, 0)}) {
        ring.push_back(p);
    }
    auto result = simplify({Polygon{ring, {}}}, 5.0);
    ASSERT_EQ(result.size(), 1u);
    EXPECT_EQ(result[0].outer.size(), 5u);
    EXPECT_EQ(result[0].outer.front(), result[0].outer.back());
}

TEST(Simplify, KeepsAnOuterRingSmallerThanTheTolerance) {
    MultiPolygon tiny{Polygon{square_ring(0, 0, 20), {}}};
    auto result = simplify(tiny, 50.0);
    ASSERT_EQ(result.size(), 1u);
    EXPECT_EQ(result[0].outer.size(), 5u);
}

TEST(Simplify, DropsHolesThatCollapse) {
    MultiPolygon shape{Polygon{square_ring(0, 0, 1000), {}}};
    Ring hole = square_ring(500, 500, 10);
    std::reverse(hole.begin(), hole.end());
    shape[0].holes.push_back(hole);
    Ring big_hole = square_ring(100, 100, 300);
    std::reverse(big_hole.begin(), big_hole.end());
    shape[0].holes.push_back(big_hole);
    auto result = simplify(shape, 50.0);
    ASSERT_EQ(result.size(), 1u);
    EXPECT_EQ(result[0].outer.size(), 5u);
    ASSERT_EQ(result[0].holes.size(), 1u);
    EXPECT_EQ(result[0].holes[0].size(), 5u);
}

TEST(Simplify, ZeroToleranceKeepsEveryCorner) {
    MultiPolygon shape{Polygon{square_ring(0, 0, 100), {}}};
    EXPECT_EQ(simplify(shape, 0.0)[0].outer.size(), 5u);
}

TEST(Simplify, RealDistrictStaysWithinTolerance) {
    auto shapes =
        test::read_geojson_layer(test::boundary_file("praha-okrsky-mestske-policie-226.geojson"));
    auto largest = *std::max_element(shapes.begin(), shapes.end(), [](auto& a, auto& b) {
        return a[0].outer.size() < b[0].outer.size();
    });
    constexpr double tolerance_m = 50.0;
    auto result = simplify(largest, tolerance_m);
    ASSERT_EQ(result.size(), 1u);
    std::cout << "district of " << largest[0].outer.size() << " positions simplified to "
              << result[0].outer.size() << "\n";
    EXPECT_LT(result[0].outer.size(), largest[0].outer.size() / 2);
    EXPECT_GE(result[0].outer.size(), 4u);
    auto plane = plane_around(largest);
    double worst_m = 0.0;
    for (const auto& p : largest[0].outer) {
        worst_m = std::max(worst_m, distance_to_ring_m(plane, p, result[0].outer));
    }
    // Simplified on a grid of whole centimetres, hence the small allowance.
    EXPECT_LE(worst_m, tolerance_m + 0.02);
    for (const auto& p : result[0].outer) {  // a subset of the source's exact positions
        EXPECT_NE(std::find(largest[0].outer.begin(), largest[0].outer.end(), p),
                  largest[0].outer.end());
    }
}

}  // namespace
}  // namespace okrsek::geo
