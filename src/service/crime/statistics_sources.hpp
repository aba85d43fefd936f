#pragma once

// What the statistics take from the rest of the platform: populations from the area profiles
// and counts of citizen reports per district.

#include "service/areas/area_profiles.hpp"
#include "service/crime/crime_statistics.hpp"
#include "service/reports/citizen_reports.hpp"

namespace okrsek::service {

/// Populations as the area profiles give them (edited, else the layer's property).
PopulationSource statistics_populations(AreaProfiles& profiles);
/// Citizen reports per district of a town over a period.
ReportCountSource statistics_report_counts(CitizenReports& reports);
/// The area profiles of a layer.
ProfileSource statistics_profiles(AreaProfiles& profiles);

}  // namespace okrsek::service
