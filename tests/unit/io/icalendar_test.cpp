// The iCalendar writer byte by byte: TEXT escaping, folding at 75 octets without splitting a
// UTF-8 sequence, CRLF line ends, times in Europe/Prague (UTC for the autumn's second 02:30).
#include "io/icalendar.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace okrsek::io::ical {
namespace {

using namespace std::chrono;

core::SysSeconds utc(int y, unsigned m, unsigned d, int hh, int mm = 0) {
    return sys_days{year{y} / m / d} + hours(hh) + minutes(mm);
}

std::string folded(std::string_view line) {
    std::string out;
    append_content_line(out, line);
    return out;
}

// The physical lines of `text` without their CRLF; fails on a bare CR or LF.
std::vector<std::string> physical_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find("\r\n", start);
        EXPECT_NE(end, std::string::npos) << "text does not end in CRLF";
        if (end == std::string::npos) break;
        const std::string line = text.substr(start, end - start);
        EXPECT_EQ(line.find('\r'), std::string::npos) << line;
        EXPECT_EQ(line.find('\n'), std::string::npos) << line;
        lines.push_back(line);
        start = end + 2;
    }
    return lines;
}

bool starts_utf8_sequence(unsigned char byte) {
    return (byte & 0xC0) != 0x80;
}

// RFC 5545 3.1 unfolding: a CRLF followed by one space disappears.
std::string unfolded(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 3, "\r\n ") == 0) {
            i += 2;
            continue;
        }
        out += text[i];
    }
    return out;
}

TEST(ICalendar, EscapesTextValues) {
    EXPECT_EQ(escape_text("plain"), "plain");
    EXPECT_EQ(escape_text("a\\b;c,d"), "a\\\\b\\;c\\,d");
    EXPECT_EQ(escape_text("line 1\nline 2\r\nline 3\rline 4"), "line 1\\nline 2\\nline 3\\nline 4");
    // Tabs stay; other control characters may not appear in TEXT and go.
    EXPECT_EQ(escape_text(std::string("a\tb\x01\x1f\x7f"
                                      "c")),
              "a\tbc");
    EXPECT_EQ(escape_text("Náměstí Míru: 17:00"), "Náměstí Míru: 17:00");
}

TEST(ICalendar, ShortLinesEndInCrlfUnfolded) {
    EXPECT_EQ(folded("VERSION:2.0"), "VERSION:2.0\r\n");
    const std::string exactly(75, 'x');
    EXPECT_EQ(folded(exactly), exactly + "\r\n");
    EXPECT_EQ(folded(exactly + "y"), exactly + "\r\n y\r\n");
}

TEST(ICalendar, ContinuationLinesHoldSeventyFourOctetsAfterTheirSpace) {
    const std::string line(75 + 74 + 10, 'a');
    EXPECT_EQ(folded(line), std::string(75, 'a') + "\r\n " + std::string(74, 'a') + "\r\n " +
                                std::string(10, 'a') + "\r\n");
}

TEST(ICalendar, AFoldNeverSplitsATwoByteCharacter) {
    // "X:" and 72 × 'a' are 74 octets; "č" (C4 8D) would take octets 75 and 76.
    const std::string line = "X:" + std::string(72, 'a') + "čb";
    EXPECT_EQ(folded(line), "X:" + std::string(72, 'a') + "\r\n čb\r\n");
    // One 'a' less and "č" fits exactly.
    const std::string fits = "X:" + std::string(71, 'a') + "čb";
    EXPECT_EQ(folded(fits), "X:" + std::string(71, 'a') + "č\r\n b\r\n");
}

TEST(ICalendar, AFoldNeverSplitsThreeOrFourByteCharacters) {
    // "–" is E2 80 93; the limit falls after its second and after its first byte.
    for (const int pad : {73, 74}) {
        const std::string line = std::string(static_cast<std::size_t>(pad), 'a') + "–z";
        EXPECT_EQ(folded(line), std::string(static_cast<std::size_t>(pad), 'a') + "\r\n –z\r\n")
            << pad;
    }
    // After 72 × 'a' it fits exactly.
    EXPECT_EQ(folded(std::string(72, 'a') + "–z"), std::string(72, 'a') + "–\r\n z\r\n");
    // "🚓" is F0 9F 9A 93.
    const std::string car = std::string(73, 'a') + "🚓";
    EXPECT_EQ(folded(car), std::string(73, 'a') + "\r\n 🚓\r\n");
}

TEST(ICalendar, ALongCzechLineFoldsIntoWholeCharacters) {
    std::string text;
    for (int i = 0; i < 12; ++i) text += "Příliš žluťoučký kůň úpěl ďábelské ódy; ";
    const std::string line = "DESCRIPTION:" + escape_text(text);
    const std::string out = folded(line);
    const auto lines = physical_lines(out);
    ASSERT_GT(lines.size(), 5u);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        EXPECT_LE(lines[i].size(), max_line_octets) << i;
        if (i > 0) {
            ASSERT_GE(lines[i].size(), 2u);
            EXPECT_EQ(lines[i][0], ' ') << i;
            EXPECT_TRUE(starts_utf8_sequence(static_cast<unsigned char>(lines[i][1]))) << i;
        }
        // Each physical line is whole UTF-8: the byte after it starts a character.
        if (i + 1 < lines.size()) {
            EXPECT_TRUE(starts_utf8_sequence(static_cast<unsigned char>(lines[i + 1][1]))) << i;
        }
    }
    // Folding loses nothing (so exactly one space was put in at each fold), and no line is shorter
    // than it had to be (by more than one character of at most 2 bytes here).
    EXPECT_EQ(unfolded(out), line + "\r\n");
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) EXPECT_GE(lines[i].size(), 74u) << i;
}

TEST(ICalendar, TimesInUtcAndLocal) {
    EXPECT_EQ(format_utc(utc(2026, 12, 3, 16, 5) + seconds(9)), "20261203T160509Z");
    EXPECT_EQ(format_local(local_days{year{2026} / 12 / 3} + hours(17)), "20261203T170000");
}

CalendarEvent sample_event() {
    CalendarEvent event;
    event.uid = "0f0e5a4c-1b2d-4c3e-9f00-123456789abc";
    event.sequence = 3;
    event.stamp = utc(2026, 11, 20, 8);
    event.created = utc(2026, 11, 1, 8);
    event.last_modified = utc(2026, 11, 20, 8);
    event.start = utc(2026, 12, 3, 16);  // 17:00 CET
    event.end = utc(2026, 12, 3, 17, 30);
    event.summary = "Veřejné setkání, okrsek Vinohrady";
    event.description = "1. Noční klid\n2. Parkování; dotazy";
    event.location = "Národní dům, náměstí Míru 9";
    event.position = core::LonLat{14.43785, 50.0754};
    event.url = "https://okrsek.example.cz/districts/92#event-7";
    event.categories = "Veřejné setkání";
    return event;
}

TEST(ICalendar, AWholeCalendarHasTheRequiredParts) {
    Calendar calendar;
    calendar.product_id = "-//okrsek//okrsek 0.1.0//CS";
    calendar.name = "Okrsek 2 · OŘ MP Praha 2";
    calendar.events.push_back(sample_event());
    CalendarEvent cancelled = sample_event();
    cancelled.uid = "second";
    cancelled.status = EventStatus::cancelled;
    cancelled.position.reset();
    cancelled.url.clear();
    calendar.events.push_back(cancelled);
    const std::string text = write_calendar(calendar);
    const auto lines = physical_lines(text);
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
    EXPECT_EQ(lines.back(), "END:VCALENDAR");
    const std::string body = unfolded(text);
    for (const char* expected : {"\r\nVERSION:2.0\r\n",
                                 "\r\nPRODID:-//okrsek//okrsek 0.1.0//CS\r\n",
                                 "\r\nCALSCALE:GREGORIAN\r\n",
                                 "\r\nMETHOD:PUBLISH\r\n",
                                 "\r\nX-WR-CALNAME:Okrsek 2 · OŘ MP Praha 2\r\n",
                                 "\r\nBEGIN:VTIMEZONE\r\n",
                                 "\r\nTZID:Europe/Prague\r\n",
                                 "\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n",
                                 "\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n",
                                 "\r\nUID:0f0e5a4c-1b2d-4c3e-9f00-123456789abc\r\n",
                                 "\r\nSEQUENCE:3\r\n",
                                 "\r\nDTSTAMP:20261120T080000Z\r\n",
                                 "\r\nCREATED:20261101T080000Z\r\n",
                                 "\r\nLAST-MODIFIED:20261120T080000Z\r\n",
                                 "\r\nDTSTART;TZID=Europe/Prague:20261203T170000\r\n",
                                 "\r\nDTEND;TZID=Europe/Prague:20261203T183000\r\n",
                                 "\r\nSUMMARY:Veřejné setkání\\, okrsek Vinohrady\r\n",
                                 "\r\nDESCRIPTION:1. Noční klid\\n2. Parkování\\; dotazy\r\n",
                                 "\r\nLOCATION:Národní dům\\, náměstí Míru 9\r\n",
                                 "\r\nGEO:50.075400;14.437850\r\n",
                                 "\r\nURL:https://okrsek.example.cz/districts/92#event-7\r\n",
                                 "\r\nSTATUS:CONFIRMED\r\n",
                                 "\r\nUID:second\r\n",
                                 "\r\nSTATUS:CANCELLED\r\n"}) {
        EXPECT_NE(body.find(expected), std::string::npos) << expected;
    }
    // One GEO and one URL: the cancelled copy has neither.
    EXPECT_EQ(body.find("GEO:", body.find("GEO:") + 1), std::string::npos);
    EXPECT_EQ(body.find("\r\nURL:", body.find("\r\nURL:") + 1), std::string::npos);
    for (const auto& line : lines) EXPECT_LE(line.size(), max_line_octets) << line;
}

TEST(ICalendar, TheSecondHalfPastTwoOfTheAutumnDayIsWrittenInUtc) {
    Calendar calendar;
    calendar.product_id = "-//test//test//CS";
    calendar.name = "test";
    CalendarEvent first = sample_event();
    first.start = utc(2026, 10, 25, 0, 30);  // 02:30 CEST
    first.end = utc(2026, 10, 25, 1, 30);    // 02:30 CET: the second occurrence
    calendar.events.push_back(first);
    const std::string body = unfolded(write_calendar(calendar));
    EXPECT_NE(body.find("\r\nDTSTART;TZID=Europe/Prague:20261025T023000\r\n"), std::string::npos);
    EXPECT_NE(body.find("\r\nDTEND:20261025T013000Z\r\n"), std::string::npos);
}

}  // namespace
}  // namespace okrsek::io::ical
