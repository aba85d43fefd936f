#pragma once

// Reader of RÚIAN address point CSV files ("Adresní místa RÚIAN ve formátu CSV", ČÚZK): one
// row at a time, so that a whole-country file (~2.9 million rows) never sits in memory.

#include <cstddef>
#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/address.hpp"
#include "geo/crs_transform.hpp"
#include "io/text_encoding.hpp"

namespace okrsek::io {

/// The header layouts ČÚZK has published. Columns are found by name in any order, so the
/// generation is only reported.
enum class RuianHeaderGeneration {
    /// Until 2020: "…;Kód MOP;Název MOP;…" (městské obvody Prahy), 19 columns.
    mop_2018,
    /// After Act 51/2020 Sb.: "…;Kód obvodu Prahy;Název obvodu Prahy;…", 19 columns.
    prague_districts_2020,
    /// Exports with names but no codes of MOP and street, e.g. the VDP address reports
    /// ("…;Název MOMC;Název MOP;…;Souřadnice X;Souřadnice Y;Platí od;…": X before Y, decimal
    /// commas, extra columns), or without any MOMC/MOP column.
    names_only,
};

/// "2018 (Kód MOP)", "2020 (Kód obvodu Prahy)" or "names only (no MOP and street codes)".
std::string_view to_string(RuianHeaderGeneration generation) noexcept;

/// Limits on one file's lines and values.
inline constexpr std::size_t max_ruian_line_bytes = 4096;
inline constexpr std::size_t max_ruian_name_bytes = 200;

/// Reads one RÚIAN address CSV file: ';'-separated, header on line 1, UTF-8 (with or without
/// BOM) or windows-1250 (detected), LF or CRLF line ends. Kód ADM must lie in 1…2^31−1 (RÚIAN
/// codes have 8 digits today), house numbers in 1…99999. Required columns: Kód ADM, Kód obce,
/// Název obce, Typ SO, Číslo domovní; optional: Kód MOMC, Název MOMC, Název části obce, Název
/// ulice, Číslo orientační, Znak čísla orientačního, PSČ, Souřadnice Y and X (both or
/// neither); others are ignored. Header names match without regard to case or diacritics.
///
/// Coordinates are S-JTSK metres, positive (EPSG:5513 style); Y (westing, 430–910 km in
/// Czechia) is told from X (southing, 930–1260 km) by its value, since exports label and
/// order them differently. They become EPSG:5514 (E = −Y, N = −X) and then WGS 84 with
/// `to_wgs84`, rounded to 7 decimals (about 1 cm). A row without coordinates keeps no
/// position.
class RuianAddressReader {
public:
    enum class Row { address, rejected, end };

    /// Reads the header from `in`. `file_name` names the file in messages. Throws
    /// core::Error(invalid_input) naming the file: no header, a required column missing, a
    /// column twice, or a list of cancelled address points (it has "Platí do").
    RuianAddressReader(std::istream& in, std::string file_name, const geo::SjtskToWgs84& to_wgs84);

    /// Reads the next data row (blank lines are skipped). `address`: `point` holds it;
    /// `rejected`: the row is malformed and `reason` says why (e.g. "column 'Číslo domovní' is
    /// not a number: 'x'"); `end`: no rows are left. Throws core::Error(invalid_input) when
    /// the stream fails.
    Row next(core::AddressPoint& point, std::string& reason);

    /// The 1-based line number of the row next() returned last.
    std::uint64_t line() const noexcept { return m_line; }
    /// Bytes consumed from the stream so far.
    std::uint64_t bytes_read() const noexcept { return m_bytes_read; }
    const std::string& file_name() const noexcept { return m_file_name; }
    RuianHeaderGeneration generation() const noexcept { return m_generation; }
    /// std::nullopt while every line so far was ASCII.
    std::optional<TextEncoding> encoding() const noexcept { return m_decoder.encoding(); }

private:
    enum class LineStatus { ok, too_long, end };
    LineStatus next_line(std::string_view& line);
    bool fill();
    void read_header();
    bool parse_row(std::string_view line, core::AddressPoint& point, std::string& reason);
    bool parse_position(core::AddressPoint& point, std::string& reason);

    std::istream& m_in;
    std::string m_file_name;
    const geo::SjtskToWgs84& m_to_wgs84;
    LineDecoder m_decoder;
    std::string m_buffer;
    std::size_t m_begin = 0;  ///< first unread byte of m_buffer
    bool m_eof = false;
    bool m_skipping = false;  ///< inside a line longer than the limit
    std::uint64_t m_line = 0;
    std::uint64_t m_bytes_read = 0;
    RuianHeaderGeneration m_generation = RuianHeaderGeneration::names_only;
    std::size_t m_column_count = 0;
    std::vector<int> m_columns;  ///< field index of each RuianField, -1 when absent
    std::vector<std::string_view> m_fields;
    std::vector<std::string> m_header_names;
    std::string m_unquoted;  ///< storage for fields that were quoted
};

}  // namespace okrsek::io
