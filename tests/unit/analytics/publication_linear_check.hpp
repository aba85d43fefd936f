#pragma once

// The brute-force check of complementary suppression: which hidden cells of an extended table
// an attacker can compute exactly from the shown cells and every line's sum (each line of a
// dimension with a total: entries − total = 0). Linear algebra over GF(2^31 − 1): a hidden cell
// is determined exactly when its unit vector lies in the row space of the equations restricted
// to the hidden cells. (Over the rationals for two-dimensional tables, whose equations are
// totally unimodular; for three dimensions a false answer needs a minor divisible by the prime.)

#include <cstdint>
#include <vector>

#include "analytics/publication_suppression.hpp"

namespace okrsek::analytics::test {

inline std::vector<std::size_t> derivable_hidden_cells(const ExtendedTable& table) {
    constexpr std::uint64_t p = 2147483647;
    std::vector<std::size_t> hidden;
    std::vector<std::size_t> variable(table.values.size(), SIZE_MAX);
    for (std::size_t i = 0; i < table.values.size(); ++i) {
        if (is_hidden(table.status[i])) {
            variable[i] = hidden.size();
            hidden.push_back(i);
        }
    }
    std::vector<std::vector<std::uint64_t>> rows;
    const auto& e = table.extent;
    for (std::size_t d = 0; d < 3; ++d) {
        if (!table.has_total[d]) continue;
        for (std::size_t i0 = 0; i0 < e[0]; ++i0) {
            for (std::size_t i1 = 0; i1 < e[1]; ++i1) {
                for (std::size_t i2 = 0; i2 < e[2]; ++i2) {
                    std::size_t at[3] = {i0, i1, i2};
                    if (at[d] != 0) continue;
                    std::vector<std::uint64_t> row(hidden.size(), 0);
                    for (std::size_t k = 0; k < e[d]; ++k) {
                        at[d] = k;
                        const std::size_t v = variable[table.index(at[0], at[1], at[2])];
                        if (v != SIZE_MAX) row[v] = k + 1 < e[d] ? 1 : p - 1;
                    }
                    rows.push_back(std::move(row));
                }
            }
        }
    }
    const auto power = [&](std::uint64_t base, std::uint64_t exponent) {
        std::uint64_t result = 1;
        for (base %= p; exponent; exponent >>= 1, base = base * base % p) {
            if (exponent & 1) result = result * base % p;
        }
        return result;
    };
    // Reduced row echelon form.
    std::vector<std::size_t> pivot_row_of(hidden.size(), SIZE_MAX);
    std::size_t rank = 0;
    for (std::size_t col = 0; col < hidden.size() && rank < rows.size(); ++col) {
        std::size_t pivot = rank;
        while (pivot < rows.size() && rows[pivot][col] == 0) ++pivot;
        if (pivot == rows.size()) continue;
        std::swap(rows[pivot], rows[rank]);
        const std::uint64_t inverse = power(rows[rank][col], p - 2);
        for (auto& x : rows[rank]) x = x * inverse % p;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            if (r == rank || rows[r][col] == 0) continue;
            const std::uint64_t factor = rows[r][col];
            for (std::size_t c = 0; c < hidden.size(); ++c) {
                rows[r][c] = (rows[r][c] + (p - factor) * rows[rank][c]) % p;
            }
        }
        pivot_row_of[col] = rank++;
    }
    // A pivot variable whose row has no free variable is fixed by the equations.
    std::vector<std::size_t> derivable;
    for (std::size_t v = 0; v < hidden.size(); ++v) {
        if (pivot_row_of[v] == SIZE_MAX) continue;
        bool fixed = true;
        for (std::size_t c = 0; c < hidden.size() && fixed; ++c) {
            if (c != v && pivot_row_of[c] == SIZE_MAX && rows[pivot_row_of[v]][c] != 0)
                fixed = false;
        }
        if (fixed) derivable.push_back(hidden[v]);
    }
    return derivable;
}

}  // namespace okrsek::analytics::test
