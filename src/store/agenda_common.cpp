// AgendaStore's plumbing: enum spellings, row mapping and the ways to run SQL.
#include "store/agenda_common.hpp"

#include <array>
#include <cmath>
#include <utility>

#include "core/error.hpp"
#include "store/account_common.hpp"

namespace okrsek::store {
namespace {

using core::Error;
using core::ErrorCode;

constexpr std::array<std::pair<PriorityStatus, std::string_view>, 4> priority_statuses{{
    {PriorityStatus::open, "open"},
    {PriorityStatus::in_progress, "in_progress"},
    {PriorityStatus::action_completed, "action_completed"},
    {PriorityStatus::dropped, "dropped"},
}};
constexpr std::array<std::pair<PrioritySource, std::string_view>, 4> priority_sources{{
    {PrioritySource::public_meeting, "public_meeting"},
    {PrioritySource::citizen_reports, "citizen_reports"},
    {PrioritySource::survey, "survey"},
    {PrioritySource::other, "other"},
}};
constexpr std::array<std::pair<EvaluationOutcome, std::string_view>, 3> outcomes{{
    {EvaluationOutcome::worked, "worked"},
    {EvaluationOutcome::partly, "partly"},
    {EvaluationOutcome::did_not_work, "did_not_work"},
}};
constexpr std::array<std::pair<EventKind, std::string_view>, 3> event_kinds{{
    {EventKind::public_meeting, "public_meeting"},
    {EventKind::prevention_event, "prevention_event"},
    {EventKind::other, "other"},
}};
constexpr std::array<std::pair<EventStatus, std::string_view>, 2> event_statuses{{
    {EventStatus::scheduled, "scheduled"},
    {EventStatus::cancelled, "cancelled"},
}};

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& names,
                         Enum value) noexcept {
    for (const auto& [candidate, name] : names) {
        if (candidate == value) return name;
    }
    return names.front().second;
}

template <typename Enum, std::size_t N>
std::optional<Enum> value_of(const std::array<std::pair<Enum, std::string_view>, N>& names,
                             std::string_view text) noexcept {
    for (const auto& [candidate, name] : names) {
        if (name == text) return candidate;
    }
    return std::nullopt;
}

template <typename Enum>
Enum stored(std::optional<Enum> value, std::string_view column) {
    if (!value) throw Error(ErrorCode::internal, "stored " + std::string(column) + " is unknown");
    return *value;
}

}  // namespace

std::string_view to_string(PriorityStatus value) noexcept {
    return name_of(priority_statuses, value);
}
std::string_view to_string(PrioritySource value) noexcept {
    return name_of(priority_sources, value);
}
std::string_view to_string(EvaluationOutcome value) noexcept {
    return name_of(outcomes, value);
}
std::string_view to_string(EventKind value) noexcept {
    return name_of(event_kinds, value);
}
std::string_view to_string(EventStatus value) noexcept {
    return name_of(event_statuses, value);
}

std::optional<PriorityStatus> priority_status_from(std::string_view text) noexcept {
    return value_of(priority_statuses, text);
}
std::optional<PrioritySource> priority_source_from(std::string_view text) noexcept {
    return value_of(priority_sources, text);
}
std::optional<EvaluationOutcome> evaluation_outcome_from(std::string_view text) noexcept {
    return value_of(outcomes, text);
}
std::optional<EventKind> event_kind_from(std::string_view text) noexcept {
    return value_of(event_kinds, text);
}
std::optional<EventStatus> event_status_from(std::string_view text) noexcept {
    return value_of(event_statuses, text);
}

void AgendaStore::write(const std::function<void(SqlRunner&)>& work) {
    try {
        run_write(work);
    } catch (const core::Error& error) {
        accounts::rethrow_without_values(error);
    }
}

void AgendaStore::snapshot(const std::function<void(SqlRunner&)>& work) {
    try {
        run_snapshot(work);
    } catch (const core::Error& error) {
        accounts::rethrow_without_values(error);
    }
}

namespace agenda {

using accounts::optional_time;
using accounts::parse_time;

PriorityStatus stored_priority_status(const std::string& text) {
    return stored(priority_status_from(text), "priority status");
}

EventStatus stored_event_status(const std::string& text) {
    return stored(event_status_from(text), "event status");
}

Priority priority_of(const SqlRows& rows) {
    Priority priority;
    priority.id = rows.int64(0);
    priority.municipality_code = rows.int64(1);
    priority.district_id = rows.int64(2);
    priority.fields.title = rows.text(3);
    priority.fields.description = rows.text(4);
    priority.fields.source = stored(priority_source_from(rows.text(5)), "priority source");
    priority.fields.raised_on = rows.text(6);
    priority.fields.source_event_id = rows.optional_int64(7);
    priority.fields.action_taken = rows.text(8);
    priority.action_updated_at = optional_time(rows, 9);
    priority.status = stored_priority_status(rows.text(10));
    priority.status_changed_at = parse_time(rows.text(11));
    priority.dropped_reason = rows.optional_text(12);
    if (!rows.is_null(13)) {
        PriorityEvaluation evaluation;
        evaluation.outcome = stored(evaluation_outcome_from(rows.text(13)), "evaluation outcome");
        evaluation.text = rows.optional_text(14).value_or("");
        evaluation.evaluated_on = rows.text(15);
        evaluation.event_id = rows.optional_int64(16);
        evaluation.recorded_at = optional_time(rows, 17).value_or(TimePoint{});
        priority.evaluation = std::move(evaluation);
    }
    priority.created_at = parse_time(rows.text(18));
    priority.updated_at = parse_time(rows.text(19));
    return priority;
}

Event event_of(const SqlRows& rows) {
    Event event;
    event.id = rows.int64(0);
    event.uid = rows.text(1);
    event.municipality_code = rows.int64(2);
    event.district_id = rows.optional_int64(3);
    event.fields.kind = stored(event_kind_from(rows.text(4)), "event kind");
    event.fields.title = rows.text(5);
    event.fields.place_name = rows.text(6);
    event.fields.address = rows.text(7);
    if (!rows.is_null(8) && !rows.is_null(9)) {
        event.fields.position = core::LonLat{from_e7(rows.int64(8)), from_e7(rows.int64(9))};
    }
    event.fields.starts_at = parse_time(rows.text(10));
    event.fields.ends_at = parse_time(rows.text(11));
    event.fields.agenda = rows.text(12);
    event.status = stored_event_status(rows.text(13));
    event.cancel_reason = rows.optional_text(14);
    event.cancelled_at = optional_time(rows, 15);
    event.minutes = rows.optional_text(16);
    event.attendance = rows.optional_int64(17);
    event.minutes_recorded_at = optional_time(rows, 18);
    event.sequence = rows.int64(19);
    event.created_at = parse_time(rows.text(20));
    event.updated_at = parse_time(rows.text(21));
    return event;
}

std::int64_t to_e7(double degrees) {
    return static_cast<std::int64_t>(std::llround(degrees * 1e7));
}

double from_e7(std::int64_t value) {
    return static_cast<double>(value) / 1e7;
}

void throw_missing(std::string_view what, std::int64_t id) {
    throw Error(ErrorCode::not_found, "no " + std::string(what) + " " + std::to_string(id), "id");
}

void throw_conflict(const std::string& message, std::string_view field) {
    throw Error(ErrorCode::conflict, message, std::string(field));
}

}  // namespace agenda
}  // namespace okrsek::store
