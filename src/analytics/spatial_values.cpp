#include "analytics/spatial_values.hpp"

#include <cmath>
#include <string>

#include "core/error.hpp"

namespace okrsek::analytics {

void require_values(std::span<const double> values, std::size_t units) {
    if (values.size() != units) {
        throw core::Error(
            core::ErrorCode::invalid_argument,
            std::to_string(values.size()) + " values for " + std::to_string(units) + " units",
            "value");
    }
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (!std::isfinite(values[i])) {
            throw core::Error(core::ErrorCode::invalid_argument,
                              "unit " + std::to_string(i) + ": the value is not a finite number",
                              "value");
        }
    }
}

}  // namespace okrsek::analytics
