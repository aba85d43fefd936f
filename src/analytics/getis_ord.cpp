#include "analytics/getis_ord.hpp"

#include <cmath>

#include "analytics/spatial_normal.hpp"
#include "analytics/spatial_values.hpp"

namespace okrsek::analytics {

namespace {

struct Summary {
    double sum = 0.0;
    double mean = 0.0;
    double centred_squares = 0.0;  ///< Σ (x − x̄)²
    double squared_magnitude = 0.0;
};

Summary summarise(std::span<const double> values) {
    Summary s;
    for (double x : values) s.sum += x;
    s.mean = s.sum / static_cast<double>(values.size());
    for (double x : values) s.centred_squares += (x - s.mean) * (x - s.mean);
    s.squared_magnitude = s.mean * s.mean + s.centred_squares / static_cast<double>(values.size());
    return s;
}

// Σ_j w_ij (x_j − x̄), the self term included when the weights have one.
double centred_lag(const SpatialWeights& weights, std::size_t i, std::span<const double> values,
                   double mean) {
    const auto ids = weights.neighbours().of(i);
    const auto w = weights.weights_of(i);
    double lag = weights.self_weight(i) * (values[i] - mean);
    for (std::size_t k = 0; k < ids.size(); ++k) lag += w[k] * (values[ids[k]] - mean);
    return lag;
}

void set_z(LocalGResult& result, double z) {
    if (!std::isfinite(z)) return;
    result.z = z;
    result.p_two_sided = two_sided_p(z);
    result.p_one_sided = one_sided_p(z);
}

}  // namespace

std::vector<LocalGResult> local_g(std::span<const double> values, const SpatialWeights& weights,
                                  const LocalGOptions& options) {
    require_values(values, weights.size());
    const bool star = weights.includes_self();
    const std::size_t n = values.size();
    std::vector<LocalGResult> results(n);
    if (n < (star ? 2u : 3u)) return results;
    const Summary all = summarise(values);
    // The N values entering the sums: all of them for Gi*, all but x_i for Gi.
    const double big_n = static_cast<double>(star ? n : n - 1);
    for (std::size_t i = 0; i < n; ++i) {
        if (weights.is_island(i)) continue;
        const double d_i = values[i] - all.mean;
        // Their mean minus x̄, and their variance (divisor N), from centred sums for accuracy.
        const double mean_shift = star ? 0.0 : -d_i / big_n;
        const double squares = star ? all.centred_squares : all.centred_squares - d_i * d_i;
        const double s2 = squares / big_n - mean_shift * mean_shift;
        // Dropping x_i from the centred sum cancels digits: a variance within 1e-12 of the
        // whole spread is rounding (the other values are all equal), as is one of 1e-24 x̄².
        if (!(s2 > 1e-12 * all.centred_squares / big_n) ||
            negligible_variance(s2, all.squared_magnitude)) {
            continue;
        }

        const double w_i = weights.row_sum(i);
        const double lag_c = centred_lag(weights, i, values, all.mean);
        const double total = star ? all.sum : all.sum - values[i];
        auto& result = results[i];
        result.g = total != 0.0 ? (lag_c + w_i * all.mean) / total : not_defined;
        result.expected = w_i / big_n;
        if (options.variance == GiVariance::ord_getis) {
            const double s1 = weights.row_sum_of_squares(i);
            const double spread = big_n * s1 - w_i * w_i;
            if (spread <= 1e-12 * big_n * s1) continue;  // the unit neighbours every other one
            set_z(result, (lag_c - w_i * mean_shift) / std::sqrt(s2 * spread / (big_n - 1.0)));
        } else {
            const double mean_n = all.mean + mean_shift;
            const double variance =
                w_i * (big_n - w_i) / (big_n - 1.0) / (big_n * big_n) * s2 / (mean_n * mean_n);
            if (!(variance > 0.0)) continue;
            set_z(result, (result.g - result.expected) / std::sqrt(variance));
        }
    }
    return results;
}

GeneralGResult general_g(std::span<const double> values, const Neighbours& neighbours) {
    require_values(values, neighbours.size());
    const std::size_t count = values.size();
    GeneralGResult result;
    if (count < 4) return result;
    const double n = static_cast<double>(count);

    // S0, S1, S2 of the binary matrix (Cliff & Ord): S1 = S0 + ordered pairs linked both ways,
    // S2 = Σ_i (out_i + in_i)².
    std::vector<double> in_degree(count, 0.0);
    double s0 = 0.0, mutual = 0.0, cross = 0.0;
    for (std::size_t i = 0; i < count; ++i) {
        double lag = 0.0;
        for (auto j : neighbours.of(i)) {
            s0 += 1.0;
            in_degree[j] += 1.0;
            mutual += neighbours.has_link(j, i) ? 1.0 : 0.0;
            lag += values[j];
        }
        cross += values[i] * lag;
    }
    const double s1 = s0 + mutual;
    double s2 = 0.0;
    for (std::size_t i = 0; i < count; ++i) {
        const double degree = static_cast<double>(neighbours.of(i).size()) + in_degree[i];
        s2 += degree * degree;
    }

    double y1 = 0.0, y2 = 0.0, y3 = 0.0, y4 = 0.0;
    for (double y : values) {
        y1 += y;
        y2 += y * y;
        y3 += y * y * y;
        y4 += y * y * y * y;
    }
    const double denominator = y1 * y1 - y2;
    if (denominator == 0.0) return result;
    result.g = cross / denominator;
    result.expected = s0 / (n * (n - 1.0));

    // Moments under normality as esda's G.__moments (Getis & Ord 1992).
    const double n2 = n * n;
    const double s02 = s0 * s0;
    const double b0 = (n2 - 3.0 * n + 3.0) * s1 - n * s2 + 3.0 * s02;
    const double b1 = -((n2 - n) * s1 - 2.0 * n * s2 + 6.0 * s02);
    const double b2 = -(2.0 * n * s1 - (n + 3.0) * s2 + 6.0 * s02);
    const double b3 = 4.0 * (n - 1.0) * s1 - 2.0 * (n + 1.0) * s2 + 8.0 * s02;
    const double b4 = s1 - s2 + s02;
    const double numerator =
        b0 * y2 * y2 + b1 * y4 + b2 * y1 * y1 * y2 + b3 * y1 * y3 + b4 * y1 * y1 * y1 * y1;
    const double g2 =
        numerator / (denominator * denominator * n * (n - 1.0) * (n - 2.0) * (n - 3.0));
    result.variance = g2 - result.expected * result.expected;
    if (result.variance > 0.0) {
        result.z = (result.g - result.expected) / std::sqrt(result.variance);
        result.p_one_sided = one_sided_p(result.z);
        result.p_two_sided = two_sided_p(result.z);
    }
    return result;
}

}  // namespace okrsek::analytics
