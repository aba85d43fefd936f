#pragma once

// The engine-neutral shape of a database's content, for backups that restore into either
// engine: tables (portable_tables(), in foreign-key order) of rows of plain values. No code
// here knows a table; a new table in a migration needs nothing but its place in
// portable_tables().

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

namespace okrsek::store {

/// The bytes of a BLOB (SQLite) or bytea (PostgreSQL) value; a type of its own so that bytes
/// are never mistaken for text or the other way round.
struct Blob {
    std::string bytes;
    friend bool operator==(const Blob&, const Blob&) = default;
};

/// One stored value: NULL, an integer, a double, text (UTF-8) or bytes. PostgreSQL booleans
/// travel as the integers 0 and 1, as SQLite stores them.
using Value = std::variant<std::monostate, std::int64_t, double, std::string, Blob>;

/// A table and its column names, in the order of the values of its rows.
struct TableHeader {
    std::string name;
    std::vector<std::string> columns;
    friend bool operator==(const TableHeader&, const TableHeader&) = default;
};

/// How many rows a table had in a dump or a restore.
struct TableRowCount {
    std::string table;
    std::int64_t rows = 0;
    friend bool operator==(const TableRowCount&, const TableRowCount&) = default;
};

/// Receives a dump: table(header), then row(values) for each of its rows, table by table.
/// May throw (e.g. a failed write); the dump stops then.
class RowSink {
public:
    virtual ~RowSink() = default;
    virtual void table(const TableHeader& header) = 0;
    /// One row: as many values as the current table has columns.
    virtual void row(std::span<const Value> values) = 0;
};

/// Feeds a restore: next_table(), then next_row() until it returns false, table by table.
/// Implementations throw core::Error(invalid_input) for malformed input.
class RowSource {
public:
    virtual ~RowSource() = default;
    /// The next table; std::nullopt after the last one.
    virtual std::optional<TableHeader> next_table() = 0;
    /// Replaces `values` with the next row of the current table; false when it has no more.
    virtual bool next_row(std::vector<Value>& values) = 0;
};

}  // namespace okrsek::store
