#include "io/property_template.hpp"

#include <cmath>

#include "core/error.hpp"

namespace okrsek::io {

namespace {

[[noreturn]] void fail_property_template(const std::string& problem) {
    throw core::Error(core::ErrorCode::invalid_input, problem);
}

std::string number_text(const nlohmann::json& value) {
    if (value.is_number_integer()) return value.dump();
    const double x = value.get<double>();
    // Codes such as OKRSEK or MC_PRAHA often arrive as 4.0 from GIS exports; print them as "4".
    if (std::isfinite(x) && x == std::trunc(x) && std::fabs(x) < 1e15) {
        return std::to_string(static_cast<long long>(x));
    }
    return value.dump();
}

std::string property_text(std::string_view name, const nlohmann::json& properties) {
    const std::string key(name);
    if (name.empty()) fail_property_template("empty property name in template");
    const auto it = properties.is_object() ? properties.find(key) : properties.end();
    if (!properties.is_object() || it == properties.end()) {
        fail_property_template("property '" + key + "' is missing");
    }
    const nlohmann::json& value = *it;
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number()) return number_text(value);
    if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
    if (value.is_null()) fail_property_template("property '" + key + "' is null");
    fail_property_template("property '" + key + "' is not a string or number");
}

}  // namespace

std::string expand_property_template(std::string_view templ, const nlohmann::json& properties) {
    if (templ.find_first_of("{}") == std::string_view::npos) {
        return property_text(templ, properties);
    }
    std::string out;
    std::size_t pos = 0;
    while (pos < templ.size()) {
        const std::size_t open = templ.find_first_of("{}", pos);
        if (open == std::string_view::npos) {
            out.append(templ.substr(pos));
            break;
        }
        const std::size_t close = templ.find_first_of("{}", open + 1);
        if (templ[open] == '}' || close == std::string_view::npos || templ[close] == '{') {
            fail_property_template("template '" + std::string(templ) + "' has unbalanced braces");
        }
        out.append(templ.substr(pos, open - pos));
        out.append(property_text(templ.substr(open + 1, close - open - 1), properties));
        pos = close + 1;
    }
    return out;
}

}  // namespace okrsek::io
