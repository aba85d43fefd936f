#include "cli/command_analyze_input.hpp"

#include <charconv>
#include <cmath>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "core/error.hpp"

namespace okrsek::cli {

namespace {

class LineError {
public:
    explicit LineError(const std::string& file_name) : m_file_name(file_name) {}
    [[noreturn]] void fail(std::size_t line, const std::string& message) const {
        throw core::Error(core::ErrorCode::invalid_input,
                          m_file_name + ":" + std::to_string(line) + ": " + message);
    }

private:
    const std::string& m_file_name;
};

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// Splits one line into fields; false when a quoted field is not closed on the line.
bool split_fields(std::string_view line, std::vector<std::string>& fields) {
    fields.clear();
    std::size_t pos = 0;
    for (;;) {
        std::string field;
        const auto start = line.find_first_not_of(" \t", pos);
        if (start != std::string_view::npos && line[start] == '"') {
            std::size_t k = start + 1;
            for (;; ++k) {
                if (k >= line.size()) return false;
                if (line[k] != '"') {
                    field += line[k];
                } else if (k + 1 < line.size() && line[k + 1] == '"') {
                    field += '"';
                    ++k;
                } else {
                    break;
                }
            }
            pos = line.find(',', k + 1);
        } else {
            const auto end = line.find(',', pos);
            field = std::string(trim(line.substr(pos, end - pos)));
            pos = end;
        }
        fields.push_back(std::move(field));
        if (pos == std::string_view::npos) return true;
        ++pos;
    }
}

std::optional<double> parse_number(std::string_view text) {
    text = trim(text);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() ||
        !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

std::string lower(std::string_view text) {
    std::string result(trim(text));
    for (auto& c : result) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return result;
}

struct Columns {
    std::size_t count = 0;
    std::optional<std::size_t> id, x, y, value;
};

Columns find_columns(const std::vector<std::string>& header, const AnalysisInputRules& rules,
                     const LineError& error, std::size_t line) {
    Columns columns;
    columns.count = header.size();
    for (std::size_t i = 0; i < header.size(); ++i) {
        const auto name = lower(header[i]);
        std::optional<std::size_t>* slot = name == "id"      ? &columns.id
                                           : name == "x"     ? &columns.x
                                           : name == "y"     ? &columns.y
                                           : name == "value" ? &columns.value
                                                             : nullptr;
        if (!slot) continue;
        if (*slot) error.fail(line, "column '" + name + "' appears twice");
        *slot = i;
    }
    const char* missing = !columns.id                     ? "id"
                          : !columns.value                ? "value"
                          : rules.positions && !columns.x ? "x"
                          : rules.positions && !columns.y ? "y"
                                                          : nullptr;
    if (missing) {
        error.fail(line, std::string("the header has no column '") + missing +
                             "' (expected id,x,y,value)");
    }
    return columns;
}

double number_field(const std::vector<std::string>& fields, std::size_t column, const char* name,
                    const LineError& error, std::size_t line) {
    const auto value = parse_number(fields[column]);
    if (!value) error.fail(line, std::string(name) + " is not a number");
    return *value;
}

}  // namespace

AnalysisInput read_analysis_csv(std::istream& in, const std::string& file_name,
                                const AnalysisInputRules& rules) {
    const LineError error(file_name);
    AnalysisInput input;
    std::optional<Columns> columns;
    std::unordered_map<std::string, std::size_t> line_of_id;
    std::vector<std::string> fields;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        if (line.size() > max_analysis_line_bytes) error.fail(number, "line too long");
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
        if (trim(line).empty()) continue;
        if (!split_fields(line, fields)) error.fail(number, "a quoted field is not closed");
        if (!columns) {
            columns = find_columns(fields, rules, error, number);
            continue;
        }
        if (fields.size() != columns->count) {
            error.fail(number, std::to_string(fields.size()) + " fields, the header has " +
                                   std::to_string(columns->count));
        }
        if (input.ids.size() == max_analysis_rows) {
            error.fail(number, "more than " + std::to_string(max_analysis_rows) + " rows");
        }
        auto& id = fields[*columns->id];
        if (id.empty()) error.fail(number, "id is empty");
        if (id.size() > max_analysis_id_length) error.fail(number, "id is too long");
        const auto [seen, fresh] = line_of_id.emplace(id, number);
        if (!fresh) {
            error.fail(number, "id '" + id + "' repeats line " + std::to_string(seen->second));
        }
        const double value = number_field(fields, *columns->value, "value", error, number);
        if (rules.non_negative && value < 0.0) error.fail(number, "value is negative");
        double x = 0.0, y = 0.0;
        if (rules.positions) {
            x = number_field(fields, *columns->x, "x", error, number);
            y = number_field(fields, *columns->y, "y", error, number);
            if (rules.geographic && std::fabs(x) > 180.0) {
                error.fail(number, "x is not a longitude");
            }
            if (rules.geographic && std::fabs(y) > 85.0) {
                error.fail(number, "y is not a latitude (|y| ≤ 85)");
            }
        }
        input.ids.push_back(std::move(id));
        input.x.push_back(x);
        input.y.push_back(y);
        input.values.push_back(value);
    }
    if (in.bad()) throw core::Error(core::ErrorCode::internal, "reading " + file_name + " failed");
    if (!columns) error.fail(1, "the file is empty (expected a header id,x,y,value)");
    if (input.ids.empty()) error.fail(1, "no rows after the header");
    return input;
}

}  // namespace okrsek::cli
