#include "geo/area_index.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "geo/area_grid.hpp"
#include "geo/fixed_point_predicates.hpp"

namespace okrsek::geo {

FixedPoint to_fixed(core::LonLat p) noexcept {
    return {static_cast<std::int32_t>(std::lrint(p.lon * fixed_units_per_degree)),
            static_cast<std::int32_t>(std::lrint(p.lat * fixed_units_per_degree))};
}

struct LayerIndex::Impl {
    detail::AreaGrid grid;
};

LayerIndex::LayerIndex(std::span<const MultiPolygon> areas)
    : m_impl(std::make_unique<Impl>(Impl{detail::build_area_grid(areas)})) {}

LayerIndex::LayerIndex(LayerIndex&&) noexcept = default;
LayerIndex& LayerIndex::operator=(LayerIndex&&) noexcept = default;
LayerIndex::~LayerIndex() = default;

std::uint32_t LayerIndex::find(core::LonLat p) const noexcept {
    return m_impl->grid.find(to_fixed(p));
}

void LayerIndex::find_many(std::span<const core::LonLat> points,
                           std::span<std::uint32_t> slots) const noexcept {
    // Two passes over small batches: the first finds every point's cell entry and prefetches
    // the boundary cells, so that their cache misses overlap instead of queueing one by one.
    // Measured 3-10 % faster than a plain loop; a third pass prefetching the fine entries too
    // was slower.
    constexpr std::size_t batch = 32;
    const detail::AreaGrid& grid = m_impl->grid;
    std::array<FixedPoint, batch> fixed;
    std::array<std::uint32_t, batch> entries;
    for (std::size_t start = 0; start < points.size(); start += batch) {
        const std::size_t count = std::min(batch, points.size() - start);
        for (std::size_t i = 0; i < count; ++i) {
            fixed[i] = to_fixed(points[start + i]);
            entries[i] = grid.entry(fixed[i]);
            grid.prefetch(entries[i]);
        }
        for (std::size_t i = 0; i < count; ++i) {
            slots[start + i] = grid.answer(entries[i], fixed[i]);
        }
    }
}

LayerIndex::Stats LayerIndex::stats() const noexcept {
    const detail::AreaGrid& grid = m_impl->grid;
    return {grid.area_count, grid.edge_count, grid.coarse.size() + grid.fine.size(),
            grid.boundary_cell_count, grid.memory_bytes()};
}

namespace {

bool ring_parity(const Ring& ring, FixedPoint p) noexcept {
    if (ring.empty()) return false;
    bool inside = false;
    // The closing edge counts whether or not the ring repeats its first position, as in the
    // index; a repeated position makes a zero-length edge, which never counts.
    FixedPoint a = to_fixed(ring.back());
    for (const core::LonLat& position : ring) {
        const FixedPoint b = to_fixed(position);
        inside ^= detail::edge_counts(a, b, p);
        a = b;
    }
    return inside;
}

bool area_contains(const MultiPolygon& area, FixedPoint p) noexcept {
    bool inside = false;
    for (const Polygon& polygon : area) {
        inside ^= ring_parity(polygon.outer, p);
        for (const Ring& hole : polygon.holes) inside ^= ring_parity(hole, p);
    }
    return inside;
}

}  // namespace

std::uint32_t find_reference(std::span<const MultiPolygon> areas, core::LonLat p) noexcept {
    const FixedPoint fixed = to_fixed(p);
    for (std::size_t slot = 0; slot < areas.size(); ++slot) {
        if (area_contains(areas[slot], fixed)) return static_cast<std::uint32_t>(slot);
    }
    return LayerIndex::no_area;
}

}  // namespace okrsek::geo
