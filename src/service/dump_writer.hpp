#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "service/dump_format.hpp"
#include "store/dump.hpp"

namespace okrsek::service {

/// Writes a dump (service/dump_format.hpp) to a stream as the store hands over its rows.
class DumpWriter final : public store::RowSink {
public:
    /// Writes the header line. Throws core::Error(internal) when the stream fails.
    DumpWriter(std::ostream& out, const dump_format::Header& header);

    void table(const store::TableHeader& header) override;
    /// Throws core::Error(invalid_input) for text that is not UTF-8 (JSON cannot hold it).
    void row(std::span<const store::Value> values) override;

    /// Writes the end marker and flushes. Throws core::Error(internal) when the stream fails.
    void finish();

    const std::vector<store::TableRowCount>& tables() const noexcept { return m_tables; }
    std::uint64_t bytes() const noexcept { return m_bytes; }

private:
    void write_line(const std::string& line);

    std::ostream& m_out;
    std::vector<store::TableRowCount> m_tables;
    std::uint64_t m_bytes = 0;
};

}  // namespace okrsek::service
