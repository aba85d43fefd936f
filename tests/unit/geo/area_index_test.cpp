#include "geo/area_index.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include <boost/geometry/algorithms/correct.hpp>
#include <boost/geometry/algorithms/within.hpp>
#include <boost/geometry/geometries/multi_polygon.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "geo/area_grid.hpp"
#include "support/jagged_layer.hpp"
#include "support/test_paths.hpp"

namespace okrsek::geo {
namespace {

using core::LonLat;
constexpr std::uint32_t none = LayerIndex::no_area;
using Layer = std::vector<MultiPolygon>;

// Exact for every fixed-point position: to_fixed(from_fixed(x, y)) == {x, y}.
LonLat from_fixed(std::int64_t x, std::int64_t y) {
    return {static_cast<double>(x) / 1e7, static_cast<double>(y) / 1e7};
}

Polygon rectangle(std::int64_t x0, std::int64_t y0, std::int64_t x1, std::int64_t y1) {
    return {{from_fixed(x0, y0), from_fixed(x1, y0), from_fixed(x1, y1), from_fixed(x0, y1),
             from_fixed(x0, y0)},
            {}};
}

// ASCII maps (OSRM style): a letter is a square of its area (A = slot 0), '.' is no area, the
// first string is the northern row. Squares are `unit` fixed-point units wide, from 14 E 50 N.
constexpr std::int64_t map_x0 = 140'000'000;
constexpr std::int64_t map_y0 = 500'000'000;
constexpr std::int64_t unit = 1000;

LonLat at(double col, double row) {
    return from_fixed(map_x0 + std::llround(col * unit), map_y0 + std::llround(row * unit));
}

Layer ascii_map(const std::vector<std::string>& rows) {
    Layer layer;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const auto y = static_cast<std::int64_t>(rows.size() - 1 - r);
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            if (rows[r][c] == '.') continue;
            const auto slot = static_cast<std::size_t>(rows[r][c] - 'A');
            if (layer.size() <= slot) layer.resize(slot + 1);
            const auto x = static_cast<std::int64_t>(c);
            layer[slot].push_back(rectangle(map_x0 + x * unit, map_y0 + y * unit,
                                            map_x0 + (x + 1) * unit, map_y0 + (y + 1) * unit));
        }
    }
    return layer;
}

// An index with its layer; at() answers with the area's letter and checks that find(),
// find_many() and find_reference() agree.
class MapIndex {
public:
    explicit MapIndex(Layer layer) : m_layer(std::move(layer)), m_index(m_layer) {}

    char at(double col, double row) const {
        const LonLat p = okrsek::geo::at(col, row);
        const std::uint32_t slot = m_index.find(p);
        std::uint32_t many = 0;
        m_index.find_many({&p, 1}, {&many, 1});
        EXPECT_EQ(slot, find_reference(m_layer, p)) << "at " << col << ", " << row;
        EXPECT_EQ(slot, many) << "at " << col << ", " << row;
        return slot == none ? '.' : static_cast<char>('A' + slot);
    }
    const LayerIndex& index() const { return m_index; }

private:
    Layer m_layer;
    LayerIndex m_index;
};

TEST(AreaIndexBorderRule, PointOnANorthSouthBorderBelongsToTheAreaEastOfIt) {
    const MapIndex map(ascii_map({"AB"}));
    EXPECT_EQ(map.at(1.0, 0.5), 'B');
    EXPECT_EQ(map.at(0.0, 0.5), 'A');
    EXPECT_EQ(map.at(2.0, 0.5), '.');
    EXPECT_EQ(map.at(0.5, 0.5), 'A');
}

TEST(AreaIndexBorderRule, PointOnAnEastWestBorderBelongsToTheAreaNorthOfIt) {
    const MapIndex map(ascii_map({"B",  //
                                  "A"}));
    EXPECT_EQ(map.at(0.5, 1.0), 'B');
    EXPECT_EQ(map.at(0.5, 0.0), 'A');
    EXPECT_EQ(map.at(0.5, 2.0), '.');
}

TEST(AreaIndexBorderRule, CornerOfFourSquaresBelongsToTheNorthEastOne) {
    const MapIndex map(ascii_map({"CD",  //
                                  "AB"}));
    EXPECT_EQ(map.at(1.0, 1.0), 'D');
    EXPECT_EQ(map.at(1.0, 0.0), 'B');
    EXPECT_EQ(map.at(0.0, 1.0), 'C');
    EXPECT_EQ(map.at(2.0, 1.0), '.');
    EXPECT_EQ(map.at(1.0, 2.0), '.');
    EXPECT_EQ(map.at(0.0, 0.0), 'A');
}

TEST(AreaIndexBorderRule, HoleIsOutsideOrBelongsToTheAreaFillingIt) {
    // AAA
    // A.A   the hole of A; in the second layer B fills it
    // AAA
    Polygon with_hole = rectangle(map_x0, map_y0, map_x0 + 3 * unit, map_y0 + 3 * unit);
    Ring hole = rectangle(map_x0 + unit, map_y0 + unit, map_x0 + 2 * unit, map_y0 + 2 * unit).outer;
    std::reverse(hole.begin(), hole.end());
    with_hole.holes.push_back(hole);
    const MultiPolygon filling{
        rectangle(map_x0 + unit, map_y0 + unit, map_x0 + 2 * unit, map_y0 + 2 * unit)};
    const MapIndex alone(Layer{{with_hole}});
    const MapIndex filled(Layer{{with_hole}, filling});
    for (const MapIndex* map : {&alone, &filled}) {
        const char in_hole = map == &alone ? '.' : 'B';
        EXPECT_EQ(map->at(1.5, 1.5), in_hole);
        EXPECT_EQ(map->at(1.0, 1.5), in_hole);
        EXPECT_EQ(map->at(1.5, 1.0), in_hole);
        EXPECT_EQ(map->at(1.0, 1.0), in_hole);
        EXPECT_EQ(map->at(2.0, 1.5), 'A');
        EXPECT_EQ(map->at(1.5, 2.0), 'A');
        EXPECT_EQ(map->at(2.0, 2.0), 'A');
        EXPECT_EQ(map->at(0.5, 0.5), 'A');
    }
}

TEST(AreaIndexBorderRule, MultiPolygonWithTwoParts) {
    const MapIndex map(ascii_map({"A.A",  //
                                  "BBB"}));
    EXPECT_EQ(map.at(0.5, 1.5), 'A');
    EXPECT_EQ(map.at(1.5, 1.5), '.');
    EXPECT_EQ(map.at(2.5, 1.5), 'A');
    EXPECT_EQ(map.at(2.0, 1.5), 'A');
    EXPECT_EQ(map.at(1.5, 1.0), '.');
    EXPECT_EQ(map.at(1.5, 0.5), 'B');
}

TEST(AreaIndexOverlap, LowestSlotWins) {
    const MultiPolygon low{rectangle(map_x0, map_y0, map_x0 + 2 * unit, map_y0 + 2 * unit)};
    const MultiPolygon high{
        rectangle(map_x0 + unit, map_y0 + unit, map_x0 + 3 * unit, map_y0 + 3 * unit)};
    const MapIndex map(Layer{low, high});
    EXPECT_EQ(map.at(1.5, 1.5), 'A');
    EXPECT_EQ(map.at(2.5, 2.5), 'B');
    EXPECT_EQ(map.at(2.0, 1.5), 'B');
    const MapIndex swapped(Layer{high, low});
    EXPECT_EQ(swapped.at(1.5, 1.5), 'A');
    EXPECT_EQ(swapped.at(0.5, 0.5), 'B');
}

TEST(AreaIndexOverlap, AreaCoveringWholeCellsAroundASmallOne) {
    const MultiPolygon big{rectangle(map_x0, map_y0, map_x0 + 40 * unit, map_y0 + 40 * unit)};
    const MultiPolygon small{
        rectangle(map_x0 + 20 * unit, map_y0 + 20 * unit, map_x0 + 21 * unit, map_y0 + 21 * unit)};
    const MapIndex small_first(Layer{small, big});
    EXPECT_EQ(small_first.at(20.5, 20.5), 'A');
    EXPECT_EQ(small_first.at(21.0, 20.5), 'B');
    EXPECT_EQ(small_first.at(19.9, 20.5), 'B');
    EXPECT_EQ(small_first.at(5.0, 5.0), 'B');
    const MapIndex big_first(Layer{big, small});
    EXPECT_EQ(big_first.at(20.5, 20.5), 'A');
    EXPECT_EQ(big_first.at(40.0, 20.5), '.');
}

TEST(AreaIndexBox, PointsOutsideOrOnTheMaxEdgesOfTheBoxFindNothing) {
    const MapIndex map(ascii_map({"AB"}));
    EXPECT_EQ(map.at(-1.0, 0.5), '.');
    EXPECT_EQ(map.at(3.0, 0.5), '.');
    EXPECT_EQ(map.at(1.5, -0.001), '.');
    EXPECT_EQ(map.at(2.0, 0.5), '.');
    EXPECT_EQ(map.at(1.5, 1.0), '.');
    EXPECT_EQ(map.at(2.0, 1.0), '.');
    EXPECT_EQ(map.at(0.0, 0.0), 'A');
    EXPECT_EQ(map.at(1.999, 0.999), 'B');
    for (const LonLat far : {LonLat{-180.0, -90.0}, LonLat{180.0, 90.0}, LonLat{-180.0, 90.0}}) {
        EXPECT_EQ(map.index().find(far), none);
    }
}

TEST(AreaIndexBox, EmptyLayerFindsNothing) {
    const LayerIndex index(Layer{});
    EXPECT_EQ(index.find({14.4, 50.1}), none);
    EXPECT_EQ(index.stats().area_count, 0u);
    const LayerIndex no_polygons(Layer{MultiPolygon{}});
    EXPECT_EQ(no_polygons.find({14.4, 50.1}), none);
}

TEST(AreaIndexStats, DescribeTheIndex) {
    const LayerIndex index(ascii_map({"AB"}));
    const LayerIndex::Stats stats = index.stats();
    EXPECT_EQ(stats.area_count, 2u);
    EXPECT_EQ(stats.edge_count, 8u);
    EXPECT_GT(stats.cell_count, 0u);
    EXPECT_GT(stats.boundary_cell_count, 0u);
    EXPECT_GT(stats.memory_bytes, 0u);
}

TEST(AreaIndexFixedPoint, ToFixedRoundsToTheNearestUnit) {
    EXPECT_EQ(to_fixed({14.4619599, 50.0297569}), (FixedPoint{144619599, 500297569}));
    EXPECT_EQ(to_fixed({-180.0, -90.0}), (FixedPoint{-1'800'000'000, -900'000'000}));
    EXPECT_EQ(to_fixed({180.0, 90.0}), (FixedPoint{1'800'000'000, 900'000'000}));
    EXPECT_EQ(to_fixed({-0.00000004, 0.00000006}), (FixedPoint{0, 1}));
}

TEST(AreaIndexValidation, RejectsPositionsOutsideWgs84) {
    const Layer layer{{rectangle(0, 0, 10, 10)}};
    Layer bad = layer;
    bad[0][0].outer[1].lon = 200.0;
    EXPECT_THROW(LayerIndex{bad}, core::Error);
}

}  // namespace
}  // namespace okrsek::geo
