#include "analytics/local_moran.hpp"

#include <algorithm>
#include <cmath>

#include "analytics/spatial_normal.hpp"
#include "analytics/spatial_values.hpp"
#include "core/error.hpp"

namespace okrsek::analytics {

namespace {

struct Deviations {
    std::vector<double> z;  ///< x − x̄
    double m2 = 0.0;        ///< Σ z² / n
    double b2 = 0.0;        ///< kurtosis m4 / m2²
};

Deviations deviations(std::span<const double> values) {
    Deviations d;
    const double n = static_cast<double>(values.size());
    double mean = 0.0;
    for (double x : values) mean += x;
    mean /= n;
    d.z.reserve(values.size());
    double m4 = 0.0;
    for (double x : values) {
        const double z = x - mean;
        d.z.push_back(z);
        d.m2 += z * z;
        m4 += z * z * z * z;
    }
    d.m2 /= n;
    m4 /= n;
    d.b2 = d.m2 > 0.0 ? m4 / (d.m2 * d.m2) : 0.0;
    return d;
}

Quadrant quadrant_of(double z, double lag) {
    const bool high = z > 0.0;
    const bool high_lag = lag > 0.0;
    if (high) return high_lag ? Quadrant::high_high : Quadrant::high_low;
    return high_lag ? Quadrant::low_high : Quadrant::low_low;
}

// E and Var of I_i; w = W_i, s1 = S1_i.
void set_moments(LocalMoranResult& r, const Deviations& d, double z_i, double w, double s1,
                 double n, MoranNull null) {
    if (null == MoranNull::conditional) {
        r.expected = -z_i * z_i * w / ((n - 1.0) * d.m2);
        const double scale = z_i / d.m2;
        r.variance = scale * scale * n / (n - 2.0) * (s1 - w * w / (n - 1.0)) *
                     (d.m2 - z_i * z_i / (n - 1.0));
    } else {
        r.expected = -w / (n - 1.0);
        const double a = (n - d.b2) / (n - 1.0);
        const double b = (2.0 * d.b2 - n) / ((n - 1.0) * (n - 2.0));
        r.variance = a * s1 + b * (w * w - s1) - r.expected * r.expected;
    }
}

}  // namespace

std::vector<LocalMoranResult> local_moran(std::span<const double> values,
                                          const SpatialWeights& weights,
                                          const LocalMoranOptions& options) {
    require_values(values, weights.size());
    if (weights.includes_self()) {
        throw core::Error(core::ErrorCode::invalid_argument,
                          "local Moran's I takes weights without self-weights", "star");
    }
    std::vector<LocalMoranResult> results(values.size());
    if (values.size() < 3) return results;
    const Deviations d = deviations(values);
    double magnitude = 0.0;
    for (double x : values) magnitude = std::max(magnitude, x * x);
    if (negligible_variance(d.m2, magnitude)) return results;
    const double n = static_cast<double>(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (weights.is_island(i)) continue;
        const double lag = weights.lag(i, d.z);
        auto& r = results[i];
        r.i = d.z[i] / d.m2 * lag;
        r.quadrant = quadrant_of(d.z[i], lag);
        set_moments(r, d, d.z[i], weights.row_sum(i), weights.row_sum_of_squares(i), n,
                    options.null);
        if (r.variance > 0.0) {
            r.z = (r.i - r.expected) / std::sqrt(r.variance);
            r.p_two_sided = two_sided_p(r.z);
        }
    }
    return results;
}

}  // namespace okrsek::analytics
