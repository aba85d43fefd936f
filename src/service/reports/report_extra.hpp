#pragma once

// A category's extra fields and a report's values for them (docs/reports.md "Extra fields").

#include <string>
#include <string_view>

namespace okrsek::service::reports {

/// Checks a category's extra_fields_json (an array of at most 10 fields, each with a key
/// [a-z0-9_]{1,32} given once, a type text / select / time_of_day, labels, select options).
/// Returns it re-serialised. Throws core::Error invalid_argument naming "extra_fields[N].…".
std::string validate_extra_fields(std::string_view fields_json);

/// Checks a report's `extra` object against the category's fields: known keys only, string
/// values within each type's rule, required ones present. Returns the object re-serialised
/// (empty values left out). Throws invalid_argument naming "extra" or "extra.<key>".
std::string validate_extra_values(std::string_view fields_json, std::string_view extra_json);

}  // namespace okrsek::service::reports
