#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct pg_conn;
struct pg_result;

namespace okrsek::store::postgres {

/// The parameters of one query, bound to $1..$n in order. Text values go in PostgreSQL's text
/// format; binary values (bytea) as raw bytes.
class Params {
public:
    Params& add(std::int64_t value);
    Params& add(double value);
    Params& add(std::string_view text);
    Params& add(const std::optional<std::int64_t>& value);
    Params& add_binary(std::string_view bytes);
    Params& add_null();

    int size() const noexcept { return static_cast<int>(m_values.size()); }
    const std::vector<std::optional<std::string>>& values() const noexcept { return m_values; }
    const std::vector<int>& formats() const noexcept { return m_formats; }

private:
    std::vector<std::optional<std::string>> m_values;
    std::vector<int> m_formats;  ///< 0 text, 1 binary, per parameter
};

/// How the server sends result columns: text (the default) or binary (cheap for bytea).
enum class ResultFormat { text = 0, binary = 1 };

/// A query's result (RAII PGresult). Row and column indices start at 0.
class Result {
public:
    explicit Result(pg_result* result) noexcept : m_result(result) {}
    ~Result();
    Result(Result&& other) noexcept;
    Result& operator=(Result&& other) noexcept;
    Result(const Result&) = delete;
    Result& operator=(const Result&) = delete;

    int rows() const noexcept;
    bool is_null(int row, int column) const;
    /// A bigint/integer column, in either format.
    std::int64_t int64(int row, int column) const;
    std::string text(int row, int column) const;
    /// A bytea column: raw bytes in binary format, hex-decoded in text format.
    std::string bytes(int row, int column) const;

private:
    pg_result* m_result = nullptr;
};

/// Session settings okrsek adds to every connection. Settings in the conninfo itself
/// (e.g. "?connect_timeout=2") win over these.
struct ConnectOptions {
    std::chrono::seconds connect_timeout{5};         ///< 0: wait as long as the OS does
    std::chrono::milliseconds statement_timeout{0};  ///< 0: no limit
};

/// One PostgreSQL connection (RAII PGconn). Queries run as prepared statements, prepared once
/// per connection on first use. Errors throw core::Error: unavailable when the server cannot
/// be reached, invalid_input for constraint violations (SQLSTATE 23xxx), internal otherwise.
/// Messages never contain the password from the connection string.
class Connection {
public:
    /// Connects. Throws core::Error(unavailable) when it cannot.
    explicit Connection(const std::string& conninfo, ConnectOptions options = {});
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    /// Runs one or more statements without parameters (schema, transaction control).
    void execute_script(const std::string& sql);

    /// Runs one statement with $1..$n parameters.
    Result query(const std::string& sql, const Params& params = {},
                 ResultFormat format = ResultFormat::text);

    /// Runs `copy_sql` ("COPY t (a, b) FROM STDIN") and sends `rows` as its input, in COPY's
    /// text format (tab-separated, "\N" for NULL, a newline after each row). Throws as query().
    void copy_from_stdin(const std::string& copy_sql, std::string_view rows);

    /// False once the connection is broken (server restart, network failure).
    bool healthy() const noexcept;

    /// Reconnects with the same settings. Throws core::Error(unavailable) when it cannot.
    void reconnect();

private:
    [[noreturn]] void fail(pg_result* result, std::string_view what);
    std::string scrub(std::string message) const;
    const std::string& prepared_name(const std::string& sql);

    std::string m_conninfo;
    ConnectOptions m_options;
    std::string m_password;  ///< only to remove it from error messages
    pg_conn* m_conn = nullptr;
    std::unordered_map<std::string, std::string> m_prepared;  ///< SQL → statement name
};

/// The isolation level of a Transaction. `snapshot` is REPEATABLE READ READ ONLY: every
/// statement sees the database as it was at the first one (consistent multi-query reads).
enum class Isolation { read_committed, serializable, snapshot };

/// BEGIN … COMMIT; rolls back in the destructor unless committed.
class Transaction {
public:
    explicit Transaction(Connection& connection, Isolation isolation = Isolation::read_committed);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Connection& m_connection;
    bool m_done = false;
};

}  // namespace okrsek::store::postgres
