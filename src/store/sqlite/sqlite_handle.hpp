#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace okrsek::store::sqlite {

/// An open SQLite connection (RAII). WAL journal, foreign keys on, a busy timeout.
class Connection {
public:
    /// Opens or creates the file. Throws core::Error(unavailable) when it cannot.
    explicit Connection(const std::string& path);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    /// Runs one or more statements without parameters (schema, pragmas).
    void execute_script(const std::string& sql);

    sqlite3* get() const noexcept { return m_db; }

private:
    sqlite3* m_db = nullptr;
};

/// A prepared statement (RAII). Bind indices start at 1, column indices at 0.
class Statement {
public:
    Statement(Connection& connection, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bind_blob(int index, std::string_view bytes);
    Statement& bind_null(int index);
    Statement& bind(int index, const std::optional<std::int64_t>& value);

    /// Advances to the next row; false when done. Throws core::Error on failure.
    bool step();
    /// step() for statements that return no rows.
    void run();
    void reset();

    std::int64_t column_int64(int index) const;
    double column_double(int index) const;
    std::string column_text(int index) const;
    std::string_view column_blob(int index) const;
    bool column_is_null(int index) const;

private:
    Connection& m_connection;
    sqlite3_stmt* m_stmt = nullptr;
};

/// BEGIN IMMEDIATE … COMMIT; rolls back in the destructor unless committed.
class Transaction {
public:
    explicit Transaction(Connection& connection);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Connection& m_connection;
    bool m_done = false;
};

/// BEGIN (deferred) … COMMIT for reads: every statement inside sees one snapshot of the file,
/// even while another connection commits an import. Ends (ROLLBACK) in the destructor.
class ReadTransaction {
public:
    explicit ReadTransaction(Connection& connection);
    ~ReadTransaction();
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;

private:
    Connection& m_connection;
};

}  // namespace okrsek::store::sqlite
