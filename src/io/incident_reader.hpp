#pragma once

// Readers of crime incident files: the Policie ČR open data (CSV "id,x,y,mp,date,state,
// relevance,types", one row per incident and type; GeoJSON with "types" as an array) and a
// town's own CSV / GeoJSON described by a small JSON mapping. Format notes: docs/crime-data.md.
// A reader hands out one record per row (CSV) or feature (GeoJSON); merging the rows of one
// incident is the caller's (service/crime/).

#include <cstddef>
#include <cstdint>
#include <istream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/lon_lat.hpp"
#include "geo/crs_transform.hpp"

namespace okrsek::io {

/// Limits of one record.
inline constexpr std::size_t max_incident_line_bytes = 64 * 1024;
inline constexpr std::size_t max_incident_id_bytes = 100;
inline constexpr std::size_t max_incident_record_types = 32;

/// One row (or feature) of an incident file, checked.
struct IncidentRecord {
    std::string external_id{};
    std::string occurred_at{};  ///< UTC "YYYY-MM-DDTHH:MM:SSZ" (fractions of seconds dropped)
    std::int32_t local_offset_min = 0;  ///< the offset the source wrote (or Prague's then)
    std::int64_t lon_e7 = 0;            ///< WGS 84, 1e-7 degree
    std::int64_t lat_e7 = 0;
    bool municipal_police = false;
    std::optional<std::int64_t> state{};
    std::optional<std::int64_t> relevance{};
    std::vector<std::int64_t> types{};  ///< at least one, in the file's order
};

/// How a file's columns (CSV) or properties (GeoJSON) map to an incident. The Policie ČR
/// layout is policie_mapping(); a town describes its own with parse_incident_mapping().
struct IncidentMapping {
    std::string id = "id";
    /// CSV: the coordinate columns (required). GeoJSON: properties used instead of the Point
    /// geometry when both are named and present.
    std::string x = "x";
    std::string y = "y";
    /// ISO 8601 ("2020-11-02T16:58:00.0000+01:00", offset optional: Prague time without one)
    /// or Czech "2.11.2020 16:58[:00]".
    std::string date = "date";
    std::string time{};  ///< a separate time-of-day column ("16:58"), if any
    std::string types = "types";
    /// Splits one field into several types ("35|37"); empty: one type per field.
    std::string types_separator{};
    /// Text → code for towns whose types are words; empty: types are integer codes.
    std::map<std::string, std::int64_t> type_codes{};
    std::string municipal_police = "mp";  ///< empty: none (municipal_police_value)
    bool municipal_police_value = false;  ///< when there is no such column
    std::string state = "state";          ///< empty: none
    std::string relevance = "relevance";  ///< empty: none
    geo::Crs crs = geo::Crs::wgs84;
    char delimiter = ',';
};

/// The Policie ČR open-data layout (WGS 84, comma-separated).
IncidentMapping policie_mapping();

/// Reads a mapping file: a JSON object with "id", "x", "y", "date" (required) and optional
/// "time", "types", "types_separator", "type_codes" (object of text → integer),
/// "municipal_police" (column) or "municipal_police_value" (true/false), "state",
/// "relevance", "crs" ("wgs84", "sjtsk", "EPSG:4326", "EPSG:5514"), "delimiter" (one
/// character). Throws core::Error(invalid_input, field "mapping") naming the problem.
IncidentMapping parse_incident_mapping(std::string_view json);

/// Reads an incident time (see IncidentMapping::date) into `record`; false with `reason`.
bool parse_incident_time(std::string_view date, std::string_view time, IncidentRecord& record,
                         std::string& reason);

/// A file's records one at a time.
class IncidentReader {
public:
    enum class Row { record, rejected, end };
    virtual ~IncidentReader() = default;
    /// `record`: `out` holds the next record; `rejected`: `reason` says why it is malformed;
    /// `end`: nothing is left. Throws core::Error(invalid_input) when the file itself is bad.
    virtual Row next(IncidentRecord& out, std::string& reason) = 0;
    /// The 1-based line (CSV) or feature number (GeoJSON) of the last row next() returned.
    virtual std::uint64_t position() const noexcept = 0;
    /// "line" or "feature".
    virtual std::string_view position_kind() const noexcept = 0;
    virtual std::uint64_t bytes_read() const noexcept = 0;
};

/// A CSV reader over `in` (UTF-8, optional BOM, header on line 1, RFC 4180 quotes on one line,
/// LF or CRLF). `to_wgs84` is needed for an S-JTSK mapping. Throws core::Error(invalid_input)
/// naming `file_name` for a missing header or a mapped column the header lacks.
std::unique_ptr<IncidentReader> open_incident_csv(std::istream& in, std::string file_name,
                                                  const IncidentMapping& mapping,
                                                  const geo::SjtskToWgs84* to_wgs84);

/// A GeoJSON FeatureCollection reader over `text` (read whole; Point features). Throws
/// core::Error(invalid_input) naming `file_name` when it is not such a collection.
std::unique_ptr<IncidentReader> open_incident_geojson(std::string_view text, std::string file_name,
                                                      const IncidentMapping& mapping,
                                                      const geo::SjtskToWgs84* to_wgs84);

// ---- Pieces shared by both readers (io/incident_fields.cpp) ---------------------------------

/// Checks an id: 1–100 bytes without control characters.
bool read_incident_id(std::string_view text, IncidentRecord& record, std::string& reason);
/// "True/False/1/0/ano/ne/yes/no" in any case; empty is false.
bool read_flag(std::string_view text, bool& value, std::string& reason);
/// Empty → std::nullopt; else an integer.
bool read_optional_code(std::string_view text, std::string_view name,
                        std::optional<std::int64_t>& value, std::string& reason);
/// One type field (split by the mapping's separator, translated by its type_codes) appended.
bool read_types(std::string_view text, const IncidentMapping& mapping, IncidentRecord& record,
                std::string& reason);
/// Turns a position in the mapping's CRS into the record's WGS 84 position.
bool read_position(double x, double y, const IncidentMapping& mapping,
                   const geo::SjtskToWgs84* to_wgs84, IncidentRecord& record, std::string& reason);

}  // namespace okrsek::io
