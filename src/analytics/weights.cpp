#include "analytics/weights.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "analytics/spatial_index.hpp"
#include "core/error.hpp"

namespace okrsek::analytics {

/// Builds the rows either one at a time (add_row) or in two passes (count_row for every unit,
/// then allocate and fill each row()), checking the limits as links arrive.
class NeighbourBuilder {
public:
    NeighbourBuilder(std::size_t units, const NeighbourLimits& limits, std::string field)
        : m_limits(limits), m_field(std::move(field)) {
        if (units > limits.max_units) {
            throw core::Error(core::ErrorCode::invalid_argument,
                              std::to_string(units) + " units; at most " +
                                  std::to_string(limits.max_units) + " can be analysed at once",
                              m_field);
        }
        m_result.m_offsets.reserve(units + 1);
    }

    void reserve_links(std::size_t links) {
        m_result.m_ids.reserve(std::min(links, m_limits.max_links));
    }

    /// Adds the next unit's neighbours (any order, no repeats, not itself).
    void add_row(std::vector<std::uint32_t>& row) {
        std::sort(row.begin(), row.end());
        auto& ids = m_result.m_ids;
        if (ids.size() + row.size() > m_limits.max_links) too_many_links(ids.size());
        ids.insert(ids.end(), row.begin(), row.end());
        m_result.m_offsets.push_back(ids.size());
    }

    /// Declares that the next unit has `count` neighbours (first pass).
    void count_row(std::size_t count) {
        const auto links = m_result.m_offsets.back();
        if (links + count > m_limits.max_links) too_many_links(links);
        m_result.m_offsets.push_back(links + count);
    }

    /// After every unit's count_row: room for exactly the declared links.
    void allocate() { m_result.m_ids.resize(m_result.m_offsets.back()); }

    /// The unit's row to fill (second pass).
    std::span<std::uint32_t> row(std::size_t unit) noexcept {
        const auto& offsets = m_result.m_offsets;
        return {m_result.m_ids.data() + offsets[unit], offsets[unit + 1] - offsets[unit]};
    }

    Neighbours finish() { return std::move(m_result); }

private:
    [[noreturn]] void too_many_links(std::size_t links) const {
        const auto units = m_result.m_offsets.size();
        throw core::Error(core::ErrorCode::invalid_argument,
                          "more than " + std::to_string(m_limits.max_links) + " neighbour links (" +
                              std::to_string(links / std::max<std::size_t>(units, 1)) +
                              " a unit so far); choose a smaller neighbourhood",
                          m_field);
    }

    NeighbourLimits m_limits;
    std::string m_field;
    Neighbours m_result;
};

namespace {

void require_finite(std::span<const PlanarPoint> points) {
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (!std::isfinite(points[i].x_m) || !std::isfinite(points[i].y_m)) {
            throw core::Error(core::ErrorCode::invalid_argument,
                              "unit " + std::to_string(i) + " has no finite position", "x");
        }
    }
}

// Cells of about k points each on average, for the ring search of k nearest neighbours.
double knn_cell_m(std::span<const PlanarPoint> points, std::size_t k) {
    double min_x = points.front().x_m, max_x = min_x;
    double min_y = points.front().y_m, max_y = min_y;
    for (const auto& p : points) {
        min_x = std::min(min_x, p.x_m);
        max_x = std::max(max_x, p.x_m);
        min_y = std::min(min_y, p.y_m);
        max_y = std::max(max_y, p.y_m);
    }
    const double width = max_x - min_x;
    const double height = max_y - min_y;
    const double n = static_cast<double>(points.size());
    double cell = std::sqrt(width * height * static_cast<double>(k) / n);
    if (!(cell > 0.0)) cell = std::max(width, height) * static_cast<double>(k) / n;
    return cell > 0.0 ? cell : 1.0;
}

struct Candidate {
    double d2 = 0.0;
    std::uint32_t id = 0;
    friend bool operator<(const Candidate& a, const Candidate& b) {
        return a.d2 < b.d2 || (a.d2 == b.d2 && a.id < b.id);
    }
};

}  // namespace

std::size_t Neighbours::island_count() const noexcept {
    std::size_t count = 0;
    for (std::size_t i = 0; i < size(); ++i) count += of(i).empty();
    return count;
}

bool Neighbours::has_link(std::size_t i, std::size_t j) const noexcept {
    const auto row = of(i);
    return std::binary_search(row.begin(), row.end(), static_cast<std::uint32_t>(j));
}

Neighbours Neighbours::from_lists(const std::vector<std::vector<std::size_t>>& lists) {
    NeighbourBuilder builder(lists.size(), NeighbourLimits{}, "neighbours");
    std::vector<std::uint32_t> row;
    for (std::size_t i = 0; i < lists.size(); ++i) {
        row.clear();
        for (auto j : lists[i]) {
            if (j >= lists.size() || j == i) {
                throw core::Error(core::ErrorCode::invalid_argument,
                                  "unit " + std::to_string(i) + ": neighbour " + std::to_string(j) +
                                      (j == i ? " is the unit itself" : " does not exist"),
                                  "neighbours");
            }
            row.push_back(static_cast<std::uint32_t>(j));
        }
        std::sort(row.begin(), row.end());
        if (std::adjacent_find(row.begin(), row.end()) != row.end()) {
            throw core::Error(core::ErrorCode::invalid_argument,
                              "unit " + std::to_string(i) + ": a neighbour is listed twice",
                              "neighbours");
        }
        builder.add_row(row);
    }
    return builder.finish();
}

Neighbours distance_band(std::span<const PlanarPoint> points, double band_m,
                         const NeighbourLimits& limits) {
    if (!std::isfinite(band_m) || band_m <= 0.0) {
        throw core::Error(core::ErrorCode::invalid_argument,
                          "the distance band must be a positive number of metres", "band");
    }
    NeighbourBuilder builder(points.size(), limits, "band");
    require_finite(points);
    const PointGrid grid(points, band_m);
    // Counting first sizes the links exactly: growing one vector row by row spent most of the
    // time copying it and faulting in fresh pages.
    for (std::size_t i = 0; i < points.size(); ++i) {
        std::size_t count = 0;
        grid.for_each_within(points[i], band_m, [&](std::uint32_t j) { count += j != i; });
        builder.count_row(count);
    }
    builder.allocate();
    for (std::size_t i = 0; i < points.size(); ++i) {
        const auto row = builder.row(i);
        std::size_t next = 0;
        grid.for_each_within(points[i], band_m, [&](std::uint32_t j) {
            if (j != i) row[next++] = j;
        });
        if (!std::is_sorted(row.begin(), row.end())) std::sort(row.begin(), row.end());
    }
    return builder.finish();
}

Neighbours k_nearest(std::span<const PlanarPoint> points, std::size_t k,
                     const NeighbourLimits& limits) {
    if (k == 0 || k >= points.size()) {
        throw core::Error(core::ErrorCode::invalid_argument,
                          "k nearest neighbours needs 1 ≤ k < number of units (" +
                              std::to_string(points.size()) + ")",
                          "knn");
    }
    NeighbourBuilder builder(points.size(), limits, "knn");
    builder.reserve_links(points.size() * k);
    require_finite(points);
    const PointGrid grid(points, knn_cell_m(points, k));
    // Many units at one place make every search visit all of them: stop before that takes
    // hours (incidents belong aggregated to units first).
    const double budget = std::max(5.0e7, 64.0 * static_cast<double>(points.size() * k));
    double examined = 0.0;
    std::vector<Candidate> candidates;
    std::vector<std::uint32_t> row;
    for (std::size_t i = 0; i < points.size(); ++i) {
        candidates.clear();
        for (std::int64_t ring = 0;; ++ring) {
            const bool inside = grid.for_each_in_ring(points[i], ring, [&](std::uint32_t j) {
                if (j != i) candidates.push_back({squared_distance_m2(points[i], points[j]), j});
            });
            if (!inside) break;
            if (candidates.size() < k) continue;
            std::nth_element(candidates.begin(), candidates.begin() + static_cast<long>(k - 1),
                             candidates.end());
            // Strictly inside the searched square: an unvisited unit cannot tie with it.
            const double covered_m = static_cast<double>(ring) * grid.cell_m();
            if (candidates[k - 1].d2 < covered_m * covered_m) break;
        }
        examined += static_cast<double>(candidates.size());
        if (examined > budget) {
            throw core::Error(core::ErrorCode::invalid_argument,
                              "too many units share the same places for a k-nearest search; "
                              "aggregate incidents to units first",
                              "knn");
        }
        std::partial_sort(candidates.begin(), candidates.begin() + static_cast<long>(k),
                          candidates.end());
        row.clear();
        for (std::size_t c = 0; c < k; ++c) row.push_back(candidates[c].id);
        builder.add_row(row);
    }
    return builder.finish();
}

SpatialWeights::SpatialWeights(Neighbours neighbours, WeightStyle style, bool include_self)
    : m_neighbours(std::move(neighbours)), m_style(style), m_include_self(include_self) {
    const std::size_t n = m_neighbours.size();
    m_self.assign(n, 0.0);
    m_row_sum.assign(n, 0.0);
    m_row_sum_of_squares.assign(n, 0.0);
    constexpr auto unset = std::numeric_limits<std::size_t>::max();
    for (std::size_t i = 0; i < n; ++i) {
        const auto k = m_neighbours.of(i).size();
        const auto count = k + (include_self ? 1 : 0);
        const double w =
            style == WeightStyle::binary || count == 0 ? 1.0 : 1.0 / static_cast<double>(count);
        if (k >= m_palette_start.size()) m_palette_start.resize(k + 1, unset);
        if (m_palette_start[k] == unset) {
            m_palette_start[k] = m_palette.size();
            m_palette.insert(m_palette.end(), k, w);
        }
        if (count == 0) continue;
        if (include_self) m_self[i] = w;
        m_row_sum[i] = style == WeightStyle::binary ? static_cast<double>(count) : 1.0;
        m_row_sum_of_squares[i] = static_cast<double>(count) * w * w;
    }
}

double SpatialWeights::lag(std::size_t i, std::span<const double> x) const noexcept {
    const auto ids = m_neighbours.of(i);
    const auto w = weights_of(i);
    double sum = m_self[i] * x[i];
    for (std::size_t k = 0; k < ids.size(); ++k) sum += w[k] * x[ids[k]];
    return sum;
}

}  // namespace okrsek::analytics
