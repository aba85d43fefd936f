// Priorities and public meetings over real HTTP: the public lists, objects and iCalendar
// feeds; the back office's edits with their permission checks (anonymous 401, staff of
// another district 403 with nothing changed), one audit row per edit, and errors naming the
// field.
#include <gtest/gtest.h>

#include <chrono>

#include "auth_town.hpp"
#include "core/prague_time.hpp"

namespace okrsek::test {
namespace {

using nlohmann::json;
namespace sec = service::security;
using namespace std::chrono_literals;

/// Prague time `offset` from now, as the API takes it.
std::string prague_in(std::chrono::minutes offset) {
    return core::format_prague_time(
        std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) + offset);
}

json meeting(const std::string& title, std::chrono::minutes offset) {
    return {{"kind", "public_meeting"},
            {"title", title},
            {"place_name", "Sokolovna"},
            {"address", "Hlavní 1, Testov"},
            {"position", {{"lon", 14.05}, {"lat", 50.05}}},
            {"starts_at", prague_in(offset)},
            {"ends_at", prague_in(offset + 90min)},
            {"agenda", "1. Úvod\n2. Diskuse"}};
}

json priority(const std::string& title) {
    return {
        {"title", title},
        {"description", "Obyvatelé hlásí: " + title},
        {"source", "citizen_reports"},
        {"raised_on", core::format_date(core::prague_date(std::chrono::floor<std::chrono::seconds>(
                                                              std::chrono::system_clock::now()) -
                                                          std::chrono::days(3)))}};
}

void expect_error(const HttpResult& result, unsigned status, const std::string& code,
                  const std::string& field = {}) {
    EXPECT_EQ(result.status, status) << result.body;
    const auto body = json::parse(result.body, nullptr, false);
    ASSERT_TRUE(body.is_object() && body.contains("error")) << result.body;
    EXPECT_EQ(body["error"]["code"], code) << result.body;
    if (!field.empty()) {
        EXPECT_EQ(body["error"].value("field", ""), field) << result.body;
    }
}

service::AuthSettings agenda_settings() {
    auto settings = AuthTown::test_settings();
    // The permission matrix signs many callers in from 127.0.0.1.
    settings.throttle.ip_max_attempts = 10000;
    return settings;
}

class AgendaHttpTest : public ::testing::Test {
protected:
    AgendaHttpTest() {
        town.clear_sensitive_roles();
        town.add_user("marta.prevence@example.org", "Marta Prevence", sec::Role::prevention_manager,
                      sec::Scope::municipality(AuthTown::testov));
        town.add_user("emil.vychodni@example.org", "Emil Východní",
                      sec::Role::district_municipal_officer, sec::Scope::district(town.area("E")));
        town.add_user("vera.velitelka@example.org", "Věra Velitelka",
                      sec::Role::municipal_police_leadership,
                      sec::Scope::city_part(town.area("TE")));
        w = town.area("W");
        e = town.area("E");
    }

    static std::string district(std::int64_t id, const std::string& rest) {
        return "/api/v1/districts/" + std::to_string(id) + rest;
    }
    static std::string admin_district(std::int64_t id, const std::string& rest) {
        return "/api/v1/admin/districts/" + std::to_string(id) + rest;
    }

    /// Agenda audit rows ("priority.…" and "event.…").
    std::size_t audit_rows() {
        std::size_t count = 0;
        for (const char* prefix : {"priority.", "event."}) {
            store::AuditFilter filter;
            filter.action = prefix;
            filter.limit = 1000;
            count += town.platform().accounts().audit(service::Principal::cli(), filter).size();
        }
        return count;
    }

    std::string last_action() {
        store::AuditFilter filter;
        filter.limit = 20;
        for (const auto& row :
             town.platform().accounts().audit(service::Principal::cli(), filter)) {
            if (row.action.starts_with("priority.") || row.action.starts_with("event.")) {
                return row.action;
            }
        }
        return {};
    }

    AuthTown town{agenda_settings()};
    std::int64_t w = 0;
    std::int64_t e = 0;
};

TEST_F(AgendaHttpTest, PublicListsObjectsAndFeedsNeedNoSession) {
    Browser staff(town.port());
    ASSERT_EQ(staff.login("marta.prevence@example.org").status, 200u);
    for (const char* title : {"Hluk", "Stříkačky", "Parkování"}) {
        ASSERT_EQ(staff.post(admin_district(w, "/priorities"), priority(title)).status, 201u);
    }
    const json west = meeting("Setkání Západ", 24h * 7);
    const auto created = staff.post(admin_district(w, "/events"), west);
    ASSERT_EQ(created.status, 201u) << created.body;
    const auto event_id = created.json()["event"]["id"].get<std::int64_t>();
    ASSERT_EQ(
        staff.post("/api/v1/admin/towns/999999/events", meeting("Den Testova", 24h * 9)).status,
        201u);
    ASSERT_EQ(staff.post(admin_district(e, "/events"), meeting("Setkání Východ", 24h * 8)).status,
              201u);

    HttpClient visitor(town.port());
    const auto page = visitor.get(district(w, "/priorities?limit=2"));
    ASSERT_EQ(page.status, 200u) << page.body;
    EXPECT_EQ(page.headers.at("cache-control"), "public, max-age=60");
    EXPECT_EQ(page.json()["total"], 3);
    EXPECT_EQ(page.json()["next_offset"], 2);
    EXPECT_EQ(page.json()["priorities"].size(), 2u);
    const auto rest = visitor.get(district(w, "/priorities?limit=2&offset=2")).json();
    EXPECT_EQ(rest["priorities"].size(), 1u);
    EXPECT_TRUE(rest["next_offset"].is_null());
    const auto first = page.json()["priorities"][0];
    EXPECT_EQ(first["district"]["id"], w);
    EXPECT_EQ(first["district"]["name"], "Západ");
    EXPECT_EQ(first["status"], "open");

    const auto detail = visitor.get("/api/v1/priorities/" + first["id"].dump());
    ASSERT_EQ(detail.status, 200u);
    EXPECT_EQ(detail.json()["history"].size(), 1u);
    EXPECT_EQ(detail.json()["history"][0]["to"], "open");

    const auto events = visitor.get(district(w, "/events")).json()["events"];
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0]["title"], "Setkání Západ");
    EXPECT_EQ(events[0]["scope"], "district");
    EXPECT_EQ(events[1]["title"], "Den Testova");
    EXPECT_EQ(events[1]["scope"], "town");
    // Times come back as Prague time with the offset of that day.
    const std::string starts = events[0]["starts_at"];
    EXPECT_TRUE(starts.ends_with("+01:00") || starts.ends_with("+02:00")) << starts;
    EXPECT_EQ(starts, west["starts_at"]);
    EXPECT_EQ(visitor.get(district(w, "/events?when=past")).json()["total"], 0);
    EXPECT_EQ(visitor.get("/api/v1/towns/999999/events").json()["total"], 3);
    EXPECT_EQ(visitor.get("/api/v1/events/" + std::to_string(event_id)).json()["sequence"], 0);

    const auto feed = visitor.get(district(w, "/events.ics"));
    ASSERT_EQ(feed.status, 200u);
    EXPECT_EQ(feed.headers.at("content-type"), "text/calendar; charset=utf-8");
    EXPECT_EQ(feed.headers.at("cache-control"), "public, max-age=300");
    EXPECT_EQ(feed.headers.at("etag").size(), 18u);
    EXPECT_TRUE(feed.headers.at("last-modified").ends_with(" GMT"));
    EXPECT_TRUE(feed.body.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    EXPECT_NE(feed.body.find("SUMMARY:Setkání Západ\r\n"), std::string::npos);
    EXPECT_NE(feed.body.find("SUMMARY:Den Testova\r\n"), std::string::npos);
    EXPECT_EQ(feed.body.find("Setkání Východ"), std::string::npos);
    EXPECT_NE(feed.body.find("URL:https://okrsek.example.cz/districts/"), std::string::npos);
    // Every line ends in CRLF.
    for (std::size_t i = feed.body.find('\n'); i != std::string::npos;
         i = feed.body.find('\n', i + 1)) {
        ASSERT_EQ(feed.body[i - 1], '\r') << i;
    }
    EXPECT_EQ(visitor.get(district(w, "/events.ics")).headers.at("etag"), feed.headers.at("etag"));
    // A calendar app that has the feed already gets 304 without a body (weak or in a list).
    for (const std::string& validator : {feed.headers.at("etag"), "W/" + feed.headers.at("etag"),
                                         "\"other\", " + feed.headers.at("etag")}) {
        const auto again =
            visitor.request("GET", district(w, "/events.ics"), {}, {{"If-None-Match", validator}});
        EXPECT_EQ(again.status, 304u) << validator;
        EXPECT_TRUE(again.body.empty()) << validator;
        EXPECT_EQ(again.headers.at("etag"), feed.headers.at("etag"));
    }
    EXPECT_EQ(
        visitor.request("GET", district(w, "/events.ics"), {}, {{"If-None-Match", "\"stale\""}})
            .status,
        200u);
    const auto town_feed = visitor.get("/api/v1/towns/999999/events.ics");
    ASSERT_EQ(town_feed.status, 200u);
    EXPECT_NE(town_feed.body.find("Setkání Východ"), std::string::npos);

    expect_error(visitor.get(district(w, "/priorities?status=zavreno")), 400, "invalid_argument",
                 "status");
    expect_error(visitor.get(district(w, "/events?limit=0")), 400, "invalid_argument", "limit");
    expect_error(visitor.get(district(w, "/events?when=zitra")), 400, "invalid_argument", "when");
    expect_error(visitor.get(district(town.area("TW"), "/events")), 404, "not_found", "district");
    expect_error(visitor.get("/api/v1/events/987654"), 404, "not_found", "id");
    expect_error(visitor.get("/api/v1/towns/123456/events.ics"), 404, "not_found", "town");
}

/// A W priority and a W event, a past W meeting and a town-wide event, made by the command
/// line, and every edit route with a valid body for them.
struct EditCase {
    std::string method;
    std::string path;
    json body;
};

class AgendaEditsTest : public AgendaHttpTest {
protected:
    AgendaEditsTest() {
        auto& agenda = town.platform().agenda();
        const auto cli = service::Principal::cli();
        service::PriorityInput input;
        input.title = "Hluk";
        input.description = "Hluk po 22. hodině";
        input.source = store::PrioritySource::public_meeting;
        input.raised_on = "2026-01-05";
        priority_id = agenda.create_priority(cli, w, input).id;
        service::EventInput event;
        event.kind = store::EventKind::public_meeting;
        event.title = "Setkání";
        event.place_name = "Sokolovna";
        event.starts_at = std::chrono::system_clock::now() + 24h * 5;
        event.ends_at = *event.starts_at + 1h;
        event_id = agenda.create_district_event(cli, w, event).id;
        event.starts_at = std::chrono::system_clock::now() - 24h * 5;
        event.ends_at = *event.starts_at + 1h;
        past_id = agenda.create_district_event(cli, w, event).id;
        event.starts_at = std::chrono::system_clock::now() + 24h * 6;
        event.ends_at = *event.starts_at + 1h;
        town_event_id = agenda.create_town_event(cli, AuthTown::testov, event).id;
    }

    std::vector<EditCase> edits(std::int64_t district_id) const {
        const std::string p = "/api/v1/admin/priorities/" + std::to_string(priority_id);
        const std::string ev = "/api/v1/admin/events/" + std::to_string(event_id);
        return {
            {"POST", admin_district(district_id, "/priorities"), priority("Nová priorita")},
            {"PATCH", p, {{"action_taken", "Kontroly každý pátek."}}},
            {"POST", p + "/status", {{"status", "in_progress"}}},
            {"POST", p + "/status", {{"status", "action_completed"}}},
            {"POST",
             p + "/evaluation",
             {{"outcome", "worked"},
              {"text", "Stížnosti ustaly."},
              {"evaluated_on", "2026-01-20"},
              {"event_id", past_id}}},
            {"POST", admin_district(district_id, "/events"), meeting("Nové setkání", 24h * 3)},
            {"PATCH", ev, {{"title", "Setkání (nový sál)"}, {"position", nullptr}}},
            {"POST",
             "/api/v1/admin/events/" + std::to_string(past_id) + "/minutes",
             {{"minutes", "Přišlo 25 lidí."}, {"attendance", 25}}},
            {"POST", ev + "/cancel", {{"reason", "Nemoc"}}},
            {"POST", "/api/v1/admin/towns/999999/events", meeting("Den Testova", 24h * 10)},
            {"POST",
             "/api/v1/admin/events/" + std::to_string(town_event_id) + "/cancel",
             {{"reason", "Počasí"}}},
        };
    }

    std::string state() {
        HttpClient visitor(town.port());
        return visitor.get("/api/v1/priorities/" + std::to_string(priority_id)).body +
               visitor.get("/api/v1/events/" + std::to_string(event_id)).body +
               visitor.get("/api/v1/events/" + std::to_string(past_id)).body +
               visitor.get("/api/v1/towns/999999/events?limit=100").body +
               visitor.get(district(w, "/priorities?limit=100")).body;
    }

    std::int64_t priority_id = 0, event_id = 0, past_id = 0, town_event_id = 0;
};

TEST_F(AgendaEditsTest, AnonymousCallersGet401AndNothingChanges) {
    const auto before = state();
    const auto rows = audit_rows();
    Browser anonymous(town.port());
    anonymous.fetch_csrf();
    for (const auto& edit : edits(w)) {
        expect_error(anonymous.send(edit.method, edit.path, edit.body), 401, "unauthenticated");
    }
    EXPECT_EQ(state(), before);
    EXPECT_EQ(audit_rows(), rows);
}

TEST_F(AgendaEditsTest, AnOfficerOfAnotherDistrictGets403AndNothingChanges) {
    const auto before = state();
    const auto rows = audit_rows();
    for (const char* email : {"emil.vychodni@example.org", "vera.velitelka@example.org"}) {
        Browser officer(town.port());
        ASSERT_EQ(officer.login(email).status, 200u) << email;
        for (const auto& edit : edits(w)) {
            const auto result = officer.send(edit.method, edit.path, edit.body);
            expect_error(result, 403, "forbidden");
            EXPECT_EQ(result.headers.at("cache-control"), "no-store");
        }
    }
    EXPECT_EQ(state(), before);
    EXPECT_EQ(audit_rows(), rows);
    // The city part's leadership may edit its own district E.
    Browser leader(town.port());
    ASSERT_EQ(leader.login("vera.velitelka@example.org").status, 200u);
    EXPECT_EQ(leader.post(admin_district(e, "/priorities"), priority("Východní")).status, 201u);
    EXPECT_EQ(audit_rows(), rows + 1);
}

TEST_F(AgendaEditsTest, TheTownsManagerMakesEveryEditWithOneAuditRowEach) {
    Browser manager(town.port());
    ASSERT_EQ(manager.login("marta.prevence@example.org").status, 200u);
    const std::vector<std::string> actions = {
        "priority.create",   "priority.update", "priority.status", "priority.status",
        "priority.evaluate", "event.create",    "event.update",    "event.minutes",
        "event.cancel",      "event.create",    "event.cancel"};
    const auto cases = edits(w);
    ASSERT_EQ(cases.size(), actions.size());
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const auto rows = audit_rows();
        const auto result = manager.send(cases[i].method, cases[i].path, cases[i].body);
        EXPECT_TRUE(result.status == 200u || result.status == 201u)
            << cases[i].method << " " << cases[i].path << " → " << result.body;
        EXPECT_EQ(result.headers.at("cache-control"), "no-store");
        EXPECT_EQ(audit_rows(), rows + 1) << cases[i].path;
        EXPECT_EQ(last_action(), actions[i]) << cases[i].path;
    }
    HttpClient visitor(town.port());
    const auto stored = visitor.get("/api/v1/priorities/" + std::to_string(priority_id)).json();
    EXPECT_EQ(stored["status"], "action_completed");
    EXPECT_EQ(stored["action_taken"], "Kontroly každý pátek.");
    EXPECT_EQ(stored["evaluation"]["outcome"], "worked");
    EXPECT_EQ(stored["evaluation"]["event_id"], past_id);
    EXPECT_EQ(stored["history"].size(), 3u);
    const auto event = visitor.get("/api/v1/events/" + std::to_string(event_id)).json();
    EXPECT_EQ(event["title"], "Setkání (nový sál)");
    EXPECT_EQ(event["status"], "cancelled");
    EXPECT_EQ(event["cancel_reason"], "Nemoc");
    EXPECT_EQ(event["sequence"], 2);
    EXPECT_TRUE(event["position"].is_null());
    const auto past = visitor.get("/api/v1/events/" + std::to_string(past_id)).json();
    EXPECT_EQ(past["attendance"], 25);
    const auto feed = visitor.get(district(w, "/events.ics")).body;
    EXPECT_NE(feed.find("STATUS:CANCELLED"), std::string::npos);
}

TEST_F(AgendaEditsTest, BadInputIsRefusedNamingTheField) {
    Browser manager(town.port());
    ASSERT_EQ(manager.login("marta.prevence@example.org").status, 200u);
    const auto rows = audit_rows();
    const std::string p = "/api/v1/admin/priorities/" + std::to_string(priority_id);
    auto missing = priority("x");
    missing.erase("title");
    expect_error(manager.post(admin_district(w, "/priorities"), missing), 400, "invalid_argument",
                 "title");
    auto long_title = priority(std::string(201, 'a'));
    expect_error(manager.post(admin_district(w, "/priorities"), long_title), 400,
                 "invalid_argument", "title");
    auto typo = priority("x");
    typo["titel"] = "x";
    expect_error(manager.post(admin_district(w, "/priorities"), typo), 400, "invalid_argument",
                 "titel");
    auto source = priority("x");
    source["source"] = "rumour";
    expect_error(manager.post(admin_district(w, "/priorities"), source), 400, "invalid_argument",
                 "source");
    auto bad_time = meeting("x", 24h);
    bad_time["starts_at"] = "3. 12. 2026 17:00";
    expect_error(manager.post(admin_district(w, "/events"), bad_time), 400, "invalid_argument",
                 "starts_at");
    auto gap = meeting("x", 24h);
    gap["starts_at"] = "2027-03-28T02:30";
    gap["ends_at"] = "2027-03-28T04:00";
    expect_error(manager.post(admin_district(w, "/events"), gap), 400, "invalid_argument",
                 "starts_at");
    auto position = meeting("x", 24h);
    position["position"] = {{"lon", "14"}, {"lat", 50}};
    expect_error(manager.post(admin_district(w, "/events"), position), 400, "invalid_argument",
                 "position.lon");
    expect_error(manager.send("POST", p + "/status", json("not an object")), 400,
                 "invalid_argument", "body");
    expect_error(manager.post(p + "/status", {{"status", "action_completed"}}), 409, "conflict",
                 "status");
    expect_error(
        manager.post(p + "/evaluation",
                     {{"outcome", "worked"}, {"text", "ok"}, {"evaluated_on", "2026-01-20"}}),
        409, "conflict", "status");
    expect_error(manager.post(p + "/status", {{"status", "dropped"}}), 400, "invalid_argument",
                 "reason");
    expect_error(manager.post("/api/v1/admin/events/" + std::to_string(event_id) + "/minutes",
                              {{"minutes", "Zápis"}}),
                 409, "conflict", "starts_at");
    expect_error(manager.post(admin_district(town.area("TW"), "/priorities"), priority("x")), 404,
                 "not_found", "district");
    EXPECT_EQ(audit_rows(), rows);
}

// Every agenda edit route × every role at every scope it takes (plus no role): allowed (any
// answer but 401/403) exactly when the matrix gives district_card.edit on the object's place as
// stored: district W (in city part TW of Testov), district J1 of Jinov, or Jinov itself.
TEST_F(AgendaHttpTest, EveryEditRouteFollowsThePermissionMatrix) {
    using sec::Action;
    using sec::Target;
    const Target target_w = Target::district(AuthTown::testov, town.area("TW"), w);
    const Target target_j = Target::district(AuthTown::jinov, town.area("J"), town.area("J1"));
    const Target target_jinov = Target::municipality(AuthTown::jinov);
    struct Case {
        std::string method;
        std::function<std::string(std::int64_t, std::int64_t, std::int64_t)> path;
        json body;
        Target target;
    };
    const auto priority_path = [](const std::string& rest) {
        return [rest](std::int64_t priority, std::int64_t, std::int64_t) {
            return "/api/v1/admin/priorities/" + std::to_string(priority) + rest;
        };
    };
    const auto event_path = [](const std::string& rest, bool past) {
        return [rest, past](std::int64_t, std::int64_t event, std::int64_t past_event) {
            return "/api/v1/admin/events/" + std::to_string(past ? past_event : event) + rest;
        };
    };
    const auto fixed = [](const std::string& path) {
        return [path](std::int64_t, std::int64_t, std::int64_t) { return path; };
    };
    const std::string j1 = std::to_string(town.area("J1"));
    const json event_body = {{"kind", "public_meeting"},
                             {"title", "Setkání"},
                             {"place_name", "Sál"},
                             {"starts_at", "2030-01-10T17:00:00+01:00"},
                             {"ends_at", "2030-01-10T18:00:00+01:00"}};
    const std::vector<Case> cases = {
        {"POST", fixed(admin_district(w, "/priorities")), priority("Nová"), target_w},
        {"POST", fixed("/api/v1/admin/districts/" + j1 + "/priorities"), priority("Nová"),
         target_j},
        {"PATCH", priority_path(""), {{"action_taken", "Kontroly"}}, target_w},
        {"POST", priority_path("/status"), {{"status", "in_progress"}}, target_w},
        {"POST",
         priority_path("/evaluation"),
         {{"outcome", "worked"}, {"text", "ok"}, {"evaluated_on", "2026-01-20"}},
         target_w},
        {"POST", fixed(admin_district(w, "/events")), event_body, target_w},
        {"POST", fixed("/api/v1/admin/districts/" + j1 + "/events"), event_body, target_j},
        {"POST", fixed("/api/v1/admin/towns/999998/events"), event_body, target_jinov},
        {"PATCH", event_path("", false), {{"title", "Nový sál"}}, target_w},
        {"POST",
         event_path("/minutes", true),
         {{"minutes", "Zápis"}, {"attendance", 20}},
         target_w},
        {"POST", event_path("/cancel", false), {{"reason", "Nemoc"}}, target_w},
    };

    std::vector<std::pair<std::string, std::vector<sec::Grant>>> callers = {{"no role", {}}};
    for (const auto role : sec::all_roles) {
        for (const sec::Scope scope :
             {sec::Scope::everything(), sec::Scope::municipality(AuthTown::testov),
              sec::Scope::city_part(town.area("TW")), sec::Scope::city_part(town.area("TE")),
              sec::Scope::district(w), sec::Scope::district(e)}) {
            if (!sec::grantable_at(role, scope.kind)) continue;
            callers.push_back(
                {std::string(sec::to_code(role)) + "@" + sec::to_string(scope), {{role, scope}}});
        }
    }
    auto& agenda = town.platform().agenda();
    const auto cli = service::Principal::cli();
    int allowed_count = 0;
    for (std::size_t round = 0; round < callers.size(); ++round) {
        const auto& [label, grants] = callers[round];
        service::PriorityInput input;
        input.title = "Hluk " + std::to_string(round);
        input.description = "Hluk po 22. hodině";
        input.source = store::PrioritySource::public_meeting;
        input.raised_on = "2026-01-05";
        const auto priority_id = agenda.create_priority(cli, w, input).id;
        service::EventInput event;
        event.kind = store::EventKind::public_meeting;
        event.title = "Setkání";
        event.place_name = "Sokolovna";
        event.starts_at = std::chrono::system_clock::now() + 24h * 5;
        event.ends_at = *event.starts_at + 1h;
        const auto event_id = agenda.create_district_event(cli, w, event).id;
        event.starts_at = std::chrono::system_clock::now() - 24h * 5;
        event.ends_at = *event.starts_at + 1h;
        const auto past_id = agenda.create_district_event(cli, w, event).id;

        const std::string email = "volajici" + std::to_string(round) + "@example.org";
        std::optional<sec::Role> role;
        sec::Scope scope;
        if (!grants.empty()) {
            role = grants[0].role;
            scope = grants[0].scope;
        }
        town.add_user(email, "Volající " + std::to_string(round), role, scope);
        Browser browser(town.port());
        ASSERT_EQ(browser.login(email).status, 200u) << label;
        for (const auto& c : cases) {
            const std::string path = c.path(priority_id, event_id, past_id);
            const auto result = browser.send(c.method, path, c.body);
            const bool allowed = result.status != 401 && result.status != 403;
            const bool expected = sec::allows(grants, Action::district_card_edit, c.target).allowed;
            EXPECT_EQ(allowed, expected) << label << ": " << c.method << " " << path << " → "
                                         << result.status << " " << result.body;
            allowed_count += allowed ? 1 : 0;
        }
    }
    // Someone was allowed, so the comparison above was not only refusals.
    EXPECT_GT(allowed_count, 20);
}

}  // namespace
}  // namespace okrsek::test
