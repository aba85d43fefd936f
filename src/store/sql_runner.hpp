#pragma once

// The small SQL surface that engine-neutral storage code (accounts, audit log) is written
// against: run one statement with $1..$n parameters and read its rows. Each engine adapts its
// connection (sqlite/sqlite_accounts.cpp, postgres/pg_accounts.cpp), so the rules live once and
// both engines follow them alike.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/dump.hpp"
#include "store/migrations.hpp"

namespace okrsek::store {

/// The parameters of one statement, bound to $1..$n in order.
class SqlParams {
public:
    SqlParams& add(std::int64_t value);
    SqlParams& add(std::string_view text);
    SqlParams& add(const std::string& text) { return add(std::string_view(text)); }
    SqlParams& add(const char* text) { return add(std::string_view(text)); }
    SqlParams& add(const std::optional<std::int64_t>& value);
    SqlParams& add(const std::optional<std::string>& text);
    /// 1 or 0: booleans are INTEGER columns on both engines. (Not an add() overload, which a
    /// string literal would silently pick.)
    SqlParams& add_flag(bool value);
    SqlParams& add_blob(std::string_view bytes);
    SqlParams& add_null();

    std::span<const Value> values() const noexcept { return m_values; }

private:
    std::vector<Value> m_values;
};

/// The rows of one statement. Column indices start at 0; read a column only after next()
/// returned true.
class SqlRows {
public:
    virtual ~SqlRows() = default;
    /// Moves to the next row; false after the last one.
    virtual bool next() = 0;
    virtual bool is_null(int column) const = 0;
    virtual std::int64_t int64(int column) const = 0;
    virtual std::string text(int column) const = 0;
    /// A BLOB / bytea column's bytes.
    virtual std::string bytes(int column) const = 0;

    std::optional<std::int64_t> optional_int64(int column) const;
    std::optional<std::string> optional_text(int column) const;
    std::optional<std::string> optional_bytes(int column) const;
};

/// What SqlRunner::bulk_insert() writes: `columns` of `table`. With an `upsert_key`, a row
/// whose key is already stored overwrites that row's other columns (INSERT … ON CONFLICT
/// (key) DO UPDATE); without one, such a row fails the statement.
struct BulkInsertSpec {
    std::string table{};
    std::vector<std::string> columns{};
    std::vector<std::string> upsert_key{};
};

/// Many rows appended to one table, within the transaction of the SqlRunner that made it:
/// add() each value of a row in column order, then end_row(). Rows are sent in batches, so
/// an error (a constraint) may surface at a later end_row() or at flush(). Not thread-safe.
class SqlBulkInsert {
public:
    virtual ~SqlBulkInsert() = default;
    virtual void add(std::int64_t value) = 0;
    /// `text` must stay valid until the next flush(): an engine may keep a view, not a copy.
    virtual void add(std::string_view text) = 0;
    virtual void add_null() = 0;
    /// Ends a row. Throws core::Error(internal) unless it got exactly one value per column.
    virtual void end_row() = 0;
    /// Sends the rows still buffered. Call it before reading the table or committing; rows
    /// left unflushed when the object is destroyed are dropped.
    virtual void flush() = 0;
};

/// One connection, inside whatever transaction the engine began for the work at hand.
class SqlRunner {
public:
    virtual ~SqlRunner() = default;
    virtual Dialect dialect() const noexcept = 0;
    /// Runs one statement at once (its changes are made before this returns) and hands back
    /// its rows. `sql` writes parameters as $1..$n (never a '$' elsewhere). Throws core::Error
    /// as the engine's connection does.
    virtual std::unique_ptr<SqlRows> query(const std::string& sql,
                                           const SqlParams& params = {}) = 0;

    void execute(const std::string& sql, const SqlParams& params = {}) { query(sql, params); }

    /// A fast way to write many rows (imports of millions): SQLite reuses one prepared
    /// multi-row INSERT, PostgreSQL sends COPY. `spec` names trusted identifiers, never input.
    virtual std::unique_ptr<SqlBulkInsert> bulk_insert(const BulkInsertSpec& spec) = 0;
};

/// "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)" for `rows` rows of `spec`, with its
/// ON CONFLICT clause; parameters numbered from $1 (each engine's runner adapts them).
std::string bulk_insert_sql(const BulkInsertSpec& spec, std::size_t rows);

/// " ON CONFLICT (k) DO UPDATE SET a = excluded.a, …" for `spec`; empty without an upsert key.
std::string bulk_upsert_clause(const BulkInsertSpec& spec);

/// "a, b, c": the columns of `spec`.
std::string bulk_column_list(const BulkInsertSpec& spec);

}  // namespace okrsek::store
