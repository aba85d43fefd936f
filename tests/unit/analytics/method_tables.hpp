// Reads the CSV tables of tests/support/data/analytics-methods/ (published data sets and the
// reference implementations' output) for the method tests.
#pragma once

#include <cstddef>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "analytics/spatial_points.hpp"
#include "analytics/weights.hpp"
#include "support/test_paths.hpp"

namespace okrsek::analytics::test {

/// A CSV table by column name; quoted fields may hold commas.
class Table {
public:
    explicit Table(const std::string& name) {
        std::istringstream in(
            okrsek::test::read_file(okrsek::test::support_file("analytics-methods/" + name)));
        std::string line;
        std::getline(in, line);
        m_header = split(line);
        while (std::getline(in, line)) {
            if (!line.empty()) m_rows.push_back(split(line));
        }
    }

    std::size_t size() const { return m_rows.size(); }
    const std::string& text(std::size_t row, const std::string& column) const {
        for (std::size_t c = 0; c < m_header.size(); ++c) {
            if (m_header[c] == column) return m_rows.at(row).at(c);
        }
        throw std::runtime_error("no column " + column);
    }
    double number(std::size_t row, const std::string& column) const {
        return std::stod(text(row, column));
    }
    std::vector<double> numbers(const std::string& column) const {
        std::vector<double> values;
        for (std::size_t r = 0; r < size(); ++r) values.push_back(number(r, column));
        return values;
    }
    std::vector<PlanarPoint> points() const {
        std::vector<PlanarPoint> result;
        for (std::size_t r = 0; r < size(); ++r) result.push_back({number(r, "x"), number(r, "y")});
        return result;
    }
    /// A column of 1-based neighbour numbers separated by spaces, as spdep prints them.
    Neighbours neighbours(const std::string& column) const {
        std::vector<std::vector<std::size_t>> lists;
        for (std::size_t r = 0; r < size(); ++r) {
            std::istringstream numbers(text(r, column));
            auto& list = lists.emplace_back();
            for (std::size_t j = 0; numbers >> j;) list.push_back(j - 1);
        }
        return Neighbours::from_lists(lists);
    }

private:
    static std::vector<std::string> split(const std::string& line) {
        std::vector<std::string> fields(1);
        bool quoted = false;
        for (char c : line) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.emplace_back();
            } else if (c != '\r') {
                fields.back() += c;
            }
        }
        return fields;
    }

    std::vector<std::string> m_header;
    std::vector<std::vector<std::string>> m_rows;
};

/// The six points and values of esda's Getis–Ord tests (esda/tests/test_getisord.py).
inline const std::vector<PlanarPoint> esda_points{{10, 10}, {20, 10}, {40, 10},
                                                  {15, 20}, {30, 20}, {30, 30}};
inline const std::vector<double> esda_values{2, 3, 3.2, 5, 8, 7};

}  // namespace okrsek::analytics::test
