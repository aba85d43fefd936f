#include "store/postgres/pg_handle.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <utility>

#include "core/error.hpp"

namespace okrsek::store::postgres {
namespace {

using core::Error;
using core::ErrorCode;

template <typename Number>
std::string to_text(Number value) {
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, end);
}

// The password of a "postgresql://user:password@host/…" URI or of a "password=…" keyword,
// found without libpq so that even a malformed setting is scrubbed.
std::string password_of(const std::string& conninfo) {
    std::string password;
    if (PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), nullptr)) {
        for (auto* option = options; option->keyword; ++option) {
            if (std::strcmp(option->keyword, "password") == 0 && option->val) {
                password = option->val;
            }
        }
        PQconninfoFree(options);
    }
    if (!password.empty()) return password;
    const auto scheme = conninfo.find("://");
    if (scheme == std::string::npos) return {};
    const auto at = conninfo.find('@', scheme + 3);
    const auto colon = conninfo.find(':', scheme + 3);
    if (at == std::string::npos || colon == std::string::npos || colon > at) return {};
    return conninfo.substr(colon + 1, at - colon - 1);
}

// Connection failures, server shutdowns, exhausted resources, statement timeouts (57014), lock
// timeouts (55P03) and serialization failures are worth retrying later: unavailable.
// Constraint violations are the caller's data: invalid_input.
ErrorCode code_of(std::string_view sqlstate) {
    if (sqlstate.starts_with("23")) return ErrorCode::invalid_input;
    if (sqlstate.starts_with("08") || sqlstate.starts_with("57") || sqlstate.starts_with("53") ||
        sqlstate.starts_with("40") || sqlstate == "55P03") {
        return ErrorCode::unavailable;
    }
    return ErrorCode::internal;
}

std::string trimmed_pg_handle(const char* text) {
    std::string result = text ? text : "";
    while (!result.empty() && (result.back() == '\n' || result.back() == ' ')) result.pop_back();
    return result;
}

int hex_value(char digit) {
    if (digit >= '0' && digit <= '9') return digit - '0';
    if (digit >= 'a' && digit <= 'f') return digit - 'a' + 10;
    if (digit >= 'A' && digit <= 'F') return digit - 'A' + 10;
    throw Error(ErrorCode::internal, "postgresql: malformed bytea hex value");
}

}  // namespace

Params& Params::add(std::int64_t value) {
    m_values.emplace_back(to_text(value));
    m_formats.push_back(0);
    return *this;
}

Params& Params::add(double value) {
    m_values.emplace_back(to_text(value));  // shortest text that reads back as the same double
    m_formats.push_back(0);
    return *this;
}

Params& Params::add(std::string_view text) {
    m_values.emplace_back(std::string(text));
    m_formats.push_back(0);
    return *this;
}

Params& Params::add(const std::optional<std::int64_t>& value) {
    return value ? add(*value) : add_null();
}

Params& Params::add_binary(std::string_view bytes) {
    m_values.emplace_back(std::string(bytes));
    m_formats.push_back(1);
    return *this;
}

Params& Params::add_null() {
    m_values.emplace_back(std::nullopt);
    m_formats.push_back(0);
    return *this;
}

Result::~Result() {
    PQclear(m_result);
}

Result::Result(Result&& other) noexcept : m_result(std::exchange(other.m_result, nullptr)) {}

Result& Result::operator=(Result&& other) noexcept {
    if (this != &other) {
        PQclear(m_result);
        m_result = std::exchange(other.m_result, nullptr);
    }
    return *this;
}

int Result::rows() const noexcept {
    return PQntuples(m_result);
}

bool Result::is_null(int row, int column) const {
    return PQgetisnull(m_result, row, column) != 0;
}

std::int64_t Result::int64(int row, int column) const {
    const char* value = PQgetvalue(m_result, row, column);
    const int length = PQgetlength(m_result, row, column);
    if (PQfformat(m_result, column) == 0) {
        std::int64_t number = 0;
        const auto [end, ec] = std::from_chars(value, value + length, number);
        if (ec != std::errc{}) throw Error(ErrorCode::internal, "postgresql: not an integer");
        return number;
    }
    // Binary integers are big-endian two's complement of 2, 4 or 8 bytes.
    if (length != 2 && length != 4 && length != 8) {
        throw Error(ErrorCode::internal, "postgresql: unexpected integer size");
    }
    std::uint64_t bits = 0;
    for (int i = 0; i < length; ++i) bits = (bits << 8) | static_cast<unsigned char>(value[i]);
    const int shift = 64 - 8 * length;
    return static_cast<std::int64_t>(bits << shift) >> shift;
}

std::string Result::text(int row, int column) const {
    return std::string(PQgetvalue(m_result, row, column),
                       static_cast<std::size_t>(PQgetlength(m_result, row, column)));
}

std::string Result::bytes(int row, int column) const {
    std::string raw = text(row, column);
    if (PQfformat(m_result, column) != 0) return raw;
    if (!raw.starts_with("\\x") || raw.size() % 2 != 0) {
        throw Error(ErrorCode::internal, "postgresql: bytea not in hex format");
    }
    std::string decoded;
    decoded.reserve(raw.size() / 2 - 1);
    for (std::size_t i = 2; i < raw.size(); i += 2) {
        decoded.push_back(static_cast<char>(hex_value(raw[i]) * 16 + hex_value(raw[i + 1])));
    }
    return decoded;
}

Connection::Connection(const std::string& conninfo, ConnectOptions options)
    : m_conninfo(conninfo), m_options(options), m_password(password_of(conninfo)) {
    reconnect();
}

Connection::~Connection() {
    PQfinish(m_conn);
}

void Connection::reconnect() {
    PQfinish(m_conn);
    m_prepared.clear();
    // Our defaults come first; the conninfo (expanded in place of "dbname") overrides them.
    const std::string timeout = std::to_string(m_options.connect_timeout.count());
    const char* keywords[] = {"connect_timeout", "application_name", "dbname", nullptr};
    const char* values[] = {timeout.c_str(), "okrsek", m_conninfo.c_str(), nullptr};
    m_conn = PQconnectdbParams(keywords, values, 1);
    if (m_conn == nullptr || PQstatus(m_conn) != CONNECTION_OK) {
        std::string message =
            "postgresql: cannot connect: " +
            (m_conn ? trimmed_pg_handle(PQerrorMessage(m_conn)) : "out of memory");
        PQfinish(m_conn);
        m_conn = nullptr;
        throw Error(ErrorCode::unavailable, scrub(std::move(message)));
    }
    // Notices ("relation already exists, skipping") are expected; keep them off stderr.
    PQsetNoticeProcessor(
        m_conn, [](void*, const char*) {}, nullptr);
    // A runaway query must not hold a pooled connection (and a request) forever.
    if (m_options.statement_timeout.count() > 0) {
        execute_script("SET statement_timeout = " +
                       std::to_string(m_options.statement_timeout.count()));
    }
}

bool Connection::healthy() const noexcept {
    return m_conn != nullptr && PQstatus(m_conn) == CONNECTION_OK;
}

std::string Connection::scrub(std::string message) const {
    if (m_password.empty()) return message;
    for (auto pos = message.find(m_password); pos != std::string::npos;
         pos = message.find(m_password, pos)) {
        message.replace(pos, m_password.size(), "***");
    }
    return message;
}

void Connection::fail(pg_result* result, std::string_view what) {
    const char* sqlstate = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    std::string detail = trimmed_pg_handle(result ? PQresultErrorMessage(result) : nullptr);
    if (detail.empty())
        detail = trimmed_pg_handle(m_conn ? PQerrorMessage(m_conn) : "not connected");
    PQclear(result);
    ErrorCode code = sqlstate ? code_of(sqlstate) : ErrorCode::internal;
    if (!healthy()) code = ErrorCode::unavailable;
    throw Error(code, scrub("postgresql: " + std::string(what) + ": " + detail));
}

void Connection::execute_script(const std::string& sql) {
    if (!healthy()) fail(nullptr, "execute");
    PGresult* result = PQexec(m_conn, sql.c_str());
    const auto status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(result, "execute");
    PQclear(result);
}

const std::string& Connection::prepared_name(const std::string& sql) {
    if (auto found = m_prepared.find(sql); found != m_prepared.end()) return found->second;
    std::string name = "okrsek_" + std::to_string(m_prepared.size() + 1);
    PGresult* result = PQprepare(m_conn, name.c_str(), sql.c_str(), 0, nullptr);
    if (PQresultStatus(result) != PGRES_COMMAND_OK) fail(result, "prepare");
    PQclear(result);
    return m_prepared.emplace(sql, std::move(name)).first->second;
}

Result Connection::query(const std::string& sql, const Params& params, ResultFormat format) {
    if (!healthy()) fail(nullptr, "query");
    const std::string& name = prepared_name(sql);
    std::vector<const char*> values;
    std::vector<int> lengths;
    for (const auto& value : params.values()) {
        values.push_back(value ? value->data() : nullptr);
        lengths.push_back(value ? static_cast<int>(value->size()) : 0);
    }
    PGresult* result =
        PQexecPrepared(m_conn, name.c_str(), params.size(), values.data(), lengths.data(),
                       params.formats().data(), static_cast<int>(format));
    const auto status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(result, "query");
    return Result(result);
}

void Connection::copy_from_stdin(const std::string& copy_sql, std::string_view rows) {
    if (!healthy()) fail(nullptr, "copy");
    PGresult* start = PQexec(m_conn, copy_sql.c_str());
    if (PQresultStatus(start) != PGRES_COPY_IN) fail(start, "copy");
    PQclear(start);
    // PQputCopyData takes an int length: send large inputs in pieces.
    constexpr std::size_t piece = 1 << 20;
    bool sent = true;
    for (std::size_t offset = 0; sent && offset < rows.size(); offset += piece) {
        const std::size_t length = std::min(piece, rows.size() - offset);
        sent = PQputCopyData(m_conn, rows.data() + offset, static_cast<int>(length)) == 1;
    }
    // Ending with an error message makes the server abort the COPY, so that its result (and
    // the connection's state) is read the same way.
    if (PQputCopyEnd(m_conn, sent ? nullptr : "okrsek: sending COPY data failed") != 1) {
        fail(nullptr, "copy");
    }
    PGresult* result = PQgetResult(m_conn);
    const auto status = PQresultStatus(result);
    while (PGresult* extra = PQgetResult(m_conn)) PQclear(extra);
    if (status != PGRES_COMMAND_OK) fail(result, "copy");
    PQclear(result);
}

Transaction::Transaction(Connection& connection, Isolation isolation) : m_connection(connection) {
    switch (isolation) {
        case Isolation::read_committed:
            m_connection.execute_script("BEGIN ISOLATION LEVEL READ COMMITTED");
            break;
        case Isolation::serializable:
            m_connection.execute_script("BEGIN ISOLATION LEVEL SERIALIZABLE");
            break;
        case Isolation::snapshot:
            m_connection.execute_script("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
            break;
    }
}

Transaction::~Transaction() {
    if (!m_done) {
        try {
            m_connection.execute_script("ROLLBACK");
        } catch (...) {
            // A broken connection has no transaction left to roll back.
        }
    }
}

void Transaction::commit() {
    m_connection.execute_script("COMMIT");
    m_done = true;
}

}  // namespace okrsek::store::postgres
