#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "geo/geometry.hpp"

// A generated layer for tests and benchmarks: a perturbed grid of districts near Prague whose
// borders zig-zag, so each district has many vertices. Neighbours share their border polylines
// vertex for vertex, so the layer tiles its box without gaps or overlaps. Header-only so that
// bench/ can include it too.
namespace okrsek::test {

struct JaggedLayerOptions {
    int cols = 40;
    int rows = 25;
    double width_m = 30'000.0;
    double height_m = 30'000.0;
    double vertex_spacing_m = 9.75;  ///< along a border; 40 x 25 over 30 km gives ~400 per area
    double zigzag_m = 15.0;          ///< largest offset of a vertex from the straight border
    std::uint64_t seed = 20240601;
};

namespace jagged_detail {

// splitmix64: the same numbers on every platform, unlike std:: distributions.
class Random {
public:
    explicit Random(std::uint64_t seed) : m_state(seed) {}
    double uniform(double lo, double hi) {
        m_state += 0x9E3779B97F4A7C15ull;
        std::uint64_t z = m_state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        z ^= z >> 31;
        return lo + (hi - lo) * static_cast<double>(z >> 11) / 9007199254740992.0;
    }

private:
    std::uint64_t m_state;
};

struct Metres {
    double x = 0.0;
    double y = 0.0;
};

// Metres east/north of 14.25 E, 49.95 N, rounded to 7 decimals of a degree.
inline core::LonLat to_lon_lat(Metres m) {
    const double lon = 14.25 + m.x / 71'700.0;
    const double lat = 49.95 + m.y / 111'250.0;
    return {std::nearbyint(lon * 1e7) / 1e7, std::nearbyint(lat * 1e7) / 1e7};
}

inline std::vector<core::LonLat> zigzag(Metres from, Metres to, const JaggedLayerOptions& options,
                                        Random& random) {
    const double dx = to.x - from.x;
    const double dy = to.y - from.y;
    const double length = std::hypot(dx, dy);
    const int steps = std::max(2, static_cast<int>(std::lround(length / options.vertex_spacing_m)));
    std::vector<core::LonLat> line;
    for (int k = 0; k <= steps; ++k) {
        const double t = static_cast<double>(k) / steps;
        // Offsets fade out near the ends so that borders meeting at a node never cross.
        const double fade = std::min({1.0, t * length / 60.0, (1.0 - t) * length / 60.0});
        const double side = (k % 2 == 0 ? 1.0 : -1.0) * random.uniform(0.3, 1.0);
        const double offset = side * fade * options.zigzag_m;
        line.push_back(to_lon_lat(
            {from.x + t * dx - offset * dy / length, from.y + t * dy + offset * dx / length}));
    }
    return line;
}

}  // namespace jagged_detail

/// The districts in row-major order from the south-west; each is one counter-clockwise polygon.
inline std::vector<geo::MultiPolygon> make_jagged_layer(const JaggedLayerOptions& options = {}) {
    using jagged_detail::Metres;
    jagged_detail::Random random(options.seed);
    const int cols = options.cols;
    const int rows = options.rows;
    const double cell_w = options.width_m / cols;
    const double cell_h = options.height_m / rows;
    std::vector<Metres> nodes;
    for (int j = 0; j <= rows; ++j) {
        for (int i = 0; i <= cols; ++i) {
            const bool inner = i > 0 && i < cols && j > 0 && j < rows;
            const double jx = inner ? random.uniform(-0.2, 0.2) * cell_w : 0.0;
            const double jy = inner ? random.uniform(-0.2, 0.2) * cell_h : 0.0;
            nodes.push_back({i * cell_w + jx, j * cell_h + jy});
        }
    }
    const auto node = [&](int i, int j) {
        return nodes[static_cast<std::size_t>(j * (cols + 1) + i)];
    };
    // east[j][i]: node (i, j) -> (i + 1, j); north[j][i]: node (i, j) -> (i, j + 1).
    std::vector<std::vector<std::vector<core::LonLat>>> east(rows + 1), north(rows);
    for (int j = 0; j <= rows; ++j) {
        for (int i = 0; i < cols; ++i) {
            east[j].push_back(jagged_detail::zigzag(node(i, j), node(i + 1, j), options, random));
        }
    }
    for (int j = 0; j < rows; ++j) {
        for (int i = 0; i <= cols; ++i) {
            north[j].push_back(jagged_detail::zigzag(node(i, j), node(i, j + 1), options, random));
        }
    }
    std::vector<geo::MultiPolygon> layer;
    for (int j = 0; j < rows; ++j) {
        for (int i = 0; i < cols; ++i) {
            geo::Ring ring;
            const auto append = [&ring](const std::vector<core::LonLat>& line, bool reversed) {
                if (reversed) {
                    ring.insert(ring.end(), line.rbegin(), line.rend() - 1);
                } else {
                    ring.insert(ring.end(), line.begin(), line.end() - 1);
                }
            };
            append(east[j][i], false);
            append(north[j][i + 1], false);
            append(east[j + 1][i], true);
            append(north[j][i], true);
            ring.push_back(ring.front());
            layer.push_back({geo::Polygon{std::move(ring), {}}});
        }
    }
    return layer;
}

}  // namespace okrsek::test
