#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace okrsek::cli {

/// Width of UTF-8 text in terminal columns, counting one per code point ("Jiří" is 4).
std::size_t display_width(std::string_view text);

/// Prints rows under a header in columns separated by two spaces, each as wide as its widest
/// cell; the last column is not padded. Rows have as many cells as the header.
void print_table(std::ostream& out, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows);

}  // namespace okrsek::cli
