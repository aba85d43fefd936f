#include "analytics/concentration.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.hpp"

namespace okrsek::analytics {

namespace {

std::vector<double> checked_ascending(std::span<const double> counts) {
    for (std::size_t i = 0; i < counts.size(); ++i) {
        if (!std::isfinite(counts[i]) || counts[i] < 0.0) {
            throw core::Error(
                core::ErrorCode::invalid_argument,
                "unit " + std::to_string(i) + ": a count must be a non-negative number", "value");
        }
    }
    std::vector<double> sorted(counts.begin(), counts.end());
    std::sort(sorted.begin(), sorted.end());
    return sorted;
}

// Biased ("population") Gini of ascending counts: (2·Σ i·x_(i) / N − (n + 1)) / n.
double gini_of_sorted(const std::vector<double>& ascending, double total) {
    double weighted = 0.0;
    for (std::size_t i = 0; i < ascending.size(); ++i) {
        weighted += static_cast<double>(i + 1) * ascending[i];
    }
    const double n = static_cast<double>(ascending.size());
    return (2.0 * weighted / total - (n + 1.0)) / n;
}

std::size_t units_holding_sorted(const std::vector<double>& ascending, double total, double share) {
    if (!(total > 0.0)) return 0;
    double cumulative = 0.0;
    std::size_t k = 0;
    for (auto it = ascending.rbegin(); it != ascending.rend(); ++it) {
        cumulative += *it;
        ++k;
        if (cumulative >= share * total) break;
    }
    return k;
}

}  // namespace

std::size_t units_holding(std::span<const double> counts, double share) {
    const auto ascending = checked_ascending(counts);
    double total = 0.0;
    for (double x : ascending) total += x;
    return units_holding_sorted(ascending, total, share);
}

Concentration concentration(std::span<const double> counts) {
    const auto ascending = checked_ascending(counts);
    Concentration c;
    c.units = ascending.size();
    for (double x : ascending) {
        c.events += x;
        c.units_with_events += x > 0.0;
    }
    if (!(c.events > 0.0)) return c;
    const double n = static_cast<double>(c.units);
    const double active = static_cast<double>(c.units_with_events);
    c.units_for_25 = units_holding_sorted(ascending, c.events, 0.25);
    c.units_for_50 = units_holding_sorted(ascending, c.events, 0.50);
    c.share_of_units_25 = static_cast<double>(c.units_for_25) / n;
    c.share_of_units_50 = static_cast<double>(c.units_for_50) / n;
    c.share_of_active_units_25 = static_cast<double>(c.units_for_25) / active;
    c.share_of_active_units_50 = static_cast<double>(c.units_for_50) / active;

    c.gini = gini_of_sorted(ascending, c.events);
    if (c.units > 1) c.gini_unbiased = c.gini * n / (n - 1.0);
    c.generalised_gini = std::max(1.0, n / c.events) * (c.gini - 1.0) + 1.0;
    const double m = std::min(n, c.events);
    if (m > 1.0) c.generalised_gini_unbiased = c.generalised_gini * m / (m - 1.0);
    return c;
}

std::vector<LorenzPoint> lorenz_curve(std::span<const double> counts) {
    const auto ascending = checked_ascending(counts);
    double total = 0.0;
    for (double x : ascending) total += x;
    if (!(total > 0.0)) return {};
    std::vector<LorenzPoint> curve{{0.0, 0.0}};
    const double n = static_cast<double>(ascending.size());
    double cumulative = 0.0;
    for (std::size_t i = 0; i < ascending.size(); ++i) {
        cumulative += ascending[i];
        curve.push_back({static_cast<double>(i + 1) / n, cumulative / total});
    }
    return curve;
}

}  // namespace okrsek::analytics
