// The CSV incident reader: chunked reading (a month of the whole country is ~200,000 rows, a
// town's decade millions), one line per record, columns found by name.
#include <charconv>
#include <cstring>

#include "core/error.hpp"
#include "io/incident_reader.hpp"

namespace okrsek::io {
namespace {

using core::Error;
using core::ErrorCode;

constexpr std::size_t read_chunk_bytes_incident_csv = 1 << 20;
constexpr std::string_view bom = "\xEF\xBB\xBF";

// Splits `line` at `delimiter`; fields in double quotes may hold the delimiter and doubled
// quotes, their unquoted text is kept in `storage` (reserved, so views stay valid). False for
// an unclosed quote.
bool split(std::string_view line, char delimiter, std::vector<std::string_view>& fields,
           std::string& storage) {
    fields.clear();
    storage.clear();
    storage.reserve(line.size());
    std::size_t at = 0;
    for (;;) {
        if (at < line.size() && line[at] == '"') {
            const std::size_t start = storage.size();
            ++at;
            for (;;) {
                if (at >= line.size()) return false;
                if (line[at] == '"') {
                    if (at + 1 < line.size() && line[at + 1] == '"') {
                        storage.push_back('"');
                        at += 2;
                        continue;
                    }
                    ++at;
                    break;
                }
                storage.push_back(line[at++]);
            }
            fields.emplace_back(storage.data() + start, storage.size() - start);
            while (at < line.size() && line[at] != delimiter) ++at;
        } else {
            const std::size_t end = line.find(delimiter, at);
            fields.push_back(line.substr(at, end == std::string_view::npos ? end : end - at));
            at = end == std::string_view::npos ? line.size() : end;
        }
        if (at >= line.size()) return true;
        ++at;  // the delimiter
    }
}

bool read_number(std::string_view text, double& value) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    if (text.empty()) return false;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc{} && end == text.data() + text.size();
}

class CsvIncidentReader final : public IncidentReader {
public:
    CsvIncidentReader(std::istream& in, std::string file_name, const IncidentMapping& mapping,
                      const geo::SjtskToWgs84* to_wgs84)
        : m_in(in), m_file(std::move(file_name)), m_mapping(mapping), m_to_wgs84(to_wgs84) {
        m_buffer.reserve(read_chunk_bytes_incident_csv + max_incident_line_bytes);
        read_header();
    }

    Row next(IncidentRecord& out, std::string& reason) override {
        std::string_view line;
        for (;;) {
            const Status status = next_line(line);
            if (status == Status::end) return Row::end;
            if (status == Status::too_long) {
                reason = "line longer than " + std::to_string(max_incident_line_bytes) + " bytes";
                return Row::rejected;
            }
            if (!line.empty()) break;
        }
        return parse(line, out, reason) ? Row::record : Row::rejected;
    }

    std::uint64_t position() const noexcept override { return m_line; }
    std::string_view position_kind() const noexcept override { return "line"; }
    std::uint64_t bytes_read() const noexcept override { return m_bytes_read; }

private:
    enum class Status { ok, too_long, end };
    enum Column {
        c_id,
        c_x,
        c_y,
        c_date,
        c_time,
        c_types,
        c_mp,
        c_state,
        c_relevance,
        column_count
    };

    bool fill() {
        if (m_eof) return false;
        m_buffer.erase(0, m_begin);
        m_begin = 0;
        const std::size_t kept = m_buffer.size();
        m_buffer.resize(kept + read_chunk_bytes_incident_csv);
        m_in.read(m_buffer.data() + kept,
                  static_cast<std::streamsize>(read_chunk_bytes_incident_csv));
        const auto got = static_cast<std::size_t>(m_in.gcount());
        m_buffer.resize(kept + got);
        if (m_in.bad()) throw Error(ErrorCode::invalid_input, m_file + ": read error", "file");
        if (!m_in) m_eof = true;
        m_bytes_read += got;
        return got > 0;
    }

    // A line without its end; one over the limit is skipped whole and reported once.
    Status next_line(std::string_view& line) {
        for (;;) {
            const char* start = m_buffer.data() + m_begin;
            const std::size_t available = m_buffer.size() - m_begin;
            const void* newline = std::memchr(start, '\n', available);
            if (newline || (m_eof && (available > 0 || m_skipping))) {
                const std::size_t length =
                    newline ? static_cast<std::size_t>(static_cast<const char*>(newline) - start)
                            : available;
                m_begin += newline ? length + 1 : length;
                ++m_line;
                if (m_skipping || length > max_incident_line_bytes) {
                    m_skipping = false;
                    return Status::too_long;
                }
                line = std::string_view(start, length);
                if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
                return Status::ok;
            }
            if (m_eof) return Status::end;
            if (available > max_incident_line_bytes) {
                m_skipping = true;
                m_begin = m_buffer.size();
            }
            fill();
        }
    }

    void read_header() {
        std::string_view line;
        const Status status = next_line(line);
        if (status != Status::ok) {
            throw Error(ErrorCode::invalid_input, m_file + ": no header line", "file");
        }
        if (line.starts_with(bom)) line.remove_prefix(bom.size());
        std::string storage;
        if (!split(line, m_mapping.delimiter, m_fields, storage)) {
            throw Error(ErrorCode::invalid_input, m_file + " line 1: unclosed quote", "file");
        }
        const std::string* names[column_count] = {&m_mapping.id,
                                                  &m_mapping.x,
                                                  &m_mapping.y,
                                                  &m_mapping.date,
                                                  &m_mapping.time,
                                                  &m_mapping.types,
                                                  &m_mapping.municipal_police,
                                                  &m_mapping.state,
                                                  &m_mapping.relevance};
        for (int c = 0; c < column_count; ++c) {
            m_columns[c] = -1;
            if (names[c]->empty()) continue;
            for (std::size_t f = 0; f < m_fields.size(); ++f) {
                if (m_fields[f] == *names[c]) m_columns[c] = static_cast<int>(f);
            }
            const bool required = c <= c_types;
            if (m_columns[c] < 0 && required) {
                throw Error(ErrorCode::invalid_input,
                            m_file + " line 1: no column '" + *names[c] + "'", "file");
            }
        }
    }

    std::string_view field(Column column) const {
        const int index = m_columns[column];
        if (index < 0 || static_cast<std::size_t>(index) >= m_fields.size()) return {};
        return m_fields[static_cast<std::size_t>(index)];
    }

    bool parse(std::string_view line, IncidentRecord& out, std::string& reason) {
        if (!split(line, m_mapping.delimiter, m_fields, m_storage)) {
            reason = "unclosed quote";
            return false;
        }
        out.types.clear();
        double x_value = 0.0;
        double y_value = 0.0;
        if (!read_incident_id(field(c_id), out, reason)) return false;
        if (!read_number(field(c_x), x_value) || !read_number(field(c_y), y_value)) {
            reason = field(c_x).empty() || field(c_y).empty() ? "no coordinates"
                                                              : "coordinates are not numbers";
            return false;
        }
        if (!read_position(x_value, y_value, m_mapping, m_to_wgs84, out, reason)) return false;
        if (!parse_incident_time(field(c_date), field(c_time), out, reason)) return false;
        out.municipal_police = m_mapping.municipal_police_value;
        if (m_columns[c_mp] >= 0 && !read_flag(field(c_mp), out.municipal_police, reason)) {
            return false;
        }
        return read_optional_code(field(c_state), "state", out.state, reason) &&
               read_optional_code(field(c_relevance), "relevance", out.relevance, reason) &&
               read_types(field(c_types), m_mapping, out, reason);
    }

    std::istream& m_in;
    std::string m_file;
    IncidentMapping m_mapping;
    const geo::SjtskToWgs84* m_to_wgs84;
    std::string m_buffer;
    std::size_t m_begin = 0;
    bool m_eof = false;
    bool m_skipping = false;
    std::uint64_t m_line = 0;
    std::uint64_t m_bytes_read = 0;
    int m_columns[column_count] = {};
    std::vector<std::string_view> m_fields;
    std::string m_storage;
};

}  // namespace

std::unique_ptr<IncidentReader> open_incident_csv(std::istream& in, std::string file_name,
                                                  const IncidentMapping& mapping,
                                                  const geo::SjtskToWgs84* to_wgs84) {
    return std::make_unique<CsvIncidentReader>(in, std::move(file_name), mapping, to_wgs84);
}

}  // namespace okrsek::io
