#include "service/reports/report_extra.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <set>

#include "core/error.hpp"
#include "store/reports.hpp"

namespace okrsek::service::reports {

using core::Error;
using core::ErrorCode;
using nlohmann::json;

namespace {

constexpr std::size_t max_extra_fields = 10;
constexpr std::size_t max_text_length = 500;
constexpr std::size_t max_label_bytes = 200;
constexpr std::size_t max_options = 30;
constexpr std::array<std::string_view, 5> times_of_day{"morning", "afternoon", "evening", "night",
                                                       "any"};

[[noreturn]] void refuse_report_extra(const std::string& field, const std::string& message) {
    throw Error(ErrorCode::invalid_argument, field + ": " + message, field);
}

bool is_key(std::string_view key) {
    return !key.empty() && key.size() <= 32 && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

std::string string_member(const json& object, const char* name, const std::string& field,
                          bool required) {
    const auto found = object.find(name);
    if (found == object.end() || found->is_null()) {
        if (required) refuse_report_extra(field + "." + name, "missing");
        return {};
    }
    if (!found->is_string()) refuse_report_extra(field + "." + name, "must be text");
    auto text = found->get<std::string>();
    if (text.size() > max_label_bytes) refuse_report_extra(field + "." + name, "too long");
    return text;
}

json checked_field(const json& item, std::size_t index, std::set<std::string>& keys) {
    const std::string field = "extra_fields[" + std::to_string(index) + "]";
    if (!item.is_object()) refuse_report_extra(field, "must be an object");
    json out;
    const std::string key = string_member(item, "key", field, true);
    if (!is_key(key)) refuse_report_extra(field + ".key", "must be 1 to 32 of a-z, 0-9 and _");
    if (!keys.insert(key).second) refuse_report_extra(field + ".key", "given twice");
    const std::string type = string_member(item, "type", field, true);
    if (type != "text" && type != "select" && type != "time_of_day") {
        refuse_report_extra(field + ".type", "must be text, select or time_of_day");
    }
    out["key"] = key;
    out["type"] = type;
    out["label_cs"] = string_member(item, "label_cs", field, true);
    out["label_en"] = string_member(item, "label_en", field, false);
    const auto required = item.find("required");
    if (required != item.end() && !required->is_boolean())
        refuse_report_extra(field + ".required", "true/false");
    out["required"] = required != item.end() && required->get<bool>();
    if (type == "text") {
        std::size_t length = max_text_length;
        const auto max = item.find("max_length");
        if (max != item.end()) {
            if (!max->is_number_unsigned() || max->get<std::size_t>() < 1 ||
                max->get<std::size_t>() > max_text_length) {
                refuse_report_extra(field + ".max_length", "must be 1 to 500");
            }
            length = max->get<std::size_t>();
        }
        out["max_length"] = length;
    }
    if (type == "select") {
        const auto options = item.find("options");
        if (options == item.end() || !options->is_array() || options->empty() ||
            options->size() > max_options) {
            refuse_report_extra(field + ".options", "a select needs 1 to 30 options");
        }
        json list = json::array();
        for (std::size_t i = 0; i < options->size(); ++i) {
            const std::string option = field + ".options[" + std::to_string(i) + "]";
            const auto& entry = (*options)[i];
            if (!entry.is_object()) refuse_report_extra(option, "must be an object");
            const std::string value = string_member(entry, "value", option, true);
            if (value.empty()) refuse_report_extra(option + ".value", "must not be empty");
            list.push_back({{"value", value},
                            {"label_cs", string_member(entry, "label_cs", option, true)},
                            {"label_en", string_member(entry, "label_en", option, false)}});
        }
        out["options"] = std::move(list);
    }
    return out;
}

json parse(std::string_view text, const std::string& field) {
    try {
        return json::parse(text);
    } catch (const json::exception&) {
        refuse_report_extra(field, "not valid JSON");
    }
}

}  // namespace

std::string validate_extra_fields(std::string_view fields_json) {
    if (fields_json.size() > store::max_category_fields_json_bytes) {
        refuse_report_extra("extra_fields", "too long");
    }
    const json fields = parse(fields_json.empty() ? "[]" : fields_json, "extra_fields");
    if (!fields.is_array()) refuse_report_extra("extra_fields", "must be an array");
    if (fields.size() > max_extra_fields) refuse_report_extra("extra_fields", "at most 10 fields");
    json out = json::array();
    std::set<std::string> keys;
    for (std::size_t i = 0; i < fields.size(); ++i)
        out.push_back(checked_field(fields[i], i, keys));
    return out.dump();
}

std::string validate_extra_values(std::string_view fields_json, std::string_view extra_json) {
    if (extra_json.size() > store::max_report_extra_json_bytes)
        refuse_report_extra("extra", "too long");
    const json values = parse(extra_json.empty() ? "{}" : extra_json, "extra");
    if (!values.is_object()) refuse_report_extra("extra", "must be an object");
    json fields = json::parse(fields_json.empty() ? "[]" : fields_json, nullptr, false);
    if (!fields.is_array()) fields = json::array();
    for (const auto& [key, value] : values.items()) {
        const bool known = std::any_of(fields.begin(), fields.end(), [&](const json& f) {
            return f.is_object() && f.value("key", "") == key;
        });
        if (!known) refuse_report_extra("extra." + key, "this category has no such field");
        if (!value.is_string() && !value.is_null())
            refuse_report_extra("extra." + key, "must be text");
    }
    json out = json::object();
    for (const auto& f : fields) {
        if (!f.is_object()) continue;
        const std::string key = f.value("key", "");
        const std::string field = "extra." + key;
        const auto found = values.find(key);
        std::string value;
        if (found != values.end() && found->is_string()) value = found->get<std::string>();
        if (value.empty()) {
            if (f.value("required", false)) refuse_report_extra(field, "required");
            continue;
        }
        const std::string type = f.value("type", "text");
        if (type == "text") {
            const std::size_t max = f.value("max_length", max_text_length);
            if (value.size() > max)
                refuse_report_extra(field, "at most " + std::to_string(max) + " bytes");
        } else if (type == "time_of_day") {
            if (std::find(times_of_day.begin(), times_of_day.end(), value) == times_of_day.end()) {
                refuse_report_extra(field, "must be morning, afternoon, evening, night or any");
            }
        } else if (type == "select") {
            const auto& options = f.contains("options") ? f["options"] : json::array();
            const bool listed = std::any_of(options.begin(), options.end(), [&](const json& o) {
                return o.is_object() && o.value("value", "") == value;
            });
            if (!listed) refuse_report_extra(field, "not one of the choices");
        }
        out[key] = value;
    }
    return out.dump();
}

}  // namespace okrsek::service::reports
