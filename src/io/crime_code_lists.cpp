#include "io/crime_code_lists.hpp"

#include <cctype>
#include <charconv>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/error.hpp"

namespace okrsek::io {
namespace {

using core::Error;
using core::ErrorCode;
using nlohmann::json;

// An item as read, before the hierarchy is resolved.
struct RawCode {
    std::int64_t code = 0;
    std::vector<std::int64_t> ancestors;
    std::string name;
    std::string label;
};

[[noreturn]] void fail_crime_code_lists(std::string_view file, const std::string& message) {
    throw Error(ErrorCode::invalid_input, std::string(file) + ": " + message, "file");
}

std::string_view trimmed_crime_code_lists(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\r')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.remove_suffix(1);
    return text;
}

std::optional<std::int64_t> integer_of(std::string_view text) {
    text = trimmed_crime_code_lists(text);
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size()) return {};
    return value;
}

std::optional<std::int64_t> json_integer(const json& value) {
    if (value.is_number_integer()) return value.get<std::int64_t>();
    if (value.is_string()) return integer_of(std::string_view(value.get_ref<const std::string&>()));
    return std::nullopt;
}

std::string name_of(const json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_object() && value.contains("cs") && value["cs"].is_string()) {
        return value["cs"].get<std::string>();
    }
    return {};
}

void read_json_items(const json& items, std::optional<std::int64_t> parent,
                     std::vector<RawCode>& out, std::string_view file) {
    if (!items.is_array()) fail_crime_code_lists(file, "\"polozky\" is not an array");
    for (const auto& item : items) {
        if (!item.is_object()) fail_crime_code_lists(file, "an item is not an object");
        RawCode raw;
        std::optional<std::int64_t> code;
        for (const char* key : {"id", "kod", "code"}) {
            if (!code && item.contains(key)) code = json_integer(item[key]);
        }
        if (!code)
            fail_crime_code_lists(
                file, "item " + std::to_string(out.size() + 1) + " has no integer code");
        raw.code = *code;
        for (const char* key : {"nazev", "name", "label"}) {
            if (raw.name.empty() && item.contains(key)) raw.name = name_of(item[key]);
        }
        if (item.contains("label")) raw.label = name_of(item["label"]);
        if (parent) raw.ancestors.push_back(*parent);
        for (const char* key :
             {"parent_id1", "parent_id2", "parent_id3", "parent_id", "parent", "nadrazeny"}) {
            if (!item.contains(key)) continue;
            const auto ancestor = json_integer(item[key]);
            if (ancestor && *ancestor != 0 && *ancestor != raw.code) {
                raw.ancestors.push_back(*ancestor);
            }
        }
        out.push_back(std::move(raw));
        if (out.size() > max_crime_code_entries) fail_crime_code_lists(file, "too many codes");
        if (item.contains("polozky")) read_json_items(item["polozky"], *code, out, file);
    }
}

std::vector<RawCode> read_json(std::string_view text, std::string_view file) {
    json document;
    try {
        document = json::parse(text);
    } catch (const json::exception& error) {
        fail_crime_code_lists(file, std::string("not JSON: ") + error.what());
    }
    std::vector<RawCode> raw;
    if (document.is_object() && document.contains("polozky")) {
        read_json_items(document["polozky"], std::nullopt, raw, file);
    } else if (document.is_array()) {
        read_json_items(document, std::nullopt, raw, file);
    } else {
        fail_crime_code_lists(file, "no \"polozky\" array");
    }
    return raw;
}

// Splits at `delimiter`, with RFC 4180 quotes on one line.
std::vector<std::string> csv_fields(std::string_view line, char delimiter) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back().push_back('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back().push_back(c);
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == delimiter) {
            fields.emplace_back();
        } else {
            fields.back().push_back(c);
        }
    }
    return fields;
}

std::vector<RawCode> read_csv(std::string_view text, std::string_view file) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    std::vector<std::string_view> lines;
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t end = text.find('\n', at);
        lines.push_back(trimmed_crime_code_lists(
            text.substr(at, end == std::string_view::npos ? end : end - at)));
        at = end == std::string_view::npos ? text.size() : end + 1;
    }
    if (lines.empty()) fail_crime_code_lists(file, "empty file");
    const char delimiter = lines[0].find(';') != std::string_view::npos ? ';' : ',';
    const auto header = csv_fields(lines[0], delimiter);
    std::map<std::string, std::size_t> column;
    for (std::size_t i = 0; i < header.size(); ++i)
        column[std::string(trimmed_crime_code_lists(header[i]))] = i;
    if (!column.contains("id")) fail_crime_code_lists(file, "line 1: no column 'id'");
    const auto name_column = column.contains("name") ? column.find("name") : column.find("label");
    if (name_column == column.end())
        fail_crime_code_lists(file, "line 1: no column 'name' or 'label'");
    std::vector<RawCode> raw;
    for (std::size_t line = 1; line < lines.size(); ++line) {
        if (lines[line].empty()) continue;
        const auto fields = csv_fields(lines[line], delimiter);
        const auto get = [&](const std::string& name) -> std::string_view {
            const auto found = column.find(name);
            if (found == column.end() || found->second >= fields.size()) return {};
            return trimmed_crime_code_lists(fields[found->second]);
        };
        const auto code = integer_of(get("id"));
        if (!code)
            fail_crime_code_lists(file,
                                  "line " + std::to_string(line + 1) + ": id is not an integer");
        RawCode entry{*code, {}, std::string(get(name_column->first)), std::string(get("label"))};
        for (const char* key : {"parent_id1", "parent_id2", "parent_id3", "parent_id"}) {
            const auto ancestor = integer_of(get(key));
            if (ancestor && *ancestor != 0 && *ancestor != *code) {
                entry.ancestors.push_back(*ancestor);
            }
        }
        raw.push_back(std::move(entry));
        if (raw.size() > max_crime_code_entries) fail_crime_code_lists(file, "too many codes");
    }
    return raw;
}

// The direct parent: of the ancestors, the one with the most ancestors of its own (the
// deepest); the last given when none is listed.
std::optional<std::int64_t> direct_parent(const RawCode& code,
                                          const std::map<std::int64_t, const RawCode*>& by_code) {
    std::optional<std::int64_t> parent;
    std::size_t depth = 0;
    for (const auto ancestor : code.ancestors) {
        const auto found = by_code.find(ancestor);
        const std::size_t its_depth = found == by_code.end() ? 0 : found->second->ancestors.size();
        if (!parent || its_depth >= depth) {
            parent = ancestor;
            depth = its_depth;
        }
    }
    return parent;
}

std::vector<CrimeCodeEntry> resolve(const std::vector<RawCode>& raw, std::string_view file) {
    std::map<std::int64_t, const RawCode*> by_code;
    for (const auto& code : raw) {
        if (code.name.empty())
            fail_crime_code_lists(file, "code " + std::to_string(code.code) + " has no name");
        if (!by_code.emplace(code.code, &code).second) {
            fail_crime_code_lists(file, "code " + std::to_string(code.code) + " is listed twice");
        }
    }
    std::map<std::int64_t, std::optional<std::int64_t>> parent_of;
    for (const auto& code : raw) parent_of[code.code] = direct_parent(code, by_code);
    std::vector<CrimeCodeEntry> entries;
    for (const auto& code : raw) {
        CrimeCodeEntry entry{code.code, parent_of[code.code], 1, code.name, code.label};
        for (auto up = entry.parent; up;) {
            if (++entry.level > 4) {
                fail_crime_code_lists(file, "code " + std::to_string(code.code) +
                                                " lies deeper than 4 levels (or in a cycle)");
            }
            const auto found = parent_of.find(*up);
            up = found == parent_of.end() ? std::nullopt : found->second;
        }
        entries.push_back(std::move(entry));
    }
    return entries;
}

}  // namespace

std::vector<CrimeCodeEntry> read_crime_code_list(std::string_view text,
                                                 std::string_view file_name) {
    if (text.size() > max_crime_code_list_bytes)
        fail_crime_code_lists(file_name, "larger than 16 MiB");
    std::size_t first = 0;
    if (text.starts_with("\xEF\xBB\xBF")) first = 3;
    while (first < text.size() && std::isspace(static_cast<unsigned char>(text[first]))) ++first;
    if (first == text.size()) fail_crime_code_lists(file_name, "empty file");
    const bool is_json = text[first] == '{' || text[first] == '[';
    const auto raw = is_json ? read_json(text.substr(first), file_name) : read_csv(text, file_name);
    return resolve(raw, file_name);
}

}  // namespace okrsek::io
