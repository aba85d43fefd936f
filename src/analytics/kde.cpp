#include "analytics/kde.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>
#include <utility>

#include "core/error.hpp"

namespace okrsek::analytics {

namespace {

std::vector<double> checked_weights(std::span<const PlanarPoint> points,
                                    std::span<const double> weights) {
    if (weights.empty()) return std::vector<double>(points.size(), 1.0);
    if (weights.size() != points.size()) {
        throw core::Error(core::ErrorCode::invalid_argument,
                          std::to_string(weights.size()) + " weights for " +
                              std::to_string(points.size()) + " points",
                          "value");
    }
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (!std::isfinite(weights[i]) || weights[i] < 0.0) {
            throw core::Error(
                core::ErrorCode::invalid_argument,
                "point " + std::to_string(i) + ": the weight must be a non-negative number",
                "value");
        }
    }
    return {weights.begin(), weights.end()};
}

// The weighted median: where the cumulative weight reaches half of the total; the mean of
// the two values around it when it lands exactly on half (the usual median for unit weights).
double weighted_median(std::vector<std::pair<double, double>> value_weight) {
    std::sort(value_weight.begin(), value_weight.end());
    double total = 0.0;
    for (const auto& [value, weight] : value_weight) total += weight;
    double cumulative = 0.0;
    for (std::size_t k = 0; k < value_weight.size(); ++k) {
        cumulative += value_weight[k].second;
        if (cumulative < total / 2.0) continue;
        if (cumulative == total / 2.0) {
            for (std::size_t next = k + 1; next < value_weight.size(); ++next) {
                if (value_weight[next].second > 0.0) {
                    return (value_weight[k].first + value_weight[next].first) / 2.0;
                }
            }
        }
        return value_weight[k].first;
    }
    return 0.0;
}

}  // namespace

double default_bandwidth_m(std::span<const PlanarPoint> points, std::span<const double> weights) {
    const auto w = checked_weights(points, weights);
    double n = 0.0, mean_x = 0.0, mean_y = 0.0;
    for (std::size_t i = 0; i < points.size(); ++i) {
        n += w[i];
        mean_x += w[i] * points[i].x_m;
        mean_y += w[i] * points[i].y_m;
    }
    double h = 0.0;
    if (n > 0.0) {
        mean_x /= n;
        mean_y /= n;
        double spread = 0.0;
        std::vector<std::pair<double, double>> distances;
        distances.reserve(points.size());
        for (std::size_t i = 0; i < points.size(); ++i) {
            const double d2 = squared_distance_m2(points[i], {mean_x, mean_y});
            spread += w[i] * d2;
            distances.emplace_back(std::sqrt(d2), w[i]);
        }
        const double standard_distance = std::sqrt(spread / n);
        const double median = weighted_median(std::move(distances));
        h = 0.9 * std::min(standard_distance, std::sqrt(1.0 / std::numbers::ln2) * median) *
            std::pow(n, -0.2);
    }
    if (!(h > 0.0) || !std::isfinite(h)) {
        throw core::Error(core::ErrorCode::invalid_argument,
                          "no default bandwidth: the events do not spread over two or more "
                          "places; give one",
                          "bandwidth");
    }
    return h;
}

std::vector<double> quartic_kde(const PlanarGrid& grid, std::span<const PlanarPoint> points,
                                std::span<const double> weights, double bandwidth_m) {
    const auto w = checked_weights(points, weights);
    if (!std::isfinite(bandwidth_m) || bandwidth_m <= 0.0) {
        throw core::Error(core::ErrorCode::invalid_argument,
                          "the bandwidth must be a positive number of metres", "bandwidth");
    }
    const double span_cells = 2.0 * bandwidth_m / grid.cell_m + 1.0;
    if (static_cast<double>(points.size()) * span_cells * span_cells > 2.0e9) {
        throw core::Error(core::ErrorCode::invalid_argument,
                          "a bandwidth of " + std::to_string(bandwidth_m) + " m spans too many " +
                              std::to_string(grid.cell_m) + " m cells for " +
                              std::to_string(points.size()) + " points; use larger cells",
                          "bandwidth");
    }
    std::vector<double> density(grid.cell_count(), 0.0);
    const double h2 = bandwidth_m * bandwidth_m;
    const double scale = 3.0 / (std::numbers::pi * h2);
    const auto last_column = static_cast<double>(grid.columns) - 1.0;
    const auto last_row = static_cast<double>(grid.rows) - 1.0;
    // Each event adds its kernel to the cells whose centres lie within h of it.
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (w[i] == 0.0) continue;
        const auto& p = points[i];
        const double c0 =
            std::max(0.0, std::ceil((p.x_m - bandwidth_m - grid.x0_m) / grid.cell_m - 0.5));
        const double c1 = std::min(
            last_column, std::floor((p.x_m + bandwidth_m - grid.x0_m) / grid.cell_m - 0.5));
        const double r0 =
            std::max(0.0, std::ceil((p.y_m - bandwidth_m - grid.y0_m) / grid.cell_m - 0.5));
        const double r1 =
            std::min(last_row, std::floor((p.y_m + bandwidth_m - grid.y0_m) / grid.cell_m - 0.5));
        for (double row = r0; row <= r1; row += 1.0) {
            const double dy = grid.y0_m + (row + 0.5) * grid.cell_m - p.y_m;
            for (double column = c0; column <= c1; column += 1.0) {
                const double dx = grid.x0_m + (column + 0.5) * grid.cell_m - p.x_m;
                const double d2 = dx * dx + dy * dy;
                if (d2 >= h2) continue;  // d = h contributes 0 anyway
                const double u = 1.0 - d2 / h2;
                const auto cell =
                    static_cast<std::size_t>(row) * grid.columns + static_cast<std::size_t>(column);
                density[cell] += w[i] * scale * u * u;
            }
        }
    }
    return density;
}

}  // namespace okrsek::analytics
