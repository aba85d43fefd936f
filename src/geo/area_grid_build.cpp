#include <algorithm>
#include <cmath>
#include <numbers>
#include <set>
#include <string>

#include "core/error.hpp"
#include "geo/area_grid.hpp"
#include "geo/fixed_point_predicates.hpp"

namespace okrsek::geo::detail {
namespace {

struct SourceEdge {
    FixedPoint a;
    FixedPoint b;
    std::uint32_t area = 0;
};

struct GridShape {
    std::int32_t origin_x = 0;
    std::int32_t origin_y = 0;
    std::uint32_t range_x = 0;
    std::uint32_t range_y = 0;
    unsigned shift_x = 0;
    unsigned shift_y = 0;
    std::uint32_t cols = 1;
    std::uint32_t rows = 1;

    // Lattice points of the cell, clipped to the layer's box (no query point lies beyond it).
    FixedBox cell_box(std::uint32_t cx, std::uint32_t cy) const noexcept {
        const std::int64_t x0 = std::int64_t{cx} << shift_x;
        const std::int64_t y0 = std::int64_t{cy} << shift_y;
        const std::int64_t x1 =
            std::min<std::int64_t>(x0 + (std::int64_t{1} << shift_x) - 1, range_x);
        const std::int64_t y1 =
            std::min<std::int64_t>(y0 + (std::int64_t{1} << shift_y) - 1, range_y);
        return {static_cast<std::int32_t>(origin_x + x0), static_cast<std::int32_t>(origin_y + y0),
                static_cast<std::int32_t>(origin_x + x1), static_cast<std::int32_t>(origin_y + y1)};
    }
    std::uint32_t col_of(std::int64_t x) const noexcept {
        return static_cast<std::uint32_t>((x - origin_x) >> shift_x);
    }
    std::uint32_t row_of(std::int64_t y) const noexcept {
        return static_cast<std::uint32_t>((y - origin_y) >> shift_y);
    }
};

struct CellHit {
    std::uint64_t cell = 0;  // row * cols + col
    std::uint32_t edge = 0;
    friend bool operator<(const CellHit& l, const CellHit& r) {
        return l.cell != r.cell ? l.cell < r.cell : l.edge < r.edge;
    }
};

// An edge crossing the latitude of a row's lower lattice line: it counts for the points of that
// line west of first_x.
struct RowCrossing {
    std::uint32_t row = 0;
    std::int32_t first_x = 0;
    std::uint32_t area = 0;
};

FixedPoint checked_fixed(core::LonLat p, std::size_t slot) {
    if (!core::is_valid_wgs84(p)) {
        throw core::Error(core::ErrorCode::invalid_argument,
                          "area " + std::to_string(slot) + ": position (" + std::to_string(p.lon) +
                              ", " + std::to_string(p.lat) + ") is not a valid WGS 84 position");
    }
    return to_fixed(p);
}

void add_ring_edges(const Ring& ring, std::uint32_t slot, std::vector<SourceEdge>& out) {
    // The closing edge is added whether or not the ring repeats its first position; a repeated
    // position gives a zero-length edge, which is dropped.
    for (std::size_t i = 0; i < ring.size(); ++i) {
        const FixedPoint a = checked_fixed(ring[i], slot);
        const FixedPoint b = checked_fixed(ring[(i + 1) % ring.size()], slot);
        if (a != b) out.push_back({a, b, slot});
    }
}

std::vector<SourceEdge> collect_edges(std::span<const MultiPolygon> areas) {
    std::vector<SourceEdge> edges;
    for (std::size_t slot = 0; slot < areas.size(); ++slot) {
        for (const Polygon& polygon : areas[slot]) {
            add_ring_edges(polygon.outer, static_cast<std::uint32_t>(slot), edges);
            for (const Ring& hole : polygon.holes) {
                add_ring_edges(hole, static_cast<std::uint32_t>(slot), edges);
            }
        }
    }
    return edges;
}

// Cells of about equal size in metres: a degree of longitude is cos(latitude) degrees of
// latitude long, so rows are made 2^aspect_bits times lower than columns are wide.
unsigned aspect_bits(std::int64_t min_y, std::int64_t max_y) {
    const double mid_lat_deg = static_cast<double>(min_y + max_y) / 2.0 / fixed_units_per_degree;
    const double mid_lat_rad = mid_lat_deg * std::numbers::pi / 180.0;
    const double squeeze = -std::log2(std::max(std::cos(mid_lat_rad), 1.0 / 64.0));
    return static_cast<unsigned>(std::lround(squeeze));
}

GridShape choose_shape(const std::vector<SourceEdge>& edges, const GridOptions& options) {
    std::int64_t min_x = INT32_MAX, min_y = INT32_MAX, max_x = INT32_MIN, max_y = INT32_MIN;
    for (const SourceEdge& e : edges) {
        min_x = std::min<std::int64_t>({min_x, e.a.x, e.b.x});
        max_x = std::max<std::int64_t>({max_x, e.a.x, e.b.x});
        min_y = std::min<std::int64_t>({min_y, e.a.y, e.b.y});
        max_y = std::max<std::int64_t>({max_y, e.a.y, e.b.y});
    }
    GridShape shape;
    shape.origin_x = static_cast<std::int32_t>(min_x);
    shape.origin_y = static_cast<std::int32_t>(min_y);
    shape.range_x = static_cast<std::uint32_t>(max_x - min_x);
    shape.range_y = static_cast<std::uint32_t>(max_y - min_y);
    const unsigned aspect = aspect_bits(min_y, max_y);
    double sum_dx = 0.0;
    double sum_dy = 0.0;
    for (const SourceEdge& e : edges) {
        sum_dx += std::abs(double(e.b.x) - double(e.a.x));
        sum_dy += std::abs(double(e.b.y) - double(e.a.y));
    }
    const double target = options.crossings_per_edge * static_cast<double>(edges.size());
    for (unsigned sx = 0; sx <= 31; ++sx) {
        const unsigned sy = sx > aspect ? sx - aspect : 0;
        const std::uint64_t cols = (std::uint64_t{shape.range_x} >> sx) + 1;
        const std::uint64_t rows = (std::uint64_t{shape.range_y} >> sy) + 1;
        const double crossings = std::ldexp(sum_dx, -int(sx)) + std::ldexp(sum_dy, -int(sy));
        if ((crossings <= target && cols * rows <= options.max_fine_cells) || sx == 31) {
            shape.shift_x = sx;
            shape.shift_y = sy;
            shape.cols = static_cast<std::uint32_t>(cols);
            shape.rows = static_cast<std::uint32_t>(rows);
            break;
        }
    }
    return shape;
}

// The x-range of the edge within the latitude band [y0, y1], widened by a unit to absorb
// rounding: only a filter before the exact test.
std::pair<std::int64_t, std::int64_t> band_x_range(const SourceEdge& e, std::int64_t y0,
                                                   std::int64_t y1) {
    const auto [lo, hi] = std::minmax(e.a.x, e.b.x);
    if (e.a.y == e.b.y) return {lo, hi};
    const auto x_at = [&](std::int64_t y) {
        const double t = double(y - e.a.y) / double(std::int64_t{e.b.y} - e.a.y);
        return double(e.a.x) + t * (double(e.b.x) - double(e.a.x));
    };
    const double x_low = x_at(std::max<std::int64_t>(y0, std::min(e.a.y, e.b.y)));
    const double x_high = x_at(std::min<std::int64_t>(y1, std::max(e.a.y, e.b.y)));
    const double from = std::min(x_low, x_high);
    const double to = std::max(x_low, x_high);
    return {std::max<std::int64_t>(lo, std::llround(std::floor(from)) - 1),
            std::min<std::int64_t>(hi, std::llround(std::ceil(to)) + 1)};
}

std::vector<CellHit> find_cell_hits(const std::vector<SourceEdge>& edges, const GridShape& shape) {
    std::vector<CellHit> hits;
    for (std::uint32_t i = 0; i < edges.size(); ++i) {
        const SourceEdge& e = edges[i];
        const std::uint32_t row_lo = shape.row_of(std::min(e.a.y, e.b.y));
        const std::uint32_t row_hi = shape.row_of(std::max(e.a.y, e.b.y));
        for (std::uint32_t cy = row_lo; cy <= row_hi; ++cy) {
            const FixedBox band = shape.cell_box(0, cy);
            const auto [x_lo, x_hi] = band_x_range(e, band.y0, band.y1);
            for (std::uint32_t cx = shape.col_of(x_lo); cx <= shape.col_of(x_hi); ++cx) {
                if (segment_touches_box(e.a, e.b, shape.cell_box(cx, cy))) {
                    hits.push_back({std::uint64_t{cy} * shape.cols + cx, i});
                }
            }
        }
    }
    std::sort(hits.begin(), hits.end());
    return hits;
}

std::vector<RowCrossing> find_row_crossings(const std::vector<SourceEdge>& edges,
                                            const GridShape& shape) {
    std::vector<RowCrossing> crossings;
    const std::int64_t row_height = std::int64_t{1} << shape.shift_y;
    for (const SourceEdge& e : edges) {
        if (e.a.y == e.b.y) continue;
        const auto [a, b] = e.a.y < e.b.y ? std::pair{e.a, e.b} : std::pair{e.b, e.a};
        // Rows whose lower line y0 satisfies a.y <= y0 < b.y.
        const std::int64_t first =
            (std::int64_t{a.y} - shape.origin_y + row_height - 1) >> shape.shift_y;
        const std::int64_t last = (std::int64_t{b.y} - 1 - shape.origin_y) >> shape.shift_y;
        for (std::int64_t row = first; row <= last; ++row) {
            const auto y0 = static_cast<std::int32_t>(shape.origin_y + (row << shape.shift_y));
            crossings.push_back({static_cast<std::uint32_t>(row),
                                 static_cast<std::int32_t>(first_x_not_west(a, b, y0)), e.area});
        }
    }
    std::sort(crossings.begin(), crossings.end(), [](const RowCrossing& l, const RowCrossing& r) {
        return l.row != r.row ? l.row < r.row : l.first_x > r.first_x;
    });
    return crossings;
}

// Which areas contain the current lattice point while a row is swept from east to west.
class RowSweep {
public:
    explicit RowSweep(std::size_t area_count) : m_inside(area_count, 0) {}

    void toggle(std::uint32_t area) {
        m_inside[area] ^= 1;
        if (m_inside[area]) {
            m_slots.insert(area);
        } else {
            m_slots.erase(area);
        }
        m_touched.push_back(area);
    }
    void reset() {
        for (std::uint32_t area : m_touched) m_inside[area] = 0;
        m_touched.clear();
        m_slots.clear();
    }
    bool inside(std::uint32_t area) const { return m_inside[area] != 0; }
    const std::set<std::uint32_t>& slots() const { return m_slots; }
    std::uint32_t winner() const {
        return m_slots.empty() ? LayerIndex::no_area : uniform_tag | *m_slots.begin();
    }

private:
    std::vector<std::uint8_t> m_inside;
    std::set<std::uint32_t> m_slots;
    std::vector<std::uint32_t> m_touched;
};

CellEdge to_cell_edge(const SourceEdge& e) {
    if (e.a.y == e.b.y) {
        const auto [lo, hi] = std::minmax(e.a.x, e.b.x);
        return {{lo, e.a.y - 1}, {hi, e.a.y - 1}};
    }
    return e.a.y < e.b.y ? CellEdge{e.a, e.b} : CellEdge{e.b, e.a};
}

// Appends the units of one boundary cell and returns the index of the first. `hits` are the
// cell's edges, sorted by edge and so grouped by area in slot order.
std::uint32_t add_boundary_cell(std::span<const CellHit> hits, const FixedBox& box,
                                const RowSweep& sweep, const std::vector<SourceEdge>& edges,
                                AreaGrid& grid) {
    const std::size_t first = grid.units.size();
    std::size_t header = first;
    auto hit = hits.begin();
    auto contained = sweep.slots().begin();
    while (hit != hits.end() || contained != sweep.slots().end()) {
        const std::uint32_t edge_area = hit != hits.end() ? edges[hit->edge].area : UINT32_MAX;
        const std::uint32_t inside_area =
            contained != sweep.slots().end() ? *contained : UINT32_MAX;
        header = grid.units.size();
        if (inside_area < edge_area) {
            // No border of this area touches the cell and the corner is inside: it wins.
            grid.units.push_back({.candidate = {inside_area, Candidate::inside_bit}});
            break;
        }
        if (inside_area == edge_area) ++contained;
        grid.units.push_back({.candidate = {edge_area, 0}});
        bool inside = sweep.inside(edge_area);
        for (; hit != hits.end() && edges[hit->edge].area == edge_area; ++hit) {
            const CellEdge cell_edge = to_cell_edge(edges[hit->edge]);
            inside ^= edge_flips(cell_edge, box.x1, box.y0, box.x1);
            grid.units.push_back({.edge = cell_edge});
        }
        Candidate& candidate = grid.units[header].candidate;
        candidate.count_and_flags = static_cast<std::uint32_t>(grid.units.size() - header - 1);
        if (inside) candidate.count_and_flags |= Candidate::inside_bit;
    }
    grid.units[header].candidate.count_and_flags |= Candidate::last_bit;
    ++grid.boundary_cell_count;
    if (grid.units.size() >= uniform_tag) {
        throw core::Error(core::ErrorCode::invalid_argument, "area index: too many boundary cells");
    }
    return static_cast<std::uint32_t>(first);
}

// The entry of every fine cell, row-major: a uniform answer or a candidate index.
std::vector<std::uint32_t> classify_cells(const std::vector<SourceEdge>& edges,
                                          const GridShape& shape, AreaGrid& grid) {
    const std::vector<CellHit> hits = find_cell_hits(edges, shape);
    const std::vector<RowCrossing> crossings = find_row_crossings(edges, shape);
    std::vector<std::uint32_t> entries(std::size_t{shape.cols} * shape.rows);
    RowSweep sweep(grid.area_count);
    auto hit = hits.begin();
    auto crossing = crossings.begin();
    for (std::uint32_t cy = 0; cy < shape.rows; ++cy) {
        const std::uint64_t row_start = std::uint64_t{cy} * shape.cols;
        const auto row_hits_begin = hit;
        while (hit != hits.end() && hit->cell < row_start + shape.cols) ++hit;
        auto cell_hits_end = hit;
        for (std::uint32_t cx = shape.cols; cx-- > 0;) {
            const FixedBox box = shape.cell_box(cx, cy);
            for (; crossing != crossings.end() && crossing->row == cy && crossing->first_x > box.x1;
                 ++crossing) {
                sweep.toggle(crossing->area);
            }
            auto cell_hits_begin = cell_hits_end;
            while (cell_hits_begin != row_hits_begin &&
                   (cell_hits_begin - 1)->cell == row_start + cx) {
                --cell_hits_begin;
            }
            entries[row_start + cx] =
                cell_hits_begin == cell_hits_end
                    ? sweep.winner()
                    : add_boundary_cell({cell_hits_begin, cell_hits_end}, box, sweep, edges, grid);
            cell_hits_end = cell_hits_begin;
        }
        while (crossing != crossings.end() && crossing->row == cy) ++crossing;
        sweep.reset();
    }
    return entries;
}

// Groups fine cells into blocks; a block whose cells all have the same uniform answer becomes a
// uniform coarse cell and stores no fine block.
void assemble_blocks(const std::vector<std::uint32_t>& entries, const GridShape& shape,
                     AreaGrid& grid) {
    const std::uint32_t block = 1u << block_bits;
    grid.coarse_cols = (shape.cols + block - 1) >> block_bits;
    const std::uint32_t coarse_rows = (shape.rows + block - 1) >> block_bits;
    grid.coarse.assign(std::size_t{grid.coarse_cols} * coarse_rows, LayerIndex::no_area);
    for (std::uint32_t by = 0; by < coarse_rows; ++by) {
        for (std::uint32_t bx = 0; bx < grid.coarse_cols; ++bx) {
            const std::uint32_t col_end = std::min(shape.cols, (bx + 1) * block);
            const std::uint32_t row_end = std::min(shape.rows, (by + 1) * block);
            const std::uint32_t first = entries[std::size_t{by * block} * shape.cols + bx * block];
            bool uniform = (first & uniform_tag) != 0;
            for (std::uint32_t cy = by * block; uniform && cy < row_end; ++cy) {
                for (std::uint32_t cx = bx * block; uniform && cx < col_end; ++cx) {
                    uniform = entries[std::size_t{cy} * shape.cols + cx] == first;
                }
            }
            std::uint32_t& top = grid.coarse[std::size_t{by} * grid.coarse_cols + bx];
            if (uniform) {
                top = first;
                continue;
            }
            top = static_cast<std::uint32_t>(grid.fine.size() >> (2 * block_bits));
            grid.fine.resize(grid.fine.size() + block * block, LayerIndex::no_area);
            std::uint32_t* fine_block = grid.fine.data() + grid.fine.size() - block * block;
            for (std::uint32_t cy = by * block; cy < row_end; ++cy) {
                for (std::uint32_t cx = bx * block; cx < col_end; ++cx) {
                    fine_block[((cy & block_mask) << block_bits) + (cx & block_mask)] =
                        entries[std::size_t{cy} * shape.cols + cx];
                }
            }
        }
    }
}

}  // namespace

AreaGrid build_area_grid(std::span<const MultiPolygon> areas, const GridOptions& options) {
    if (areas.size() >= (uniform_tag - 1)) {
        throw core::Error(core::ErrorCode::invalid_argument, "area index: too many areas");
    }
    AreaGrid grid;
    grid.area_count = areas.size();
    const std::vector<SourceEdge> edges = collect_edges(areas);
    grid.edge_count = edges.size();
    if (edges.empty()) return grid;
    const GridShape shape = choose_shape(edges, options);
    grid.origin_x = shape.origin_x;
    grid.origin_y = shape.origin_y;
    grid.range_x = shape.range_x;
    grid.range_y = shape.range_y;
    grid.shift_x = shape.shift_x;
    grid.shift_y = shape.shift_y;
    assemble_blocks(classify_cells(edges, shape, grid), shape, grid);
    grid.fine.shrink_to_fit();
    grid.units.shrink_to_fit();
    return grid;
}

}  // namespace okrsek::geo::detail
