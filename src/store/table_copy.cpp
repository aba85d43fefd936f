#include "store/table_copy.hpp"

#include <algorithm>
#include <cstddef>
#include <iterator>

#include "core/error.hpp"
#include "store/migrations.hpp"

namespace okrsek::store {
namespace {

using core::Error;
using core::ErrorCode;

std::string joined(std::span<const std::string> names) {
    std::string text;
    for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
    return text;
}

std::string portable_order() {
    std::string text;
    for (const auto table : portable_tables()) {
        text += (text.empty() ? "" : ", ") + std::string(table);
    }
    return text;
}

// The position of `table` in portable_tables(), or npos.
std::size_t portable_index(const std::string& table) {
    const auto tables = portable_tables();
    const auto found = std::find(tables.begin(), tables.end(), table);
    return found == tables.end() ? std::string::npos
                                 : static_cast<std::size_t>(found - tables.begin());
}

void check_empty(RestoreTarget& target) {
    std::vector<std::string> filled;
    for (const auto table : portable_tables()) {
        const std::string name(table);
        if (!target.columns(name).empty() && target.has_rows(name)) filled.push_back(name);
    }
    if (!filled.empty()) {
        throw Error(ErrorCode::invalid_argument,
                    "restore needs an empty database, but it already holds rows in " +
                        joined(filled) + "; restore into a new database",
                    "db");
    }
}

void check_columns(const TableHeader& header, std::vector<std::string> expected);

// Checks a table header against the order so far and the target's schema. `next_index` is the
// lowest portable_tables() index the table may have; it moves past the table.
void check_table(const TableHeader& header, RestoreTarget& target, std::size_t& next_index) {
    const std::size_t index = portable_index(header.name);
    if (index == std::string::npos) {
        throw Error(ErrorCode::invalid_input,
                    "unknown table '" + header.name + "' (known: " + portable_order() + ")");
    }
    if (index < next_index) {
        throw Error(ErrorCode::invalid_input, "table '" + header.name +
                                                  "' is out of order or repeated (the order is " +
                                                  portable_order() + ")");
    }
    next_index = index + 1;
    std::vector<std::string> expected = target.columns(header.name);
    if (expected.empty()) {
        throw Error(ErrorCode::invalid_input,
                    "table '" + header.name + "' does not exist in the database");
    }
    check_columns(header, std::move(expected));
}

// The same columns in any order: rows are inserted by column name.
void check_columns(const TableHeader& header, std::vector<std::string> expected) {
    std::vector<std::string> given = header.columns;
    std::sort(given.begin(), given.end());
    std::sort(expected.begin(), expected.end());
    if (given != expected) {
        std::vector<std::string> unknown;
        std::vector<std::string> missing;
        std::set_difference(given.begin(), given.end(), expected.begin(), expected.end(),
                            std::back_inserter(unknown));
        std::set_difference(expected.begin(), expected.end(), given.begin(), given.end(),
                            std::back_inserter(missing));
        std::string problem = unknown.empty() ? "" : "not in the database: " + joined(unknown);
        if (!missing.empty()) {
            problem += (problem.empty() ? "" : "; ") + ("missing: " + joined(missing));
        }
        if (problem.empty()) problem = "a column is repeated";
        throw Error(ErrorCode::invalid_input, "table '" + header.name +
                                                  "': the columns do not match the database's (" +
                                                  problem + ")");
    }
}

// Rows the database rejects (a broken foreign key, a wrong type) are named by table and row.
void insert_row(RestoreTarget& target, const TableRowCount& count, std::span<const Value> values) {
    try {
        target.insert(values);
    } catch (const Error& error) {
        throw Error(error.code(),
                    "table '" + count.table + "' row " + std::to_string(count.rows + 1) + ": " +
                        error.what(),
                    error.field());
    }
}

}  // namespace

std::vector<TableRowCount> restore_rows(RowSource& source, RestoreTarget& target) {
    check_empty(target);
    std::vector<TableRowCount> counts;
    std::size_t next_index = 0;
    std::vector<Value> values;
    while (auto header = source.next_table()) {
        check_table(*header, target, next_index);
        target.begin_table(*header);
        TableRowCount count{header->name, 0};
        while (source.next_row(values)) {
            if (values.size() != header->columns.size()) {
                throw Error(ErrorCode::invalid_input,
                            "table '" + header->name + "' row " + std::to_string(count.rows + 1) +
                                ": " + std::to_string(values.size()) + " values for " +
                                std::to_string(header->columns.size()) + " columns");
            }
            insert_row(target, count, values);
            ++count.rows;
        }
        counts.push_back(std::move(count));
    }
    return counts;
}

std::string quote_identifier(std::string_view name) {
    std::string quoted = "\"";
    for (const char c : name) {
        quoted += c;
        if (c == '"') quoted += '"';
    }
    return quoted + '"';
}

std::string column_list(std::span<const std::string> columns) {
    std::string text;
    for (const auto& column : columns)
        text += (text.empty() ? "" : ", ") + quote_identifier(column);
    return text;
}

}  // namespace okrsek::store
