#pragma once

// The pieces of RuianAddressReader (io/ruian_addresses.hpp) that know RÚIAN's columns: the
// header, splitting a line and checking each value.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/address.hpp"
#include "io/ruian_addresses.hpp"

namespace okrsek::io {

/// The columns okrsek reads. The two coordinates are told apart by value, not by name.
enum class RuianField {
    address_code,
    municipality_code,
    municipality_name,
    city_part_code,
    city_part_name,
    part_name,
    street,
    building_type,
    house_number,
    orientation_number,
    orientation_letter,
    postcode,
    coordinate_1,
    coordinate_2,
};
inline constexpr int ruian_field_count = 14;

struct RuianHeader {
    RuianHeaderGeneration generation = RuianHeaderGeneration::names_only;
    std::vector<std::string> names;  ///< as written in the file, one per column
    std::vector<int> columns;        ///< per RuianField: its column index, -1 if absent
};

/// Finds the columns in a header line (UTF-8). Throws core::Error(invalid_input) naming
/// `file_name`.
RuianHeader parse_ruian_header(std::string_view line, const std::string& file_name);

/// `text` lower-cased, without Czech diacritics, trimmed, inner spaces collapsed:
/// "Číslo  Domovní " → "cislo domovni".
std::string folded_name(std::string_view text);

/// A byte below 0x20 other than a tab.
bool has_control_character(std::string_view line) noexcept;

/// Splits at ';'. Fields in double quotes may hold ';' and doubled quotes; their unquoted text
/// is kept in `storage`. False for an unclosed quote.
bool split_fields(std::string_view line, std::vector<std::string_view>& fields,
                  std::string& storage);

/// One row's fields by RuianField, with the header names for messages.
struct RuianFieldView {
    std::span<const std::string_view> fields;
    std::span<const int> columns;
    std::span<const std::string> names;

    bool has(RuianField field) const { return columns[static_cast<int>(field)] >= 0; }
    /// The field's text, trimmed of spaces; empty when the column is absent.
    std::string_view get(RuianField field) const;
    /// The header's name of the field's column, for messages.
    const std::string& name(RuianField field) const;
};

/// Fills every member of `point` but the position. False with `reason` for a bad value.
bool read_address_fields(const RuianFieldView& fields, core::AddressPoint& point,
                         std::string& reason);

/// The two coordinate columns as absolute values in metres; both empty → both std::nullopt.
/// False with `reason` when only one is given or one is not a number.
bool read_coordinates(const RuianFieldView& fields, std::optional<double>& first,
                      std::optional<double>& second, std::string& reason);

}  // namespace okrsek::io
