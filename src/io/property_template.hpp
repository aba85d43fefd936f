#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace okrsek::io {

/// Expands a property template against a feature's properties: "{A}-{B}" replaces each {NAME}
/// with the property's value (strings as they are, numbers without trailing ".0"); a template
/// without braces is a plain property name. Throws core::Error(invalid_input) naming the
/// missing property, or for null values and unbalanced braces.
std::string expand_property_template(std::string_view templ, const nlohmann::json& properties);

}  // namespace okrsek::io
