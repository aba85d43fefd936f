#pragma once

// Storage of district priorities (issues the community raised, the action taken and its later
// evaluation) and public meetings and events, part of every Store. Written once on top of
// SqlRunner (store/agenda_*.cpp), so both engines follow the same rules.
//
// The store keeps rows and makes each change atomic and audited; what may change when (the
// status transitions, who may edit) is the service's rule (service/directory/). Where a change
// depends on the stored state, the store re-checks that state inside its transaction, so that
// two concurrent changes cannot both pass: the later one fails with conflict.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/lon_lat.hpp"
#include "store/accounts.hpp"

namespace okrsek::store {

class SqlRunner;

// Every member below has a default, so that designated initialisers may leave any out.

/// A priority's life: open → in_progress → action_completed, or dropped (with a reason) from
/// open or in_progress.
enum class PriorityStatus { open, in_progress, action_completed, dropped };
/// Where the community raised it.
enum class PrioritySource { public_meeting, citizen_reports, survey, other };
/// How a completed action was judged at a later public meeting.
enum class EvaluationOutcome { worked, partly, did_not_work };
enum class EventKind { public_meeting, prevention_event, other };
enum class EventStatus { scheduled, cancelled };

/// The stored spellings ("in_progress", "citizen_reports", "did_not_work", …).
std::string_view to_string(PriorityStatus value) noexcept;
std::string_view to_string(PrioritySource value) noexcept;
std::string_view to_string(EvaluationOutcome value) noexcept;
std::string_view to_string(EventKind value) noexcept;
std::string_view to_string(EventStatus value) noexcept;
/// The inverses; std::nullopt for other text.
std::optional<PriorityStatus> priority_status_from(std::string_view text) noexcept;
std::optional<PrioritySource> priority_source_from(std::string_view text) noexcept;
std::optional<EvaluationOutcome> evaluation_outcome_from(std::string_view text) noexcept;
std::optional<EventKind> event_kind_from(std::string_view text) noexcept;
std::optional<EventStatus> event_status_from(std::string_view text) noexcept;

// ---- Priorities ----------------------------------------------------------------------------

/// What staff write about a priority (checked by the service).
struct PriorityFields {
    std::string title{};
    std::string description{};  ///< what the community raised
    PrioritySource source = PrioritySource::other;
    std::string raised_on{};                      ///< Prague date "YYYY-MM-DD"
    std::optional<std::int64_t> source_event_id;  ///< the meeting where it was raised
    std::string action_taken{};                   ///< "" until there is an action
};

struct NewPriority {
    std::int64_t municipality_code = 0;
    std::int64_t district_id = 0;
    PriorityFields fields{};
};

struct PriorityEvaluation {
    EvaluationOutcome outcome = EvaluationOutcome::worked;
    std::string text{};
    std::string evaluated_on{};            ///< Prague date "YYYY-MM-DD"
    std::optional<std::int64_t> event_id;  ///< the meeting that judged it
    TimePoint recorded_at{};               ///< set by the store
};

/// One row of a priority's status history; the first has no `from` (creation).
struct PriorityStatusChange {
    std::int64_t id = 0;
    std::optional<PriorityStatus> from{};
    PriorityStatus to = PriorityStatus::open;
    std::optional<std::string> reason{};
    TimePoint changed_at{};
};

struct Priority {
    std::int64_t id = 0;
    std::int64_t municipality_code = 0;
    std::int64_t district_id = 0;
    PriorityFields fields{};
    std::optional<TimePoint> action_updated_at{};  ///< when action_taken last changed
    PriorityStatus status = PriorityStatus::open;
    TimePoint status_changed_at{};
    std::optional<std::string> dropped_reason{};
    std::optional<PriorityEvaluation> evaluation{};
    TimePoint created_at{};
    TimePoint updated_at{};
    std::vector<PriorityStatusChange> history{};  ///< oldest first; filled by find_priority()
};

/// Which priorities list_priorities() returns: those of the district, or of the town, or of
/// both as given; active ones (open, in progress) first, then by raised_on, newest first.
struct PriorityFilter {
    std::optional<std::int64_t> municipality_code{};
    std::optional<std::int64_t> district_id{};
    std::optional<PriorityStatus> status{};
    std::size_t limit = 20;  ///< 1 to 500
    std::size_t offset = 0;
};

struct PriorityPage {
    std::vector<Priority> items{};
    std::int64_t total = 0;  ///< rows matching the filter, all pages together
};

// ---- Events ---------------------------------------------------------------------------------

/// What staff write about an event (checked by the service).
struct EventFields {
    EventKind kind = EventKind::public_meeting;
    std::string title{};
    std::string place_name{};
    std::string address{};
    std::optional<core::LonLat> position{};
    TimePoint starts_at{};
    TimePoint ends_at{};  ///< after starts_at
    std::string agenda{};
};

struct NewEvent {
    std::string uid{};  ///< globally unique, never changes (iCalendar UID)
    std::int64_t municipality_code = 0;
    std::optional<std::int64_t> district_id{};  ///< none: town-wide
    EventFields fields{};
};

struct Event {
    std::int64_t id = 0;
    std::string uid{};
    std::int64_t municipality_code = 0;
    std::optional<std::int64_t> district_id{};
    EventFields fields{};
    EventStatus status = EventStatus::scheduled;
    std::optional<std::string> cancel_reason{};
    std::optional<TimePoint> cancelled_at{};
    std::optional<std::string> minutes{};
    std::optional<std::int64_t> attendance{};
    std::optional<TimePoint> minutes_recorded_at{};
    std::int64_t sequence = 0;  ///< 0 at creation, one more with every change
    TimePoint created_at{};
    TimePoint updated_at{};
};

enum class EventWindow {
    upcoming,  ///< not yet over (ends after `now`), soonest first
    past,      ///< over (ends at or before `now`), latest first
    since,     ///< ending after `since`, soonest first (calendar feeds)
};

/// Which events list_events() returns. With a district: its events, and with
/// `include_town_wide` also the town-wide events of `municipality_code`. Without a district:
/// every event of the town (its districts' and town-wide ones).
struct EventFilter {
    std::int64_t municipality_code = 0;
    std::optional<std::int64_t> district_id{};
    bool include_town_wide = false;
    EventWindow when = EventWindow::upcoming;
    TimePoint now{};         ///< for upcoming / past
    TimePoint since{};       ///< for since
    std::size_t limit = 20;  ///< 1 to 1000
    std::size_t offset = 0;
};

struct EventPage {
    std::vector<Event> items{};
    std::int64_t total = 0;
};

/// The agenda's storage, part of every Store. Thread-safe like Store. Operations throw
/// core::Error: not_found for an unknown id (field "id"), conflict when the stored state no
/// longer allows the change (field named), invalid_input when a row breaks a rule of the
/// schema (an unknown town, an event id that does not exist), unavailable when the database
/// cannot be reached. Every change writes its audit row in its own transaction; default audit
/// objects are "priority" / "event" and the row's id, the municipality the row's town.
class AgendaStore {
public:
    virtual ~AgendaStore() = default;

    // -- Priorities

    /// Creates an open priority and its first history row. Default action "priority.create".
    std::int64_t create_priority(const NewPriority& priority, TimePoint now,
                                 const AuditEntry& audit);
    /// The priority with its status history.
    std::optional<Priority> find_priority(std::int64_t id);
    /// Throws invalid_argument (field "limit") for a limit outside 1–500.
    PriorityPage list_priorities(const PriorityFilter& filter);
    /// Replaces the written fields; action_updated_at moves when action_taken changes.
    /// Default action "priority.update".
    void update_priority(std::int64_t id, const PriorityFields& fields, TimePoint now,
                         const AuditEntry& audit);
    /// Moves the status from `from` to `to` (with `reason`, kept in the history and, for
    /// dropped, on the priority). Throws conflict (field "status") when the stored status is
    /// not `from` any more. Default action "priority.status".
    void change_priority_status(std::int64_t id, PriorityStatus from, PriorityStatus to,
                                const std::optional<std::string>& reason, TimePoint now,
                                const AuditEntry& audit);
    /// Sets (or corrects) the evaluation. Throws conflict (field "status") unless the action
    /// is completed. Default action "priority.evaluate".
    void evaluate_priority(std::int64_t id, const PriorityEvaluation& evaluation, TimePoint now,
                           const AuditEntry& audit);

    // -- Events

    /// Creates a scheduled event with sequence 0. Default action "event.create".
    std::int64_t create_event(const NewEvent& event, TimePoint now, const AuditEntry& audit);
    std::optional<Event> find_event(std::int64_t id);
    /// Throws invalid_argument (field "limit") for a limit outside 1–1000.
    EventPage list_events(const EventFilter& filter);
    /// Replaces the written fields; sequence grows by one. Throws conflict (field "status")
    /// for a cancelled event. Default action "event.update".
    void update_event(std::int64_t id, const EventFields& fields, TimePoint now,
                      const AuditEntry& audit);
    /// Throws conflict (field "status") when cancelled already. Default action "event.cancel".
    void cancel_event(std::int64_t id, std::string_view reason, TimePoint now,
                      const AuditEntry& audit);
    /// Records (or corrects) the minutes and attendance; sequence grows by one. Throws
    /// conflict (field "status") for a cancelled event, (field "starts_at") for one that has
    /// not begun at `now`. Default action "event.minutes".
    void record_event_minutes(std::int64_t id, std::string_view minutes,
                              std::optional<std::int64_t> attendance, TimePoint now,
                              const AuditEntry& audit);

protected:
    // The engine's ways to run SQL (see AccountStore); one override in each engine serves all
    // the storage parts.
    virtual void run_write(const std::function<void(SqlRunner&)>& work) = 0;
    virtual void run_read(const std::function<void(SqlRunner&)>& work) = 0;
    virtual void run_snapshot(const std::function<void(SqlRunner&)>& work) = 0;

private:
    // run_write and run_snapshot, with database messages cut to their first line (which
    // holds no row values).
    void write(const std::function<void(SqlRunner&)>& work);
    void snapshot(const std::function<void(SqlRunner&)>& work);
};

}  // namespace okrsek::store
