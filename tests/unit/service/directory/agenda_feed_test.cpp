// The iCalendar feeds of a district and a town (what goes in, the window, caching values), and
// the demo town's seeded agenda.
#include <gtest/gtest.h>

#include "service/demo_town.hpp"
#include "unit/service/directory/agenda_fixture.hpp"

namespace okrsek::service::test_auth {
namespace {

using store::EventWindow;

// The feed with its folds undone (RFC 5545 3.1), so that tests can search whole lines.
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

bool has_line(const std::string& feed, const std::string& line) {
    return unfolded(feed).find("\r\n" + line + "\r\n") != std::string::npos;
}

constexpr std::string_view public_url = "https://okrsek.example.org/";

TEST_F(AgendaTest, ADistrictFeedHoldsItsEventsAndTheTownsButNoOtherDistricts) {
    auto input = event_input("Setkání W", 24h);
    input.position = std::optional(core::LonLat{14.05, 50.05});
    const auto own = agenda().create_district_event(manager, w, input);
    const auto walk = agenda().create_district_event(manager, w, event_input("Procházka", 48h));
    agenda().cancel_event(manager, walk.id, "Nemoc");
    const auto town = agenda().create_town_event(manager, testov, event_input("Den města", 72h));
    agenda().create_district_event(manager, e, event_input("Setkání E", 24h));
    agenda().create_town_event(jinov_manager, jinov, event_input("Jinov", 24h));

    const auto feed = agenda().district_calendar(w, public_url);
    const std::string& body = feed.body;
    EXPECT_TRUE(body.starts_with("BEGIN:VCALENDAR\r\n"));
    EXPECT_TRUE(body.ends_with("END:VCALENDAR\r\n"));
    EXPECT_TRUE(has_line(body, "SUMMARY:Setkání W"));
    EXPECT_TRUE(has_line(body, "SUMMARY:Procházka"));
    EXPECT_TRUE(has_line(body, "SUMMARY:Den města"));
    EXPECT_FALSE(has_line(body, "SUMMARY:Setkání E"));
    EXPECT_FALSE(has_line(body, "SUMMARY:Jinov"));
    EXPECT_TRUE(has_line(body, "UID:" + own.uid));
    EXPECT_TRUE(has_line(body, "STATUS:CANCELLED"));
    EXPECT_TRUE(has_line(body, "DESCRIPTION:ZRUŠENO: Nemoc\\n\\n1. Úvod\\n2. Diskuse"));
    EXPECT_TRUE(has_line(body, "SEQUENCE:1"));
    EXPECT_TRUE(has_line(body, "GEO:50.050000;14.050000"));
    EXPECT_TRUE(has_line(body, "LOCATION:Sokolovna\\, Hlavní 1\\, Testov"));
    EXPECT_TRUE(has_line(body, "X-WR-CALNAME:Západ"));
    // 2026-03-03 08:00 UTC is 09:00 in Prague (winter time).
    EXPECT_TRUE(has_line(body, "DTSTART;TZID=Europe/Prague:20260303T090000"));
    EXPECT_TRUE(has_line(body, "URL:https://okrsek.example.org/districts/" + std::to_string(w) +
                                   "#event-" + std::to_string(own.id)));
    // The town-wide event links to the card of the feed's district.
    EXPECT_TRUE(has_line(body, "URL:https://okrsek.example.org/districts/" + std::to_string(w) +
                                   "#event-" + std::to_string(town.id)));
    EXPECT_EQ(feed.last_modified, t0);
    ASSERT_EQ(feed.etag.size(), 18u);
    EXPECT_EQ(feed.etag.front(), '"');

    // The same content, the same bytes and ETag; a change changes both.
    EXPECT_EQ(agenda().district_calendar(w, public_url).etag, feed.etag);
    clock->advance(1h);
    EventInput change;
    change.title = "Setkání W (nový sál)";
    agenda().update_event(manager, own.id, change);
    const auto changed = agenda().district_calendar(w, public_url);
    EXPECT_NE(changed.etag, feed.etag);
    EXPECT_EQ(changed.last_modified, t0 + 1h);
    EXPECT_TRUE(has_line(changed.body, "SUMMARY:Setkání W (nový sál)"));
    EXPECT_EQ(error_of([&] { agenda().district_calendar(t1, public_url); }).field(), "district");
}

TEST_F(AgendaTest, ATownFeedHoldsAllItsEventsFromNinetyDaysBack) {
    clock->advance(-24h * 100);
    agenda().create_district_event(manager, w, event_input("Dávno", 0min));
    clock->advance(24h * 12);
    agenda().create_district_event(manager, e, event_input("Nedávno", 0min));
    clock->advance(24h * 88);
    const auto town = agenda().create_town_event(manager, testov, event_input("Brzy", 24h));
    agenda().create_town_event(jinov_manager, jinov, event_input("Jinov", 24h));
    const auto feed = agenda().town_calendar(testov, public_url);
    EXPECT_FALSE(has_line(feed.body, "SUMMARY:Dávno"));
    EXPECT_TRUE(has_line(feed.body, "SUMMARY:Nedávno"));
    EXPECT_TRUE(has_line(feed.body, "SUMMARY:Brzy"));
    EXPECT_FALSE(has_line(feed.body, "SUMMARY:Jinov"));
    EXPECT_TRUE(has_line(feed.body, "X-WR-CALNAME:Testov"));
    // No page shows a town-wide event on its own yet: no URL for it in the town's feed.
    EXPECT_EQ(unfolded(feed.body).find("#event-" + std::to_string(town.id)), std::string::npos);
    EXPECT_EQ(error_of([&] { agenda().town_calendar(123456, public_url); }).field(), "town");
}

TEST_F(AgendaTest, AnEmptyFeedIsStillACalendar) {
    const auto feed = agenda().district_calendar(j, public_url);
    EXPECT_TRUE(has_line(feed.body, "METHOD:PUBLISH"));
    EXPECT_EQ(unfolded(feed.body).find("BEGIN:VEVENT"), std::string::npos);
    EXPECT_FALSE(feed.last_modified);
}

class DemoAgendaTest : public AuthTest {};

TEST_F(DemoAgendaTest, TheDemoTownHasPrioritiesAndMeetingsAheadOnEveryRun) {
    build_demo_town(platform, test::source_dir() / "data" / "demo");
    auto& agenda = platform.agenda();
    const auto priorities = agenda.town_priority_count(demo_town_code);
    EXPECT_GE(priorities, 6);
    const auto upcoming = agenda.town_events(demo_town_code, EventWindow::upcoming, {});
    const auto past = agenda.town_events(demo_town_code, EventWindow::past, {});
    EXPECT_GE(upcoming.total, 3);
    EXPECT_GE(past.total, 2);
    bool cancelled = false;
    bool town_wide = false;
    for (const auto& event : upcoming.items) {
        cancelled = cancelled || event.status == store::EventStatus::cancelled;
        town_wide = town_wide || !event.district_id;
    }
    EXPECT_TRUE(cancelled);
    EXPECT_TRUE(town_wide);
    for (const auto& event : past.items) {
        EXPECT_TRUE(event.minutes) << event.fields.title;
        EXPECT_TRUE(event.attendance) << event.fields.title;
    }
    // The noise priority at Náměstí Míru was judged at the district's past meeting.
    const auto& first_past = past.items.front();
    ASSERT_TRUE(first_past.district_id);
    const auto at_the_square = agenda.district_priorities(*first_past.district_id, {}, {});
    bool evaluated = false;
    for (const auto& priority : at_the_square.items) {
        if (priority.fields.title != "Nedodržování nočního klidu u Náměstí Míru") continue;
        ASSERT_TRUE(priority.evaluation);
        EXPECT_EQ(priority.evaluation->event_id, first_past.id);
        evaluated = true;
    }
    EXPECT_TRUE(evaluated);

    // Again: nothing new.
    build_demo_town(platform, test::source_dir() / "data" / "demo");
    EXPECT_EQ(agenda.town_priority_count(demo_town_code), priorities);
    EXPECT_EQ(agenda.town_events(demo_town_code, EventWindow::upcoming, {}).total, upcoming.total);
    // A season later every meeting is over: a new run adds meetings ahead, not priorities.
    clock->advance(24h * 60);
    EXPECT_EQ(agenda.town_events(demo_town_code, EventWindow::upcoming, {}).total, 0);
    build_demo_town(platform, test::source_dir() / "data" / "demo");
    EXPECT_EQ(agenda.town_priority_count(demo_town_code), priorities);
    EXPECT_GE(agenda.town_events(demo_town_code, EventWindow::upcoming, {}).total, 3);
}

}  // namespace
}  // namespace okrsek::service::test_auth
