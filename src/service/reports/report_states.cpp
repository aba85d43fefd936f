#include "service/reports/report_states.hpp"

#include <array>

namespace okrsek::service::reports {

using store::ReportState;

namespace {

struct ActionState {
    std::string_view action;
    ReportState state;
};

constexpr std::array action_states{
    ActionState{"acknowledge", ReportState::acknowledged},
    ActionState{"start", ReportState::in_progress},
    ActionState{"resolve", ReportState::resolved},
    ActionState{"close_not_competent", ReportState::closed_not_competent},
    ActionState{"close_duplicate", ReportState::closed_duplicate},
    ActionState{"close_no_action", ReportState::closed_no_action},
    ActionState{"reopen", ReportState::reopened},
};

constexpr std::array all_states{
    ReportState::new_,
    ReportState::acknowledged,
    ReportState::in_progress,
    ReportState::resolved,
    ReportState::closed_not_competent,
    ReportState::closed_duplicate,
    ReportState::closed_no_action,
    ReportState::reopened,
};

// How far along an open report is: staff may move forward (or skip), never back, except that
// a reopened report starts again from "acknowledged".
int rank(ReportState state) noexcept {
    switch (state) {
        case ReportState::new_:
        case ReportState::reopened:
            return 0;
        case ReportState::acknowledged:
            return 1;
        case ReportState::in_progress:
            return 2;
        default:
            return 3;
    }
}

}  // namespace

std::optional<ReportState> target_state(std::string_view action) noexcept {
    for (const auto& entry : action_states) {
        if (entry.action == action) return entry.state;
    }
    return std::nullopt;
}

bool staff_may_move(ReportState from, ReportState to) noexcept {
    if (from == to) return false;
    if (store::is_finished(from)) return to == ReportState::reopened;
    if (to == ReportState::new_ || to == ReportState::reopened) return false;
    return rank(to) > rank(from);
}

std::vector<ReportState> next_states(ReportState from) {
    std::vector<ReportState> states;
    for (const ReportState to : all_states) {
        if (staff_may_move(from, to)) states.push_back(to);
    }
    return states;
}

bool citizen_may_reopen(const store::Report& report) noexcept {
    return store::is_finished(report.status.state) &&
           report.status.visibility != store::ReportVisibility::hidden;
}

bool citizen_may_confirm_fixed(const store::Report& report) noexcept {
    return report.status.state == ReportState::resolved &&
           !report.status.fixed_confirmed_at.has_value() &&
           report.status.visibility != store::ReportVisibility::hidden;
}

bool citizen_may_add_update(const store::Report& report) noexcept {
    return report.status.visibility != store::ReportVisibility::hidden &&
           report.status.state != ReportState::closed_duplicate;
}

std::string_view state_label(ReportState state, std::string_view language) noexcept {
    const bool en = language == "en";
    switch (state) {
        case ReportState::new_:
            return en ? "new" : "nové";
        case ReportState::acknowledged:
            return en ? "acknowledged" : "přijato";
        case ReportState::in_progress:
            return en ? "in progress" : "řeší se";
        case ReportState::resolved:
            return en ? "resolved (action taken)" : "vyřešeno (opatření přijato)";
        case ReportState::closed_not_competent:
            return en ? "closed: not our competence" : "uzavřeno: není v naší působnosti";
        case ReportState::closed_duplicate:
            return en ? "closed: duplicate" : "uzavřeno: duplicitní";
        case ReportState::closed_no_action:
            return en ? "closed: no action possible" : "uzavřeno: nelze nic udělat";
        case ReportState::reopened:
            return en ? "reopened" : "znovu otevřeno";
    }
    return "?";
}

}  // namespace okrsek::service::reports
