#pragma once

// What staff send to create or edit priorities and events, and the checks it passes before
// anything is stored: limits on every text, dates and times that make sense.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/lon_lat.hpp"
#include "store/agenda.hpp"

namespace okrsek::service {

// Limits, in bytes of UTF-8 (texts) or as stated.
inline constexpr std::size_t max_agenda_title_bytes = 200;
inline constexpr std::size_t max_priority_description_bytes = 4000;
inline constexpr std::size_t max_action_taken_bytes = 4000;
inline constexpr std::size_t max_agenda_reason_bytes = 1000;
inline constexpr std::size_t max_evaluation_text_bytes = 4000;
inline constexpr std::size_t max_place_name_bytes = 200;
inline constexpr std::size_t max_event_address_bytes = 300;
inline constexpr std::size_t max_event_agenda_bytes = 8000;
inline constexpr std::size_t max_event_minutes_bytes = 20000;
inline constexpr std::int64_t max_event_attendance = 100000;
/// Longest event: a prevention day or a week of events, not a season.
inline constexpr auto max_event_duration = std::chrono::days(14);
/// Events start within these years (Prague time is exact from 1996 on).
inline constexpr int first_event_year = 2000;
inline constexpr int last_event_year = 2100;

/// Changes to a priority's written fields: for a new priority title, description, source and
/// raised_on are required; for an edit, what is missing stays as it is.
struct PriorityInput {
    std::optional<std::string> title{};
    std::optional<std::string> description{};
    std::optional<store::PrioritySource> source{};
    std::optional<std::string> raised_on{};  ///< Prague date "YYYY-MM-DD", not in the future
    /// Absent: unchanged; holding std::nullopt: no meeting; holding an id: that meeting.
    std::optional<std::optional<std::int64_t>> source_event_id{};
    std::optional<std::string> action_taken{};
};

struct EvaluationInput {
    store::EvaluationOutcome outcome = store::EvaluationOutcome::worked;
    std::string text{};
    std::string evaluated_on{};              ///< Prague date, not in the future
    std::optional<std::int64_t> event_id{};  ///< the meeting that judged the action
};

/// Changes to an event's written fields: for a new event kind, title, place_name, starts_at
/// and ends_at are required; for an edit, what is missing stays as it is.
struct EventInput {
    std::optional<store::EventKind> kind{};
    std::optional<std::string> title{};
    std::optional<std::string> place_name{};
    std::optional<std::string> address{};
    /// Absent: unchanged; holding std::nullopt: no position.
    std::optional<std::optional<core::LonLat>> position{};
    std::optional<store::TimePoint> starts_at{};
    std::optional<store::TimePoint> ends_at{};
    std::optional<std::string> agenda{};
};

/// `value` trimmed of surrounding white space, checked: valid UTF-8, at most `max_bytes`, no
/// control characters (line breaks and tabs allowed when `multiline`), not empty when
/// `required`. Throws core::Error invalid_argument naming `field`.
std::string checked_agenda_text(std::string_view value, std::size_t max_bytes,
                                std::string_view field, bool multiline, bool required);

/// A Prague date "YYYY-MM-DD" from `first_event_year` to `today`. Throws invalid_argument
/// naming `field`.
std::string checked_past_date(std::string_view text, std::chrono::year_month_day today,
                              std::string_view field);

/// `current` (the stored fields, or defaults for a new priority) with `input` applied and
/// checked. `today` is the Prague date now. Throws invalid_argument naming the field; for a
/// new priority (`creating`) also when a required field is missing.
store::PriorityFields merged_priority(const store::PriorityFields& current,
                                      const PriorityInput& input, bool creating,
                                      std::chrono::year_month_day today);

/// Likewise for an event: times within first/last_event_year, end after start, at most
/// max_event_duration long, a valid WGS 84 position.
store::EventFields merged_event(const store::EventFields& current, const EventInput& input,
                                bool creating);

}  // namespace okrsek::service
