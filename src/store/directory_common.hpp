#pragma once

// Helpers shared by the district directory's storage (store/directory_*.cpp): checked input,
// calendar dates, office hours as stored text, row readers.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/directory.hpp"
#include "store/sql_runner.hpp"

namespace okrsek::store::directory {

inline constexpr std::size_t max_code_bytes = 64;
inline constexpr std::size_t max_role_name_bytes = 200;
inline constexpr std::size_t max_person_name_bytes = 200;
inline constexpr std::size_t max_bio_bytes = 2000;
inline constexpr std::size_t max_office_hours = 14;
inline constexpr std::size_t max_office_place_bytes = 200;
inline constexpr std::size_t max_office_note_bytes = 500;
inline constexpr std::size_t max_phone_bytes = 40;
inline constexpr std::size_t max_place_name_bytes = 200;
inline constexpr std::size_t max_address_bytes = 300;
inline constexpr std::size_t max_place_text_bytes = 1000;
inline constexpr std::size_t max_place_code_bytes = 200;
inline constexpr std::size_t max_photo_bytes = 16u * 1024u * 1024u;

/// A stable code: 1 to 64 bytes of [a-z0-9_]. Throws invalid_argument naming `field`.
std::string checked_code(std::string_view code, std::string_view field);

/// `value` trimmed of spaces; none when empty, else checked_text (so blank clears a field).
std::optional<std::string> optional_text(const std::optional<std::string>& value,
                                         std::size_t max_bytes, std::string_view field,
                                         bool multiline = false);

/// A checked and normalised contact (field "email" / "phone" with `prefix` in front).
Contact checked_contact(const Contact& contact, std::string_view prefix = {});

/// "YYYY-MM-DD" naming a real day. Throws invalid_argument naming `field`.
std::string checked_date(std::string_view date, std::string_view field);

/// A checked profile, office hours sorted by weekday and time.
HolderProfile checked_profile(const HolderProfile& profile);

/// Office hours as stored (a JSON array) and back.
std::string office_hours_text(const std::vector<OfficeHours>& hours);
std::vector<OfficeHours> office_hours_of(std::string_view text);

/// Checked place fields; `prefix` goes before field names ("places[3].").
PlaceFields checked_place(const PlaceFields& fields, std::string_view prefix = {});

/// A position in units of 1e-7 degree, and back.
std::int64_t to_e7(double degrees);
double from_e7(std::int64_t value);

/// The columns holder_of() reads, of team_holders h joined with team_positions p and photos f.
extern const std::string holder_columns;
/// FROM clause that goes with holder_columns.
extern const std::string holder_from;
TeamHolder holder_of(const SqlRows& rows);

/// The columns place_of() reads, of table places.
extern const std::string place_columns;
Place place_of(const SqlRows& rows);

/// Throws invalid_input (field "municipality") unless the town is stored.
void require_town(SqlRunner& sql, std::int64_t municipality_code);

}  // namespace okrsek::store::directory
