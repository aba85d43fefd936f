#include "service/dump_writer.hpp"

#include "core/error.hpp"

namespace okrsek::service {
namespace {

using core::Error;
using core::ErrorCode;
using nlohmann::ordered_json;

}  // namespace

DumpWriter::DumpWriter(std::ostream& out, const dump_format::Header& header) : m_out(out) {
    write_line(dump_format::header_json(header).dump());
}

void DumpWriter::table(const store::TableHeader& header) {
    write_line(ordered_json{{"table", header.name}, {"columns", header.columns}}.dump());
    m_tables.push_back({header.name, 0});
}

void DumpWriter::row(std::span<const store::Value> values) {
    auto& current = m_tables.back();
    ordered_json line = ordered_json::array();
    for (const auto& value : values) line.push_back(dump_format::to_json(value));
    try {
        write_line(line.dump());
    } catch (const nlohmann::json::type_error&) {
        // SQLite stores whatever bytes it is given as text; JSON strings must be UTF-8.
        throw Error(ErrorCode::invalid_input, "table '" + current.table + "' row " +
                                                  std::to_string(current.rows + 1) +
                                                  ": text that is not valid UTF-8");
    }
    ++current.rows;
}

void DumpWriter::finish() {
    ordered_json rows = ordered_json::object();
    for (const auto& table : m_tables) rows[table.table] = table.rows;
    write_line(ordered_json{{"end", dump_format::format_name}, {"rows", rows}}.dump());
    m_out.flush();
    if (!m_out) throw Error(ErrorCode::internal, "writing the dump failed");
}

void DumpWriter::write_line(const std::string& line) {
    m_out.write(line.data(), static_cast<std::streamsize>(line.size()));
    m_out.put('\n');
    if (!m_out) throw Error(ErrorCode::internal, "writing the dump failed");
    m_bytes += line.size() + 1;
}

}  // namespace okrsek::service
