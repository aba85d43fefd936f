#include "analytics/cube_time.hpp"

#include <cstdio>

#include "core/error.hpp"

namespace okrsek::analytics {

namespace {

using namespace std::chrono;

constexpr sys_days min_day = sys_days{year{1996} / January / 1};
constexpr sys_days end_day = sys_days{year{2100} / January / 1};

// Day 0 of week 0: Monday, 29 December 1969.
constexpr sys_days week_zero = sys_days{year{1969} / December / 29};

core::SysSeconds shift_year_back(core::SysSeconds instant) {
    const local_seconds local = core::to_prague_local(instant);
    const local_days day = floor<days>(local);
    const auto time_of_day = local - day;
    year_month_day date{day};
    date = year_month_day{date.year() - years{1}, date.month(), date.day()};
    if (!date.ok()) date = year_month_day{date.year() / date.month() / last};
    const core::PragueLocalInfo info = core::prague_local_info(local_days{date} + time_of_day);
    return info.earliest;
}

}  // namespace

core::SysSeconds cube_time_min() noexcept {
    return core::SysSeconds{min_day.time_since_epoch()};
}

core::SysSeconds cube_time_end() noexcept {
    return core::SysSeconds{end_day.time_since_epoch()};
}

void check_period(const Period& period, const char* field) {
    if (!(period.from < period.to)) {
        throw core::Error(core::ErrorCode::invalid_argument, "the period is empty", field);
    }
    if (period.from < cube_time_min() || period.to > cube_time_end()) {
        throw core::Error(core::ErrorCode::invalid_argument,
                          "the period must lie within the years 1996 to 2099", field);
    }
}

Period year_earlier(const Period& period) {
    return {shift_year_back(period.from), shift_year_back(period.to)};
}

LocalKeys local_keys(core::SysSeconds t) {
    const local_seconds local = core::to_prague_local(t);
    const local_days day = floor<days>(local);
    const year_month_day date{day};
    const auto hour = floor<hours>(local - day).count();
    const auto day_number = (sys_days{day.time_since_epoch()} - week_zero).count();
    LocalKeys keys;
    keys.month =
        static_cast<std::uint16_t>((static_cast<int>(date.year()) - 1970) * 12 +
                                   static_cast<int>(static_cast<unsigned>(date.month())) - 1);
    keys.week = static_cast<std::uint16_t>(day_number / 7);
    keys.hour = static_cast<std::uint8_t>(hour);
    keys.weekday = static_cast<std::uint8_t>(day_number % 7);
    return keys;
}

std::string month_label(std::int32_t month_key) {
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02d", 1970 + month_key / 12, month_key % 12 + 1);
    return text;
}

std::string week_label(std::int32_t week_key) {
    // The ISO year of a week is the year of its Thursday.
    const sys_days thursday = week_zero + days{week_key * 7 + 3};
    const year_month_day date{thursday};
    const sys_days first_day = sys_days{date.year() / January / 1};
    const auto week = (thursday - first_day).count() / 7 + 1;
    char text[32];
    std::snprintf(text, sizeof text, "%04d-W%02d", static_cast<int>(date.year()),
                  static_cast<int>(week));
    return text;
}

}  // namespace okrsek::analytics
