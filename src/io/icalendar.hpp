#pragma once

// An iCalendar (RFC 5545) writer for published event feeds: content lines folded at 75
// octets without splitting a UTF-8 sequence, CRLF line ends, TEXT values escaped, times in
// Europe/Prague with a VTIMEZONE (see write_calendar()).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/lon_lat.hpp"
#include "core/prague_time.hpp"

namespace okrsek::io::ical {

/// Longest physical line in octets, without its CRLF (RFC 5545 section 3.1).
inline constexpr std::size_t max_line_octets = 75;

/// A TEXT value (section 3.3.11): backslash, semicolon and comma escaped with a backslash,
/// each line break (CRLF, LF or CR) written as "\n"; other control characters but the tab,
/// which TEXT may not hold, are dropped.
std::string escape_text(std::string_view text);

/// Appends one content line ("NAME;PARAM=x:value", without a line end), folded: each physical
/// line holds at most 75 octets and ends in CRLF, and every continuation line begins with one
/// space (which counts toward its 75). A fold never splits a UTF-8 sequence. Precondition:
/// `line` holds no CR or LF (escape TEXT values first).
void append_content_line(std::string& out, std::string_view line);

/// "20261203T160000Z".
std::string format_utc(core::SysSeconds instant);
/// "20261203T170000" (a local DATE-TIME, for TZID=…).
std::string format_local(core::LocalSeconds local);

/// The VTIMEZONE of Europe/Prague as the EU rule defines it since 1996 (CET/CEST, switching
/// at 01:00 UTC on the last Sundays of March and October), as content lines.
void append_prague_timezone(std::string& out);

enum class EventStatus { confirmed, cancelled };

/// One VEVENT.
struct CalendarEvent {
    std::string uid{};          ///< globally unique and stable for the event's whole life
    std::int64_t sequence = 0;  ///< grows with every revision
    core::SysSeconds stamp{};   ///< DTSTAMP
    core::SysSeconds created{};
    core::SysSeconds last_modified{};
    core::SysSeconds start{};
    core::SysSeconds end{};  ///< after `start`
    std::string summary{};
    std::string description{};  ///< "" leaves DESCRIPTION out
    std::string location{};     ///< "" leaves LOCATION out
    std::optional<core::LonLat> position{};
    std::string url{};         ///< "" leaves URL out
    std::string categories{};  ///< one category; "" leaves CATEGORIES out
    EventStatus status = EventStatus::confirmed;
};

/// A published calendar of events in Europe/Prague.
struct Calendar {
    std::string product_id{};  ///< PRODID, e.g. "-//okrsek//okrsek 0.1.0//CS"
    std::string name{};        ///< NAME and X-WR-CALNAME
    std::string description{};
    std::string refresh_interval = "PT1H";  ///< REFRESH-INTERVAL / X-PUBLISHED-TTL
    std::vector<CalendarEvent> events{};
};

/// The whole VCALENDAR (VERSION:2.0, CALSCALE:GREGORIAN, METHOD:PUBLISH) with the Prague
/// VTIMEZONE. Start and end are written as Prague wall-clock times with
/// TZID=Europe/Prague, so calendar apps show the time the town set however their own zone or
/// a future change of the rule goes; only an instant in the autumn's repeated hour that is
/// its second (CET) occurrence is written in UTC instead, because RFC 5545 reads such a
/// local time as the first occurrence. DTSTAMP, CREATED and LAST-MODIFIED are UTC as the RFC
/// requires.
std::string write_calendar(const Calendar& calendar);

}  // namespace okrsek::io::ical
