#include "io/ruian_addresses.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "io/ruian_fields.hpp"

namespace okrsek::io {
namespace {

using core::Error;
using core::ErrorCode;

constexpr std::size_t read_chunk_bytes = 1 << 20;

// S-JTSK in Czechia with a margin: westing Y 430–910 km, southing X 930–1260 km. The ranges
// do not overlap, which is how Y is told from X whatever the column says.
constexpr double min_y_m = 400000.0;
constexpr double max_y_m = 950000.0;
constexpr double min_x_m = 900000.0;
constexpr double max_x_m = 1300000.0;

double rounded_7_ruian_addresses(double degrees) {
    return std::round(degrees * 1e7) / 1e7;
}

}  // namespace

std::string_view to_string(RuianHeaderGeneration generation) noexcept {
    switch (generation) {
        case RuianHeaderGeneration::mop_2018:
            return "2018 (Kód MOP)";
        case RuianHeaderGeneration::prague_districts_2020:
            return "2020 (Kód obvodu Prahy)";
        case RuianHeaderGeneration::names_only:
            return "names only (no MOP and street codes)";
    }
    return "names only (no MOP and street codes)";
}

RuianAddressReader::RuianAddressReader(std::istream& in, std::string file_name,
                                       const geo::SjtskToWgs84& to_wgs84)
    : m_in(in), m_file_name(std::move(file_name)), m_to_wgs84(to_wgs84) {
    m_buffer.reserve(read_chunk_bytes + max_ruian_line_bytes);
    read_header();
}

bool RuianAddressReader::fill() {
    if (m_eof) return false;
    m_buffer.erase(0, m_begin);
    m_begin = 0;
    const std::size_t kept = m_buffer.size();
    m_buffer.resize(kept + read_chunk_bytes);
    m_in.read(m_buffer.data() + kept, static_cast<std::streamsize>(read_chunk_bytes));
    const auto got = static_cast<std::size_t>(m_in.gcount());
    m_buffer.resize(kept + got);
    if (m_in.bad()) {
        throw Error(ErrorCode::invalid_input, m_file_name + ": read error", "file");
    }
    if (!m_in) m_eof = true;
    m_bytes_read += got;
    return got > 0;
}

// A line without its end (LF or CRLF). A line over the limit is skipped whole and reported
// once, so that one runaway line cannot make the reader hold a whole file.
RuianAddressReader::LineStatus RuianAddressReader::next_line(std::string_view& line) {
    for (;;) {
        const char* start = m_buffer.data() + m_begin;
        const std::size_t available = m_buffer.size() - m_begin;
        const std::size_t newline = std::string_view(start, available).find('\n');
        const bool found = newline != std::string_view::npos;
        if (found || (m_eof && (available > 0 || m_skipping))) {
            const std::size_t length = found ? newline : available;
            m_begin += found ? length + 1 : length;
            ++m_line;
            if (m_skipping || length > max_ruian_line_bytes) {
                m_skipping = false;
                return LineStatus::too_long;
            }
            line = std::string_view(start, length);
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            return LineStatus::ok;
        }
        if (m_eof) return LineStatus::end;
        if (available > max_ruian_line_bytes) {
            m_skipping = true;
            m_begin = m_buffer.size();
        }
        fill();
    }
}

void RuianAddressReader::read_header() {
    std::string_view line;
    const LineStatus status = next_line(line);
    if (status == LineStatus::end) {
        throw Error(ErrorCode::invalid_input, m_file_name + ": empty file, no header", "file");
    }
    if (status == LineStatus::too_long) {
        throw Error(ErrorCode::invalid_input,
                    m_file_name + " line 1: header longer than " +
                        std::to_string(max_ruian_line_bytes) + " bytes",
                    "file");
    }
    if (line.starts_with(utf8_bom)) {
        line.remove_prefix(utf8_bom.size());
        m_decoder.assume(TextEncoding::utf8);
    }
    const auto text = m_decoder.decode(line);
    if (!text) {
        throw Error(ErrorCode::invalid_input,
                    m_file_name + " line 1: the header is neither UTF-8 nor windows-1250", "file");
    }
    const RuianHeader header = parse_ruian_header(*text, m_file_name);
    m_generation = header.generation;
    m_column_count = header.names.size();
    m_header_names = header.names;
    m_columns.assign(header.columns.begin(), header.columns.end());
}

RuianAddressReader::Row RuianAddressReader::next(core::AddressPoint& point, std::string& reason) {
    std::string_view raw;
    for (;;) {
        const LineStatus status = next_line(raw);
        if (status == LineStatus::end) return Row::end;
        if (status == LineStatus::too_long) {
            reason = "line longer than " + std::to_string(max_ruian_line_bytes) + " bytes";
            return Row::rejected;
        }
        if (!raw.empty()) break;
    }
    const auto line = m_decoder.decode(raw);
    if (!line) {
        reason =
            std::string("not valid ") + std::string(to_string(*m_decoder.encoding())) + " text";
        return Row::rejected;
    }
    return parse_row(*line, point, reason) ? Row::address : Row::rejected;
}

bool RuianAddressReader::parse_row(std::string_view line, core::AddressPoint& point,
                                   std::string& reason) {
    if (has_control_character(line)) {
        reason = "control character in the line";
        return false;
    }
    if (!split_fields(line, m_fields, m_unquoted)) {
        reason = "unbalanced quotes";
        return false;
    }
    // A trailing ';' on data rows but not on the header adds an empty last field.
    if (m_fields.size() == m_column_count + 1 && m_fields.back().empty()) m_fields.pop_back();
    if (m_fields.size() != m_column_count) {
        reason = "expected " + std::to_string(m_column_count) + " fields, found " +
                 std::to_string(m_fields.size());
        return false;
    }
    const RuianFieldView fields{m_fields, m_columns, m_header_names};
    return read_address_fields(fields, point, reason) && parse_position(point, reason);
}

bool RuianAddressReader::parse_position(core::AddressPoint& point, std::string& reason) {
    const RuianFieldView fields{m_fields, m_columns, m_header_names};
    std::optional<double> first;
    std::optional<double> second;
    if (!read_coordinates(fields, first, second, reason)) return false;
    point.position.reset();
    if (!first) return true;
    const double y = std::min(*first, *second);
    const double x = std::max(*first, *second);
    if (y < min_y_m || y > max_y_m || x < min_x_m || x > max_x_m) {
        reason = "S-JTSK coordinates lie outside the Czech Republic";
        return false;
    }
    try {
        const core::LonLat wgs84 = m_to_wgs84.transform(-y, -x);
        point.position = core::LonLat{rounded_7_ruian_addresses(wgs84.lon),
                                      rounded_7_ruian_addresses(wgs84.lat)};
        return true;
    } catch (const Error& error) {
        reason = error.what();
        return false;
    }
}

}  // namespace okrsek::io
