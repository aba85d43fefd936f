#include "store/sqlite/sqlite_handle.hpp"

#include <sqlite3.h>

#include <limits>

#include "core/error.hpp"

namespace okrsek::store::sqlite {
namespace {

using core::Error;
using core::ErrorCode;

[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what) {
    std::string message =
        "sqlite: " + std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    const int primary = rc & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_CANTOPEN ||
        primary == SQLITE_IOERR || primary == SQLITE_FULL || primary == SQLITE_READONLY) {
        throw Error(ErrorCode::unavailable, message);
    }
    if (primary == SQLITE_CONSTRAINT) throw Error(ErrorCode::invalid_input, message);
    throw Error(ErrorCode::internal, message);
}

int to_int_size(std::size_t size) {
    if (size > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
        throw Error(ErrorCode::payload_too_large, "sqlite: value too large to bind");
    }
    return static_cast<int>(size);
}

}  // namespace

Connection::Connection(const std::string& path) {
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;
    int rc = sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = "cannot open database '" + path +
                              "': " + (m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc));
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        throw Error(ErrorCode::unavailable, message);
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, 5000);
    try {
        execute_script(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
    } catch (...) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        throw;
    }
}

Connection::~Connection() {
    sqlite3_close_v2(m_db);
}

void Connection::execute_script(const std::string& sql) {
    char* message = nullptr;
    int rc = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        std::string text = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        fail(nullptr, rc, text);
    }
}

Statement::Statement(Connection& connection, std::string_view sql) : m_connection(connection) {
    int rc = sqlite3_prepare_v3(connection.get(), sql.data(), to_int_size(sql.size()), 0, &m_stmt,
                                nullptr);
    if (rc != SQLITE_OK) fail(connection.get(), rc, "prepare");
}

Statement::~Statement() {
    sqlite3_finalize(m_stmt);
}

Statement& Statement::bind(int index, std::int64_t value) {
    int rc = sqlite3_bind_int64(m_stmt, index, value);
    if (rc != SQLITE_OK) fail(m_connection.get(), rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, double value) {
    int rc = sqlite3_bind_double(m_stmt, index, value);
    if (rc != SQLITE_OK) fail(m_connection.get(), rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    int rc =
        sqlite3_bind_text(m_stmt, index, text.data(), to_int_size(text.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) fail(m_connection.get(), rc, "bind");
    return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
    int rc =
        sqlite3_bind_blob(m_stmt, index, bytes.data(), to_int_size(bytes.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) fail(m_connection.get(), rc, "bind");
    return *this;
}

Statement& Statement::bind_null(int index) {
    int rc = sqlite3_bind_null(m_stmt, index);
    if (rc != SQLITE_OK) fail(m_connection.get(), rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::int64_t>& value) {
    return value ? bind(index, *value) : bind_null(index);
}

bool Statement::step() {
    int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(m_connection.get(), rc, "step");
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::int64_t Statement::column_int64(int index) const {
    return sqlite3_column_int64(m_stmt, index);
}

double Statement::column_double(int index) const {
    return sqlite3_column_double(m_stmt, index);
}

std::string Statement::column_text(int index) const {
    const auto* text = sqlite3_column_text(m_stmt, index);
    const int size = sqlite3_column_bytes(m_stmt, index);
    return text ? std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size))
                : std::string();
}

std::string_view Statement::column_blob(int index) const {
    const void* data = sqlite3_column_blob(m_stmt, index);
    const int size = sqlite3_column_bytes(m_stmt, index);
    return data ? std::string_view(static_cast<const char*>(data), static_cast<std::size_t>(size))
                : std::string_view();
}

bool Statement::column_is_null(int index) const {
    return sqlite3_column_type(m_stmt, index) == SQLITE_NULL;
}

Transaction::Transaction(Connection& connection) : m_connection(connection) {
    m_connection.execute_script("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
    if (!m_done) {
        try {
            m_connection.execute_script("ROLLBACK");
        } catch (...) {
            // A failed rollback leaves SQLite to roll back when the connection closes.
        }
    }
}

void Transaction::commit() {
    m_connection.execute_script("COMMIT");
    m_done = true;
}

ReadTransaction::ReadTransaction(Connection& connection) : m_connection(connection) {
    m_connection.execute_script("BEGIN DEFERRED");
}

ReadTransaction::~ReadTransaction() {
    try {
        m_connection.execute_script("ROLLBACK");  // nothing was written; just end the snapshot
    } catch (...) {
        // A failed rollback leaves SQLite to end the transaction when the connection closes.
    }
}

}  // namespace okrsek::store::sqlite
