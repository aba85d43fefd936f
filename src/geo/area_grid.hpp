#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "geo/area_index.hpp"
#include "geo/geometry.hpp"

// The data behind LayerIndex: a two-level grid over the layer's fixed-point bounding box.
//
// Fine cells are 2^shift_x x 2^shift_y units; blocks of 8 x 8 fine cells form a coarse cell. A
// coarse or fine entry is either a uniform answer (uniform_tag | slot, or no_area) or an index:
// a coarse entry indexes a fine block, a fine entry the first CellUnit of a boundary cell.
//
// A boundary cell is one whose closed box [x0, X] x [y0, Y] (its lattice points, clipped to the
// layer's box) touches an edge. For each candidate area it stores the area's status at the
// corner c = (X, y0) and the area's edges that touch the box. The status of p in the cell is the
// status at c flipped once per border crossing on the path p -> (X, p.y) -> c, the path shifted
// by the same (eps, eps^2) as the border rule, so it never passes through a vertex. Only edges
// touching the box can cross that path, which keeps a lookup local to the cell.
namespace okrsek::geo::detail {

inline constexpr std::uint32_t uniform_tag = 0x80000000u;
inline constexpr unsigned block_bits = 3;
inline constexpr std::uint32_t block_mask = (1u << block_bits) - 1;

/// An edge as stored for a boundary cell. Non-horizontal: a.y < b.y. Horizontal: a.x < b.x and
/// both ends one unit south of the edge, so that the same formula handles it (see edge_flips).
struct CellEdge {
    FixedPoint a;
    FixedPoint b;
};

/// The header of one candidate area of a boundary cell, followed by the area's CellEdges.
struct Candidate {
    static constexpr std::uint32_t count_mask = 0x3FFFFFFFu;
    static constexpr std::uint32_t inside_bit = 0x40000000u;  ///< status at the cell's corner
    static constexpr std::uint32_t last_bit = 0x80000000u;    ///< the cell's last candidate

    std::uint32_t slot;
    std::uint32_t count_and_flags;  ///< number of CellEdges that follow | inside_bit | last_bit
};

/// A boundary cell is a run of units: its candidates in slot order, each followed by its edges,
/// so that a lookup reads one contiguous block.
union CellUnit {
    Candidate candidate;
    CellEdge edge;
};

/// The parity change an edge brings between the point (px, py) and the corner (right_x, y0) of
/// its cell: one for a crossing of the horizontal leg (p strictly west of the edge, (right_x, py)
/// not), one for a crossing of the vertical leg at right_x + eps (the side of the edge that
/// (right_x, py) lies on differs from that of the corner, which is folded into inside_bit).
/// Exact in int64 for the reasons given in fixed_point_predicates.hpp: right_x is clipped to
/// the layer's box, so every operand is a valid position.
inline bool edge_flips(const CellEdge& e, std::int64_t px, std::int64_t py,
                       std::int64_t right_x) noexcept {
    const std::int64_t ax = e.a.x;
    const std::int64_t ay = e.a.y;
    const std::int64_t dx = std::int64_t{e.b.x} - ax;
    const std::int64_t dy = std::int64_t{e.b.y} - ay;
    const std::int64_t t = dx * (py - ay);
    const bool p_west = t > dy * (px - ax);
    const bool right_west = t > dy * (right_x - ax);
    const bool spans_y = (ay <= py) & (py < e.b.y);
    const bool spans_x = (ax <= right_x) != (e.b.x <= right_x);
    return (spans_y & p_west & !right_west) ^ (spans_x & right_west);
}

struct AreaGrid {
    std::int32_t origin_x = 0;  ///< the layer's box, fixed point
    std::int32_t origin_y = 0;
    std::uint32_t range_x = 0;  ///< max_x - origin_x
    std::uint32_t range_y = 0;
    unsigned shift_x = 0;  ///< a fine cell is 2^shift_x units wide
    unsigned shift_y = 0;
    std::uint32_t coarse_cols = 1;
    std::vector<std::uint32_t> coarse{LayerIndex::no_area};
    std::vector<std::uint32_t> fine;  ///< blocks of 2^(2 block_bits) entries, row-major
    std::vector<CellUnit> units;      ///< the boundary cells
    std::size_t area_count = 0;
    std::size_t edge_count = 0;
    std::size_t boundary_cell_count = 0;

    /// The entry of the cell holding p: a uniform answer, or the first unit of a boundary cell.
    std::uint32_t entry(FixedPoint p) const noexcept {
        const std::int64_t rx = std::int64_t{p.x} - origin_x;
        const std::int64_t ry = std::int64_t{p.y} - origin_y;
        if (static_cast<std::uint64_t>(rx) > range_x || static_cast<std::uint64_t>(ry) > range_y) {
            return LayerIndex::no_area;
        }
        const std::uint32_t cx = static_cast<std::uint32_t>(rx) >> shift_x;
        const std::uint32_t cy = static_cast<std::uint32_t>(ry) >> shift_y;
        const std::uint32_t top = coarse[(cy >> block_bits) * coarse_cols + (cx >> block_bits)];
        if (top & uniform_tag) return top;
        const std::size_t base = std::size_t{top} << (2 * block_bits);
        return fine[base + ((cy & block_mask) << block_bits) + (cx & block_mask)];
    }

    /// The slot for p, given entry(p).
    std::uint32_t answer(std::uint32_t entry, FixedPoint p) const noexcept {
        if (entry & uniform_tag) return entry == LayerIndex::no_area ? entry : entry & ~uniform_tag;
        const auto cx = static_cast<std::uint32_t>(std::int64_t{p.x} - origin_x) >> shift_x;
        const std::int64_t cell_right = ((std::int64_t{cx} + 1) << shift_x) - 1;
        const std::int64_t right_x = origin_x + std::min<std::int64_t>(cell_right, range_x);
        for (const CellUnit* unit = &units[entry];;) {
            const Candidate& candidate = unit->candidate;
            bool inside = (candidate.count_and_flags & Candidate::inside_bit) != 0;
            const CellUnit* end = unit + 1 + (candidate.count_and_flags & Candidate::count_mask);
            for (++unit; unit != end; ++unit) inside ^= edge_flips(unit->edge, p.x, p.y, right_x);
            if (inside) return candidate.slot;
            if (candidate.count_and_flags & Candidate::last_bit) return LayerIndex::no_area;
        }
    }

    /// Asks the cache for the block of a boundary cell ahead of answer().
    void prefetch(std::uint32_t entry) const noexcept {
        if (!(entry & uniform_tag)) __builtin_prefetch(units.data() + entry);
    }

    std::uint32_t find(FixedPoint p) const noexcept { return answer(entry(p), p); }

    std::size_t memory_bytes() const noexcept {
        return sizeof(*this) + coarse.capacity() * sizeof(std::uint32_t) +
               fine.capacity() * sizeof(std::uint32_t) + units.capacity() * sizeof(CellUnit);
    }
};

/// How fine the grid is: the finest power-of-two cell size for which the edges cross cell
/// borders at most `crossings_per_edge` times on average, within `max_fine_cells`. The default
/// leaves 2 edges per candidate area of a boundary cell on Prague's districts and 3 on the
/// zig-zag benchmark layer; 0.5 would take under half the memory and a quarter to a third
/// more time per lookup (measured with bench/lookup_bench.cpp).
struct GridOptions {
    double crossings_per_edge = 2.0;
    std::uint64_t max_fine_cells = std::uint64_t{1} << 22;
};

/// Builds the grid. Throws core::Error(invalid_argument) for a position that is not a valid
/// WGS 84 position or for more than 2^31 - 2 areas.
AreaGrid build_area_grid(std::span<const MultiPolygon> areas, const GridOptions& options = {});

}  // namespace okrsek::geo::detail
