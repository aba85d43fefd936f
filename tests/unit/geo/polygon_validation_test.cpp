#include "geo/polygon_validation.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "geo/bbox.hpp"

namespace okrsek::geo {
namespace {

using ::testing::HasSubstr;
using ::testing::Optional;

// A closed ring from (lon, lat) pairs; the closing position is added here.
Ring ring(std::initializer_list<core::LonLat> positions) {
    Ring out(positions);
    out.push_back(out.front());
    return out;
}

Polygon square(double lon, double lat, double size) {
    return {ring({{lon, lat}, {lon + size, lat}, {lon + size, lat + size}, {lon, lat + size}}), {}};
}

TEST(FindPolygonProblem, AcceptsASquareWithAHole) {
    Polygon polygon = square(0, 0, 10);
    polygon.holes.push_back(ring({{2, 2}, {2, 4}, {4, 4}, {4, 2}}));
    EXPECT_EQ(find_polygon_problem(polygon), std::nullopt);
}

TEST(FindPolygonProblem, AcceptsEitherOrientation) {
    Polygon clockwise = square(0, 0, 1);
    std::reverse(clockwise.outer.begin(), clockwise.outer.end());
    EXPECT_EQ(find_polygon_problem(clockwise), std::nullopt);
}

TEST(FindPolygonProblem, AcceptsRepeatedConsecutivePositions) {
    const Polygon polygon{ring({{0, 0}, {1, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 1}}), {}};
    EXPECT_EQ(find_polygon_problem(polygon), std::nullopt);
}

// A bow tie: its edges cross in the middle of the box.
TEST(FindPolygonProblem, ReportsASelfIntersectionWithItsPosition) {
    const Polygon bow_tie{ring({{14.42, 50.08}, {14.43, 50.09}, {14.43, 50.08}, {14.42, 50.09}}),
                          {}};
    EXPECT_THAT(find_polygon_problem(bow_tie),
                Optional(std::string("self-intersection near 14.4250000 50.0850000")));
}

TEST(FindPolygonProblem, ReportsASpike) {
    const Polygon spike{ring({{0, 0}, {2, 0}, {2, 2}, {3, 3}, {2, 2}, {0, 2}}), {}};
    EXPECT_THAT(find_polygon_problem(spike), Optional(HasSubstr("spike")));
    EXPECT_THAT(find_polygon_problem(spike), Optional(HasSubstr("near 3.0000000 3.0000000")));
}

TEST(FindPolygonProblem, ReportsAHoleOutsideTheOuterRing) {
    Polygon polygon = square(0, 0, 1);
    polygon.holes.push_back(ring({{5, 5}, {5, 6}, {6, 6}, {6, 5}}));
    EXPECT_THAT(find_polygon_problem(polygon),
                Optional(std::string("hole (ring 1) lies outside the outer ring near 5.0000000 "
                                     "5.0000000")));
}

TEST(FindPolygonProblem, ReportsNestedHoles) {
    Polygon polygon = square(0, 0, 10);
    polygon.holes.push_back(ring({{1, 1}, {1, 9}, {9, 9}, {9, 1}}));
    polygon.holes.push_back(ring({{2, 2}, {2, 3}, {3, 3}, {3, 2}}));
    EXPECT_THAT(find_polygon_problem(polygon), Optional(HasSubstr("lies inside hole")));
}

TEST(FindPolygonProblem, ReportsCrossingRings) {
    Polygon polygon = square(0, 0, 10);
    polygon.holes.push_back(ring({{5, 5}, {5, 15}, {6, 15}, {6, 5}}));
    EXPECT_THAT(find_polygon_problem(polygon), Optional(HasSubstr("ring 0 and ring 1 intersect")));
}

TEST(FindPolygonProblem, ReportsDegenerateRings) {
    const Polygon too_short{{{0, 0}, {1, 0}, {0, 0}}, {}};
    EXPECT_THAT(find_polygon_problem(too_short),
                Optional(HasSubstr("ring 0 has 3 positions, at least 4 are needed")));
    const Polygon line{{{0, 0}, {1, 0}, {1, 0}, {0, 0}}, {}};
    EXPECT_THAT(find_polygon_problem(line),
                Optional(HasSubstr("ring 0 has fewer than 3 distinct positions")));
}

TEST(FindMultipolygonProblem, AcceptsSeparatePolygons) {
    EXPECT_EQ(find_multipolygon_problem({square(0, 0, 1), square(2, 0, 1)}), std::nullopt);
    EXPECT_EQ(find_multipolygon_problem({square(0, 0, 1), square(1, 1, 1)}), std::nullopt);
}

TEST(FindMultipolygonProblem, NamesTheMemberAtFault) {
    const Polygon bow_tie{ring({{0, 0}, {1, 1}, {1, 0}, {0, 1}}), {}};
    EXPECT_THAT(find_multipolygon_problem({square(5, 5, 1), bow_tie}),
                Optional(std::string("polygon 1: self-intersection near 0.5000000 0.5000000")));
    EXPECT_THAT(find_multipolygon_problem({bow_tie}),
                Optional(std::string("self-intersection near 0.5000000 0.5000000")));
}

TEST(FindMultipolygonProblem, ReportsOverlappingMembers) {
    EXPECT_THAT(find_multipolygon_problem({square(5, 5, 1), square(0, 0, 2), square(1, 1, 2)}),
                Optional(HasSubstr("polygons 1 and 2")));
    EXPECT_THAT(find_multipolygon_problem({square(0, 0, 4), square(1, 1, 1)}),
                Optional(HasSubstr("polygons 0 and 1 overlap")));
    // OGC lets members touch in points only; a shared edge should have been one polygon.
    EXPECT_THAT(find_multipolygon_problem({square(0, 0, 1), square(1, 0, 1)}),
                Optional(HasSubstr("polygons 0 and 1")));
}

TEST(NormalizeOrientation, MakesOuterRingsCounterClockwiseAndHolesClockwise) {
    Polygon polygon{ring({{0, 0}, {0, 10}, {10, 10}, {10, 0}}),
                    {ring({{2, 2}, {4, 2}, {4, 4}, {2, 4}})}};
    MultiPolygon shape{polygon};
    normalize_orientation(shape);
    EXPECT_EQ(shape[0].outer, ring({{0, 0}, {10, 0}, {10, 10}, {0, 10}}));
    EXPECT_EQ(shape[0].holes[0], ring({{2, 2}, {2, 4}, {4, 4}, {4, 2}}));
    const MultiPolygon once = shape;
    normalize_orientation(shape);
    EXPECT_EQ(shape[0].outer, once[0].outer);
    EXPECT_EQ(shape[0].holes[0], once[0].holes[0]);
}

TEST(RemoveRepeatedPositions, KeepsRingsClosed) {
    MultiPolygon shape{{{{0, 0}, {0, 0}, {1, 0}, {1, 1}, {1, 1}, {0, 0}, {0, 0}}, {}}};
    remove_repeated_positions(shape);
    EXPECT_EQ(shape[0].outer, ring({{0, 0}, {1, 0}, {1, 1}}));
}

// bbox.cpp has no test file of its own registered; its two functions are checked here.
TEST(BBox, BoundsTheOuterRingsOfAllPolygons) {
    const BBox box = bbox_of({square(14, 50, 1), square(16, 49, 0.5)});
    EXPECT_EQ(box.min_lon, 14);
    EXPECT_EQ(box.min_lat, 49);
    EXPECT_EQ(box.max_lon, 16.5);
    EXPECT_EQ(box.max_lat, 51);
}

TEST(BBox, IntersectsIncludesTouchingBoxes) {
    const BBox a{0, 0, 1, 1};
    EXPECT_TRUE(intersects(a, {1, 1, 2, 2}));
    EXPECT_TRUE(intersects(a, {0.2, 0.2, 0.3, 0.3}));
    EXPECT_FALSE(intersects(a, {1.1, 0, 2, 1}));
    EXPECT_FALSE(intersects(a, {0, -2, 1, -0.5}));
}

}  // namespace
}  // namespace okrsek::geo
