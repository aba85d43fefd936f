#pragma once

// Europe/Prague civil time and Czech working days, without a time-zone database (GCC 12's
// libstdc++ has no std::chrono::zoned_time).
//
// Civil time follows the EU rule: CET (UTC+1) in winter, CEST (UTC+2) from 01:00 UTC on the
// last Sunday of March until 01:00 UTC on the last Sunday of October. The rule holds for
// Czechia since 1996; before that (1979–1995) summer time ended in September, so instants
// before 1996 come out an hour wrong in part of September and October. Should the EU drop
// seasonal clock changes, this file is the one place to change.
//
// Czech public holidays follow Act No. 245/2000 Coll. (Good Friday since 2016); answers for
// years before 2001 are not reliable.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace okrsek::core {

using SysSeconds = std::chrono::sys_seconds;
using LocalSeconds = std::chrono::local_seconds;

/// The first year whose Prague times this file gets right.
inline constexpr int prague_rule_first_year = 1996;

/// When summer time begins and ends in `year`: 01:00 UTC on the last Sunday of March and of
/// October.
SysSeconds prague_summer_time_start(std::chrono::year year);
SysSeconds prague_summer_time_end(std::chrono::year year);

/// Whether Prague keeps summer time (CEST) at `instant`.
bool is_prague_summer_time(SysSeconds instant);

/// Prague's offset from UTC at `instant`: 1 h (CET) or 2 h (CEST).
std::chrono::seconds prague_utc_offset(SysSeconds instant);

/// The Prague wall-clock time at `instant`.
LocalSeconds to_prague_local(SysSeconds instant);

/// What a Prague wall-clock time denotes.
struct PragueLocalInfo {
    enum class Kind {
        unique,       ///< one instant: `earliest` == `latest`
        nonexistent,  ///< in the spring gap (02:00–03:00 skipped): both are the switch instant
        ambiguous,    ///< in the autumn hour shown twice: `earliest` in CEST, `latest` in CET
    };
    Kind kind = Kind::unique;
    SysSeconds earliest{};
    SysSeconds latest{};
};

PragueLocalInfo prague_local_info(LocalSeconds local);

/// How from_prague_local() treats an ambiguous time.
enum class AmbiguousTime { reject, earliest, latest };

/// The instant of a Prague wall-clock time. Throws core::Error invalid_argument naming
/// `field` for a time in the spring gap (always) and for one of the autumn's repeated hour
/// unless `ambiguous` picks one.
SysSeconds from_prague_local(LocalSeconds local, AmbiguousTime ambiguous = AmbiguousTime::reject,
                             std::string_view field = "time");

/// "2026-12-03T17:00:00+01:00": the Prague wall-clock time at `instant` with its offset.
std::string format_prague_time(SysSeconds instant);

/// Reads an ISO 8601 / RFC 3339 time: "YYYY-MM-DDTHH:MM" with optional ":SS", then "Z", an
/// offset "+HH:MM" / "-HH:MM" (any offset up to ±14:00; the instant is what counts), or
/// nothing, meaning Prague wall-clock time (refused in the spring gap and, being ambiguous,
/// in the autumn's repeated hour: the message asks for the offset). Throws core::Error
/// invalid_argument naming `field`.
SysSeconds parse_prague_time(std::string_view text, std::string_view field);

/// "2026-12-03"; std::nullopt for anything else (impossible dates included).
std::optional<std::chrono::year_month_day> parse_date(std::string_view text);
/// "2026-12-03".
std::string format_date(std::chrono::year_month_day date);

/// The Prague calendar date at `instant`.
std::chrono::year_month_day prague_date(SysSeconds instant);

// ---- Czech working days ---------------------------------------------------------------------

/// Easter Sunday of `year` (Gregorian computus).
std::chrono::year_month_day easter_sunday(std::chrono::year year);

/// Whether `date` is a Czech public holiday (státní svátek or ostatní svátek, days off work):
/// 1 Jan, Good Friday (since 2016), Easter Monday, 1 May, 8 May, 5 Jul, 6 Jul, 28 Sep,
/// 28 Oct, 17 Nov, 24–26 Dec.
bool is_czech_public_holiday(std::chrono::year_month_day date);

/// Monday to Friday and not a public holiday.
bool is_czech_working_day(std::chrono::year_month_day date);

/// The `count`-th working day after `date` (which need not be one itself): a deadline "within
/// 30 working days" of a report received on `date` ends on add_czech_working_days(date, 30).
/// For `count` ≤ 0: `date` itself when it is a working day, else the next working day.
std::chrono::year_month_day add_czech_working_days(std::chrono::year_month_day date, int count);

}  // namespace okrsek::core
