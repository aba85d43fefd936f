// DistrictAgenda: who may edit which district's priorities and events, the status rules, the
// evaluation, paging, town-wide versus district events, minutes, and the limits on input.
#include <gtest/gtest.h>

#include "unit/service/directory/agenda_fixture.hpp"

namespace okrsek::service::test_auth {
namespace {

using core::ErrorCode;
using store::PriorityStatus;

TEST_F(AgendaTest, AManagerCreatesAndEditsAPriorityAndEachChangeIsAudited) {
    auto input = priority_input("Noční klid u náměstí");
    input.action_taken = "  Kontroly v pátek a v sobotu.  ";
    const auto created = agenda().create_priority(manager, w, input);
    EXPECT_EQ(created.district_id, w);
    EXPECT_EQ(created.municipality_code, testov);
    EXPECT_EQ(created.status, PriorityStatus::open);
    EXPECT_EQ(created.fields.action_taken, "Kontroly v pátek a v sobotu.");
    EXPECT_EQ(created.history.size(), 1u);
    auto row = audit_rows("priority.").front();
    EXPECT_EQ(row.action, "priority.create");
    EXPECT_EQ(row.actor_kind, store::ActorKind::user);
    EXPECT_EQ(row.actor_id, manager.id);
    EXPECT_EQ(row.object_id, std::to_string(created.id));
    EXPECT_EQ(row.municipality_code, testov);
    EXPECT_EQ(row.client_address, "192.0.2.10");

    clock->advance(1h);
    PriorityInput change;
    change.action_taken = "Kontroly každý den.";
    const auto edited = agenda().update_priority(manager, created.id, change);
    EXPECT_EQ(edited.fields.title, "Noční klid u náměstí");
    EXPECT_EQ(edited.fields.action_taken, "Kontroly každý den.");
    EXPECT_EQ(edited.action_updated_at, t0 + 1h);
    EXPECT_EQ(audit_rows("priority.").front().action, "priority.update");
    EXPECT_EQ(agenda_audit_rows(), 2u);
}

TEST_F(AgendaTest, StaffOfAnotherDistrictOrTownChangeNothing) {
    const auto priority = agenda().create_priority(manager, w, priority_input("Stříkačky"));
    const auto event = agenda().create_district_event(manager, w, event_input("Setkání", 24h));
    const auto before_rows = agenda_audit_rows();
    for (const Principal* who : {&officer_e, &jinov_manager}) {
        const std::vector<std::function<void()>> edits = {
            [&] { agenda().create_priority(*who, w, priority_input("Cizí")); },
            [&] { agenda().update_priority(*who, priority.id, priority_input("Přepsáno")); },
            [&] {
                agenda().change_priority_status(*who, priority.id, PriorityStatus::in_progress,
                                                std::nullopt);
            },
            [&] {
                agenda().evaluate_priority(*who, priority.id,
                                           {store::EvaluationOutcome::worked, "ok", date(0), {}});
            },
            [&] { agenda().create_district_event(*who, w, event_input("Cizí", 48h)); },
            [&] { agenda().create_town_event(*who, testov, event_input("Cizí", 48h)); },
            [&] { agenda().update_event(*who, event.id, event_input("Přepsáno", 24h)); },
            [&] { agenda().cancel_event(*who, event.id, "nechci"); },
            [&] { agenda().record_minutes(*who, event.id, "zápis", 3); },
        };
        for (std::size_t i = 0; i < edits.size(); ++i) {
            EXPECT_EQ(error_of(edits[i]).code(), ErrorCode::forbidden)
                << who->display_name << ", edit " << i;
        }
    }
    EXPECT_EQ(agenda_audit_rows(), before_rows);
    const auto stored = agenda().priority(priority.id);
    EXPECT_EQ(stored.fields.title, "Stříkačky");
    EXPECT_EQ(stored.status, PriorityStatus::open);
    const auto stored_event = agenda().event(event.id);
    EXPECT_EQ(stored_event.fields.title, "Setkání");
    EXPECT_EQ(stored_event.sequence, 0);
    EXPECT_EQ(stored_event.status, store::EventStatus::scheduled);
    EXPECT_EQ(agenda().district_priorities(w, {}, {}).total, 1);
}

// The district's own officer edits its priorities and meetings (district_card.edit), not the
// town's.
TEST_F(AgendaTest, TheDistrictsOwnOfficerEditsItsAgendaButNotTheTowns) {
    const auto priority = agenda().create_priority(officer_w, w, priority_input("Tma v podchodu"));
    EXPECT_EQ(agenda()
                  .change_priority_status(officer_w, priority.id, PriorityStatus::in_progress,
                                          std::nullopt)
                  .status,
              PriorityStatus::in_progress);
    const auto event = agenda().create_district_event(officer_w, w, event_input("Setkání", 24h));
    EXPECT_EQ(agenda()
                  .update_event(officer_w, event.id, event_input("Setkání u školy", 24h))
                  .fields.title,
              "Setkání u školy");
    EXPECT_EQ(error_of([&] {
                  agenda().create_town_event(officer_w, testov, event_input("X", 48h));
              }).code(),
              ErrorCode::forbidden);
    const auto town_event = agenda().create_town_event(manager, testov, event_input("Město", 72h));
    EXPECT_EQ(error_of([&] { agenda().cancel_event(officer_w, town_event.id, "ne"); }).code(),
              ErrorCode::forbidden);
}

TEST_F(AgendaTest, CityPartLeadershipEditsItsDistrictsButNotOthersOrTheTown) {
    EXPECT_NO_THROW(agenda().create_priority(leader_t1, w, priority_input("V západní části")));
    EXPECT_EQ(
        error_of([&] { agenda().create_priority(leader_t1, e, priority_input("Jinde")); }).code(),
        ErrorCode::forbidden);
    EXPECT_EQ(error_of([&] {
                  agenda().create_town_event(leader_t1, testov, event_input("Celé město", 24h));
              }).code(),
              ErrorCode::forbidden);
    const auto town_event = agenda().create_town_event(manager, testov, event_input("Den", 24h));
    EXPECT_FALSE(town_event.district_id);
    EXPECT_EQ(error_of([&] { agenda().cancel_event(leader_t1, town_event.id, "ne"); }).code(),
              ErrorCode::forbidden);
    // The command line may do everything, audited as such.
    agenda().cancel_event(Principal::cli(), town_event.id, "Počasí");
    EXPECT_EQ(audit_rows("event.cancel").front().actor_kind, store::ActorKind::cli);
    EXPECT_EQ(audit_rows("event.cancel").front().reason, "Počasí");
}

TEST_F(AgendaTest, StatusesMoveOnlyForward) {
    const auto id = agenda().create_priority(manager, w, priority_input("Rychlá jízda")).id;
    const auto refused = [&](PriorityStatus to) {
        return error_of(
            [&] { agenda().change_priority_status(manager, id, to, std::string("x")); });
    };
    EXPECT_EQ(refused(PriorityStatus::action_completed).code(), ErrorCode::conflict);
    EXPECT_EQ(refused(PriorityStatus::action_completed).field(), "status");
    EXPECT_EQ(refused(PriorityStatus::open).code(), ErrorCode::conflict);
    clock->advance(1h);
    agenda().change_priority_status(manager, id, PriorityStatus::in_progress, std::nullopt);
    EXPECT_EQ(refused(PriorityStatus::open).code(), ErrorCode::conflict);
    EXPECT_EQ(refused(PriorityStatus::in_progress).code(), ErrorCode::conflict);
    clock->advance(1h);
    const auto done = agenda().change_priority_status(manager, id, PriorityStatus::action_completed,
                                                      std::string("Měření hotovo."));
    EXPECT_EQ(done.status, PriorityStatus::action_completed);
    EXPECT_EQ(done.status_changed_at, t0 + 2h);
    for (const auto to : {PriorityStatus::open, PriorityStatus::in_progress,
                          PriorityStatus::dropped, PriorityStatus::action_completed}) {
        EXPECT_EQ(refused(to).code(), ErrorCode::conflict);
    }
    ASSERT_EQ(done.history.size(), 3u);
    EXPECT_EQ(done.history[1].changed_at, t0 + 1h);
    EXPECT_EQ(done.history[2].reason, "Měření hotovo.");
    EXPECT_EQ(audit_rows("priority.status").size(), 2u);
}

TEST_F(AgendaTest, DroppingNeedsAReasonAndIsFinal) {
    const auto id = agenda().create_priority(manager, w, priority_input("Žebrání")).id;
    for (const std::optional<std::string>& reason :
         {std::optional<std::string>(), std::optional<std::string>("   ")}) {
        const auto error = error_of(
            [&] { agenda().change_priority_status(manager, id, PriorityStatus::dropped, reason); });
        EXPECT_EQ(error.code(), ErrorCode::invalid_argument);
        EXPECT_EQ(error.field(), "reason");
    }
    const auto dropped = agenda().change_priority_status(manager, id, PriorityStatus::dropped,
                                                         std::string("Řeší celé město."));
    EXPECT_EQ(dropped.dropped_reason, "Řeší celé město.");
    EXPECT_EQ(error_of([&] {
                  agenda().change_priority_status(manager, id, PriorityStatus::in_progress, {});
              }).code(),
              ErrorCode::conflict);
}

TEST_F(AgendaTest, AnEvaluationComesAfterTheActionAtAMeetingOfTheDistrict) {
    const auto id = agenda().create_priority(manager, w, priority_input("Hluk")).id;
    clock->advance(-24h * 5);
    const auto meeting = agenda().create_district_event(manager, w, event_input("Setkání", 1h));
    const auto east_meeting = agenda().create_district_event(manager, e, event_input("E", 1h));
    const auto town_meeting = agenda().create_town_event(manager, testov, event_input("T", 2h));
    const auto cancelled = agenda().create_district_event(manager, w, event_input("Zrušené", 3h));
    agenda().cancel_event(manager, cancelled.id, "Nemoc");
    clock->advance(24h * 5);
    EvaluationInput evaluation{store::EvaluationOutcome::partly, "Stížností ubylo o polovinu.",
                               date(-5), meeting.id};
    const auto early = error_of([&] { agenda().evaluate_priority(manager, id, evaluation); });
    EXPECT_EQ(early.code(), ErrorCode::conflict);
    EXPECT_EQ(early.field(), "status");
    agenda().change_priority_status(manager, id, PriorityStatus::in_progress, {});
    agenda().change_priority_status(manager, id, PriorityStatus::action_completed, {});

    for (const auto other : {east_meeting.id, cancelled.id, std::int64_t{987654}}) {
        auto wrong = evaluation;
        wrong.event_id = other;
        const auto error = error_of([&] { agenda().evaluate_priority(manager, id, wrong); });
        EXPECT_EQ(error.code(), ErrorCode::invalid_input) << other;
        EXPECT_EQ(error.field(), "event_id") << other;
    }
    auto future = evaluation;
    future.evaluated_on = date(1);
    EXPECT_EQ(error_of([&] { agenda().evaluate_priority(manager, id, future); }).field(),
              "evaluated_on");
    auto before_raised = evaluation;
    before_raised.evaluated_on = date(-30);
    EXPECT_EQ(error_of([&] { agenda().evaluate_priority(manager, id, before_raised); }).field(),
              "evaluated_on");
    auto empty = evaluation;
    empty.text = " ";
    EXPECT_EQ(error_of([&] { agenda().evaluate_priority(manager, id, empty); }).field(), "text");

    const auto evaluated = agenda().evaluate_priority(manager, id, evaluation);
    ASSERT_TRUE(evaluated.evaluation);
    EXPECT_EQ(evaluated.evaluation->outcome, store::EvaluationOutcome::partly);
    EXPECT_EQ(evaluated.evaluation->event_id, meeting.id);
    EXPECT_EQ(evaluated.evaluation->evaluated_on, date(-5));
    // A town-wide meeting may judge it too (a correction, audited again).
    evaluation.event_id = town_meeting.id;
    evaluation.outcome = store::EvaluationOutcome::did_not_work;
    EXPECT_EQ(agenda().evaluate_priority(manager, id, evaluation).evaluation->outcome,
              store::EvaluationOutcome::did_not_work);
    EXPECT_EQ(audit_rows("priority.evaluate").size(), 2u);
}

TEST_F(AgendaTest, PrioritiesComeInPagesWithTheirTotal) {
    for (int i = 0; i < 23; ++i) {
        agenda().create_priority(manager, w, priority_input("Priorita " + std::to_string(i)));
    }
    agenda().create_priority(manager, e, priority_input("Východ"));
    const auto last = agenda().district_priorities(w, {}, {.limit = 10, .offset = 20});
    EXPECT_EQ(last.total, 23);
    EXPECT_EQ(last.items.size(), 3u);
    const auto beyond = agenda().district_priorities(w, {}, {.limit = 10, .offset = 30});
    EXPECT_EQ(beyond.total, 23);
    EXPECT_TRUE(beyond.items.empty());
    EXPECT_EQ(agenda().district_priorities(w, PriorityStatus::dropped, {}).total, 0);
    EXPECT_EQ(agenda().district_priorities(e, {}, {}).total, 1);
    EXPECT_EQ(error_of([&] { agenda().district_priorities(w, {}, {.limit = 0}); }).field(),
              "limit");
    EXPECT_EQ(error_of([&] { agenda().district_priorities(w, {}, {.limit = 101}); }).field(),
              "limit");
    EXPECT_EQ(error_of([&] { agenda().district_priorities(w, {}, {.offset = 100001}); }).field(),
              "offset");
    const auto unknown = error_of([&] { agenda().district_priorities(t1, {}, {}); });
    EXPECT_EQ(unknown.code(), ErrorCode::not_found);
    EXPECT_EQ(unknown.field(), "district");
    EXPECT_EQ(error_of([&] { agenda().priority(987654); }).code(), ErrorCode::not_found);
}

TEST_F(AgendaTest, ADistrictSeesItsOwnAndTownWideEventsTheTownSeesAll) {
    agenda().create_district_event(manager, w, event_input("W", 24h));
    agenda().create_district_event(manager, e, event_input("E", 48h));
    agenda().create_town_event(manager, testov, event_input("Testov", 72h));
    agenda().create_town_event(jinov_manager, jinov, event_input("Jinov", 24h));
    agenda().create_district_event(manager, w, event_input("W minulé", -72h));
    const auto names = [](const store::EventPage& page) {
        std::vector<std::string> result;
        for (const auto& event : page.items) result.push_back(event.fields.title);
        return result;
    };
    using store::EventWindow;
    EXPECT_EQ(names(agenda().district_events(w, EventWindow::upcoming, {})),
              (std::vector<std::string>{"W", "Testov"}));
    EXPECT_EQ(names(agenda().district_events(w, EventWindow::past, {})),
              (std::vector<std::string>{"W minulé"}));
    EXPECT_EQ(names(agenda().district_events(e, EventWindow::upcoming, {})),
              (std::vector<std::string>{"E", "Testov"}));
    EXPECT_EQ(names(agenda().town_events(testov, EventWindow::upcoming, {})),
              (std::vector<std::string>{"W", "E", "Testov"}));
    EXPECT_EQ(names(agenda().district_events(j, EventWindow::upcoming, {})),
              (std::vector<std::string>{"Jinov"}));
    const auto page =
        agenda().town_events(testov, EventWindow::upcoming, {.limit = 2, .offset = 2});
    EXPECT_EQ(page.total, 3);
    EXPECT_EQ(names(page), (std::vector<std::string>{"Testov"}));
    EXPECT_EQ(error_of([&] { agenda().town_events(123456, EventWindow::upcoming, {}); }).field(),
              "town");
    EXPECT_EQ(
        error_of([&] { agenda().create_town_event(manager, 123456, event_input("x", 1h)); }).code(),
        ErrorCode::not_found);
}

TEST_F(AgendaTest, MinutesFollowTheMeetingAndCancelledMeetingsStayCancelled) {
    const auto meeting = agenda().create_district_event(manager, w, event_input("Setkání", 2h));
    const auto early = error_of([&] { agenda().record_minutes(manager, meeting.id, "Zápis", 30); });
    EXPECT_EQ(early.code(), ErrorCode::conflict);
    EXPECT_EQ(early.field(), "starts_at");
    clock->advance(4h);
    EXPECT_EQ(error_of([&] { agenda().record_minutes(manager, meeting.id, "Zápis", -1); }).field(),
              "attendance");
    EXPECT_EQ(
        error_of([&] { agenda().record_minutes(manager, meeting.id, "Zápis", 100001); }).field(),
        "attendance");
    EXPECT_EQ(error_of([&] { agenda().record_minutes(manager, meeting.id, "", 3); }).field(),
              "minutes");
    const auto recorded =
        agenda().record_minutes(manager, meeting.id, "Přišlo 30 lidí, hlavně kvůli hluku.", 30);
    EXPECT_EQ(recorded.attendance, 30);
    EXPECT_EQ(recorded.minutes, "Přišlo 30 lidí, hlavně kvůli hluku.");
    EXPECT_EQ(recorded.sequence, 1);
    // Over: it cannot be cancelled any more.
    EXPECT_EQ(error_of([&] { agenda().cancel_event(manager, meeting.id, "pozdě"); }).field(),
              "ends_at");

    const auto walk = agenda().create_district_event(manager, w, event_input("Procházka", 24h));
    EXPECT_EQ(error_of([&] { agenda().cancel_event(manager, walk.id, "  "); }).field(), "reason");
    const auto cancelled = agenda().cancel_event(manager, walk.id, "Nemoc preventisty");
    EXPECT_EQ(cancelled.status, store::EventStatus::cancelled);
    EXPECT_EQ(cancelled.sequence, 1);
    EXPECT_EQ(error_of([&] { agenda().cancel_event(manager, walk.id, "znovu"); }).code(),
              ErrorCode::conflict);
    EXPECT_EQ(error_of([&] {
                  agenda().update_event(manager, walk.id, event_input("Procházka 2", 48h));
              }).code(),
              ErrorCode::conflict);
    clock->advance(25h);
    EXPECT_EQ(error_of([&] { agenda().record_minutes(manager, walk.id, "zápis", 1); }).field(),
              "status");
}

TEST_F(AgendaTest, EditingAnEventChangesOnlyWhatIsSentAndRaisesItsSequence) {
    const auto created = agenda().create_district_event(manager, w, event_input("Setkání", 24h));
    EXPECT_EQ(created.uid.size(), 36u);
    EXPECT_EQ(created.uid[14], '4');
    EventInput change;
    change.position = std::optional(core::LonLat{14.05, 50.05});
    change.starts_at = created.fields.starts_at + 30min;
    const auto edited = agenda().update_event(manager, created.id, change);
    EXPECT_EQ(edited.fields.title, "Setkání");
    EXPECT_EQ(edited.fields.starts_at, created.fields.starts_at + 30min);
    EXPECT_EQ(edited.fields.position, (core::LonLat{14.05, 50.05}));
    EXPECT_EQ(edited.sequence, 1);
    EXPECT_EQ(edited.uid, created.uid);
    // Moving the start past the end is refused, naming the end.
    EventInput late;
    late.starts_at = created.fields.ends_at + 1h;
    EXPECT_EQ(error_of([&] { agenda().update_event(manager, created.id, late); }).field(),
              "ends_at");
    EventInput clear;
    clear.position = std::optional<core::LonLat>();
    EXPECT_FALSE(agenda().update_event(manager, created.id, clear).fields.position);
    EXPECT_EQ(agenda().event(created.id).sequence, 2);
}

TEST_F(AgendaTest, InputIsCheckedAgainstItsLimits) {
    const auto field_of = [&](const PriorityInput& input) {
        return error_of([&] { agenda().create_priority(manager, w, input); }).field();
    };
    auto input = priority_input("x");
    input.title = std::string(201, 'a');
    EXPECT_EQ(field_of(input), "title");
    input.title = "Řádek\u0007zvonek";
    EXPECT_EQ(field_of(input), "title");
    input.title = std::string("bad \xC3\x28 utf-8");
    EXPECT_EQ(field_of(input), "title");
    input = priority_input("x");
    input.description = std::string(4001, 'a');
    EXPECT_EQ(field_of(input), "description");
    input = priority_input("x");
    input.raised_on = date(1);
    EXPECT_EQ(field_of(input), "raised_on");
    input.raised_on = "2026-02-30";
    EXPECT_EQ(field_of(input), "raised_on");
    input = priority_input("x");
    input.source.reset();
    EXPECT_EQ(field_of(input), "source");
    input = priority_input("x");
    input.action_taken = std::string(4001, 'a');
    EXPECT_EQ(field_of(input), "action_taken");

    const auto event_field = [&](const EventInput& event) {
        return error_of([&] { agenda().create_district_event(manager, w, event); }).field();
    };
    auto event = event_input("Setkání", 24h);
    event.ends_at = event.starts_at;
    EXPECT_EQ(event_field(event), "ends_at");
    event = event_input("Setkání", 24h);
    event.ends_at = *event.starts_at + std::chrono::days(15);
    EXPECT_EQ(event_field(event), "ends_at");
    event = event_input("Setkání", 24h);
    event.starts_at = *event.starts_at + std::chrono::days(365 * 130);
    EXPECT_EQ(event_field(event), "starts_at");
    event = event_input("Setkání", 24h);
    event.place_name = "";
    EXPECT_EQ(event_field(event), "place_name");
    event = event_input("Setkání", 24h);
    event.agenda = std::string(8001, 'a');
    EXPECT_EQ(event_field(event), "agenda");
    event = event_input("Setkání", 24h);
    event.position = std::optional(core::LonLat{200.0, 50.0});
    EXPECT_EQ(event_field(event), "position");
    event = event_input("Setkání", 24h);
    event.kind.reset();
    EXPECT_EQ(event_field(event), "kind");
    EXPECT_EQ(agenda_audit_rows(), 0u);
}

}  // namespace
}  // namespace okrsek::service::test_auth
