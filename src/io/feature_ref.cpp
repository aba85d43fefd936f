#include "io/feature_ref.hpp"

#include "core/error.hpp"

namespace okrsek::io {

std::string FeatureRef::label() const {
    std::string text = "feature " + std::to_string(index);
    if (!code.empty()) text += " (" + code + ")";
    return text;
}

void FeatureRef::fail(std::string_view problem, std::string_view path) const {
    throw core::Error(core::ErrorCode::invalid_input, label() + ": " + std::string(problem),
                      "features[" + std::to_string(index) + "]" + std::string(path));
}

}  // namespace okrsek::io
