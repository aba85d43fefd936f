#pragma once

#include <cstdint>
#include <string>

#include "core/prague_time.hpp"

// Europe/Prague calendar keys of incident times, as the cube stores and groups them.
namespace okrsek::analytics {

/// A half-open period [from, to) of UTC instants.
struct Period {
    core::SysSeconds from{};
    core::SysSeconds to{};
};

/// The first and the last supported instant (exclusive): 1996-01-01 and 2100-01-01 UTC, the
/// years whose Prague time core/prague_time.hpp gets right.
core::SysSeconds cube_time_min() noexcept;
core::SysSeconds cube_time_end() noexcept;

/// Throws core::Error invalid_argument naming `field` unless from < to and both lie within
/// [cube_time_min(), cube_time_end()].
void check_period(const Period& period, const char* field = "period");

/// The same Prague wall-clock period one calendar year earlier (29 February becomes
/// 28 February; a wall-clock time that does not exist that year becomes the switch instant).
Period year_earlier(const Period& period);

/// Prague calendar keys of one instant.
struct LocalKeys {
    std::uint16_t month = 0;   ///< months since January 1970: (year − 1970)·12 + month − 1
    std::uint16_t week = 0;    ///< ISO weeks since the week of 1 January 1970 (Monday 29 Dec 1969)
    std::uint8_t hour = 0;     ///< hour of day, 0–23
    std::uint8_t weekday = 0;  ///< ISO day of week − 1: 0 = Monday … 6 = Sunday
};

/// Precondition: cube_time_min() ≤ t < cube_time_end().
LocalKeys local_keys(core::SysSeconds t);

/// "2025-03" for a month key.
std::string month_label(std::int32_t month_key);
/// "2025-W07" (ISO year and week) for a week key.
std::string week_label(std::int32_t week_key);

}  // namespace okrsek::analytics
