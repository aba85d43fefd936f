#include "io/csv.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>

#include "core/error.hpp"

namespace okrsek::io {

namespace {

constexpr std::size_t chunk_bytes = std::size_t{64} * 1024;

std::string_view trim(std::string_view text) {
    auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

// Buffered reading that counts bytes (for progress) and lines (for messages). A line break is
// "\r\n", "\n" or a lone "\r".
class CharSource {
public:
    CharSource(std::istream& in, const std::function<void(std::size_t)>& on_progress)
        : m_in(in), m_on_progress(on_progress), m_buffer(chunk_bytes) {
        fill();
    }

    static constexpr int end = -1;

    int peek() {
        if (m_pos == m_size && !fill()) return end;
        return static_cast<unsigned char>(m_buffer[m_pos]);
    }

    int get() {
        int c = peek();
        if (c == end) return end;
        ++m_pos;
        if (c == '\n' || (c == '\r' && peek() != '\n')) ++m_line;
        return c;
    }

    std::size_t line() const noexcept { return m_line; }

    /// What is buffered now: at the start, the file's first chunk.
    std::string_view buffered() const noexcept { return {m_buffer.data() + m_pos, m_size - m_pos}; }

    void skip(std::size_t count) noexcept { m_pos = std::min(m_pos + count, m_size); }

private:
    bool fill() {
        if (!m_in) return false;
        m_in.read(m_buffer.data(), static_cast<std::streamsize>(m_buffer.size()));
        m_size = static_cast<std::size_t>(m_in.gcount());
        m_pos = 0;
        m_bytes += m_size;
        if (m_size > 0 && m_on_progress) m_on_progress(m_bytes);
        return m_size > 0;
    }

    std::istream& m_in;
    const std::function<void(std::size_t)>& m_on_progress;
    std::vector<char> m_buffer;
    std::size_t m_pos = 0;
    std::size_t m_size = 0;
    std::size_t m_bytes = 0;
    std::size_t m_line = 1;
};

struct Record {
    std::size_t line = 0;  ///< where the record starts
    std::vector<std::string> fields;
};

class RecordReader {
public:
    RecordReader(CharSource& source, std::string_view file_name)
        : m_source(source), m_file_name(file_name) {
        skip_bom();
        m_separator = detect_separator(m_source.buffered());
    }

    /// The next record that is not a blank line; false at the end of the input.
    bool next(Record& record) {
        while (m_source.peek() != CharSource::end) {
            read_record(record);
            bool blank = record.fields.size() == 1 && trim(record.fields.front()).empty();
            if (!blank) return true;
        }
        return false;
    }

    [[noreturn]] void fail(std::size_t line, const std::string& message) const {
        throw core::Error(
            core::ErrorCode::invalid_input,
            std::string(m_file_name) + " line " + std::to_string(line) + ": " + message);
    }

private:
    void skip_bom() {
        if (m_source.buffered().starts_with("\xEF\xBB\xBF")) m_source.skip(3);
    }

    // The header decides: whichever of ',' and ';' it uses more often outside quotes.
    static char detect_separator(std::string_view text) {
        std::size_t commas = 0;
        std::size_t semicolons = 0;
        bool quoted = false;
        for (char c : text) {
            if (c == '"') quoted = !quoted;
            if (quoted) continue;
            if (c == '\n' || c == '\r') break;
            commas += c == ',';
            semicolons += c == ';';
        }
        return semicolons > commas ? ';' : ',';
    }

    void read_record(Record& record) {
        record.line = m_source.line();
        record.fields.clear();
        for (;;) {
            record.fields.emplace_back();
            int c = m_source.peek() == '"' ? read_quoted(record.fields.back(), record.line)
                                           : read_plain(record.fields.back());
            if (c != m_separator) return;
        }
    }

    // Returns the character that ended the field (separator, line break or end).
    int read_plain(std::string& field) {
        for (;;) {
            int c = m_source.get();
            if (c == CharSource::end || c == m_separator) return c;
            if (c == '\n') return c;
            if (c == '\r') {
                if (m_source.peek() == '\n') m_source.get();
                return '\n';
            }
            field += static_cast<char>(c);
        }
    }

    int read_quoted(std::string& field, std::size_t record_line) {
        m_source.get();
        for (;;) {
            int c = m_source.get();
            if (c == CharSource::end) fail(record_line, "a quoted field is not closed");
            if (c != '"') {
                field += static_cast<char>(c);
            } else if (m_source.peek() == '"') {
                field += static_cast<char>(m_source.get());
            } else {
                return read_after_quote(record_line);
            }
        }
    }

    int read_after_quote(std::size_t record_line) {
        int c = m_source.get();
        if (c == '\r') {
            if (m_source.peek() == '\n') m_source.get();
            return '\n';
        }
        if (c != CharSource::end && c != m_separator && c != '\n') {
            fail(record_line, "unexpected character after a closing quote");
        }
        return c;
    }

    CharSource& m_source;
    std::string_view m_file_name;
    char m_separator = ',';
};

std::string lower_ascii(std::string_view text) {
    std::string result(text);
    for (auto& c : result) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return result;
}

struct Columns {
    std::size_t count = 0;
    std::size_t id = 0;
    std::size_t lon = 0;
    std::size_t lat = 0;
};

Columns find_columns(const Record& header, const RecordReader& reader) {
    std::optional<std::size_t> id, lon, lat;
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
        auto name = lower_ascii(trim(header.fields[i]));
        if (name == "id" && !id) id = i;
        if (name == "lon" && !lon) lon = i;
        if (name == "lat" && !lat) lat = i;
    }
    if (!id || !lon || !lat) reader.fail(header.line, "header must name columns id, lon and lat");
    return Columns{header.fields.size(), *id, *lon, *lat};
}

double parse_coordinate(std::string_view raw, std::string_view column, double limit,
                        std::size_t line, const RecordReader& reader) {
    auto text = trim(raw);
    auto digits = text.starts_with('+') ? text.substr(1) : text;
    double value = 0.0;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc{} || ptr != digits.data() + digits.size() || digits.empty() ||
        !std::isfinite(value)) {
        std::string message =
            "column '" + std::string(column) + "' is not a number ('" + std::string(text) + "')";
        if (text.find(',') != std::string_view::npos)
            message += "; use a decimal point, not a comma";
        reader.fail(line, message);
    }
    if (value < -limit || value > limit) {
        auto range = std::to_string(static_cast<int>(limit));
        reader.fail(line, std::string(column) + " " + std::string(text) + " is outside -" + range +
                              ".." + range);
    }
    return value;
}

PointRow to_point_row(const Record& record, const Columns& columns, const RecordReader& reader) {
    if (record.fields.size() != columns.count) {
        reader.fail(record.line, "expected " + std::to_string(columns.count) + " columns, got " +
                                     std::to_string(record.fields.size()));
    }
    PointRow row;
    row.line = record.line;
    row.id = std::string(trim(record.fields[columns.id]));
    if (row.id.empty()) reader.fail(record.line, "column 'id' is empty");
    row.position.lon =
        parse_coordinate(record.fields[columns.lon], "lon", 180.0, record.line, reader);
    row.position.lat =
        parse_coordinate(record.fields[columns.lat], "lat", 90.0, record.line, reader);
    return row;
}

bool needs_quotes(std::string_view field) {
    return field.find_first_of(",;\"\r\n") != std::string_view::npos;
}

}  // namespace

std::vector<PointRow> read_point_rows(std::istream& in, std::string_view file_name,
                                      const std::function<void(std::size_t)>& on_progress) {
    CharSource source(in, on_progress);
    RecordReader reader(source, file_name);
    Record record;
    if (!reader.next(record)) reader.fail(1, "header must name columns id, lon and lat");
    auto columns = find_columns(record, reader);
    std::vector<PointRow> rows;
    while (reader.next(record)) rows.push_back(to_point_row(record, columns, reader));
    return rows;
}

void write_csv_record(std::ostream& out, const std::vector<std::string>& fields) {
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) line += ',';
        if (!needs_quotes(fields[i])) {
            line += fields[i];
            continue;
        }
        line += '"';
        for (char c : fields[i]) {
            if (c == '"') line += '"';
            line += c;
        }
        line += '"';
    }
    line += '\n';
    out.write(line.data(), static_cast<std::streamsize>(line.size()));
}

}  // namespace okrsek::io
