// SqliteStore's backup side: migrate_to, dump and restore (see store/dump.hpp).
#include <sqlite3.h>

#include <optional>

#include "core/error.hpp"
#include "core/time.hpp"
#include "store/migrations.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/table_copy.hpp"

namespace okrsek::store::sqlite {
namespace {

using core::Error;
using core::ErrorCode;

// A statement whose result columns keep SQLite's dynamic types, which the Statement wrapper
// does not expose: a dump writes each value with the type it was stored with.
class TypedCursor {
public:
    TypedCursor(Connection& connection, const std::string& sql) : m_db(connection.get()) {
        if (sqlite3_prepare_v2(m_db, sql.c_str(), -1, &m_stmt, nullptr) != SQLITE_OK) {
            fail("prepare");
        }
    }
    ~TypedCursor() { sqlite3_finalize(m_stmt); }
    TypedCursor(const TypedCursor&) = delete;
    TypedCursor& operator=(const TypedCursor&) = delete;

    bool step() {
        const int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW) return true;
        if (rc != SQLITE_DONE) fail("step");
        return false;
    }

    int columns() const { return sqlite3_column_count(m_stmt); }

    Value value(int column) const {
        switch (sqlite3_column_type(m_stmt, column)) {
            case SQLITE_INTEGER:
                return std::int64_t{sqlite3_column_int64(m_stmt, column)};
            case SQLITE_FLOAT:
                return sqlite3_column_double(m_stmt, column);
            case SQLITE_TEXT: {
                // The pointer first, then the size: the documented order for a stable result.
                const auto* text = sqlite3_column_text(m_stmt, column);
                const auto size = static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column));
                return text ? std::string(reinterpret_cast<const char*>(text), size)
                            : std::string();
            }
            case SQLITE_BLOB: {
                const auto* bytes = static_cast<const char*>(sqlite3_column_blob(m_stmt, column));
                const auto size = static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column));
                return Blob{bytes ? std::string(bytes, size) : std::string()};
            }
            default:
                return std::monostate{};
        }
    }

private:
    [[noreturn]] void fail(std::string_view what) const {
        const int primary = sqlite3_extended_errcode(m_db) & 0xff;
        const bool transient =
            primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_IOERR;
        throw Error(transient ? ErrorCode::unavailable : ErrorCode::internal,
                    "sqlite: dump: " + std::string(what) + ": " + sqlite3_errmsg(m_db));
    }

    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

std::vector<std::string> column_names(Connection& connection, const std::string& table,
                                      bool key_only) {
    Statement statement(connection, key_only
                                        ? "SELECT name FROM pragma_table_info(?) "
                                          "WHERE pk > 0 ORDER BY pk"
                                        : "SELECT name FROM pragma_table_info(?) ORDER BY cid");
    statement.bind(1, table);
    std::vector<std::string> names;
    while (statement.step()) names.push_back(statement.column_text(0));
    return names;
}

// Rows by primary key; a table without one by rowid, the order SQLite inserted them in.
std::string select_in_key_order(Connection& connection, const TableHeader& header) {
    const auto key = column_names(connection, header.name, true);
    return "SELECT " + column_list(header.columns) + " FROM " + quote_identifier(header.name) +
           " ORDER BY " + (key.empty() ? std::string("rowid") : column_list(key));
}

class SqliteTarget final : public RestoreTarget {
public:
    explicit SqliteTarget(Connection& connection) : m_connection(connection) {}

    std::vector<std::string> columns(const std::string& table) override {
        return column_names(m_connection, table, false);
    }

    bool has_rows(const std::string& table) override {
        Statement statement(m_connection,
                            "SELECT EXISTS (SELECT 1 FROM " + quote_identifier(table) + ")");
        statement.step();
        return statement.column_int64(0) != 0;
    }

    void begin_table(const TableHeader& header) override {
        std::string placeholders;
        for (std::size_t i = 0; i < header.columns.size(); ++i) placeholders += i ? ", ?" : "?";
        m_insert.reset();
        m_insert.emplace(m_connection, "INSERT INTO " + quote_identifier(header.name) + " (" +
                                           column_list(header.columns) + ") VALUES (" +
                                           placeholders + ")");
    }

    void insert(std::span<const Value> values) override {
        for (std::size_t i = 0; i < values.size(); ++i) bind(static_cast<int>(i + 1), values[i]);
        m_insert->run();
        m_insert->reset();
    }

private:
    void bind(int index, const Value& value) {
        std::visit(
            [&](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::monostate>) {
                    m_insert->bind_null(index);
                } else if constexpr (std::is_same_v<T, Blob>) {
                    m_insert->bind_blob(index, v.bytes);
                } else if constexpr (std::is_same_v<T, std::string>) {
                    m_insert->bind(index, std::string_view(v));
                } else {
                    m_insert->bind(index, v);
                }
            },
            value);
    }

    Connection& m_connection;
    std::optional<Statement> m_insert;
};

}  // namespace

void SqliteStore::dump(RowSink& sink) {
    std::lock_guard lock(m_read_mutex);
    ReadTransaction snapshot(m_reader);
    for (const auto table : portable_tables()) {
        TableHeader header{std::string(table), column_names(m_reader, std::string(table), false)};
        if (header.columns.empty()) continue;  // a table of a later schema version
        sink.table(header);
        TypedCursor cursor(m_reader, select_in_key_order(m_reader, header));
        std::vector<Value> values(static_cast<std::size_t>(cursor.columns()));
        while (cursor.step()) {
            for (std::size_t i = 0; i < values.size(); ++i) {
                values[i] = cursor.value(static_cast<int>(i));
            }
            sink.row(values);
        }
    }
}

std::vector<TableRowCount> SqliteStore::restore(RowSource& source) {
    std::lock_guard lock(m_write_mutex);
    // BEGIN IMMEDIATE takes the write lock first: no import can slip in between the check
    // that the tables are empty and the inserts.
    Transaction transaction(m_writer);
    SqliteTarget target(m_writer);
    auto counts = restore_rows(source, target);
    transaction.commit();
    return counts;
}

}  // namespace okrsek::store::sqlite
