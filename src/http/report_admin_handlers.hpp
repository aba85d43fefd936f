#pragma once

// The staff routes of citizen reports (docs/reports.md "HTTP API", staff): the inbox and its
// CSV, one report, actions (single and bulk), revealing a contact, answer templates,
// categories and escalation levels. All Access::session with CSRF; the service checks the
// permission on the report (or town) as stored and audits every change.
//
// Registered by add_report_admin_routes (declared in report_handlers.hpp).

#include <cstddef>

namespace okrsek::http {

/// Most actions in one bulk request.
inline constexpr std::size_t max_bulk_report_actions = 200;

}  // namespace okrsek::http
