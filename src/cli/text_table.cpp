#include "cli/text_table.hpp"

#include <algorithm>

namespace okrsek::cli {

std::size_t display_width(std::string_view text) {
    // UTF-8 continuation bytes (10xxxxxx) add no column.
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
    }));
}

void print_table(std::ostream& out, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> widths(header.size());
    const auto measure = [&](const std::vector<std::string>& row) {
        for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
            widths[i] = std::max(widths[i], display_width(row[i]));
        }
    };
    measure(header);
    for (const auto& row : rows) measure(row);
    const auto print = [&](const std::vector<std::string>& row) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            out << row[i];
            if (i + 1 < row.size()) out << std::string(widths[i] - display_width(row[i]) + 2, ' ');
        }
        out << '\n';
    };
    print(header);
    for (const auto& row : rows) print(row);
}

}  // namespace okrsek::cli
