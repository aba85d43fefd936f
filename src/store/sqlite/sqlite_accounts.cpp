// SqliteStore's SQL access for AccountStore (store/accounts.hpp): one adapter of the
// engine-neutral SqlRunner, and the transactions it runs in.
#include <sqlite3.h>

#include <cctype>

#include "store/sql_runner.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace okrsek::store::sqlite {
namespace {

// "$12" → "?12": SQLite numbers "?NNN" parameters as written, as PostgreSQL does "$NNN".
std::string sqlite_placeholders(const std::string& sql) {
    std::string result = sql;
    for (std::size_t i = 0; i + 1 < result.size(); ++i) {
        if (result[i] == '$' && std::isdigit(static_cast<unsigned char>(result[i + 1]))) {
            result[i] = '?';
        }
    }
    return result;
}

class SqliteRows final : public SqlRows {
public:
    SqliteRows(Connection& connection, const std::string& sql, const SqlParams& params)
        : m_statement(connection, sqlite_placeholders(sql)) {
        int index = 1;
        for (const auto& value : params.values()) bind(index++, value);
        // The first step runs the statement (an UPDATE … RETURNING makes all of its changes
        // here), so that query() has done its work even when nobody reads a row.
        m_has_row = m_statement.step();
    }

    bool next() override {
        if (m_first) {
            m_first = false;
            return m_has_row;
        }
        if (m_has_row) m_has_row = m_statement.step();
        return m_has_row;
    }
    bool is_null(int column) const override { return m_statement.column_is_null(column); }
    std::int64_t int64(int column) const override { return m_statement.column_int64(column); }
    std::string text(int column) const override { return m_statement.column_text(column); }
    std::string bytes(int column) const override {
        return std::string(m_statement.column_blob(column));
    }

private:
    void bind(int index, const Value& value) {
        std::visit(
            [&](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::monostate>) {
                    m_statement.bind_null(index);
                } else if constexpr (std::is_same_v<T, Blob>) {
                    m_statement.bind_blob(index, v.bytes);
                } else if constexpr (std::is_same_v<T, std::string>) {
                    m_statement.bind(index, std::string_view(v));
                } else {
                    m_statement.bind(index, v);
                }
            },
            value);
    }

    Statement m_statement;
    bool m_has_row = false;
    bool m_first = true;
};

class SqliteRunner final : public SqlRunner {
public:
    explicit SqliteRunner(Connection& connection) : m_connection(connection) {}
    Dialect dialect() const noexcept override { return Dialect::sqlite; }
    std::unique_ptr<SqlRows> query(const std::string& sql, const SqlParams& params) override {
        return std::make_unique<SqliteRows>(m_connection, sql, params);
    }

private:
    Connection& m_connection;
};

}  // namespace

// BEGIN IMMEDIATE takes the database's write lock at once, so writers (threads of this
// process behind the mutex, other processes behind the lock) run one after another: this is
// what keeps the audit chain from forking on SQLite.
void SqliteStore::run_write(const std::function<void(SqlRunner&)>& work) {
    std::lock_guard lock(m_write_mutex);
    Transaction transaction(m_writer);
    SqliteRunner runner(m_writer);
    work(runner);
    transaction.commit();
}

void SqliteStore::run_read(const std::function<void(SqlRunner&)>& work) {
    std::lock_guard lock(m_read_mutex);
    SqliteRunner runner(m_reader);
    work(runner);
}

// A connection of its own: a long read (verifying the whole audit log) must not hold the
// shared reader, which every session lookup needs.
void SqliteStore::run_snapshot(const std::function<void(SqlRunner&)>& work) {
    std::string path;
    {
        std::lock_guard lock(m_read_mutex);
        const char* file = sqlite3_db_filename(m_reader.get(), "main");
        path = file ? file : "";
    }
    if (path.empty()) {  // an in-memory database has no second connection
        std::lock_guard lock(m_read_mutex);
        ReadTransaction snapshot(m_reader);
        SqliteRunner runner(m_reader);
        work(runner);
        return;
    }
    Connection connection(path);
    ReadTransaction snapshot(connection);
    SqliteRunner runner(connection);
    work(runner);
}

}  // namespace okrsek::store::sqlite
