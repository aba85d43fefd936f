#pragma once

#include <cstdint>
#include <istream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "service/dump_format.hpp"
#include "store/dump.hpp"

namespace okrsek::service {

/// A malformed dump; the message names the source and the line ("town.dump line 7: …").
class DumpFormatError : public core::Error {
public:
    explicit DumpFormatError(std::string message)
        : core::Error(core::ErrorCode::invalid_input, std::move(message)) {}
};

/// Reads a dump (service/dump_format.hpp) line by line as the store asks for rows. Checks the
/// format itself (JSON, line kinds, row arity, the end marker and its counts, nothing after
/// it); which tables and columns fit the database is the store's to check. Throws
/// DumpFormatError naming the line at fault.
class DumpReader final : public store::RowSource {
public:
    /// Reads and checks the header line. `source_name` goes into messages.
    DumpReader(std::istream& in, std::string source_name);

    const dump_format::Header& header() const noexcept { return m_header; }

    std::optional<store::TableHeader> next_table() override;
    bool next_row(std::vector<store::Value>& values) override;

    /// The number of the line read last (1 is the header).
    std::int64_t line() const noexcept { return m_line; }
    /// "NAME line N: " for messages about the line read last.
    std::string where() const;
    const std::string& source_name() const noexcept { return m_source_name; }
    std::uint64_t bytes() const noexcept { return m_bytes; }

private:
    enum class Kind { table, row, end };

    [[noreturn]] void fail(const std::string& problem) const;
    /// Reads and parses the next line into m_pending; fails at the end of the input.
    void read_line();
    Kind pending_kind() const;
    store::TableHeader table_header() const;
    void check_end_marker();

    std::istream& m_in;
    std::string m_source_name;
    dump_format::Header m_header;
    std::int64_t m_line = 0;
    std::uint64_t m_bytes = 0;
    std::string m_text;
    nlohmann::json m_pending;
    bool m_has_pending = false;  ///< m_pending holds a line not handed out yet
    bool m_ended = false;
    std::size_t m_columns = 0;                   ///< of the current table
    std::map<std::string, std::int64_t> m_rows;  ///< rows read per table
    std::string m_table;                         ///< the current table
};

}  // namespace okrsek::service
