#include "analytics/publication_suppression.hpp"

#include <algorithm>
#include <limits>
#include <tuple>
#include <utility>

#include "analytics/publication_linear.hpp"

namespace okrsek::analytics {

namespace {

constexpr std::size_t none = std::numeric_limits<std::size_t>::max();

// One two-dimensional slice: dimensions d1 (rows) and d2 (columns), the third fixed.
struct Slice {
    ExtendedTable& table;
    std::size_t d1 = 0;
    std::size_t d2 = 1;
    std::size_t fixed_dim = 2;
    std::size_t fixed_index = 0;

    std::size_t rows() const { return table.extent[d1]; }
    std::size_t columns() const { return table.extent[d2]; }
    std::size_t cell(std::size_t row, std::size_t column) const {
        std::array<std::size_t, 3> at{};
        at[d1] = row;
        at[d2] = column;
        at[fixed_dim] = fixed_index;
        return table.index(at[0], at[1], at[2]);
    }
    // The row and column of a cell of this slice.
    std::pair<std::size_t, std::size_t> position(std::size_t cell_index) const {
        const auto& e = table.extent;
        const std::array<std::size_t, 3> at{cell_index / (e[1] * e[2]), cell_index / e[2] % e[1],
                                            cell_index % e[2]};
        return {at[d1], at[d2]};
    }
    bool hidden(std::size_t row, std::size_t column) const {
        return is_hidden(table.status[cell(row, column)]);
    }
};

// The hidden cells of a slice as a bipartite graph: node r < rows is a row, rows + c a column,
// a hidden cell an edge. With the totals as cells, every line of the slice says "the signed sum
// of its edges is known", so a hidden cell can be computed exactly when its edge is a bridge
// (it lies on no cycle).
struct SliceGraph {
    std::size_t rows = 0;
    std::vector<std::vector<std::size_t>> adjacent;

    explicit SliceGraph(const Slice& slice)
        : rows(slice.rows()), adjacent(slice.rows() + slice.columns()) {
        for (std::size_t r = 0; r < slice.rows(); ++r) {
            for (std::size_t c = 0; c < slice.columns(); ++c) {
                if (slice.hidden(r, c)) add_edge(r, c);
            }
        }
    }

    void add_edge(std::size_t row, std::size_t column) {
        adjacent[row].push_back(rows + column);
        adjacent[rows + column].push_back(row);
    }

    // Every bridge, in depth-first order (iterative Tarjan).
    std::vector<std::pair<std::size_t, std::size_t>> bridges() const {
        std::vector<std::pair<std::size_t, std::size_t>> found;
        const std::size_t n = adjacent.size();
        std::vector<std::size_t> discovered(n, none);
        std::vector<std::size_t> low(n, 0);
        std::size_t timer = 0;
        struct Frame {
            std::size_t node, parent, next;
        };
        std::vector<Frame> stack;
        for (std::size_t start = 0; start < n; ++start) {
            if (discovered[start] != none || adjacent[start].empty()) continue;
            discovered[start] = low[start] = timer++;
            stack.push_back({start, none, 0});
            while (!stack.empty()) {
                Frame& frame = stack.back();
                const std::size_t u = frame.node;
                if (frame.next < adjacent[u].size()) {
                    const std::size_t w = adjacent[u][frame.next++];
                    if (w == frame.parent) continue;  // simple graph: one edge to the parent
                    if (discovered[w] == none) {
                        discovered[w] = low[w] = timer++;
                        stack.push_back({w, u, 0});
                    } else {
                        low[u] = std::min(low[u], discovered[w]);
                    }
                    continue;
                }
                const std::size_t parent = frame.parent;
                stack.pop_back();
                if (parent == none) continue;
                low[parent] = std::min(low[parent], low[u]);
                if (low[u] > discovered[parent]) found.emplace_back(parent, u);
            }
        }
        return found;
    }

    // Nodes reachable from `from` without crossing the edge from–`blocked`.
    std::vector<std::uint8_t> side(std::size_t from, std::size_t blocked) const {
        std::vector<std::uint8_t> reached(adjacent.size(), 0);
        std::vector<std::size_t> queue{from};
        reached[from] = 1;
        while (!queue.empty()) {
            const std::size_t u = queue.back();
            queue.pop_back();
            for (const std::size_t w : adjacent[u]) {
                if (reached[w] || (u == from && w == blocked)) continue;
                reached[w] = 1;
                queue.push_back(w);
            }
        }
        return reached;
    }
};

// The cheapest cell to hide among candidates: the smallest positive value, then zeros, then
// the lowest index, so that results are reproducible.
struct Best {
    std::size_t cell = none;
    std::tuple<bool, std::int64_t, std::size_t> key{};

    void offer(const ExtendedTable& table, std::size_t candidate) {
        if (is_hidden(table.status[candidate])) return;
        const std::int64_t value = table.values[candidate];
        const std::tuple<bool, std::int64_t, std::size_t> k{value == 0, value, candidate};
        if (cell == none || k < key) {
            cell = candidate;
            key = k;
        }
    }
    bool positive() const { return cell != none && !std::get<0>(key); }
};

enum class Outcome { not_a_bridge, hidden_one, nothing_left };

// Hides one more cell so that the bridge u–v lies on a cycle. First choice: a positive cell
// joining the two sides of the bridge, which closes a cycle at once. Second: a positive cell in
// the bridge's row or column, which grows a side so that a later round closes the cycle. Zeros
// come last, because a hidden zero on a cycle limits how far the cycle's cells can move: with
// only positive cells hidden every cycle can shift by ±1, so no hidden cell is pinned down by
// the sums and the knowledge that counts are not negative.
Outcome break_bridge(const Slice& slice, SliceGraph& graph, std::size_t u, std::size_t v) {
    const std::vector<std::uint8_t> u_side = graph.side(u, v);
    if (u_side[v]) return Outcome::not_a_bridge;  // an earlier complement closed a cycle
    const std::vector<std::uint8_t> v_side = graph.side(v, u);
    const std::size_t rows = slice.rows();
    std::vector<std::size_t> u_rows, u_columns, v_rows, v_columns;
    for (std::size_t node = 0; node < u_side.size(); ++node) {
        if (u_side[node]) (node < rows ? u_rows : u_columns).push_back(node);
        if (v_side[node]) (node < rows ? v_rows : v_columns).push_back(node);
    }
    Best cross;
    for (const std::size_t r : u_rows) {
        for (const std::size_t c : v_columns) cross.offer(slice.table, slice.cell(r, c - rows));
    }
    for (const std::size_t r : v_rows) {
        for (const std::size_t c : u_columns) cross.offer(slice.table, slice.cell(r, c - rows));
    }
    Best line;
    const std::size_t row = u < rows ? u : v;
    const std::size_t column = (u < rows ? v : u) - rows;
    for (std::size_t c = 0; c < slice.columns(); ++c) line.offer(slice.table, slice.cell(row, c));
    for (std::size_t r = 0; r < rows; ++r) line.offer(slice.table, slice.cell(r, column));
    std::size_t chosen = none;
    if (cross.positive()) {
        chosen = cross.cell;
    } else if (line.positive()) {
        chosen = line.cell;
    } else if (cross.cell != none) {
        chosen = cross.cell;
    } else if (line.cell != none) {
        chosen = line.cell;
    } else {
        Best any;
        for (std::size_t r = 0; r < rows; ++r) {
            for (std::size_t c = 0; c < slice.columns(); ++c)
                any.offer(slice.table, slice.cell(r, c));
        }
        chosen = any.cell;
    }
    if (chosen == none) return Outcome::nothing_left;
    slice.table.status[chosen] = CellStatus::suppressed_complementary;
    const auto [chosen_row, chosen_column] = slice.position(chosen);
    graph.add_edge(chosen_row, chosen_column);
    return Outcome::hidden_one;
}

// Adding an edge never makes a bridge of an old edge, so the bridges of one search are fixed in
// turn (each checked again first), and the search repeats until it finds none.
std::size_t protect_slice(const Slice& slice) {
    SliceGraph graph(slice);
    std::size_t added = 0;
    for (;;) {
        const auto bridges = graph.bridges();
        if (bridges.empty()) return added;
        std::size_t round = 0;
        for (const auto& [u, v] : bridges) {
            const Outcome outcome = break_bridge(slice, graph, u, v);
            // A slice with every cell hidden has no bridge (both dimensions have at least
            // three entries here), so nothing_left means a bug; stop rather than loop.
            if (outcome == Outcome::nothing_left) return added;
            if (outcome == Outcome::hidden_one) ++round;
        }
        added += round;
        if (round == 0) return added;
    }
}

// A table with a single dimension of totals is one line: entries and their total.
std::size_t protect_line(ExtendedTable& table) {
    std::size_t hidden = 0;
    for (const CellStatus status : table.status) hidden += is_hidden(status) ? 1 : 0;
    if (hidden != 1) return 0;
    Best best;
    for (std::size_t i = 0; i < table.values.size(); ++i) best.offer(table, i);
    if (best.cell == none) return 0;
    table.status[best.cell] = CellStatus::suppressed_complementary;
    return 1;
}

}  // namespace

void fill_totals(ExtendedTable& table) {
    const auto& e = table.extent;
    for (std::size_t d = 0; d < 3; ++d) {
        if (!table.has_total[d]) continue;
        // Sum the entries of dimension d into its last index, for every index of the others
        // (totals of earlier dimensions included, so the grand totals come out right).
        for (std::size_t i0 = 0; i0 < e[0]; ++i0) {
            for (std::size_t i1 = 0; i1 < e[1]; ++i1) {
                for (std::size_t i2 = 0; i2 < e[2]; ++i2) {
                    std::array<std::size_t, 3> at{i0, i1, i2};
                    if (at[d] != 0) continue;
                    std::int64_t sum = 0;
                    for (std::size_t k = 0; k + 1 < e[d]; ++k) {
                        at[d] = k;
                        sum += table.values[table.index(at[0], at[1], at[2])];
                    }
                    at[d] = e[d] - 1;
                    table.values[table.index(at[0], at[1], at[2])] = sum;
                }
            }
        }
    }
}

namespace {

// Hides the smallest positive free cell (else a zero) on a line through `cell`.
bool hide_beside(ExtendedTable& table, std::size_t cell) {
    const auto& e = table.extent;
    const std::array<std::size_t, 3> at{cell / (e[1] * e[2]), cell / e[2] % e[1], cell % e[2]};
    Best best;
    for (std::size_t d = 0; d < 3; ++d) {
        if (!table.has_total[d]) continue;
        std::array<std::size_t, 3> other = at;
        for (std::size_t k = 0; k < e[d]; ++k) {
            other[d] = k;
            best.offer(table, table.index(other[0], other[1], other[2]));
        }
    }
    if (best.cell == none) return false;
    table.status[best.cell] = CellStatus::suppressed_complementary;
    return true;
}

std::size_t protect_slices(ExtendedTable& table, const std::vector<std::size_t>& dims) {
    std::size_t added = 0;
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t a = 0; a < dims.size(); ++a) {
            for (std::size_t b = a + 1; b < dims.size(); ++b) {
                const std::size_t fixed_dim = 3 - dims[a] - dims[b];
                for (std::size_t f = 0; f < table.extent[fixed_dim]; ++f) {
                    const std::size_t n = protect_slice({table, dims[a], dims[b], fixed_dim, f});
                    added += n;
                    changed = changed || n > 0;
                }
            }
        }
    }
    return added;
}

}  // namespace

std::size_t suppress_complementary(ExtendedTable& table) {
    table.fully_checked = true;
    std::vector<std::size_t> dims;
    for (std::size_t d = 0; d < 3; ++d) {
        if (table.has_total[d]) dims.push_back(d);
    }
    if (dims.empty()) return 0;
    if (dims.size() == 1) return protect_line(table);
    std::size_t added = protect_slices(table, dims);
    if (dims.size() < 3) return added;  // one slice: bridge-free is exact
    // Three dimensions: bridge-free slices can still be solved across slices. Check exactly
    // (groups of linked hidden cells up to a size), hide a neighbour of every cell found, redo.
    for (;;) {
        const detail::LinearCheck check =
            detail::determined_hidden_cells(table, max_checked_unknowns);
        table.fully_checked = check.complete;
        std::size_t hidden = 0;
        for (const std::size_t cell : check.determined) hidden += hide_beside(table, cell) ? 1 : 0;
        if (hidden == 0) return added;
        added += hidden + protect_slices(table, dims);
    }
}

}  // namespace okrsek::analytics
