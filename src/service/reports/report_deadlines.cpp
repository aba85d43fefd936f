#include "service/reports/report_deadlines.hpp"

#include <algorithm>
#include <cmath>

#include "core/prague_time.hpp"

namespace okrsek::service::reports {

using namespace std::chrono;

store::TimePoint add_working_days(store::TimePoint from, std::int64_t days) {
    const int count = static_cast<int>(std::clamp<std::int64_t>(days, 1, 1000));
    const year_month_day start = core::prague_date(floor<seconds>(from));
    const year_month_day due = core::add_czech_working_days(start, count);
    // 23:59:59 is never in a switch hour (those are 02:00–03:00), so the instant is unique.
    const core::LocalSeconds end_of_day{local_days(due).time_since_epoch() + hours(23) +
                                        minutes(59) + seconds(59)};
    return core::from_prague_local(end_of_day);
}

double elapsed_days(store::TimePoint from, store::TimePoint to) {
    const double days = duration<double>(to - from).count() / 86400.0;
    return std::round(days * 10.0) / 10.0;
}

}  // namespace okrsek::service::reports
