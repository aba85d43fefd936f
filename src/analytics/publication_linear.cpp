#include "analytics/publication_linear.hpp"

#include <array>
#include <cstdint>
#include <numeric>

namespace okrsek::analytics::detail {

namespace {

constexpr std::uint64_t prime = 2147483647;  // 2^31 − 1: products fit in 64 bits

std::uint64_t inverse(std::uint64_t a) {
    std::uint64_t result = 1;
    for (std::uint64_t e = prime - 2; e != 0; e >>= 1, a = a * a % prime) {
        if (e & 1) result = result * a % prime;
    }
    return result;
}

// Each line of the table: its cells, the total last.
std::vector<std::vector<std::size_t>> lines_of(const ExtendedTable& table) {
    std::vector<std::vector<std::size_t>> lines;
    const auto& e = table.extent;
    for (std::size_t d = 0; d < 3; ++d) {
        if (!table.has_total[d]) continue;
        for (std::size_t i0 = 0; i0 < e[0]; ++i0) {
            for (std::size_t i1 = 0; i1 < e[1]; ++i1) {
                for (std::size_t i2 = 0; i2 < e[2]; ++i2) {
                    std::array<std::size_t, 3> at{i0, i1, i2};
                    if (at[d] != 0) continue;
                    std::vector<std::size_t> line;
                    for (std::size_t k = 0; k < e[d]; ++k) {
                        at[d] = k;
                        line.push_back(table.index(at[0], at[1], at[2]));
                    }
                    lines.push_back(std::move(line));
                }
            }
        }
    }
    return lines;
}

struct UnionFind {
    std::vector<std::size_t> parent;
    explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
    std::size_t find(std::size_t x) {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    }
    void unite(std::size_t a, std::size_t b) { parent[find(a)] = find(b); }
};

// Reduced row echelon form; returns the variables fixed by the equations.
std::vector<std::size_t> fixed_variables(std::vector<std::vector<std::uint64_t>> rows,
                                         std::size_t variables) {
    std::vector<std::size_t> pivot_row(variables, SIZE_MAX);
    std::size_t rank = 0;
    for (std::size_t col = 0; col < variables && rank < rows.size(); ++col) {
        std::size_t pivot = rank;
        while (pivot < rows.size() && rows[pivot][col] == 0) ++pivot;
        if (pivot == rows.size()) continue;
        std::swap(rows[pivot], rows[rank]);
        const std::uint64_t scale = inverse(rows[rank][col]);
        for (auto& x : rows[rank]) x = x * scale % prime;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            if (r == rank || rows[r][col] == 0) continue;
            const std::uint64_t factor = prime - rows[r][col];
            for (std::size_t c = col; c < variables; ++c) {
                rows[r][c] = (rows[r][c] + factor * rows[rank][c]) % prime;
            }
        }
        pivot_row[col] = rank++;
    }
    std::vector<std::size_t> fixed;
    for (std::size_t v = 0; v < variables; ++v) {
        if (pivot_row[v] == SIZE_MAX) continue;
        bool alone = true;
        for (std::size_t c = v + 1; c < variables && alone; ++c) {
            alone = pivot_row[c] != SIZE_MAX || rows[pivot_row[v]][c] == 0;
        }
        if (alone) fixed.push_back(v);
    }
    return fixed;
}

}  // namespace

LinearCheck determined_hidden_cells(const ExtendedTable& table, std::size_t max_unknowns) {
    const std::vector<std::vector<std::size_t>> lines = lines_of(table);
    UnionFind groups(table.status.size());
    for (const auto& line : lines) {
        std::size_t first = SIZE_MAX;
        for (const std::size_t cell : line) {
            if (!is_hidden(table.status[cell])) continue;
            if (first == SIZE_MAX) first = cell;
            groups.unite(cell, first);
        }
    }
    std::vector<std::vector<std::size_t>> members(table.status.size());
    for (std::size_t cell = 0; cell < table.status.size(); ++cell) {
        if (is_hidden(table.status[cell])) members[groups.find(cell)].push_back(cell);
    }
    std::vector<std::vector<std::size_t>> lines_by_group(table.status.size());
    for (std::size_t l = 0; l < lines.size(); ++l) {
        for (const std::size_t cell : lines[l]) {
            if (is_hidden(table.status[cell])) {
                lines_by_group[groups.find(cell)].push_back(l);
                break;
            }
        }
    }
    LinearCheck check;
    std::vector<std::size_t> variable(table.status.size(), SIZE_MAX);
    for (std::size_t root = 0; root < members.size(); ++root) {
        const auto& cells = members[root];
        if (cells.empty()) continue;
        if (cells.size() > max_unknowns) {
            check.complete = false;
            continue;
        }
        for (std::size_t v = 0; v < cells.size(); ++v) variable[cells[v]] = v;
        std::vector<std::vector<std::uint64_t>> rows;
        for (const std::size_t l : lines_by_group[root]) {
            std::vector<std::uint64_t> row(cells.size(), 0);
            for (std::size_t k = 0; k < lines[l].size(); ++k) {
                const std::size_t cell = lines[l][k];
                if (!is_hidden(table.status[cell])) continue;
                row[variable[cell]] = k + 1 < lines[l].size() ? 1 : prime - 1;
            }
            rows.push_back(std::move(row));
        }
        for (const std::size_t v : fixed_variables(std::move(rows), cells.size())) {
            check.determined.push_back(cells[v]);
        }
    }
    return check;
}

}  // namespace okrsek::analytics::detail
