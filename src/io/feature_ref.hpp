#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace okrsek::io {

/// Names one feature of a GeoJSON file in error messages: "feature 3" until its code is known,
/// then "feature 3 (4-12)"; the JSON path of the feature is "features[3]".
struct FeatureRef {
    std::size_t index = 0;  ///< position in the "features" array, from 0
    std::string code;       ///< empty while unknown

    std::string label() const;

    /// Throws core::Error(invalid_input) with message "<label>: <problem>" and field
    /// "features[N]<path>", e.g. path ".geometry.coordinates[0][3]".
    [[noreturn]] void fail(std::string_view problem, std::string_view path = {}) const;
};

}  // namespace okrsek::io
