// Working-day deadlines of reports (service/reports/report_deadlines.cpp): the end of the N-th
// Czech working day after the Prague date of submission.
#include "service/reports/report_deadlines.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace okrsek::service::reports {
namespace {

using namespace std::chrono;

store::TimePoint utc(int y, unsigned m, unsigned d, int h, int min = 0, int s = 0) {
    return sys_days{year{y} / month{m} / day{d}} + hours(h) + minutes(min) + seconds(s);
}

TEST(ReportDeadlines, OneDayFromFridayEndsOnMonday) {
    // Friday 6 March 2026, 10:00 Prague (CET): Monday 9 March 23:59:59 CET.
    EXPECT_EQ(add_working_days(utc(2026, 3, 6, 9), 1), utc(2026, 3, 9, 22, 59, 59));
}

TEST(ReportDeadlines, WeekendSubmissionCountsFromTheWeekend) {
    // Saturday 7 and Sunday 8 March: the first working day after is Monday 9 March.
    EXPECT_EQ(add_working_days(utc(2026, 3, 7, 12), 1), utc(2026, 3, 9, 22, 59, 59));
    EXPECT_EQ(add_working_days(utc(2026, 3, 8, 12), 2), utc(2026, 3, 10, 22, 59, 59));
}

TEST(ReportDeadlines, ChristmasHolidaysAreSkipped) {
    // Wednesday 23 December 2026; 24, 25, 26 December are holidays, 27 a Sunday.
    EXPECT_EQ(add_working_days(utc(2026, 12, 23, 10), 1), utc(2026, 12, 28, 22, 59, 59));
    // New Year's Day (Friday 1 January 2027) too: 28, 29, 30, 31 Dec, then Monday 4 Jan.
    EXPECT_EQ(add_working_days(utc(2026, 12, 23, 10), 5), utc(2027, 1, 4, 22, 59, 59));
}

TEST(ReportDeadlines, GoodFridayAndEasterMondayAreSkipped) {
    // Easter 2026: Good Friday 3 April, Easter Monday 6 April. From Thursday 2 April:
    // Tuesday 7 April 23:59:59 CEST.
    EXPECT_EQ(add_working_days(utc(2026, 4, 2, 8), 1), utc(2026, 4, 7, 21, 59, 59));
}

TEST(ReportDeadlines, SpringSwitchGivesTheSummerOffset) {
    // Friday 27 March 2026 is CET; summer time starts on Sunday 29 March: Monday 30 March
    // ends at 23:59:59 CEST = 21:59:59 UTC.
    EXPECT_EQ(add_working_days(utc(2026, 3, 27, 15), 1), utc(2026, 3, 30, 21, 59, 59));
}

TEST(ReportDeadlines, AutumnSwitchGivesTheWinterOffset) {
    // Friday 23 October 2026 is CEST; winter time from Sunday 25 October: Monday 26 October
    // ends at 23:59:59 CET. Wednesday 28 October is a holiday.
    EXPECT_EQ(add_working_days(utc(2026, 10, 23, 15), 1), utc(2026, 10, 26, 22, 59, 59));
    EXPECT_EQ(add_working_days(utc(2026, 10, 23, 15), 3), utc(2026, 10, 29, 22, 59, 59));
}

TEST(ReportDeadlines, ThePragueDateCountsNotTheUtcDate) {
    // 23:30 UTC on Monday 2 March is 00:30 on Tuesday 3 March in Prague: due Wednesday.
    EXPECT_EQ(add_working_days(utc(2026, 3, 2, 23, 30), 1), utc(2026, 3, 4, 22, 59, 59));
    // 22:30 UTC the same Monday is still Monday in Prague: due Tuesday.
    EXPECT_EQ(add_working_days(utc(2026, 3, 2, 22, 30), 1), utc(2026, 3, 3, 22, 59, 59));
}

TEST(ReportDeadlines, LessThanOneDayCountsAsOne) {
    EXPECT_EQ(add_working_days(utc(2026, 3, 6, 9), 0), add_working_days(utc(2026, 3, 6, 9), 1));
}

TEST(ReportDeadlines, ElapsedDaysHaveOneDecimal) {
    EXPECT_DOUBLE_EQ(elapsed_days(utc(2026, 3, 2, 0), utc(2026, 3, 3, 12)), 1.5);
    EXPECT_DOUBLE_EQ(elapsed_days(utc(2026, 3, 2, 0), utc(2026, 3, 2, 1)), 0.0);
}

}  // namespace
}  // namespace okrsek::service::reports
