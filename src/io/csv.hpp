#pragma once

#include <cstddef>
#include <functional>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/lon_lat.hpp"

namespace okrsek::io {

/// One row of an input points file.
struct PointRow {
    std::size_t line = 0;  ///< 1-based line number in the file
    std::string id;
    core::LonLat position;
};

/// Reads CSV with a header naming id, lon, lat (any order, other columns ignored; comma or
/// semicolon separated; RFC 4180 quoting; UTF-8 with or without BOM). Throws core::Error
/// (invalid_input) naming the file and line: "points.csv line 42: column 'lat' is not a number".
/// `on_progress` (may be empty) receives bytes read so far.
std::vector<PointRow> read_point_rows(std::istream& in, std::string_view file_name,
                                      const std::function<void(std::size_t)>& on_progress = {});

/// Writes one CSV record (RFC 4180 quoting where needed) and a newline.
void write_csv_record(std::ostream& out, const std::vector<std::string>& fields);

}  // namespace okrsek::io
