#include "core/prague_time.hpp"

#include <cstdio>

#include "core/error.hpp"

namespace okrsek::core {
namespace {

using namespace std::chrono;

constexpr seconds cet_offset = hours(1);
constexpr seconds cest_offset = hours(2);

SysSeconds last_sunday_at_one_utc(year y, month m) {
    return sys_days{year_month_weekday_last{y, m, weekday_last{Sunday}}} + hours(1);
}

[[noreturn]] void fail(std::string_view field, const std::string& message) {
    throw Error(ErrorCode::invalid_argument, message, std::string(field));
}

std::optional<int> digits_at(std::string_view text, std::size_t at, std::size_t count) {
    if (at + count > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

std::string two_digits(long value) {
    char buffer[24];  // room for any long, though only 0–59 come here
    std::snprintf(buffer, sizeof buffer, "%02ld", value);
    return buffer;
}

std::string local_text(LocalSeconds local) {
    const auto day = floor<days>(local);
    const hh_mm_ss time{local - day};
    return format_date(year_month_day{day}) + " " + two_digits(time.hours().count()) + ":" +
           two_digits(time.minutes().count());
}

// The wall-clock part "YYYY-MM-DDTHH:MM[:SS]" of `text`; `length` gets how many bytes it took.
std::optional<LocalSeconds> wall_clock(std::string_view text, std::size_t& length) {
    if (text.size() < 16 || text[10] != 'T' || text[13] != ':') return std::nullopt;
    const auto date = parse_date(text.substr(0, 10));
    const auto h = digits_at(text, 11, 2);
    const auto mi = digits_at(text, 14, 2);
    if (!date || !h || !mi || *h > 23 || *mi > 59) return std::nullopt;
    int s = 0;
    length = 16;
    if (text.size() >= 19 && text[16] == ':') {
        const auto parsed = digits_at(text, 17, 2);
        if (!parsed || *parsed > 59) return std::nullopt;
        s = *parsed;
        length = 19;
    }
    return local_days{*date} + hours(*h) + minutes(*mi) + seconds(s);
}

// "Z", "+HH:MM" or "-HH:MM" as seconds east of UTC.
std::optional<seconds> offset_of(std::string_view suffix) {
    if (suffix == "Z") return seconds(0);
    if (suffix.size() != 6 || (suffix[0] != '+' && suffix[0] != '-') || suffix[3] != ':') {
        return std::nullopt;
    }
    const auto h = digits_at(suffix, 1, 2);
    const auto m = digits_at(suffix, 4, 2);
    if (!h || !m || *m > 59 || *h * 60 + *m > 14 * 60) return std::nullopt;
    const seconds offset = hours(*h) + minutes(*m);
    return suffix[0] == '+' ? offset : -offset;
}

}  // namespace

SysSeconds prague_summer_time_start(year y) {
    return last_sunday_at_one_utc(y, March);
}

SysSeconds prague_summer_time_end(year y) {
    return last_sunday_at_one_utc(y, October);
}

bool is_prague_summer_time(SysSeconds instant) {
    const year y = year_month_day{floor<days>(instant)}.year();
    return instant >= prague_summer_time_start(y) && instant < prague_summer_time_end(y);
}

seconds prague_utc_offset(SysSeconds instant) {
    return is_prague_summer_time(instant) ? cest_offset : cet_offset;
}

LocalSeconds to_prague_local(SysSeconds instant) {
    return LocalSeconds{(instant + prague_utc_offset(instant)).time_since_epoch()};
}

// A wall-clock time can be read as CEST (local − 2 h) or CET (local − 1 h); each reading
// counts when Prague really keeps that offset at the instant it gives. Both count in the
// autumn's repeated hour, neither in the spring gap.
PragueLocalInfo prague_local_info(LocalSeconds local) {
    const SysSeconds as_summer{(local - cest_offset).time_since_epoch()};
    const SysSeconds as_winter{(local - cet_offset).time_since_epoch()};
    const bool summer_fits = is_prague_summer_time(as_summer);
    const bool winter_fits = !is_prague_summer_time(as_winter);
    using Kind = PragueLocalInfo::Kind;
    if (summer_fits && winter_fits) return {Kind::ambiguous, as_summer, as_winter};
    if (summer_fits) return {Kind::unique, as_summer, as_summer};
    if (winter_fits) return {Kind::unique, as_winter, as_winter};
    const SysSeconds switch_at =
        prague_summer_time_start(year_month_day{floor<days>(as_summer)}.year());
    return {Kind::nonexistent, switch_at, switch_at};
}

SysSeconds from_prague_local(LocalSeconds local, AmbiguousTime ambiguous, std::string_view field) {
    const PragueLocalInfo info = prague_local_info(local);
    switch (info.kind) {
        case PragueLocalInfo::Kind::unique:
            return info.earliest;
        case PragueLocalInfo::Kind::nonexistent:
            fail(field, local_text(local) +
                            " does not exist in Prague: clocks jump from 02:00 to 03:00 that day");
        case PragueLocalInfo::Kind::ambiguous:
            if (ambiguous == AmbiguousTime::earliest) return info.earliest;
            if (ambiguous == AmbiguousTime::latest) return info.latest;
            fail(field, local_text(local) +
                            " happens twice in Prague (clocks go back from 03:00 to 02:00): "
                            "add the offset, +02:00 for the first or +01:00 for the second");
    }
    return info.earliest;
}

std::string format_prague_time(SysSeconds instant) {
    const LocalSeconds local = to_prague_local(instant);
    const auto day = floor<days>(local);
    const hh_mm_ss time{local - day};
    return format_date(year_month_day{day}) + "T" + two_digits(time.hours().count()) + ":" +
           two_digits(time.minutes().count()) + ":" + two_digits(time.seconds().count()) +
           (is_prague_summer_time(instant) ? "+02:00" : "+01:00");
}

SysSeconds parse_prague_time(std::string_view text, std::string_view field) {
    std::size_t length = 0;
    const auto local = wall_clock(text, length);
    if (!local) {
        fail(field, std::string(field) +
                        " must be a time such as 2026-12-03T17:00:00+01:00 (Prague time with "
                        "its offset)");
    }
    if (length == text.size()) return from_prague_local(*local, AmbiguousTime::reject, field);
    const auto offset = offset_of(text.substr(length));
    if (!offset) {
        fail(field, std::string(field) + " has a malformed offset: use Z, +01:00 or +02:00");
    }
    return SysSeconds{(*local - *offset).time_since_epoch()};
}

std::optional<year_month_day> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const auto y = digits_at(text, 0, 4);
    const auto m = digits_at(text, 5, 2);
    const auto d = digits_at(text, 8, 2);
    if (!y || !m || !d) return std::nullopt;
    const year_month_day date{year{*y}, month{static_cast<unsigned>(*m)},
                              day{static_cast<unsigned>(*d)}};
    if (!date.ok()) return std::nullopt;
    return date;
}

std::string format_date(year_month_day date) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return buffer;
}

year_month_day prague_date(SysSeconds instant) {
    return year_month_day{floor<days>(to_prague_local(instant))};
}

// Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
year_month_day easter_sunday(year y) {
    const int Y = static_cast<int>(y);
    const int a = Y % 19;
    const int b = Y / 100;
    const int c = Y % 100;
    const int d = b / 4;
    const int e = b % 4;
    const int f = (b + 8) / 25;
    const int g = (b - f + 1) / 3;
    const int h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4;
    const int k = c % 4;
    const int l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month_number = (h + l - 7 * m + 114) / 31;
    const int day_number = (h + l - 7 * m + 114) % 31 + 1;
    return year_month_day{y, month{static_cast<unsigned>(month_number)},
                          day{static_cast<unsigned>(day_number)}};
}

bool is_czech_public_holiday(year_month_day date) {
    struct Fixed {
        unsigned month;
        unsigned day;
    };
    static constexpr Fixed fixed[] = {{1, 1},   {5, 1},   {5, 8},   {7, 5},   {7, 6},  {9, 28},
                                      {10, 28}, {11, 17}, {12, 24}, {12, 25}, {12, 26}};
    for (const auto& holiday : fixed) {
        if (static_cast<unsigned>(date.month()) == holiday.month &&
            static_cast<unsigned>(date.day()) == holiday.day) {
            return true;
        }
    }
    const sys_days easter{easter_sunday(date.year())};
    const sys_days day{date};
    if (day == easter + days(1)) return true;
    return static_cast<int>(date.year()) >= 2016 && day == easter - days(2);
}

bool is_czech_working_day(year_month_day date) {
    const weekday wd{sys_days{date}};
    if (wd == Saturday || wd == Sunday) return false;
    return !is_czech_public_holiday(date);
}

year_month_day add_czech_working_days(year_month_day date, int count) {
    sys_days day{date};
    if (count <= 0) {
        while (!is_czech_working_day(year_month_day{day})) day += days(1);
        return year_month_day{day};
    }
    for (int added = 0; added < count;) {
        day += days(1);
        if (is_czech_working_day(year_month_day{day})) ++added;
    }
    return year_month_day{day};
}

}  // namespace okrsek::core
