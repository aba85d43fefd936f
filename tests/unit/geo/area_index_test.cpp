#include "geo/area_index.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/geometry/algorithms/correct.hpp>
#include <boost/geometry/algorithms/within.hpp>
#include <boost/geometry/geometries/multi_polygon.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "geo/area_grid.hpp"
#include "geo/fixed_point_predicates.hpp"
#include "support/geojson_layer.hpp"
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

// ---- Exactness: the index against the reference on real, generated and random layers ----

std::filesystem::path prague_file() {
    return test::boundary_file("praha-okrsky-mestske-policie-226.geojson");
}

const Layer& prague() {
    static const Layer layer = test::read_geojson_layer(prague_file());
    return layer;
}

const Layer& jagged_1000() {
    static const Layer layer = test::make_jagged_layer();
    return layer;
}

detail::FixedBox box_of(const MultiPolygon& area) {
    detail::FixedBox box{INT32_MAX, INT32_MAX, INT32_MIN, INT32_MIN};
    for (const Polygon& polygon : area) {
        for (const LonLat& position : polygon.outer) {
            const FixedPoint f = to_fixed(position);
            box = {std::min(box.x0, f.x), std::min(box.y0, f.y), std::max(box.x1, f.x),
                   std::max(box.y1, f.y)};
        }
    }
    return box;
}

detail::FixedBox box_of(const Layer& layer) {
    detail::FixedBox box{INT32_MAX, INT32_MAX, INT32_MIN, INT32_MIN};
    for (const MultiPolygon& area : layer) {
        const detail::FixedBox b = box_of(area);
        box = {std::min(box.x0, b.x0), std::min(box.y0, b.y0), std::max(box.x1, b.x1),
               std::max(box.y1, b.y1)};
    }
    return box;
}

bool holds(const detail::FixedBox& box, FixedPoint p) {
    return p.x >= box.x0 && p.x <= box.x1 && p.y >= box.y0 && p.y <= box.y1;
}

// find_reference asked only about the areas whose closed box holds the point: the same answer
// (outside an area's box the border rule puts a point outside the area), much faster. Boxes are
// bucketed in a 64 x 64 grid so that layers of a thousand areas stay quick.
class BoxedReference {
public:
    explicit BoxedReference(const Layer& layer) : m_layer(layer), m_buckets(buckets * buckets) {
        for (const MultiPolygon& area : layer) m_boxes.push_back(box_of(area));
        m_box = box_of(layer);
        for (std::uint32_t slot = 0; slot < m_boxes.size(); ++slot) {
            const auto [col0, row0] = bucket_of(m_boxes[slot].x0, m_boxes[slot].y0);
            const auto [col1, row1] = bucket_of(m_boxes[slot].x1, m_boxes[slot].y1);
            for (std::size_t row = row0; row <= row1; ++row) {
                for (std::size_t col = col0; col <= col1; ++col) {
                    m_buckets[row * buckets + col].push_back(slot);
                }
            }
        }
    }
    std::uint32_t operator()(LonLat p) const {
        const FixedPoint f = to_fixed(p);
        if (!holds(m_box, f)) return none;
        const auto [col, row] = bucket_of(f.x, f.y);
        for (const std::uint32_t slot : m_buckets[row * buckets + col]) {
            if (!holds(m_boxes[slot], f)) continue;
            if (find_reference({&m_layer[slot], 1}, p) == 0) return slot;
        }
        return none;
    }
    const detail::FixedBox& box(std::size_t slot) const { return m_boxes[slot]; }

private:
    static constexpr std::size_t buckets = 64;
    std::pair<std::size_t, std::size_t> bucket_of(std::int64_t x, std::int64_t y) const {
        const auto scale = [](std::int64_t v, std::int64_t lo, std::int64_t hi) {
            return static_cast<std::size_t>((v - lo) * std::int64_t{buckets} / (hi - lo + 1));
        };
        return {scale(x, m_box.x0, m_box.x1), scale(y, m_box.y0, m_box.y1)};
    }

    const Layer& m_layer;
    std::vector<detail::FixedBox> m_boxes;
    detail::FixedBox m_box;
    std::vector<std::vector<std::uint32_t>> m_buckets;
};

// find() and find_many() must both equal the reference for every point.
void expect_exact(const LayerIndex& index, const std::vector<LonLat>& points,
                  const BoxedReference& reference) {
    std::vector<std::uint32_t> many(points.size());
    index.find_many(points, many);
    int failures = 0;
    for (std::size_t i = 0; i < points.size() && failures < 10; ++i) {
        const std::uint32_t expected = reference(points[i]);
        const std::uint32_t single = index.find(points[i]);
        if (single != expected || many[i] != expected) {
            ++failures;
            const FixedPoint f = to_fixed(points[i]);
            ADD_FAILURE() << "point " << f.x << ", " << f.y << ": find " << single << ", find_many "
                          << many[i] << ", reference " << expected;
        }
    }
}

std::vector<LonLat> random_points(const detail::FixedBox& box, std::size_t count,
                                  std::uint64_t seed) {
    std::mt19937_64 random(seed);
    const std::int64_t margin_x = (std::int64_t{box.x1} - box.x0) / 50;
    const std::int64_t margin_y = (std::int64_t{box.y1} - box.y0) / 50;
    std::uniform_int_distribution<std::int64_t> x(box.x0 - margin_x, box.x1 + margin_x);
    std::uniform_int_distribution<std::int64_t> y(box.y0 - margin_y, box.y1 + margin_y);
    std::vector<LonLat> points;
    for (std::size_t i = 0; i < count; ++i) points.push_back(from_fixed(x(random), y(random)));
    return points;
}

// Every vertex with the lattice points around it, and lattice points exactly on edges.
std::vector<LonLat> points_on_and_around_borders(const Layer& layer, int radius) {
    std::vector<LonLat> points;
    const auto add_ring = [&](const Ring& ring) {
        for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
            const FixedPoint a = to_fixed(ring[i]);
            const FixedPoint b = to_fixed(ring[i + 1]);
            for (int dy = -radius; dy <= radius; ++dy) {
                for (int dx = -radius; dx <= radius; ++dx) {
                    points.push_back(from_fixed(a.x + dx, a.y + dy));
                }
            }
            const std::int64_t steps = std::gcd(std::int64_t{b.x} - a.x, std::int64_t{b.y} - a.y);
            for (std::int64_t k = 1; k < std::min<std::int64_t>(steps, 4); ++k) {
                points.push_back(from_fixed(a.x + (std::int64_t{b.x} - a.x) / steps * k,
                                            a.y + (std::int64_t{b.y} - a.y) / steps * k));
            }
        }
    };
    for (const MultiPolygon& area : layer) {
        for (const Polygon& polygon : area) {
            add_ring(polygon.outer);
            for (const Ring& hole : polygon.holes) add_ring(hole);
        }
    }
    return points;
}

// Lattice points on both sides of the grid's cell borders, where a lookup changes cell.
std::vector<LonLat> points_on_cell_borders(const detail::AreaGrid& grid, std::size_t count,
                                           std::uint64_t seed) {
    std::mt19937_64 random(seed);
    std::uniform_int_distribution<std::int64_t> x(0, grid.range_x);
    std::uniform_int_distribution<std::int64_t> y(0, grid.range_y);
    std::vector<LonLat> points;
    for (std::size_t i = 0; i < count; ++i) {
        const std::int64_t x0 = (x(random) >> grid.shift_x) << grid.shift_x;
        const std::int64_t y0 = (y(random) >> grid.shift_y) << grid.shift_y;
        const std::int64_t any_x = x(random);
        const std::int64_t any_y = y(random);
        for (const auto& [px, py] : {std::pair{x0, any_y},
                                     {x0 - 1, any_y},
                                     {any_x, y0},
                                     {any_x, y0 - 1},
                                     {x0, y0},
                                     {x0 - 1, y0 - 1},
                                     {x0 - 1, y0},
                                     {x0, y0 - 1}}) {
            points.push_back(from_fixed(grid.origin_x + px, grid.origin_y + py));
        }
    }
    return points;
}

Layer random_tiny_layer(std::uint64_t seed) {
    std::mt19937_64 random(seed);
    std::uniform_int_distribution<int> coordinate(0, 40);
    std::uniform_int_distribution<int> count(1, 8);
    const auto ring = [&](int vertices) {
        Ring r;
        for (int i = 0; i < vertices; ++i) {
            r.push_back(at(coordinate(random) / double{unit}, coordinate(random) / double{unit}));
        }
        r.push_back(r.front());
        return r;
    };
    Layer layer(static_cast<std::size_t>(count(random)));
    for (MultiPolygon& area : layer) {
        for (int p = count(random) / 4; p >= 0; --p) {
            area.push_back({ring(2 + count(random)), {}});
            if (count(random) > 5) area.back().holes.push_back(ring(2 + count(random)));
        }
    }
    return layer;
}

TEST(AreaIndexExactness, RandomRingsOnATinyLatticeMatchTheReferenceEverywhere) {
    // Self-intersecting rings, overlaps, collinear and repeated vertices: the rule is defined
    // for all of them. Grids from one cell to one lattice point per cell.
    for (std::uint64_t seed = 0; seed < 30; ++seed) {
        const Layer layer = random_tiny_layer(seed);
        for (const double crossings : {0.5, 4.0, 64.0}) {
            const detail::AreaGrid grid = detail::build_area_grid(layer, {crossings, 1u << 22});
            for (std::int64_t y = -2; y <= 42; ++y) {
                for (std::int64_t x = -2; x <= 42; ++x) {
                    const LonLat p = from_fixed(map_x0 + x, map_y0 + y);
                    ASSERT_EQ(grid.find(to_fixed(p)), find_reference(layer, p))
                        << "seed " << seed << ", crossings " << crossings << ", at " << x << ", "
                        << y;
                }
            }
        }
    }
}

TEST(AreaIndexExactness, SmallJaggedLayerAroundEveryVertex) {
    const Layer layer = test::make_jagged_layer({6, 4, 3000.0, 2000.0, 9.75, 15.0, 7});
    const BoxedReference reference(layer);
    const std::vector<LonLat> points = points_on_and_around_borders(layer, 2);
    expect_exact(LayerIndex(layer), points, reference);
    const detail::AreaGrid fine_grid = detail::build_area_grid(layer, {4.0, 1u << 22});
    for (std::size_t i = 0; i < points.size(); i += 7) {
        ASSERT_EQ(fine_grid.find(to_fixed(points[i])), reference(points[i]));
    }
}

TEST(AreaIndexExactness, PragueRandomPoints) {
    const LayerIndex index(prague());
    const BoxedReference reference(prague());
    const std::vector<LonLat> points = random_points(box_of(prague()), 200'000, 226);
    expect_exact(index, points, reference);
    for (std::size_t i = 0; i < 2'000; ++i) {
        ASSERT_EQ(reference(points[i]), find_reference(prague(), points[i]));
    }
}

TEST(AreaIndexExactness, PragueVerticesEdgesAndCellBorders) {
    const LayerIndex index(prague());
    const BoxedReference reference(prague());
    expect_exact(index, points_on_and_around_borders(prague(), 1), reference);
    const detail::AreaGrid grid = detail::build_area_grid(prague());
    expect_exact(index, points_on_cell_borders(grid, 20'000, 5), reference);
}

TEST(AreaIndexExactness, JaggedLayerRandomPointsVerticesAndCellBorders) {
    const LayerIndex index(jagged_1000());
    const BoxedReference reference(jagged_1000());
    expect_exact(index, random_points(box_of(jagged_1000()), 200'000, 1000), reference);
    std::vector<LonLat> borders = points_on_and_around_borders(jagged_1000(), 0);
    expect_exact(index, borders, reference);
    const detail::AreaGrid grid = detail::build_area_grid(jagged_1000());
    expect_exact(index, points_on_cell_borders(grid, 10'000, 6), reference);
}

TEST(AreaIndexExactness, JaggedLayerTilesWithoutGaps) {
    const LayerIndex index(jagged_1000());
    const detail::FixedBox box = box_of(jagged_1000());
    std::mt19937_64 random(3);
    // Inside the zig-zag of the outer border (up to 15 m either way).
    std::uniform_int_distribution<std::int64_t> x(box.x0 + 6000, box.x1 - 6000);
    std::uniform_int_distribution<std::int64_t> y(box.y0 + 4000, box.y1 - 4000);
    for (int i = 0; i < 100'000; ++i) {
        ASSERT_NE(index.find(from_fixed(x(random), y(random))), none);
    }
}

// ---- Meaning: Boost.Geometry agrees wherever a point is clearly inside or outside ----

namespace bg = boost::geometry;
using BoostPoint = bg::model::d2::point_xy<double>;
using BoostArea = bg::model::multi_polygon<bg::model::polygon<BoostPoint, false>>;

// In fixed-point units, so the comparison does not depend on the degree scaling.
BoostArea to_boost(const MultiPolygon& area) {
    const auto convert = [](const Ring& ring, auto& out) {
        for (const LonLat& p : ring) {
            const FixedPoint f = to_fixed(p);
            out.push_back(BoostPoint(f.x, f.y));
        }
    };
    BoostArea result;
    result.resize(area.size());
    for (std::size_t i = 0; i < area.size(); ++i) {
        convert(area[i].outer, result[i].outer());
        for (const Ring& hole : area[i].holes) {
            result[i].inners().emplace_back();
            convert(hole, result[i].inners().back());
        }
    }
    bg::correct(result);
    return result;
}

double distance_to_segment(FixedPoint p, FixedPoint a, FixedPoint b) {
    const double abx = double(b.x) - a.x, aby = double(b.y) - a.y;
    const double apx = double(p.x) - a.x, apy = double(p.y) - a.y;
    const double t = std::clamp((apx * abx + apy * aby) / (abx * abx + aby * aby), 0.0, 1.0);
    return std::hypot(apx - t * abx, apy - t * aby);
}

bool near_border(const MultiPolygon& area, FixedPoint p, double distance) {
    const auto ring_near = [&](const Ring& ring) {
        for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
            if (distance_to_segment(p, to_fixed(ring[i]), to_fixed(ring[i + 1])) <= distance) {
                return true;
            }
        }
        return false;
    };
    for (const Polygon& polygon : area) {
        if (ring_near(polygon.outer)) return true;
        for (const Ring& hole : polygon.holes) {
            if (ring_near(hole)) return true;
        }
    }
    return false;
}

void expect_boost_agrees(const Layer& layer, std::size_t count) {
    const LayerIndex index(layer);
    const BoxedReference boxes(layer);
    std::vector<BoostArea> boost_areas;
    for (const MultiPolygon& area : layer) boost_areas.push_back(to_boost(area));
    std::size_t checked = 0;
    for (const LonLat& p : random_points(box_of(layer), count, 77)) {
        const FixedPoint f = to_fixed(p);
        std::uint32_t expected = none;
        bool ambiguous = false;
        for (std::size_t slot = 0; slot < layer.size() && expected == none; ++slot) {
            if (!holds(boxes.box(slot), f)) continue;
            ambiguous = ambiguous || near_border(layer[slot], f, 10.0);  // 1e-6 degree
            if (bg::within(BoostPoint(f.x, f.y), boost_areas[slot])) {
                expected = static_cast<std::uint32_t>(slot);
            }
        }
        if (ambiguous) continue;
        ++checked;
        ASSERT_EQ(index.find(p), expected) << "point " << f.x << ", " << f.y;
    }
    EXPECT_GT(checked, count * 9 / 10);
}

TEST(AreaIndexMeaning, BoostWithinAgreesOnPragueAwayFromBorders) {
    expect_boost_agrees(prague(), 20'000);
}

TEST(AreaIndexMeaning, BoostWithinAgreesOnTheJaggedLayerAwayFromBorders) {
    expect_boost_agrees(jagged_1000(), 20'000);
}

}  // namespace
}  // namespace okrsek::geo
