// AgendaStore on both engines: priorities with their status history and evaluation, events
// with sequence numbers, town-wide and district listings, paging, and an audit row with every
// change (none when a change is refused).
#include <gtest/gtest.h>

#include "unit/store/account_fixture.hpp"

namespace okrsek::store::test_accounts {
namespace {

using core::ErrorCode;

class AgendaStoreTest : public AccountStoreTest {
protected:
    std::int64_t district_a() const { return area_ids.at(0); }
    std::int64_t district_b() const { return area_ids.at(1); }
    std::int64_t district_j() const { return area_ids.at(2); }

    std::int64_t add_priority(std::int64_t district, const std::string& title,
                              const std::string& raised_on = "2026-02-01",
                              std::int64_t town = testov) {
        PriorityFields fields;
        fields.title = title;
        fields.description = "Co lidé hlásí: " + title;
        fields.source = PrioritySource::public_meeting;
        fields.raised_on = raised_on;
        return store->create_priority({town, district, fields}, t0, by_cli());
    }

    std::int64_t add_event(std::optional<std::int64_t> district, const std::string& title,
                           TimePoint starts_at, std::int64_t town = testov) {
        NewEvent event;
        event.uid = "uid-" + title;
        event.municipality_code = town;
        event.district_id = district;
        event.fields.kind = EventKind::public_meeting;
        event.fields.title = title;
        event.fields.place_name = "Sokolovna";
        event.fields.address = "Hlavní 1, Testov";
        event.fields.starts_at = starts_at;
        event.fields.ends_at = starts_at + 90min;
        event.fields.agenda = "1. Úvod\n2. Diskuse";
        return store->create_event(event, t0, by_cli());
    }

    std::vector<std::string> titles(const EventPage& page) const {
        std::vector<std::string> result;
        for (const auto& event : page.items) result.push_back(event.fields.title);
        return result;
    }
};

TEST_F(AgendaStoreTest, APriorityStartsOpenWithItsFirstHistoryRowAndAnAuditRow) {
    const auto before = audit_rows();
    PriorityFields fields;
    fields.title = "Noční klid u náměstí";
    fields.description = "Hluk z barů po 22. hodině.";
    fields.source = PrioritySource::citizen_reports;
    fields.raised_on = "2026-02-20";
    fields.action_taken = "Kontroly v pátek a v sobotu.";
    const auto id = store->create_priority({testov, district_a(), fields}, t0, by_user(0));
    const auto found = store->find_priority(id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->municipality_code, testov);
    EXPECT_EQ(found->district_id, district_a());
    EXPECT_EQ(found->fields.title, "Noční klid u náměstí");
    EXPECT_EQ(found->fields.source, PrioritySource::citizen_reports);
    EXPECT_EQ(found->fields.raised_on, "2026-02-20");
    EXPECT_EQ(found->status, PriorityStatus::open);
    EXPECT_EQ(found->status_changed_at, t0);
    EXPECT_EQ(found->action_updated_at, t0);
    EXPECT_FALSE(found->evaluation);
    ASSERT_EQ(found->history.size(), 1u);
    EXPECT_FALSE(found->history[0].from);
    EXPECT_EQ(found->history[0].to, PriorityStatus::open);
    EXPECT_EQ(audit_rows(), before + 1);
    const auto row = last_audit();
    EXPECT_EQ(row.action, "priority.create");
    EXPECT_EQ(row.object_type, "priority");
    EXPECT_EQ(row.object_id, std::to_string(id));
    EXPECT_EQ(row.municipality_code, testov);
    EXPECT_FALSE(store->find_priority(id + 100));
}

TEST_F(AgendaStoreTest, AStatusChangeNeedsTheStatusItExpects) {
    const auto id = add_priority(district_a(), "Stříkačky v parku");
    store->change_priority_status(id, PriorityStatus::open, PriorityStatus::in_progress,
                                  std::nullopt, t0 + 1h, by_cli());
    const auto before = audit_rows();
    // A second writer that still saw "open" loses.
    const auto error = error_of([&] {
        store->change_priority_status(id, PriorityStatus::open, PriorityStatus::dropped,
                                      std::string("duplicate"), t0 + 2h, by_cli());
    });
    EXPECT_EQ(error.code(), ErrorCode::conflict);
    EXPECT_EQ(error.field(), "status");
    EXPECT_EQ(audit_rows(), before);
    const auto found = store->find_priority(id);
    EXPECT_EQ(found->status, PriorityStatus::in_progress);
    EXPECT_EQ(found->status_changed_at, t0 + 1h);
    ASSERT_EQ(found->history.size(), 2u);
    EXPECT_EQ(found->history[1].from, PriorityStatus::open);
    EXPECT_EQ(found->history[1].to, PriorityStatus::in_progress);
    EXPECT_EQ(found->history[1].changed_at, t0 + 1h);
    EXPECT_EQ(last_audit().action, "priority.status");
    EXPECT_EQ(error_of([&] {
                  store->change_priority_status(999, PriorityStatus::open,
                                                PriorityStatus::in_progress, std::nullopt, t0,
                                                by_cli());
              }).code(),
              ErrorCode::not_found);
}

TEST_F(AgendaStoreTest, ADroppedPriorityKeepsItsReason) {
    const auto id = add_priority(district_a(), "Žebrání u metra");
    // The schema itself refuses a drop without a reason.
    EXPECT_EQ(error_of([&] {
                  store->change_priority_status(id, PriorityStatus::open, PriorityStatus::dropped,
                                                std::nullopt, t0, by_cli());
              }).code(),
              ErrorCode::invalid_input);
    store->change_priority_status(id, PriorityStatus::open, PriorityStatus::dropped,
                                  std::string("Řeší celé město."), t0 + 1h, by_cli());
    const auto found = store->find_priority(id);
    EXPECT_EQ(found->status, PriorityStatus::dropped);
    EXPECT_EQ(found->dropped_reason, "Řeší celé město.");
    EXPECT_EQ(found->history.back().reason, "Řeší celé město.");
}

TEST_F(AgendaStoreTest, OnlyACompletedActionIsEvaluated) {
    const auto id = add_priority(district_a(), "Rychlá jízda");
    const auto meeting = add_event(district_a(), "Setkání", t0 + 24h);
    PriorityEvaluation evaluation{
        EvaluationOutcome::partly, "Rychlost klesla jen ráno.", "2026-03-10", meeting, {}};
    const auto before = audit_rows();
    const auto refused =
        error_of([&] { store->evaluate_priority(id, evaluation, t0 + 2h, by_cli()); });
    EXPECT_EQ(refused.code(), ErrorCode::conflict);
    EXPECT_EQ(refused.field(), "status");
    EXPECT_EQ(audit_rows(), before);
    EXPECT_FALSE(store->find_priority(id)->evaluation);

    store->change_priority_status(id, PriorityStatus::open, PriorityStatus::in_progress,
                                  std::nullopt, t0, by_cli());
    store->change_priority_status(id, PriorityStatus::in_progress, PriorityStatus::action_completed,
                                  std::nullopt, t0, by_cli());
    store->evaluate_priority(id, evaluation, t0 + 3h, by_cli());
    const auto found = store->find_priority(id);
    ASSERT_TRUE(found->evaluation);
    EXPECT_EQ(found->evaluation->outcome, EvaluationOutcome::partly);
    EXPECT_EQ(found->evaluation->text, "Rychlost klesla jen ráno.");
    EXPECT_EQ(found->evaluation->evaluated_on, "2026-03-10");
    EXPECT_EQ(found->evaluation->event_id, meeting);
    EXPECT_EQ(found->evaluation->recorded_at, t0 + 3h);
    EXPECT_EQ(last_audit().action, "priority.evaluate");
    // A meeting that does not exist breaks the foreign key.
    evaluation.event_id = 987654;
    EXPECT_EQ(error_of([&] { store->evaluate_priority(id, evaluation, t0, by_cli()); }).code(),
              ErrorCode::invalid_input);
}

TEST_F(AgendaStoreTest, EditingMovesTheActionDateOnlyWhenTheActionChanges) {
    const auto id = add_priority(district_a(), "Parkování na chodníku");
    auto fields = store->find_priority(id)->fields;
    fields.title = "Parkování na chodnících";
    store->update_priority(id, fields, t0 + 1h, by_cli());
    auto found = store->find_priority(id);
    EXPECT_EQ(found->fields.title, "Parkování na chodnících");
    EXPECT_FALSE(found->action_updated_at);
    EXPECT_EQ(found->updated_at, t0 + 1h);
    EXPECT_NE(last_audit().details_json.find("\"title\""), std::string::npos);
    EXPECT_EQ(last_audit().details_json.find("action_taken"), std::string::npos);
    fields.action_taken = "Kontroly každé úterý.";
    store->update_priority(id, fields, t0 + 2h, by_cli());
    found = store->find_priority(id);
    EXPECT_EQ(found->action_updated_at, t0 + 2h);
    EXPECT_NE(last_audit().details_json.find("action_taken"), std::string::npos);
}

TEST_F(AgendaStoreTest, PrioritiesPageWithATotalActiveOnesFirst) {
    for (int i = 0; i < 25; ++i) {
        add_priority(district_a(), "Priorita " + std::to_string(i),
                     "2026-01-" + std::string(i + 1 < 10 ? "0" : "") + std::to_string(i + 1));
    }
    add_priority(district_b(), "Jinde");
    // Close the newest one: it goes to the end.
    const auto newest = store->list_priorities({.district_id = district_a(), .limit = 1});
    ASSERT_EQ(newest.items.size(), 1u);
    EXPECT_EQ(newest.items[0].fields.title, "Priorita 24");
    store->change_priority_status(newest.items[0].id, PriorityStatus::open, PriorityStatus::dropped,
                                  std::string("vyřešeno jinak"), t0, by_cli());
    const auto last_page =
        store->list_priorities({.district_id = district_a(), .limit = 10, .offset = 20});
    EXPECT_EQ(last_page.total, 25);
    ASSERT_EQ(last_page.items.size(), 5u);
    EXPECT_EQ(last_page.items.back().fields.title, "Priorita 24");
    EXPECT_EQ(last_page.items.front().fields.title, "Priorita 3");
    const auto first_page = store->list_priorities({.district_id = district_a(), .limit = 10});
    EXPECT_EQ(first_page.items.front().fields.title, "Priorita 23");
    const auto dropped = store->list_priorities(
        {.district_id = district_a(), .status = PriorityStatus::dropped, .limit = 10});
    EXPECT_EQ(dropped.total, 1);
    EXPECT_EQ(store->list_priorities({.municipality_code = testov, .limit = 1}).total, 26);
    EXPECT_EQ(error_of([&] { store->list_priorities({.limit = 0}); }).field(), "limit");
}

TEST_F(AgendaStoreTest, DistrictListsIncludeTownWideEventsWhenAsked) {
    add_event(district_a(), "A1", t0 + 24h);
    add_event(district_b(), "B1", t0 + 48h);
    add_event(std::nullopt, "Celé město", t0 + 72h);
    add_event(district_j(), "Jinov", t0 + 30h, jinov);
    add_event(std::nullopt, "Celý Jinov", t0 + 31h, jinov);
    add_event(district_a(), "A minulé", t0 - 48h);
    const auto with_town = store->list_events({.municipality_code = testov,
                                               .district_id = district_a(),
                                               .include_town_wide = true,
                                               .now = t0});
    EXPECT_EQ(titles(with_town), (std::vector<std::string>{"A1", "Celé město"}));
    EXPECT_EQ(with_town.total, 2);
    const auto own =
        store->list_events({.municipality_code = testov, .district_id = district_a(), .now = t0});
    EXPECT_EQ(titles(own), (std::vector<std::string>{"A1"}));
    const auto town = store->list_events({.municipality_code = testov, .now = t0});
    EXPECT_EQ(titles(town), (std::vector<std::string>{"A1", "B1", "Celé město"}));
    const auto past = store->list_events({.municipality_code = testov,
                                          .district_id = district_a(),
                                          .include_town_wide = true,
                                          .when = EventWindow::past,
                                          .now = t0});
    EXPECT_EQ(titles(past), (std::vector<std::string>{"A minulé"}));
    // An event under way is still upcoming; the feed window reaches back.
    const auto later = store->list_events(
        {.municipality_code = testov, .district_id = district_a(), .now = t0 + 24h + 30min});
    EXPECT_EQ(titles(later), (std::vector<std::string>{"A1"}));
    const auto feed = store->list_events(
        {.municipality_code = testov, .when = EventWindow::since, .since = t0 - 72h});
    EXPECT_EQ(titles(feed), (std::vector<std::string>{"A minulé", "A1", "B1", "Celé město"}));
    const auto paged =
        store->list_events({.municipality_code = testov, .now = t0, .limit = 2, .offset = 2});
    EXPECT_EQ(paged.total, 3);
    EXPECT_EQ(titles(paged), (std::vector<std::string>{"Celé město"}));
}

TEST_F(AgendaStoreTest, EveryChangeOfAnEventRaisesItsSequence) {
    const auto id = add_event(district_a(), "Setkání", t0 + 24h);
    auto event = *store->find_event(id);
    EXPECT_EQ(event.uid, "uid-Setkání");
    EXPECT_EQ(event.sequence, 0);
    EXPECT_EQ(event.status, EventStatus::scheduled);
    event.fields.position = core::LonLat{14.4378512, 50.0754033};
    event.fields.starts_at += 30min;
    store->update_event(id, event.fields, t0 + 1h, by_cli());
    event = *store->find_event(id);
    EXPECT_EQ(event.sequence, 1);
    EXPECT_EQ(event.fields.starts_at, t0 + 24h + 30min);
    ASSERT_TRUE(event.fields.position);
    EXPECT_EQ(*event.fields.position, (core::LonLat{14.4378512, 50.0754033}));
    EXPECT_EQ(event.updated_at, t0 + 1h);
    EXPECT_EQ(last_audit().action, "event.update");

    store->cancel_event(id, "Nemoc", t0 + 2h, by_cli());
    event = *store->find_event(id);
    EXPECT_EQ(event.sequence, 2);
    EXPECT_EQ(event.status, EventStatus::cancelled);
    EXPECT_EQ(event.cancel_reason, "Nemoc");
    EXPECT_EQ(event.cancelled_at, t0 + 2h);
    const auto before = audit_rows();
    EXPECT_EQ(error_of([&] { store->update_event(id, event.fields, t0, by_cli()); }).code(),
              ErrorCode::conflict);
    EXPECT_EQ(error_of([&] { store->cancel_event(id, "znovu", t0, by_cli()); }).code(),
              ErrorCode::conflict);
    EXPECT_EQ(
        error_of([&] { store->record_event_minutes(id, "zápis", 3, t0 + 48h, by_cli()); }).field(),
        "status");
    EXPECT_EQ(audit_rows(), before);
    EXPECT_EQ(store->find_event(id)->sequence, 2);
}

TEST_F(AgendaStoreTest, MinutesOnlyOnceTheEventHasBegun) {
    const auto id = add_event(std::nullopt, "Den bezpečnosti", t0 + 24h);
    const auto early = error_of(
        [&] { store->record_event_minutes(id, "Přišlo 80 lidí.", 80, t0 + 23h, by_cli()); });
    EXPECT_EQ(early.code(), ErrorCode::conflict);
    EXPECT_EQ(early.field(), "starts_at");
    store->record_event_minutes(id, "Přišlo 80 lidí.", 80, t0 + 26h, by_cli());
    const auto event = store->find_event(id);
    EXPECT_EQ(event->minutes, "Přišlo 80 lidí.");
    EXPECT_EQ(event->attendance, 80);
    EXPECT_EQ(event->minutes_recorded_at, t0 + 26h);
    EXPECT_EQ(event->sequence, 1);
    EXPECT_FALSE(event->district_id);
    const auto row = last_audit();
    EXPECT_EQ(row.action, "event.minutes");
    EXPECT_EQ(row.municipality_code, testov);
    EXPECT_EQ(error_of([&] { store->record_event_minutes(4242, "x", 1, t0, by_cli()); }).field(),
              "id");
}

TEST_F(AgendaStoreTest, UidsAreUniqueAndTownsMustExist) {
    add_event(district_a(), "Jedno", t0 + 24h);
    EXPECT_EQ(error_of([&] { add_event(district_a(), "Jedno", t0 + 48h); }).code(),
              ErrorCode::invalid_input);
    EXPECT_EQ(error_of([&] { add_event(std::nullopt, "Nikde", t0, 123456); }).code(),
              ErrorCode::invalid_input);
    EXPECT_EQ(error_of([&] { add_priority(district_a(), "Nikde", "2026-01-01", 123456); }).code(),
              ErrorCode::invalid_input);
}

}  // namespace
}  // namespace okrsek::store::test_accounts
