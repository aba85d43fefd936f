#pragma once

#include <cstddef>
#include <span>

namespace okrsek::analytics {

/// Throws core::Error(invalid_argument, field "value") when there are not `units` values or
/// one of them is not finite (naming the first such unit).
void require_values(std::span<const double> values, std::size_t units);

/// Whether a variance is zero for practical purposes: rounding leaves about 1e-32 of the
/// squared magnitude when all values are equal; real data lie many orders above 1e-20.
inline bool negligible_variance(double variance, double squared_magnitude) noexcept {
    return !(variance > 1e-20 * squared_magnitude);
}

}  // namespace okrsek::analytics
