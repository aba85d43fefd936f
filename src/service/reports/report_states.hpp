#pragma once

// The honest states of a report and which staff action may move it where (docs/reports.md
// "States").

#include <optional>
#include <string_view>
#include <vector>

#include "store/reports.hpp"

namespace okrsek::service::reports {

/// The state a staff action leads to ("acknowledge" → acknowledged…); none for actions that
/// do not change the state ("answer", "note", "escalate"…) and for unknown ones.
std::optional<store::ReportState> target_state(std::string_view action) noexcept;

/// Whether staff may move a report from `from` to `to` (skipping forward allowed, finished
/// reports only through reopening).
bool staff_may_move(store::ReportState from, store::ReportState to) noexcept;

/// Every state staff may set from `from`, in the order of the ReportState enumeration.
std::vector<store::ReportState> next_states(store::ReportState from);

/// Whether the reporter may reopen (finished: resolved or closed), confirm the fix (resolved,
/// not yet confirmed) or add an update (not merged away into another report).
bool citizen_may_reopen(const store::Report& report) noexcept;
bool citizen_may_confirm_fixed(const store::Report& report) noexcept;
bool citizen_may_add_update(const store::Report& report) noexcept;

/// The state's name for people: "přijato", "in progress"… (`language` "cs" or "en").
std::string_view state_label(store::ReportState state, std::string_view language) noexcept;

}  // namespace okrsek::service::reports
