#include "service/dump_reader.hpp"

#include <limits>
#include <stdexcept>

namespace okrsek::service {
namespace {

using nlohmann::json;

}  // namespace

DumpReader::DumpReader(std::istream& in, std::string source_name)
    : m_in(in), m_source_name(std::move(source_name)) {
    if (m_in.peek() == std::char_traits<char>::eof()) {
        m_line = 1;
        fail("the input is empty, not an okrsek dump");
    }
    try {
        read_line();
    } catch (const DumpFormatError&) {
        fail("not an okrsek dump (the first line is not JSON)");
    }
    const json& header = m_pending;
    if (!header.is_object() || !header.contains("format") ||
        header["format"] != dump_format::format_name) {
        fail("not an okrsek dump (the first line has no \"format\":\"okrsek-dump\")");
    }
    const auto integer = [&](const char* name) {
        if (!header.contains(name) || !header[name].is_number_integer()) {
            fail(std::string("the header has no integer \"") + name + "\"");
        }
        return header[name].get<std::int64_t>();
    };
    const auto version = integer("format_version");
    if (version < 1 || version > dump_format::format_version) {
        fail("dump format version " + std::to_string(version) + " is not one this okrsek reads (" +
             std::to_string(dump_format::format_version) + ")");
    }
    const auto schema = integer("schema_version");
    if (schema < 0 || schema > std::numeric_limits<int>::max()) fail("bad \"schema_version\"");
    m_header.format_version = static_cast<int>(version);
    m_header.schema_version = static_cast<int>(schema);
    const auto text = [&](const char* name) {
        return header.contains(name) && header[name].is_string() ? header[name].get<std::string>()
                                                                 : std::string();
    };
    m_header.okrsek_version = text("okrsek_version");
    m_header.engine = text("engine");
    m_header.created_at_utc = text("created_at");
    m_has_pending = false;
}

std::string DumpReader::where() const {
    return m_source_name + " line " + std::to_string(m_line) + ": ";
}

void DumpReader::fail(const std::string& problem) const {
    throw DumpFormatError(where() + problem);
}

void DumpReader::read_line() {
    if (!std::getline(m_in, m_text)) {
        if (m_in.bad()) {
            throw core::Error(core::ErrorCode::internal, "reading " + m_source_name + " failed");
        }
        ++m_line;
        fail("the dump ends without its end marker (it is truncated)");
    }
    ++m_line;
    m_bytes += m_text.size() + (m_in.eof() ? 0 : 1);
    try {
        m_pending = json::parse(m_text);
    } catch (const json::parse_error& error) {
        fail("not valid JSON (at byte " + std::to_string(error.byte) + ")");
    }
    m_has_pending = true;
}

DumpReader::Kind DumpReader::pending_kind() const {
    if (m_pending.is_array()) return Kind::row;
    if (m_pending.is_object() && m_pending.contains("table")) return Kind::table;
    if (m_pending.is_object() && m_pending.contains("end")) return Kind::end;
    fail("expected a table header {\"table\":…}, a row […] or the end marker {\"end\":…}");
}

store::TableHeader DumpReader::table_header() const {
    store::TableHeader header;
    const json& table = m_pending["table"];
    if (!table.is_string() || table.get<std::string>().empty()) {
        fail("\"table\" must be a table name");
    }
    header.name = table.get<std::string>();
    if (!m_pending.contains("columns") || !m_pending["columns"].is_array() ||
        m_pending["columns"].empty()) {
        fail("table '" + header.name + "' has no \"columns\" list");
    }
    for (const auto& column : m_pending["columns"]) {
        if (!column.is_string()) fail("table '" + header.name + "': column names must be strings");
        header.columns.push_back(column.get<std::string>());
    }
    return header;
}

std::optional<store::TableHeader> DumpReader::next_table() {
    if (m_ended) return std::nullopt;
    if (!m_has_pending) read_line();
    m_has_pending = false;
    switch (pending_kind()) {
        case Kind::row:
            fail("a row where a table header or the end marker belongs");
        case Kind::end:
            check_end_marker();
            m_ended = true;
            return std::nullopt;
        case Kind::table:
            break;
    }
    store::TableHeader header = table_header();
    m_table = header.name;
    m_columns = header.columns.size();
    m_rows.try_emplace(m_table, 0);
    return header;
}

bool DumpReader::next_row(std::vector<store::Value>& values) {
    if (m_ended || m_has_pending) return false;
    read_line();
    if (pending_kind() != Kind::row) return false;  // the next table's header, or the end
    m_has_pending = false;
    if (m_pending.size() != m_columns) {
        fail(std::to_string(m_pending.size()) + " values, but table '" + m_table + "' has " +
             std::to_string(m_columns) + " columns");
    }
    values.clear();
    for (std::size_t i = 0; i < m_pending.size(); ++i) {
        try {
            values.push_back(dump_format::from_json(m_pending[i]));
        } catch (const std::invalid_argument& error) {
            fail("value " + std::to_string(i + 1) + " of table '" + m_table + "': " + error.what());
        }
    }
    ++m_rows[m_table];
    return true;
}

void DumpReader::check_end_marker() {
    if (m_pending["end"] != dump_format::format_name || !m_pending.contains("rows") ||
        !m_pending["rows"].is_object()) {
        fail("the end marker must be {\"end\":\"okrsek-dump\",\"rows\":{…}}");
    }
    const json& counted = m_pending["rows"];
    for (const auto& [table, count] : counted.items()) {
        const auto seen = m_rows.find(table);
        if (seen == m_rows.end()) {
            fail("the end marker counts table '" + table + "', which the dump does not hold");
        }
        if (!count.is_number_integer() || count.get<std::int64_t>() != seen->second) {
            fail("the end marker counts " + count.dump() + " rows of table '" + table +
                 "', but the dump holds " + std::to_string(seen->second));
        }
    }
    for (const auto& [table, rows] : m_rows) {
        if (!counted.contains(table)) fail("the end marker has no count for table '" + table + "'");
    }
    if (std::getline(m_in, m_text)) {
        ++m_line;
        fail("more lines after the end marker");
    }
}

}  // namespace okrsek::service
