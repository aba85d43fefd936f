// DistrictAgenda: creating and editing priorities, their status and evaluation.
#include "core/error.hpp"
#include "core/prague_time.hpp"
#include "service/directory/district_agenda.hpp"

namespace okrsek::service {
namespace {

using core::Error;
using core::ErrorCode;
using store::PriorityStatus;

// open → in_progress → action_completed; open or in_progress → dropped. Completed and dropped
// priorities are closed: a problem that comes back is raised anew.
bool allowed_transition(PriorityStatus from, PriorityStatus to) {
    switch (from) {
        case PriorityStatus::open:
            return to == PriorityStatus::in_progress || to == PriorityStatus::dropped;
        case PriorityStatus::in_progress:
            return to == PriorityStatus::action_completed || to == PriorityStatus::dropped;
        case PriorityStatus::action_completed:
        case PriorityStatus::dropped:
            return false;
    }
    return false;
}

std::string id_text_agenda_priorities(std::int64_t id) {
    return std::to_string(id);
}

}  // namespace

store::Priority DistrictAgenda::create_priority(const Principal& principal,
                                                std::int64_t district_id,
                                                const PriorityInput& input) {
    const DistrictInfo district = require_district(district_id);
    require_edit(principal, district.municipality_code, district_id);
    const auto fields = merged_priority({}, input, true, core::prague_date(floor_now()));
    if (fields.source_event_id) {
        require_related_event(*fields.source_event_id, district.municipality_code, district_id,
                              "source_event_id");
    }
    const auto id =
        m_store.create_priority({.municipality_code = district.municipality_code,
                                 .district_id = district_id,
                                 .fields = fields},
                                now(), principal.audit("priority.create", "priority", ""));
    return priority(id);
}

store::Priority DistrictAgenda::update_priority(const Principal& principal, std::int64_t id,
                                                const PriorityInput& input) {
    const store::Priority current = priority(id);
    require_edit(principal, current.municipality_code, current.district_id);
    const auto fields =
        merged_priority(current.fields, input, false, core::prague_date(floor_now()));
    if (input.source_event_id && fields.source_event_id) {
        require_related_event(*fields.source_event_id, current.municipality_code,
                              current.district_id, "source_event_id");
    }
    m_store.update_priority(
        id, fields, now(),
        principal.audit("priority.update", "priority", id_text_agenda_priorities(id)));
    return priority(id);
}

store::Priority DistrictAgenda::change_priority_status(const Principal& principal, std::int64_t id,
                                                       PriorityStatus to,
                                                       const std::optional<std::string>& reason) {
    const store::Priority current = priority(id);
    require_edit(principal, current.municipality_code, current.district_id);
    std::optional<std::string> checked;
    if (reason) {
        checked = checked_agenda_text(*reason, max_agenda_reason_bytes, "reason", true, false);
        if (checked->empty()) checked.reset();
    }
    if (to == PriorityStatus::dropped && !checked) {
        throw Error(ErrorCode::invalid_argument, "say why the priority is dropped", "reason");
    }
    if (!allowed_transition(current.status, to)) {
        throw Error(ErrorCode::conflict,
                    "priority " + id_text_agenda_priorities(id) + " cannot go from " +
                        std::string(store::to_string(current.status)) + " to " +
                        std::string(store::to_string(to)),
                    "status");
    }
    m_store.change_priority_status(
        id, current.status, to, checked, now(),
        principal.audit("priority.status", "priority", id_text_agenda_priorities(id), checked));
    return priority(id);
}

store::Priority DistrictAgenda::evaluate_priority(const Principal& principal, std::int64_t id,
                                                  const EvaluationInput& input) {
    const store::Priority current = priority(id);
    require_edit(principal, current.municipality_code, current.district_id);
    store::PriorityEvaluation evaluation;
    evaluation.outcome = input.outcome;
    evaluation.text =
        checked_agenda_text(input.text, max_evaluation_text_bytes, "text", true, true);
    evaluation.evaluated_on =
        checked_past_date(input.evaluated_on, core::prague_date(floor_now()), "evaluated_on");
    if (evaluation.evaluated_on < current.fields.raised_on) {
        throw Error(ErrorCode::invalid_argument, "evaluated_on lies before the priority was raised",
                    "evaluated_on");
    }
    evaluation.event_id = input.event_id;
    if (current.status != PriorityStatus::action_completed) {
        throw Error(ErrorCode::conflict,
                    "priority " + id_text_agenda_priorities(id) + " is " +
                        std::string(store::to_string(current.status)) +
                        ": only a completed action can be evaluated",
                    "status");
    }
    if (evaluation.event_id) {
        require_related_event(*evaluation.event_id, current.municipality_code, current.district_id,
                              "event_id");
    }
    m_store.evaluate_priority(
        id, evaluation, now(),
        principal.audit("priority.evaluate", "priority", id_text_agenda_priorities(id)));
    return priority(id);
}

}  // namespace okrsek::service
