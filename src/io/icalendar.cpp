#include "io/icalendar.hpp"

#include <charconv>
#include <cstdio>

namespace okrsek::io::ical {
namespace {

using namespace std::chrono;

constexpr std::string_view prague_tzid = "Europe/Prague";

bool is_continuation_byte(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

std::string compact(year_month_day date, hh_mm_ss<seconds> time) {
    char buffer[96];  // room for any values, though a valid time takes 15 bytes
    std::snprintf(buffer, sizeof buffer, "%04d%02u%02uT%02ld%02ld%02ld",
                  static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                  static_cast<unsigned>(date.day()), static_cast<long>(time.hours().count()),
                  static_cast<long>(time.minutes().count()),
                  static_cast<long>(time.seconds().count()));
    return buffer;
}

std::string fixed6(double value) {
    char buffer[32];
    const auto [end, ec] =
        std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 6);
    return ec == std::errc{} ? std::string(buffer, end) : std::string("0");
}

void line(std::string& out, std::string_view name, std::string_view value) {
    std::string content(name);
    content += ':';
    content += value;
    append_content_line(out, content);
}

void text_line(std::string& out, std::string_view name, std::string_view text) {
    line(out, name, escape_text(text));
}

// DTSTART / DTEND: Prague wall-clock time with TZID, except the second occurrence of the
// autumn's repeated hour, which a TZID time cannot name (RFC 5545 3.3.5 reads it as the first).
void time_line(std::string& out, std::string_view name, core::SysSeconds instant) {
    const core::LocalSeconds local = core::to_prague_local(instant);
    const auto info = core::prague_local_info(local);
    if (info.kind == core::PragueLocalInfo::Kind::ambiguous && instant == info.latest) {
        line(out, name, format_utc(instant));
        return;
    }
    line(out, std::string(name) + ";TZID=" + std::string(prague_tzid), format_local(local));
}

void append_event(std::string& out, const CalendarEvent& event) {
    line(out, "BEGIN", "VEVENT");
    text_line(out, "UID", event.uid);
    line(out, "SEQUENCE", std::to_string(event.sequence));
    line(out, "DTSTAMP", format_utc(event.stamp));
    line(out, "CREATED", format_utc(event.created));
    line(out, "LAST-MODIFIED", format_utc(event.last_modified));
    time_line(out, "DTSTART", event.start);
    time_line(out, "DTEND", event.end);
    text_line(out, "SUMMARY", event.summary);
    if (!event.description.empty()) text_line(out, "DESCRIPTION", event.description);
    if (!event.location.empty()) text_line(out, "LOCATION", event.location);
    if (event.position) {
        line(out, "GEO", fixed6(event.position->lat) + ";" + fixed6(event.position->lon));
    }
    if (!event.url.empty()) line(out, "URL", event.url);
    if (!event.categories.empty()) text_line(out, "CATEGORIES", event.categories);
    line(out, "CLASS", "PUBLIC");
    line(out, "TRANSP", "OPAQUE");
    line(out, "STATUS", event.status == EventStatus::cancelled ? "CANCELLED" : "CONFIRMED");
    line(out, "END", "VEVENT");
}

}  // namespace

std::string escape_text(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case ';':
                out += "\\;";
                break;
            case ',':
                out += "\\,";
                break;
            case '\r':
                if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
                out += "\\n";
                break;
            case '\n':
                out += "\\n";
                break;
            default:
                if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == '\x7f') break;
                out += c;
        }
    }
    return out;
}

void append_content_line(std::string& out, std::string_view line) {
    std::size_t room = max_line_octets;
    while (line.size() > room) {
        std::size_t cut = room;
        // Back to the first byte of the UTF-8 sequence the limit falls into.
        while (cut > 0 && is_continuation_byte(line[cut])) --cut;
        if (cut == 0) cut = room;  // not UTF-8 at all: cut where the limit says
        out.append(line.substr(0, cut));
        out += "\r\n ";
        line.remove_prefix(cut);
        room = max_line_octets - 1;  // the leading space counts
    }
    out.append(line);
    out += "\r\n";
}

std::string format_utc(core::SysSeconds instant) {
    const auto day = floor<days>(instant);
    return compact(year_month_day{day}, hh_mm_ss{instant - day}) + "Z";
}

std::string format_local(core::LocalSeconds local) {
    const auto day = floor<days>(local);
    return compact(year_month_day{day}, hh_mm_ss{local - day});
}

void append_prague_timezone(std::string& out) {
    line(out, "BEGIN", "VTIMEZONE");
    line(out, "TZID", prague_tzid);
    line(out, "X-LIC-LOCATION", prague_tzid);
    line(out, "BEGIN", "DAYLIGHT");
    line(out, "TZOFFSETFROM", "+0100");
    line(out, "TZOFFSETTO", "+0200");
    line(out, "TZNAME", "CEST");
    line(out, "DTSTART", "19960331T020000");
    line(out, "RRULE", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");
    line(out, "END", "DAYLIGHT");
    line(out, "BEGIN", "STANDARD");
    line(out, "TZOFFSETFROM", "+0200");
    line(out, "TZOFFSETTO", "+0100");
    line(out, "TZNAME", "CET");
    line(out, "DTSTART", "19961027T030000");
    line(out, "RRULE", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU");
    line(out, "END", "STANDARD");
    line(out, "END", "VTIMEZONE");
}

std::string write_calendar(const Calendar& calendar) {
    std::string out;
    out.reserve(1024 + calendar.events.size() * 768);
    line(out, "BEGIN", "VCALENDAR");
    line(out, "VERSION", "2.0");
    text_line(out, "PRODID", calendar.product_id);
    line(out, "CALSCALE", "GREGORIAN");
    line(out, "METHOD", "PUBLISH");
    text_line(out, "NAME", calendar.name);
    text_line(out, "X-WR-CALNAME", calendar.name);
    if (!calendar.description.empty()) {
        text_line(out, "DESCRIPTION", calendar.description);
        text_line(out, "X-WR-CALDESC", calendar.description);
    }
    line(out, "X-WR-TIMEZONE", prague_tzid);
    line(out, "REFRESH-INTERVAL;VALUE=DURATION", calendar.refresh_interval);
    line(out, "X-PUBLISHED-TTL", calendar.refresh_interval);
    append_prague_timezone(out);
    for (const auto& event : calendar.events) append_event(out, event);
    line(out, "END", "VCALENDAR");
    return out;
}

}  // namespace okrsek::io::ical
