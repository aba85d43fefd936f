// PgStore's backup side: migrate_to, dump and restore (see store/dump.hpp).
#include <bit>
#include <charconv>
#include <cstring>

#include "core/error.hpp"
#include "core/time.hpp"
#include "store/migrations.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/table_copy.hpp"

namespace okrsek::store::postgres {
namespace {

using core::Error;
using core::ErrorCode;

// Rows per FETCH: enough to amortise a round trip, few enough to keep memory flat.
constexpr int fetch_rows = 1000;

// Type OIDs from the server's pg_type.dat (stable across versions).
enum class TypeOid : std::int64_t {
    boolean = 16,
    bytea = 17,
    int8 = 20,
    int2 = 21,
    int4 = 23,
    text = 25,
    float4 = 700,
    float8 = 701,
    bpchar = 1042,
    varchar = 1043,
    numeric = 1700,
};

struct Column {
    std::string name;
    TypeOid type;
};

std::vector<Column> columns_of(Connection& connection, const std::string& table) {
    const Result rows = connection.query(
        "SELECT a.attname, CAST(a.atttypid AS BIGINT) FROM pg_attribute a "
        "WHERE a.attrelid = to_regclass(quote_ident($1)) AND a.attnum > 0 "
        "AND NOT a.attisdropped ORDER BY a.attnum",
        Params().add(table));
    std::vector<Column> columns;
    columns.reserve(static_cast<std::size_t>(rows.rows()));
    for (int row = 0; row < rows.rows(); ++row) {
        columns.push_back({rows.text(row, 0), static_cast<TypeOid>(rows.int64(row, 1))});
    }
    return columns;
}

std::vector<std::string> primary_key_of(Connection& connection, const std::string& table) {
    const Result rows = connection.query(
        "SELECT a.attname FROM pg_index i JOIN pg_attribute a "
        "ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) "
        "WHERE i.indrelid = to_regclass(quote_ident($1)) AND i.indisprimary "
        "ORDER BY array_position(CAST(i.indkey AS SMALLINT[]), a.attnum)",
        Params().add(table));
    std::vector<std::string> key;
    key.reserve(static_cast<std::size_t>(rows.rows()));
    for (int row = 0; row < rows.rows(); ++row) key.push_back(rows.text(row, 0));
    return key;
}

// Types read in binary format exactly; every other type (numeric, dates, json…) travels as
// its text form, which PostgreSQL reads back into the same value.
bool read_binary(TypeOid type) {
    switch (type) {
        case TypeOid::boolean:
        case TypeOid::bytea:
        case TypeOid::int8:
        case TypeOid::int2:
        case TypeOid::int4:
        case TypeOid::text:
        case TypeOid::float4:
        case TypeOid::float8:
        case TypeOid::bpchar:
        case TypeOid::varchar:
            return true;
        default:
            return false;
    }
}

std::string select_in_key_order_pg_dump(const std::string& table,
                                        const std::vector<Column>& columns,
                                        const std::vector<std::string>& key) {
    std::string select;
    for (const auto& column : columns) {
        const std::string name = quote_identifier(column.name);
        select += (select.empty() ? "" : ", ") +
                  (read_binary(column.type) ? name : "CAST(" + name + " AS TEXT)");
    }
    // Without a primary key, every column orders the rows: equal rows are interchangeable.
    std::string order;
    if (key.empty()) {
        for (std::size_t i = 1; i <= columns.size(); ++i) {
            order += (order.empty() ? "" : ", ") + std::to_string(i);
        }
    } else {
        order = column_list(key);
    }
    return "SELECT " + select + " FROM " + quote_identifier(table) + " ORDER BY " + order;
}

std::uint64_t big_endian(const std::string& bytes) {
    std::uint64_t bits = 0;
    for (const char byte : bytes) bits = (bits << 8) | static_cast<unsigned char>(byte);
    return bits;
}

// A numeric that is a whole number in range is an integer (as SQLite would store it);
// anything else keeps its exact decimal text.
Value numeric_value(std::string text) {
    std::int64_t number = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec == std::errc{} && end == text.data() + text.size()) return number;
    return text;
}

Value value_at(const Result& rows, int row, int column, TypeOid type) {
    if (rows.is_null(row, column)) return std::monostate{};
    switch (type) {
        case TypeOid::int2:
        case TypeOid::int4:
        case TypeOid::int8:
            return rows.int64(row, column);
        case TypeOid::boolean:
            return std::int64_t{rows.text(row, column) != std::string(1, '\0')};
        case TypeOid::float8:
            return std::bit_cast<double>(big_endian(rows.text(row, column)));
        case TypeOid::float4:
            return static_cast<double>(std::bit_cast<float>(
                static_cast<std::uint32_t>(big_endian(rows.text(row, column)))));
        case TypeOid::bytea:
            return Blob{rows.bytes(row, column)};
        case TypeOid::numeric:
            return numeric_value(rows.text(row, column));
        default:
            return rows.text(row, column);
    }
}

void dump_table(Connection& connection, const std::string& table, RowSink& sink) {
    const std::vector<Column> columns = columns_of(connection, table);
    if (columns.empty()) return;  // a table of a later schema version
    TableHeader header{table, {}};
    for (const auto& column : columns) header.columns.push_back(column.name);
    sink.table(header);
    // A cursor streams the table in slices instead of holding all of it in one result.
    connection.execute_script(
        "DECLARE okrsek_dump NO SCROLL CURSOR FOR " +
        select_in_key_order_pg_dump(table, columns, primary_key_of(connection, table)));
    std::vector<Value> values(columns.size());
    for (;;) {
        const Result rows =
            connection.query("FETCH FORWARD " + std::to_string(fetch_rows) + " FROM okrsek_dump",
                             {}, ResultFormat::binary);
        for (int row = 0; row < rows.rows(); ++row) {
            for (std::size_t i = 0; i < columns.size(); ++i) {
                values[i] = value_at(rows, row, static_cast<int>(i), columns[i].type);
            }
            sink.row(values);
        }
        if (rows.rows() < fetch_rows) break;
    }
    connection.execute_script("CLOSE okrsek_dump");
}

class PgTarget final : public RestoreTarget {
public:
    explicit PgTarget(Connection& connection) : m_connection(connection) {}

    std::vector<std::string> columns(const std::string& table) override {
        std::vector<std::string> names;
        for (auto& column : columns_of(m_connection, table)) names.push_back(column.name);
        return names;
    }

    bool has_rows(const std::string& table) override {
        const Result rows =
            m_connection.query("SELECT EXISTS (SELECT 1 FROM " + quote_identifier(table) + ")");
        return rows.text(0, 0) == "t";
    }

    void begin_table(const TableHeader& header) override {
        std::string placeholders;
        for (std::size_t i = 1; i <= header.columns.size(); ++i) {
            placeholders += (i > 1 ? ", $" : "$") + std::to_string(i);
        }
        // OVERRIDING SYSTEM VALUE: the ids come from the dump, even for GENERATED ALWAYS.
        m_insert = "INSERT INTO " + quote_identifier(header.name) + " (" +
                   column_list(header.columns) + ") OVERRIDING SYSTEM VALUE VALUES (" +
                   placeholders + ")";
    }

    void insert(std::span<const Value> values) override {
        Params params;
        for (const auto& value : values) {
            std::visit(
                [&](const auto& v) {
                    using T = std::decay_t<decltype(v)>;
                    if constexpr (std::is_same_v<T, std::monostate>) {
                        params.add_null();
                    } else if constexpr (std::is_same_v<T, Blob>) {
                        params.add_binary(v.bytes);
                    } else if constexpr (std::is_same_v<T, std::string>) {
                        params.add(std::string_view(v));
                    } else {
                        params.add(v);
                    }
                },
                value);
        }
        m_connection.query(m_insert, params);
    }

private:
    Connection& m_connection;
    std::string m_insert;
};

// Identity (and serial) columns continue after the highest restored value, so that the next
// insert does not collide with a restored id.
void advance_sequences(Connection& connection, const std::string& table) {
    const Result sequences = connection.query(
        "SELECT a.attname, pg_get_serial_sequence(quote_ident($1), a.attname) "
        "FROM pg_attribute a WHERE a.attrelid = to_regclass(quote_ident($1)) "
        "AND a.attnum > 0 AND NOT a.attisdropped "
        "AND pg_get_serial_sequence(quote_ident($1), a.attname) IS NOT NULL",
        Params().add(table));
    for (int row = 0; row < sequences.rows(); ++row) {
        connection.query("SELECT setval(CAST($1 AS REGCLASS), GREATEST(COALESCE(MAX(" +
                             quote_identifier(sequences.text(row, 0)) +
                             "), 0) + 1, 1), false) FROM " + quote_identifier(table),
                         Params().add(sequences.text(row, 1)));
    }
}

// Keeps imports out from the check that the tables are empty until the restore commits;
// readers go on.
void lock_tables(Connection& connection) {
    std::string tables;
    for (const auto table : portable_tables()) {
        if (columns_of(connection, std::string(table)).empty()) continue;
        tables += (tables.empty() ? "" : ", ") + quote_identifier(table);
    }
    if (!tables.empty()) {
        connection.execute_script("LOCK TABLE " + tables + " IN SHARE ROW EXCLUSIVE MODE");
    }
}

}  // namespace

void PgStore::dump(RowSink& sink) {
    // Not with_connection: once rows went to the sink, a retry would write them twice.
    with_transaction(Isolation::snapshot, [&](Connection& connection) {
        for (const auto table : portable_tables()) dump_table(connection, std::string(table), sink);
    });
}

std::vector<TableRowCount> PgStore::restore(RowSource& source) {
    std::vector<TableRowCount> counts;
    with_transaction(Isolation::read_committed, [&](Connection& connection) {
        lock_tables(connection);
        PgTarget target(connection);
        counts = restore_rows(source, target);
        for (const auto& count : counts) advance_sequences(connection, count.table);
    });
    return counts;
}

}  // namespace okrsek::store::postgres
