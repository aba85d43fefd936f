#pragma once

// Deadlines of citizen reports in Czech working days, Europe/Prague (docs/reports.md
// "Deadlines").

#include <cstdint>

#include "store/accounts.hpp"

namespace okrsek::service::reports {

/// The end (23:59:59 Prague time) of the `days`-th Czech working day after the Prague date of
/// `from`. A report made on Friday evening with 1 day is due on Monday 23:59:59 (Tuesday
/// when Monday is a holiday). `days` below 1 counts as 1.
store::TimePoint add_working_days(store::TimePoint from, std::int64_t days);

/// Whole calendar days from `from` to `to` with one decimal (responsiveness figures).
double elapsed_days(store::TimePoint from, store::TimePoint to);

}  // namespace okrsek::service::reports
