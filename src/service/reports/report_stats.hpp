#pragma once

// Responsiveness statistics of citizen reports (docs/reports.md, "responsiveness"): medians of
// the time to a first response and to a resolution, and the shares answered or resolved
// within their working-day deadlines. Pure functions over the store's report timings.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "service/reports/report_types.hpp"

namespace okrsek::service::reports {

/// The median of `values` (the mean of the two middle ones for an even count); none when
/// empty.
std::optional<double> median_of(std::vector<double> values);

/// `value` rounded half away from zero to one decimal.
double round_to_tenth(double value);

/// The responsiveness of the given reports (all of one district, or of a whole town with
/// `district_id` empty) as seen at `now`. Figures are given only when there are at least
/// `min_reports` reports:
/// - the medians are over the reports that have the time in question (a first response; a
///   resolution or closure, whichever came), in calendar days rounded to one decimal; none
///   when no report has it;
/// - a share counts, among the reports whose outcome is known at `now` (answered / finished,
///   or past the deadline without it), those answered / finished by their deadline; none when
///   no outcome is known yet.
Responsiveness summarize_responsiveness(std::span<const store::ReportTiming> timings,
                                        std::optional<std::int64_t> district_id,
                                        store::TimePoint now,
                                        std::int64_t min_reports = min_reports_for_statistics);

/// The town (first, district_id empty, over every timing) and then each of `district_ids` in
/// the order given (over the timings of that district; districts without reports included).
std::vector<Responsiveness> responsiveness_by_district(
    std::span<const store::ReportTiming> timings, std::span<const std::int64_t> district_ids,
    store::TimePoint now, std::int64_t min_reports = min_reports_for_statistics);

}  // namespace okrsek::service::reports
