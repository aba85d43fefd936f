#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "analytics/spatial_points.hpp"

namespace okrsek::analytics {

/// Bounds on the size of a neighbour structure, so that a band far too wide for the data
/// fails with a message instead of exhausting memory.
struct NeighbourLimits {
    std::size_t max_units = 2'000'000;
    std::size_t max_links = 40'000'000;  ///< directed links i → j (about 480 MB of weights)
};

/// Who neighbours whom: for every unit, the indices of its neighbours in ascending order,
/// never itself. Directed (k nearest neighbours need not be mutual).
class Neighbours {
public:
    Neighbours() = default;

    /// From explicit lists (0-based), e.g. contiguity read from a GAL file. Throws
    /// core::Error(invalid_argument) for an index out of range, a unit listed as its own
    /// neighbour, or a neighbour listed twice.
    static Neighbours from_lists(const std::vector<std::vector<std::size_t>>& lists);

    std::size_t size() const noexcept { return m_offsets.size() - 1; }
    std::span<const std::uint32_t> of(std::size_t unit) const noexcept {
        return {m_ids.data() + m_offsets[unit], m_ids.data() + m_offsets[unit + 1]};
    }
    std::size_t link_count() const noexcept { return m_ids.size(); }
    /// Where the unit's links start among all links (for arrays parallel to the links).
    std::size_t offset(std::size_t unit) const noexcept { return m_offsets[unit]; }
    /// Units without any neighbour.
    std::size_t island_count() const noexcept;
    /// Whether j is a neighbour of i (binary search).
    bool has_link(std::size_t i, std::size_t j) const noexcept;

private:
    friend class NeighbourBuilder;
    std::vector<std::size_t> m_offsets{0};
    std::vector<std::uint32_t> m_ids;
};

/// Distance band: j neighbours i when 0 ≤ d_ij ≤ band_m and j ≠ i, inclusive at the band as
/// libpysal `DistanceBand` and spdep `dnearneigh(x, 0, D)`; units at the same place are
/// neighbours. Compares squared distances (exact for integer coordinates). Throws
/// core::Error(invalid_argument, field "band") for a band that is not a positive finite number
/// or that links more units than `limits` allow, and for more units than allowed.
Neighbours distance_band(std::span<const PlanarPoint> points, double band_m,
                         const NeighbourLimits& limits = {});

/// The k nearest other units of each unit (not symmetric). Ties at the k-th distance go to
/// the lower index. Throws core::Error(invalid_argument, field "knn") when k is 0 or not less
/// than the number of units, or the result exceeds `limits`.
Neighbours k_nearest(std::span<const PlanarPoint> points, std::size_t k,
                     const NeighbourLimits& limits = {});

/// B: w_ij = 1 for each neighbour. R: row-standardised, w_ij = 1 / (number of weights in the
/// row), so each row with a neighbour sums to 1.
enum class WeightStyle { binary, row_standardised };

/// Spatial weights W over Neighbours, with an optional self-weight w_ii for Gi* (binary: 1;
/// row-standardised: 1/(k_i + 1), as spdep `include.self` + `nb2listw` and esda `star=True`).
class SpatialWeights {
public:
    SpatialWeights(Neighbours neighbours, WeightStyle style, bool include_self);

    std::size_t size() const noexcept { return m_neighbours.size(); }
    const Neighbours& neighbours() const noexcept { return m_neighbours; }
    WeightStyle style() const noexcept { return m_style; }
    bool includes_self() const noexcept { return m_include_self; }

    /// w_ij, in the order of neighbours().of(i).
    std::span<const double> weights_of(std::size_t i) const noexcept {
        const auto k = m_neighbours.of(i).size();
        return {m_palette.data() + m_palette_start[k], k};
    }
    double self_weight(std::size_t i) const noexcept { return m_self[i]; }
    /// W_i = Σ_j w_ij, the self-weight included when there is one.
    double row_sum(std::size_t i) const noexcept { return m_row_sum[i]; }
    /// S1_i = Σ_j w_ij², the self-weight included when there is one.
    double row_sum_of_squares(std::size_t i) const noexcept { return m_row_sum_of_squares[i]; }
    /// No neighbour other than itself.
    bool is_island(std::size_t i) const noexcept { return m_neighbours.of(i).empty(); }
    /// Σ_j w_ij·x_j, the self term included when there is one.
    double lag(std::size_t i, std::span<const double> x) const noexcept;

private:
    Neighbours m_neighbours;
    WeightStyle m_style;
    bool m_include_self;
    // Every weight of a row is the same and depends only on the row's neighbour count k, so
    // the rows with k neighbours share one run of k weights: m_palette_start[k] is where it
    // starts in m_palette (at most as long as all links, usually a few hundred values).
    std::vector<std::size_t> m_palette_start;
    std::vector<double> m_palette;
    std::vector<double> m_self;
    std::vector<double> m_row_sum;
    std::vector<double> m_row_sum_of_squares;
};

}  // namespace okrsek::analytics
