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
};

}  // namespace okrsek::store
