#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <vector>

namespace okrsek::cli {

/// Rows of an analyst's CSV file: one unit (or event location) per row.
struct AnalysisInput {
    std::vector<std::string> ids;
    std::vector<double> x;  ///< metres east, or longitude with --geographic
    std::vector<double> y;  ///< metres north, or latitude with --geographic
    std::vector<double> values;
};

/// What the file must hold.
struct AnalysisInputRules {
    bool positions = true;      ///< columns x and y required (else ignored)
    bool geographic = false;    ///< x, y are longitude/latitude in degrees (|lat| ≤ 85)
    bool non_negative = false;  ///< values are counts or weights
};

/// At most this many rows (the neighbour structures' limit).
inline constexpr std::size_t max_analysis_rows = 2'000'000;
/// At most this many bytes a line.
inline constexpr std::size_t max_analysis_line_bytes = 64 * 1024;
/// At most this many characters an id.
inline constexpr std::size_t max_analysis_id_length = 200;

/// Reads CSV with a header naming id, x, y, value (any order, other columns ignored, comma
/// separated, RFC 4180 quotes within a line, UTF-8 with or without BOM, blank lines skipped).
/// Throws core::Error(invalid_input) naming the file and line: "cells.csv:17: value is not a
/// number"; also for no rows, too many rows, a repeated id.
AnalysisInput read_analysis_csv(std::istream& in, const std::string& file_name,
                                const AnalysisInputRules& rules);

}  // namespace okrsek::cli
