#pragma once

// A town's default report categories and escalation chain (demo and first use).

#include <cstdint>
#include <vector>

#include "store/reports.hpp"

namespace okrsek::service::reports {

/// unsafe_place (extra field time_of_day), night_disturbance, syringes, vandalism,
/// traffic_danger, other, and the guidance-only abandoned_vehicle, for `municipality_code`.
std::vector<store::CategoryFields> default_categories(std::int64_t municipality_code);

/// Levels 1–4: police_leadership, coordination_meeting, security_commission, council.
std::vector<store::ReportLevel> default_levels(std::int64_t municipality_code);

}  // namespace okrsek::service::reports
