// The authorisation matrix (http_authz_matrix.hpp) for district priorities and public meetings:
// public reading and feeds, editing where the object is.
#include "http_authz_matrix.hpp"

namespace okrsek::test::authz {
namespace {

TEST_F(AuthzMatrixTest, AgendaRoutesGetExactlyTheExpectedAnswers) {
    const Target w = district_w();
    const Target j = district_j();
    const Target jinov = Target::municipality(AuthTown::jinov);
    // Ordered so that nothing a case changes spoils a later case of the same round.
    const std::vector<Case> cases = {
        // Priorities and public meetings: public reading.
        {"GET", "/api/v1/districts/{id}/priorities",
         [&](const Objects&) { return "/api/v1/districts/" + id(town.area("W")) + "/priorities"; },
         none, everyone},
        {"GET", "/api/v1/districts/{id}/events",
         [&](const Objects&) { return "/api/v1/districts/" + id(town.area("W")) + "/events"; },
         none, everyone},
        {"GET", "/api/v1/districts/{id}/events.ics",
         [&](const Objects&) { return "/api/v1/districts/" + id(town.area("W")) + "/events.ics"; },
         none, everyone},
        {"GET", "/api/v1/towns/{code}/events", fixed("/api/v1/towns/999999/events"), none,
         everyone},
        {"GET", "/api/v1/towns/{code}/events.ics", fixed("/api/v1/towns/999998/events.ics"), none,
         everyone},
        {"GET", "/api/v1/priorities/{id}",
         [](const Objects& o) { return "/api/v1/priorities/" + id(o.priority_j); }, none, everyone},
        {"GET", "/api/v1/events/{id}",
         [](const Objects& o) { return "/api/v1/events/" + id(o.event_j); }, none, everyone},
        // Priorities and public meetings: editing needs district_card.edit where the object is.
        {"POST", "/api/v1/admin/districts/{id}/priorities",
         [&](const Objects&) {
             return "/api/v1/admin/districts/" + id(town.area("W")) + "/priorities";
         },
         [](const Objects&) {
             return json{{"title", "Nová"},
                         {"description", "Popis"},
                         {"source", "survey"},
                         {"raised_on", "2026-01-05"}};
         },
         [&](const Who& who) { return may(who, Action::district_card_edit, w); }},
        {"POST", "/api/v1/admin/districts/{id}/priorities",
         [&](const Objects&) {
             return "/api/v1/admin/districts/" + id(town.area("J1")) + "/priorities";
         },
         [](const Objects&) {
             return json{{"title", "Nová"},
                         {"description", "Popis"},
                         {"source", "survey"},
                         {"raised_on", "2026-01-05"}};
         },
         [&](const Who& who) { return may(who, Action::district_card_edit, j); }},
        {"PATCH", "/api/v1/admin/priorities/{id}",
         [](const Objects& o) { return "/api/v1/admin/priorities/" + id(o.priority_w); },
         [](const Objects&) {
             return json{{"action_taken", "Kontroly"}};
         },
         [&](const Who& who) { return may(who, Action::district_card_edit, w); }},
        {"PATCH", "/api/v1/admin/priorities/{id}",
         [](const Objects& o) { return "/api/v1/admin/priorities/" + id(o.priority_j); },
         [](const Objects&) {
             return json{{"action_taken", "Kontroly"}};
         },
         [&](const Who& who) { return may(who, Action::district_card_edit, j); }},
        {"POST", "/api/v1/admin/priorities/{id}/status",
         [](const Objects& o) {
             return "/api/v1/admin/priorities/" + id(o.priority_j) + "/status";
         },
         [](const Objects&) {
             return json{{"status", "in_progress"}};
         },
         [&](const Who& who) { return may(who, Action::district_card_edit, j); }},
        {"POST", "/api/v1/admin/priorities/{id}/evaluation",
         [](const Objects& o) {
             return "/api/v1/admin/priorities/" + id(o.priority_w) + "/evaluation";
         },
         [](const Objects&) {
             return json{{"outcome", "worked"}, {"text", "ok"}, {"evaluated_on", "2026-01-20"}};
         },
         [&](const Who& who) { return may(who, Action::district_card_edit, w); }},  // 409 if may
        {"POST", "/api/v1/admin/districts/{id}/events",
         [&](const Objects&) {
             return "/api/v1/admin/districts/" + id(town.area("J1")) + "/events";
         },
         [](const Objects&) {
             return json{{"kind", "public_meeting"},
                         {"title", "Setkání"},
                         {"place_name", "Sál"},
                         {"starts_at", "2030-01-10T17:00:00+01:00"},
                         {"ends_at", "2030-01-10T18:00:00+01:00"}};
         },
         [&](const Who& who) { return may(who, Action::district_card_edit, j); }},
        {"POST", "/api/v1/admin/towns/{code}/events", fixed("/api/v1/admin/towns/999998/events"),
         [](const Objects&) {
             return json{{"kind", "prevention_event"},
                         {"title", "Den"},
                         {"place_name", "Náměstí"},
                         {"starts_at", "2030-01-10T10:00:00+01:00"},
                         {"ends_at", "2030-01-10T16:00:00+01:00"}};
         },
         [&](const Who& who) { return may(who, Action::district_card_edit, jinov); }},
        {"PATCH", "/api/v1/admin/events/{id}",
         [](const Objects& o) { return "/api/v1/admin/events/" + id(o.event_w); },
         [](const Objects&) {
             return json{{"title", "Setkání (nový sál)"}};
         },
         [&](const Who& who) { return may(who, Action::district_card_edit, w); }},
        {"POST", "/api/v1/admin/events/{id}/minutes",
         [](const Objects& o) { return "/api/v1/admin/events/" + id(o.past_w) + "/minutes"; },
         [](const Objects&) {
             return json{{"minutes", "Přišlo 20 lidí."}, {"attendance", 20}};
         },
         [&](const Who& who) { return may(who, Action::district_card_edit, w); }},
        {"POST", "/api/v1/admin/events/{id}/cancel",
         [](const Objects& o) { return "/api/v1/admin/events/" + id(o.event_j) + "/cancel"; },
         [](const Objects&) {
             return json{{"reason", "Nemoc"}};
         },
         [&](const Who& who) { return may(who, Action::district_card_edit, j); }},
        {"POST", "/api/v1/admin/events/{id}/cancel",
         [](const Objects& o) {
             return "/api/v1/admin/events/" + id(o.town_event_jinov) + "/cancel";
         },
         [](const Objects&) {
             return json{{"reason", "Počasí"}};
         },
         [&](const Who& who) { return may(who, Action::district_card_edit, jinov); }},
    };
    run_matrix("agenda", cases);
}

}  // namespace
}  // namespace okrsek::test::authz
