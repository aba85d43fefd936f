#include "analytics/fdr.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "analytics/spatial_points.hpp"
#include "core/error.hpp"

namespace okrsek::analytics {

std::vector<double> benjamini_hochberg(std::span<const double> p_values) {
    std::vector<double> q(p_values.size(), not_defined);
    std::vector<std::size_t> tested;
    for (std::size_t i = 0; i < p_values.size(); ++i) {
        const double p = p_values[i];
        if (std::isnan(p)) continue;
        if (!(p >= 0.0 && p <= 1.0)) {
            throw core::Error(core::ErrorCode::invalid_argument,
                              "unit " + std::to_string(i) + ": p-value outside [0, 1]", "p");
        }
        tested.push_back(i);
    }
    // Largest p first: q_(k) = min over ranks j ≥ k of p_(j)·m/j, capped at 1.
    std::stable_sort(tested.begin(), tested.end(),
                     [&](std::size_t a, std::size_t b) { return p_values[a] > p_values[b]; });
    const double m = static_cast<double>(tested.size());
    double running = 1.0;
    for (std::size_t k = 0; k < tested.size(); ++k) {
        const double rank = m - static_cast<double>(k);
        running = std::min(running, p_values[tested[k]] * m / rank);
        q[tested[k]] = running;
    }
    return q;
}

}  // namespace okrsek::analytics
