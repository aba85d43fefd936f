#include "geo/coverage_report.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <numbers>
#include <set>

#include "geo/dissolve.hpp"
#include "support/geojson_layer.hpp"
#include "support/test_paths.hpp"

namespace okrsek::geo {
namespace {

constexpr double earth_radius_m = 6371008.8;
constexpr double deg = std::numbers::pi / 180.0;
const core::LonLat origin{14.42, 50.08};

// A position `east_m`/`north_m` metres from the origin (equirectangular, as the library).
core::LonLat point_at(double east_m, double north_m) {
    return {origin.lon + east_m / (earth_radius_m * deg * std::cos(origin.lat * deg)),
            origin.lat + north_m / (earth_radius_m * deg)};
}

Ring rect_ring(double x0, double y0, double x1, double y1) {
    return {point_at(x0, y0), point_at(x1, y0), point_at(x1, y1), point_at(x0, y1),
            point_at(x0, y0)};
}

MultiPolygon rect(double x0, double y0, double x1, double y1) {
    return {Polygon{rect_ring(x0, y0, x1, y1), {}}};
}

// Signed ring area in m² on a sphere, equirectangular around the ring's middle latitude.
double ring_area_m2(const Ring& ring) {
    auto [south, north] =
        std::minmax_element(ring.begin(), ring.end(), [](auto a, auto b) { return a.lat < b.lat; });
    double lat0 = (south->lat + north->lat) / 2.0;
    double sum = 0.0;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
        sum += ring[i].lon * ring[i + 1].lat - ring[i + 1].lon * ring[i].lat;
    }
    return sum / 2.0 * earth_radius_m * earth_radius_m * deg * deg * std::cos(lat0 * deg);
}

std::vector<MultiPolygon> load_layer(const std::string& name) {
    return test::read_geojson_layer(test::boundary_file(name));
}

TEST(Coverage, TwoSquaresOverlapByAKnownArea) {
    std::vector<MultiPolygon> areas{rect(0, 0, 100, 100), rect(50, 0, 150, 100)};
    auto report = compute_coverage(areas);
    ASSERT_EQ(report.overlaps.size(), 1u);
    EXPECT_NEAR(report.overlap_area_m2, 5000.0, 50.0);
    EXPECT_EQ(report.overlaps[0].first, 0u);
    EXPECT_EQ(report.overlaps[0].second, 1u);
    auto location = report.overlaps[0].location;
    EXPECT_GE(location.lon, point_at(50, 0).lon - 1e-9);
    EXPECT_LE(location.lon, point_at(100, 0).lon + 1e-9);
    EXPECT_TRUE(report.gaps.empty());
    EXPECT_TRUE(report.complete);
}

// A.. bottom strip, B the L along the left and top, C the right middle; the centre cell is a gap:
//   BBB
//   B.C
//   AAA     (cells of 100 m)
std::vector<MultiPolygon> three_areas_around_a_hole() {
    Ring l_shape{point_at(0, 100),   point_at(100, 100), point_at(100, 200), point_at(300, 200),
                 point_at(300, 300), point_at(0, 300),   point_at(0, 100)};
    return {rect(0, 0, 300, 100), {Polygon{l_shape, {}}}, rect(200, 100, 300, 200)};
}

TEST(Coverage, ThreeAreasLeaveAKnownHole) {
    auto report = compute_coverage(three_areas_around_a_hole());
    ASSERT_EQ(report.gaps.size(), 1u);
    EXPECT_NEAR(report.gap_area_m2, 10000.0, 100.0);
    auto location = report.gaps[0].location;
    EXPECT_GT(location.lon, point_at(100, 0).lon);
    EXPECT_LT(location.lon, point_at(200, 0).lon);
    EXPECT_GT(location.lat, point_at(0, 100).lat);
    EXPECT_LT(location.lat, point_at(0, 200).lat);
    EXPECT_TRUE(report.overlaps.empty());
    EXPECT_TRUE(report.complete);
}

TEST(Coverage, PerfectTilingHasNoIssues) {
    std::vector<MultiPolygon> areas;
    for (int i = 0; i < 3; ++i) {
        for (int j = 0; j < 3; ++j)
            areas.push_back(rect(i * 100, j * 100, i * 100 + 100, j * 100 + 100));
    }
    auto report = compute_coverage(areas);
    EXPECT_TRUE(report.gaps.empty());
    EXPECT_TRUE(report.overlaps.empty());
    EXPECT_EQ(report.gap_area_m2, 0.0);
    EXPECT_EQ(report.overlap_area_m2, 0.0);
    EXPECT_TRUE(report.complete);
}

TEST(Coverage, IssuesBelowTheMinimumAreIgnored) {
    std::vector<MultiPolygon> areas{rect(0, 0, 100, 100), rect(99.9, 0, 200, 100)};
    EXPECT_EQ(compute_coverage(areas, 20.0).overlaps.size(), 0u);
    EXPECT_EQ(compute_coverage(areas, 1.0).overlaps.size(), 1u);
}

TEST(Coverage, EmptyLayer) {
    auto report = compute_coverage({});
    EXPECT_TRUE(report.gaps.empty());
    EXPECT_TRUE(report.overlaps.empty());
    EXPECT_TRUE(report.complete);
}

TEST(Coverage, PragueMunicipalPoliceDistricts) {
    auto areas = load_layer("praha-okrsky-mestske-policie-226.geojson");
    ASSERT_EQ(areas.size(), 226u);
    auto report = compute_coverage(areas);
    // Measured: okrsky 4 x 5 of MP Praha 15 share 31,752 m², okrsky 8 x 2 of MP Praha 1 share
    // 3,489 m² (0.007 % of the city, as the data's README says); no enclosed gaps.
    EXPECT_TRUE(report.complete);
    EXPECT_EQ(report.overlaps.size(), 2u);
    EXPECT_GT(report.overlap_area_m2, 30000.0);
    EXPECT_LT(report.overlap_area_m2, 40000.0);
    EXPECT_TRUE(report.gaps.empty());
}

TEST(Dissolve, TwoAdjacentSquaresBecomeOne) {
    std::vector<MultiPolygon> shapes{rect(0, 0, 100, 100), rect(100, 0, 200, 100)};
    auto result = dissolve(shapes);
    ASSERT_EQ(result.size(), 1u);
    EXPECT_TRUE(result[0].holes.empty());
    EXPECT_NEAR(ring_area_m2(result[0].outer), 20000.0, 200.0);  // positive: counter-clockwise
    EXPECT_EQ(result[0].outer.front(), result[0].outer.back());
    for (const auto& p : result[0].outer) {
        EXPECT_EQ(p.lon, std::round(p.lon * 1e7) / 1e7);
        EXPECT_EQ(p.lat, std::round(p.lat * 1e7) / 1e7);
    }
}

TEST(Dissolve, FillsOnlySmallHoles) {
    auto shapes = three_areas_around_a_hole();
    auto filled = dissolve(shapes, 20000.0);
    ASSERT_EQ(filled.size(), 1u);
    EXPECT_TRUE(filled[0].holes.empty());
    auto kept = dissolve(shapes, 5000.0);
    ASSERT_EQ(kept.size(), 1u);
    ASSERT_EQ(kept[0].holes.size(), 1u);
    EXPECT_NEAR(ring_area_m2(kept[0].holes[0]), -10000.0, 100.0);  // negative: clockwise
}

TEST(Dissolve, DisjointShapesStaySeparate) {
    std::vector<MultiPolygon> shapes{rect(0, 0, 100, 100), rect(300, 0, 400, 100)};
    EXPECT_EQ(dissolve(shapes).size(), 2u);
    EXPECT_TRUE(dissolve({}).empty());
}

TEST(Dissolve, PragueOutlineFromItsCityParts) {
    auto parts = load_layer("praha-mestske-casti-57-wgs84.geojson");
    ASSERT_EQ(parts.size(), 57u);
    auto outline = dissolve(parts);
    ASSERT_EQ(outline.size(), 1u);
    EXPECT_TRUE(outline[0].holes.empty());
    double area_km2 = ring_area_m2(outline[0].outer) / 1e6;
    EXPECT_NEAR(area_km2, 496.0, 4.96);
    // Positions shared with the parts come back exactly (rounded to 7 decimals); only the
    // few where borders cross are new.
    std::set<std::pair<double, double>> sources;
    for (const auto& part : parts) {
        for (const auto& p : part[0].outer) {
            sources.emplace(std::round(p.lon * 1e7) / 1e7, std::round(p.lat * 1e7) / 1e7);
        }
    }
    auto reused = std::count_if(outline[0].outer.begin(), outline[0].outer.end(), [&](auto p) {
        return sources.contains({p.lon, p.lat});
    });
    std::cout << reused << " of the outline's positions are the parts' positions\n";
    EXPECT_GT(static_cast<double>(reused), 0.99 * static_cast<double>(outline[0].outer.size()));
}

}  // namespace
}  // namespace okrsek::geo
