#pragma once

#include <cmath>
#include <numbers>

namespace okrsek::analytics {

/// Upper tail of the standard normal distribution, 1 − Φ(z), accurate far into the tail
/// (erfc, not 1 − erf). NaN for NaN.
inline double normal_upper_tail(double z) noexcept {
    return 0.5 * std::erfc(z / std::numbers::sqrt2);
}

/// Two-sided p-value of a standard normal deviate, 2·(1 − Φ(|z|)) (spdep's default).
inline double two_sided_p(double z) noexcept {
    return std::erfc(std::fabs(z) / std::numbers::sqrt2);
}

/// One-sided p-value 1 − Φ(|z|) (esda's `p_norm`).
inline double one_sided_p(double z) noexcept {
    return normal_upper_tail(std::fabs(z));
}

}  // namespace okrsek::analytics
