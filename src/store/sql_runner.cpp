#include "store/sql_runner.hpp"

#include <algorithm>

namespace okrsek::store {

SqlParams& SqlParams::add(std::int64_t value) {
    m_values.emplace_back(value);
    return *this;
}

SqlParams& SqlParams::add(std::string_view text) {
    m_values.emplace_back(std::string(text));
    return *this;
}

SqlParams& SqlParams::add(const std::optional<std::int64_t>& value) {
    return value ? add(*value) : add_null();
}

SqlParams& SqlParams::add(const std::optional<std::string>& text) {
    return text ? add(std::string_view(*text)) : add_null();
}

SqlParams& SqlParams::add_flag(bool value) {
    return add(std::int64_t{value ? 1 : 0});
}

SqlParams& SqlParams::add_blob(std::string_view bytes) {
    m_values.emplace_back(Blob{std::string(bytes)});
    return *this;
}

SqlParams& SqlParams::add_null() {
    m_values.emplace_back(std::monostate{});
    return *this;
}

std::optional<std::int64_t> SqlRows::optional_int64(int column) const {
    if (is_null(column)) return std::nullopt;
    return int64(column);
}

std::optional<std::string> SqlRows::optional_text(int column) const {
    if (is_null(column)) return std::nullopt;
    return text(column);
}

std::optional<std::string> SqlRows::optional_bytes(int column) const {
    if (is_null(column)) return std::nullopt;
    return bytes(column);
}

}  // namespace okrsek::store

namespace okrsek::store {

std::string bulk_column_list(const BulkInsertSpec& spec) {
    std::string list;
    for (std::size_t i = 0; i < spec.columns.size(); ++i) {
        list += (i ? ", " : "") + spec.columns[i];
    }
    return list;
}

std::string bulk_upsert_clause(const BulkInsertSpec& spec) {
    if (spec.upsert_key.empty()) return {};
    std::string clause = " ON CONFLICT (";
    for (std::size_t i = 0; i < spec.upsert_key.size(); ++i) {
        clause += (i ? ", " : "") + spec.upsert_key[i];
    }
    clause += ") DO UPDATE SET ";
    bool first = true;
    for (const auto& column : spec.columns) {
        if (std::find(spec.upsert_key.begin(), spec.upsert_key.end(), column) !=
            spec.upsert_key.end()) {
            continue;
        }
        clause.append(first ? "" : ", ").append(column).append(" = excluded.").append(column);
        first = false;
    }
    return clause;
}

std::string bulk_insert_sql(const BulkInsertSpec& spec, std::size_t rows) {
    std::string sql = "INSERT INTO " + spec.table + " (" + bulk_column_list(spec) + ") VALUES ";
    std::size_t parameter = 1;
    for (std::size_t row = 0; row < rows; ++row) {
        sql += row ? ", (" : "(";
        for (std::size_t i = 0; i < spec.columns.size(); ++i) {
            sql += (i ? ", $" : "$") + std::to_string(parameter++);
        }
        sql += ')';
    }
    return sql + bulk_upsert_clause(spec);
}

}  // namespace okrsek::store
