#pragma once

// The engine-neutral half of Store::restore: which tables may come in which order, with which
// columns, into an empty database. Each engine supplies a RestoreTarget working inside its
// one write transaction.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/dump.hpp"

namespace okrsek::store {

/// What restore_rows() needs from an engine. Every call runs inside the engine's restore
/// transaction; any exception rolls all of it back.
class RestoreTarget {
public:
    virtual ~RestoreTarget() = default;
    /// The columns of `table` in the database, in their order; empty when there is no such table.
    virtual std::vector<std::string> columns(const std::string& table) = 0;
    /// True when `table` holds at least one row.
    virtual bool has_rows(const std::string& table) = 0;
    /// Gets ready to insert rows with `header`'s columns (ids included, as given).
    virtual void begin_table(const TableHeader& header) = 0;
    /// Inserts one row of the table begun last.
    virtual void insert(std::span<const Value> values) = 0;
};

/// Copies every table of `source` into `target`. Throws core::Error: invalid_argument when a
/// portable table of the target already holds rows (nothing is read from `source` then);
/// invalid_input for a table that is unknown, out of portable_tables() order, repeated,
/// missing from the target, or whose columns differ from the target's, and for a row with the
/// wrong number of values. Returns the rows inserted per table, in the order of `source`.
std::vector<TableRowCount> restore_rows(RowSource& source, RestoreTarget& target);

/// `name` as a double-quoted SQL identifier (both engines), quotes inside doubled.
std::string quote_identifier(std::string_view name);

/// `"a", "b", "c"`: the quoted names joined for a column list.
std::string column_list(std::span<const std::string> columns);

}  // namespace okrsek::store
