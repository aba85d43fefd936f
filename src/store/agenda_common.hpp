#pragma once

// Helpers shared by the agenda's storage (store/agenda_*.cpp): the rows' columns and their
// mapping to structs, and the errors every operation raises alike.

#include <cstdint>
#include <string>
#include <string_view>

#include "store/agenda.hpp"
#include "store/sql_runner.hpp"

namespace okrsek::store::agenda {

/// The columns priority_of() reads, of table district_priorities.
inline constexpr std::string_view priority_columns =
    "id, municipality_code, district_id, title, description, source, raised_on, "
    "source_event_id, action_taken, action_updated_at, status, status_changed_at, "
    "dropped_reason, evaluation_outcome, evaluation_text, evaluated_on, evaluation_event_id, "
    "evaluation_recorded_at, created_at, updated_at";
Priority priority_of(const SqlRows& rows);

/// The columns event_of() reads, of table public_events.
inline constexpr std::string_view event_columns =
    "id, uid, municipality_code, district_id, kind, title, place_name, address, lon_e7, lat_e7, "
    "starts_at, ends_at, agenda, status, cancel_reason, cancelled_at, minutes, attendance, "
    "minutes_recorded_at, sequence, created_at, updated_at";
Event event_of(const SqlRows& rows);

/// A coordinate in degrees as stored (units of 1e-7 degrees) and back.
std::int64_t to_e7(double degrees);
double from_e7(std::int64_t value);

/// Throws not_found (field "id"): "no priority 17".
[[noreturn]] void throw_missing(std::string_view what, std::int64_t id);
/// Throws conflict naming `field`.
[[noreturn]] void throw_conflict(const std::string& message, std::string_view field);

/// Stored text of an enum column; throws core::Error internal for text no migration allows.
PriorityStatus stored_priority_status(const std::string& text);
EventStatus stored_event_status(const std::string& text);

}  // namespace okrsek::store::agenda
