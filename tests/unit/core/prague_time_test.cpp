// Europe/Prague civil time around both clock changes, the gap and the repeated hour, parsing
// and formatting with offsets, and Czech public holidays and working days.
#include "core/prague_time.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "core/error.hpp"

namespace okrsek::core {
namespace {

using namespace std::chrono;

SysSeconds utc(int y, unsigned m, unsigned d, int hh, int mm = 0, int ss = 0) {
    return sys_days{year{y} / m / d} + hours(hh) + minutes(mm) + seconds(ss);
}

LocalSeconds local(int y, unsigned m, unsigned d, int hh, int mm = 0) {
    return local_days{year{y} / m / d} + hours(hh) + minutes(mm);
}

Error error_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const Error& error) {
        return error;
    }
    ADD_FAILURE() << "expected a core::Error";
    return Error(ErrorCode::internal, "none");
}

TEST(PragueTime, SummerTimeRunsFromTheLastSundayOfMarchToTheLastOfOctober) {
    EXPECT_EQ(prague_summer_time_start(year{2026}), utc(2026, 3, 29, 1));
    EXPECT_EQ(prague_summer_time_end(year{2026}), utc(2026, 10, 25, 1));
    EXPECT_EQ(prague_summer_time_start(year{2027}), utc(2027, 3, 28, 1));
    EXPECT_EQ(prague_summer_time_end(year{2027}), utc(2027, 10, 31, 1));
    // The first year of the rule: October, not September as until 1995.
    EXPECT_EQ(prague_summer_time_end(year{1996}), utc(1996, 10, 27, 1));
}

TEST(PragueTime, TheOffsetChangesExactlyAtOneUtc) {
    EXPECT_EQ(prague_utc_offset(utc(2026, 3, 29, 0, 59, 59)), hours(1));
    EXPECT_EQ(prague_utc_offset(utc(2026, 3, 29, 1)), hours(2));
    EXPECT_EQ(prague_utc_offset(utc(2026, 10, 25, 0, 59, 59)), hours(2));
    EXPECT_EQ(prague_utc_offset(utc(2026, 10, 25, 1)), hours(1));
    EXPECT_EQ(prague_utc_offset(utc(2026, 1, 15, 12)), hours(1));
    EXPECT_EQ(prague_utc_offset(utc(2026, 7, 15, 12)), hours(2));
    // Spring: 01:59:59 CET is followed by 03:00:00 CEST.
    EXPECT_EQ(to_prague_local(utc(2026, 3, 29, 0, 59, 59)), local(2026, 3, 29, 1, 59) + 59s);
    EXPECT_EQ(to_prague_local(utc(2026, 3, 29, 1)), local(2026, 3, 29, 3));
    // Autumn: 02:59:59 CEST is followed by 02:00:00 CET.
    EXPECT_EQ(to_prague_local(utc(2026, 10, 25, 0, 59, 59)), local(2026, 10, 25, 2, 59) + 59s);
    EXPECT_EQ(to_prague_local(utc(2026, 10, 25, 1)), local(2026, 10, 25, 2));
}

TEST(PragueTime, HalfPastTwoOnTheSpringDayDoesNotExist) {
    const auto info = prague_local_info(local(2026, 3, 29, 2, 30));
    EXPECT_EQ(info.kind, PragueLocalInfo::Kind::nonexistent);
    EXPECT_EQ(info.earliest, utc(2026, 3, 29, 1));
    for (const auto choice :
         {AmbiguousTime::reject, AmbiguousTime::earliest, AmbiguousTime::latest}) {
        const auto error =
            error_of([&] { from_prague_local(local(2026, 3, 29, 2, 30), choice, "starts_at"); });
        EXPECT_EQ(error.code(), ErrorCode::invalid_argument);
        EXPECT_EQ(error.field(), "starts_at");
        EXPECT_NE(std::string(error.what()).find("does not exist"), std::string::npos);
    }
    // Either side of the gap is one instant.
    EXPECT_EQ(from_prague_local(local(2026, 3, 29, 1, 59)), utc(2026, 3, 29, 0, 59));
    EXPECT_EQ(from_prague_local(local(2026, 3, 29, 3, 0)), utc(2026, 3, 29, 1));
}

TEST(PragueTime, HalfPastTwoOnTheAutumnDayHappensTwice) {
    const auto info = prague_local_info(local(2026, 10, 25, 2, 30));
    EXPECT_EQ(info.kind, PragueLocalInfo::Kind::ambiguous);
    EXPECT_EQ(info.earliest, utc(2026, 10, 25, 0, 30));  // 02:30 CEST
    EXPECT_EQ(info.latest, utc(2026, 10, 25, 1, 30));    // 02:30 CET
    EXPECT_EQ(from_prague_local(local(2026, 10, 25, 2, 30), AmbiguousTime::earliest),
              utc(2026, 10, 25, 0, 30));
    EXPECT_EQ(from_prague_local(local(2026, 10, 25, 2, 30), AmbiguousTime::latest),
              utc(2026, 10, 25, 1, 30));
    const auto error = error_of([] { from_prague_local(local(2026, 10, 25, 2, 30)); });
    EXPECT_EQ(error.code(), ErrorCode::invalid_argument);
    EXPECT_NE(std::string(error.what()).find("+01:00"), std::string::npos);
    // 01:59 and 03:00 are unique.
    EXPECT_EQ(prague_local_info(local(2026, 10, 25, 1, 59)).kind, PragueLocalInfo::Kind::unique);
    EXPECT_EQ(from_prague_local(local(2026, 10, 25, 3, 0)), utc(2026, 10, 25, 2));
}

TEST(PragueTime, EveryMinuteOfAYearGoesToLocalTimeAndBack) {
    for (SysSeconds t = utc(2026, 1, 1, 0); t < utc(2027, 1, 1, 0); t += minutes(7)) {
        const auto info = prague_local_info(to_prague_local(t));
        ASSERT_NE(info.kind, PragueLocalInfo::Kind::nonexistent) << t.time_since_epoch().count();
        EXPECT_TRUE(info.earliest == t || info.latest == t) << t.time_since_epoch().count();
    }
}

TEST(PragueTime, FormatsWithTheOffsetOfTheDay) {
    EXPECT_EQ(format_prague_time(utc(2026, 12, 3, 16)), "2026-12-03T17:00:00+01:00");
    EXPECT_EQ(format_prague_time(utc(2026, 7, 1, 10, 5, 9)), "2026-07-01T12:05:09+02:00");
    EXPECT_EQ(format_prague_time(utc(2026, 10, 25, 0, 30)), "2026-10-25T02:30:00+02:00");
    EXPECT_EQ(format_prague_time(utc(2026, 10, 25, 1, 30)), "2026-10-25T02:30:00+01:00");
    EXPECT_EQ(format_prague_time(utc(2026, 12, 31, 23, 30)), "2027-01-01T00:30:00+01:00");
}

TEST(PragueTime, ParsesOffsetsUtcAndPlainPragueTime) {
    EXPECT_EQ(parse_prague_time("2026-12-03T17:00:00+01:00", "t"), utc(2026, 12, 3, 16));
    EXPECT_EQ(parse_prague_time("2026-12-03T16:00:00Z", "t"), utc(2026, 12, 3, 16));
    EXPECT_EQ(parse_prague_time("2026-12-03T17:00", "t"), utc(2026, 12, 3, 16));
    EXPECT_EQ(parse_prague_time("2026-07-01T12:00:00", "t"), utc(2026, 7, 1, 10));
    EXPECT_EQ(parse_prague_time("2026-07-01T12:00:00-04:30", "t"), utc(2026, 7, 1, 16, 30));
    // The repeated hour with its offset names one instant each.
    EXPECT_EQ(parse_prague_time("2026-10-25T02:30:00+02:00", "t"), utc(2026, 10, 25, 0, 30));
    EXPECT_EQ(parse_prague_time("2026-10-25T02:30:00+01:00", "t"), utc(2026, 10, 25, 1, 30));
    for (const char* bad :
         {"2026-10-25T02:30:00", "2026-03-29T02:30", "2026-12-03", "2026-12-03 17:00",
          "2026-13-03T17:00", "2026-02-30T17:00", "2026-12-03T24:00", "2026-12-03T17:00+15:00",
          "2026-12-03T17:00+1", "2026-12-03T17:00:00.5Z", ""}) {
        const auto error = error_of([&] { parse_prague_time(bad, "starts_at"); });
        EXPECT_EQ(error.code(), ErrorCode::invalid_argument) << bad;
        EXPECT_EQ(error.field(), "starts_at") << bad;
    }
}

TEST(PragueTime, DatesAreReadStrictlyAndTakenInPrague) {
    EXPECT_EQ(parse_date("2026-02-28"), year{2026} / 2 / 28);
    EXPECT_FALSE(parse_date("2026-02-29"));
    EXPECT_FALSE(parse_date("2026-2-28"));
    EXPECT_EQ(format_date(year{2026} / 3 / 5), "2026-03-05");
    // 23:30 UTC on New Year's Eve is already New Year's Day in Prague.
    EXPECT_EQ(prague_date(utc(2026, 12, 31, 23, 30)), year{2027} / 1 / 1);
    EXPECT_EQ(prague_date(utc(2026, 12, 31, 22, 59)), year{2026} / 12 / 31);
}

TEST(CzechCalendar, EasterSundays) {
    EXPECT_EQ(easter_sunday(year{2000}), year{2000} / 4 / 23);
    EXPECT_EQ(easter_sunday(year{2024}), year{2024} / 3 / 31);
    EXPECT_EQ(easter_sunday(year{2025}), year{2025} / 4 / 20);
    EXPECT_EQ(easter_sunday(year{2026}), year{2026} / 4 / 5);
    EXPECT_EQ(easter_sunday(year{2038}), year{2038} / 4 / 25);
}

TEST(CzechCalendar, PublicHolidays) {
    for (const auto date :
         {year{2026} / 1 / 1, year{2026} / 4 / 3, year{2026} / 4 / 6, year{2026} / 5 / 1,
          year{2026} / 5 / 8, year{2026} / 7 / 5, year{2026} / 7 / 6, year{2026} / 9 / 28,
          year{2026} / 10 / 28, year{2026} / 11 / 17, year{2026} / 12 / 24, year{2026} / 12 / 25,
          year{2026} / 12 / 26}) {
        EXPECT_TRUE(is_czech_public_holiday(date)) << format_date(date);
    }
    // Good Friday is a holiday since 2016 only.
    EXPECT_FALSE(is_czech_public_holiday(year{2015} / 4 / 3));
    EXPECT_TRUE(is_czech_public_holiday(year{2016} / 3 / 25));
    EXPECT_FALSE(is_czech_public_holiday(year{2026} / 4 / 5));  // Easter Sunday: a Sunday anyway
    EXPECT_FALSE(is_czech_public_holiday(year{2026} / 12 / 23));
    EXPECT_FALSE(is_czech_public_holiday(year{2026} / 12 / 31));
}

TEST(CzechCalendar, WorkingDaysSkipWeekendsAndHolidays) {
    EXPECT_TRUE(is_czech_working_day(year{2026} / 12 / 23));   // Wednesday
    EXPECT_FALSE(is_czech_working_day(year{2026} / 12 / 24));  // Thursday, Christmas Eve
    EXPECT_FALSE(is_czech_working_day(year{2026} / 11 / 28));  // Saturday
    // Wed 23 Dec + 1: 24, 25 holidays, 26 Saturday and holiday, 27 Sunday → Mon 28 Dec.
    EXPECT_EQ(add_czech_working_days(year{2026} / 12 / 23, 1), year{2026} / 12 / 28);
    // A report on Saturday: the first working day after it is Monday.
    EXPECT_EQ(add_czech_working_days(year{2026} / 11 / 28, 1), year{2026} / 11 / 30);
    EXPECT_EQ(add_czech_working_days(year{2026} / 11 / 28, 0), year{2026} / 11 / 30);
    EXPECT_EQ(add_czech_working_days(year{2026} / 11 / 30, 0), year{2026} / 11 / 30);
    // Thu 2 Apr 2026 + 2: Good Friday and Easter Monday are off → Wed 8 Apr.
    EXPECT_EQ(add_czech_working_days(year{2026} / 4 / 2, 2), year{2026} / 4 / 8);
    // 30 working days from Mon 2 Nov 2026 (17 Nov is a holiday): Tue 15 Dec.
    EXPECT_EQ(add_czech_working_days(year{2026} / 11 / 2, 30), year{2026} / 12 / 15);
}

}  // namespace
}  // namespace okrsek::core
