#include "http_authz_matrix.hpp"

#include <algorithm>
#include <array>
#include <iostream>
#include <utility>

#include "service/directory/district_agenda.hpp"

namespace okrsek::test::authz {
namespace {

bool starts_with_any(std::string_view pattern, std::initializer_list<std::string_view> prefixes) {
    return std::any_of(prefixes.begin(), prefixes.end(),
                       [&](std::string_view prefix) { return pattern.starts_with(prefix); });
}

}  // namespace

std::string_view area_of(std::string_view pattern) {
    // Citizen reports and Open311 (before "directory": district feeds and alerts are theirs).
    if (starts_with_any(pattern, {"/open311/", "/api/v1/track/", "/api/v1/subscriptions/"}) ||
        pattern.find("report") != std::string_view::npos || pattern.ends_with("/responsiveness") ||
        pattern.ends_with("/subscriptions")) {
        return "reports";
    }
    if (pattern.find("/priorities") != std::string_view::npos ||
        pattern.find("/events") != std::string_view::npos) {
        return "agenda";
    }
    if (starts_with_any(pattern, {"/api/v1/auth/", "/api/v1/me"})) return "account";
    if (starts_with_any(pattern,
                        {"/api/v1/admin/users", "/api/v1/admin/grants/", "/api/v1/admin/roles",
                         "/api/v1/admin/audit", "/api/v1/admin/tokens"})) {
        return "admin";
    }
    if (starts_with_any(pattern,
                        {"/api/v1/districts/", "/api/v1/places", "/api/v1/team-roles",
                         "/api/v1/place-kinds", "/api/v1/photos/", "/api/v1/admin/districts",
                         "/api/v1/admin/holders/", "/api/v1/admin/photos/", "/api/v1/admin/places",
                         "/api/v1/admin/team-roles", "/api/v1/admin/place-kinds"})) {
        return "directory";
    }
    // Crime statistics (issue 7; http_authz_statistics_test.cpp).
    if (starts_with_any(pattern, {"/api/v1/statistics/", "/api/v1/admin/statistics/",
                                  "/api/v1/admin/crime/"})) {
        return "statistics";
    }
    // Area profiles (issue 7; http_area_profile_test.cpp).
    if (pattern == "/api/v1/admin/areas/{id}/profile") return "profiles";
    static constexpr std::array<std::string_view, 8> public_routes{
        "/api/v1/health", "/api/v1/config",     "/api/v1/municipalities", "/api/v1/layers",
        "/api/v1/areas",  "/api/v1/areas/{id}", "/api/v1/lookup",         "/api/v1/addresses"};
    if (std::find(public_routes.begin(), public_routes.end(), pattern) != public_routes.end()) {
        return "public";
    }
    return {};
}

bool any_session(const Who& who) {
    return who.signed_in;
}

bool nobody(const Who&) {
    return false;
}

bool everyone(const Who&) {
    return true;
}

json none(const Objects&) {
    return json(nullptr);
}

json empty(const Objects&) {
    return json::object();
}

json reason(const Objects&) {
    return json{{"reason", "matrix test"}};
}

PathOf fixed(std::string path) {
    return [path = std::move(path)](const Objects&) { return path; };
}

bool may(const Who& who, Action action, const Target& target) {
    return sec::allows(who.grants, action, target).allowed;
}

bool somewhere(const Who& who, Action action) {
    for (const auto& grant : who.grants) {
        if (sec::role_allows(grant.role, action)) return true;
    }
    return false;
}

std::string id(std::int64_t value) {
    return std::to_string(value);
}

std::string holder_start(int round, const std::string& month) {
    return std::to_string(2030 + round) + "-" + month + "-01";
}

service::AuthSettings AuthzMatrixTest::matrix_settings() {
    auto settings = AuthTown::test_settings();
    // Every caller signs in from 127.0.0.1, more often than a person would.
    settings.throttle.ip_max_attempts = 10000;
    return settings;
}

Target AuthzMatrixTest::district_w() const {
    return Target::district(AuthTown::testov, town.area("TW"), town.area("W"));
}

Target AuthzMatrixTest::district_j() const {
    return Target::district(AuthTown::jinov, town.area("J"), town.area("J1"));
}

Objects AuthzMatrixTest::make_objects(int round) {
    auto& accounts = town.platform().accounts();
    const auto cli = service::Principal::cli();
    Objects objects;
    objects.round = round;
    const std::string suffix = std::to_string(round);
    objects.user_w =
        town.add_user("obet.w" + suffix + "@example.org", "Oběť Západ",
                      sec::Role::district_state_officer, sec::Scope::district(town.area("W")));
    objects.user_j =
        town.add_user("obet.j" + suffix + "@example.org", "Oběť Jinov",
                      sec::Role::district_state_officer, sec::Scope::district(town.area("J1")));
    objects.grant_w = accounts.user(cli, objects.user_w).grants.at(0).id;
    objects.grant_j = accounts.user(cli, objects.user_j).grants.at(0).id;
    objects.token_j = accounts
                          .create_token(cli, {.name = "jinov " + suffix,
                                              .scope = "open311",
                                              .municipality_code = AuthTown::jinov})
                          .token.id;
    make_directory_objects(objects);
    make_agenda_objects(objects, suffix);
    return objects;
}

void AuthzMatrixTest::make_agenda_objects(Objects& objects, const std::string& suffix) {
    const auto cli = service::Principal::cli();
    auto& agenda = town.platform().agenda();
    service::PriorityInput priority;
    priority.title = "Hluk " + suffix;
    priority.description = "Hluk po 22. hodině";
    priority.source = store::PrioritySource::public_meeting;
    priority.raised_on = "2026-01-05";
    objects.priority_w = agenda.create_priority(cli, town.area("W"), priority).id;
    objects.priority_j = agenda.create_priority(cli, town.area("J1"), priority).id;
    service::EventInput event;
    event.kind = store::EventKind::public_meeting;
    event.title = "Setkání " + suffix;
    event.place_name = "Sokolovna";
    event.starts_at = std::chrono::system_clock::now() + std::chrono::hours(24 * 5);
    event.ends_at = *event.starts_at + std::chrono::hours(1);
    objects.event_w = agenda.create_district_event(cli, town.area("W"), event).id;
    objects.event_j = agenda.create_district_event(cli, town.area("J1"), event).id;
    objects.town_event_jinov = agenda.create_town_event(cli, AuthTown::jinov, event).id;
    event.starts_at = std::chrono::system_clock::now() - std::chrono::hours(24 * 5);
    event.ends_at = *event.starts_at + std::chrono::hours(1);
    objects.past_w = agenda.create_district_event(cli, town.area("W"), event).id;
}

void AuthzMatrixTest::make_directory_objects(Objects& objects) {
    auto& directory = town.platform().directory();
    const auto cli = service::Principal::cli();
    objects.role_w = directory.team_roles(AuthTown::testov, false).at(0).id;
    objects.role_j = directory.team_roles(AuthTown::jinov, false).at(0).id;
    store::HolderProfile profile;
    profile.name = "Okrskář Matice";
    // Each round starts later than the holders of the rounds before it.
    const std::string from = holder_start(objects.round, "01");
    objects.holder_w =
        directory.start_holder(cli, town.area("W"), objects.role_w, profile, from).id;
    objects.holder_j =
        directory.start_holder(cli, town.area("J1"), objects.role_j, profile, from).id;
    store::PlaceFields place;
    place.name = "Schránka Matice";
    place.position = {14.05, 50.05};
    objects.place_w = directory.create_place(cli, AuthTown::testov, "info_box", place).place.id;
    place.position = {15.05, 50.05};
    objects.place_j = directory.create_place(cli, AuthTown::jinov, "info_box", place).place.id;
    objects.kind_j = directory.place_kinds(AuthTown::jinov).at(0).id;
}

void AuthzMatrixTest::check_routes(std::string_view area, const std::vector<Case>& cases) {
    for (const auto& route : town.application().routes()) {
        const std::string method(boost::beast::http::to_string(route.method));
        const std::string_view route_area = area_of(route.pattern);
        EXPECT_FALSE(route_area.empty())
            << method << " " << route.pattern << " belongs to no area of the matrix";
        if (route_area != area) continue;
        const bool covered = std::any_of(cases.begin(), cases.end(), [&](const Case& c) {
            return c.method == method && c.pattern == route.pattern;
        });
        EXPECT_TRUE(covered) << method << " " << route.pattern << " has no case in the matrix";
    }
    for (const auto& c : cases) {
        EXPECT_EQ(area_of(c.pattern), area) << c.method << " " << c.pattern;
    }
}

// Everyone: no session, a session without roles, and each role at each scope it takes.
std::vector<Who> AuthzMatrixTest::callers() {
    std::vector<Who> callers = {{"no session", {}, false}, {"no role", {}, true}};
    for (const auto role : sec::all_roles) {
        for (const sec::Scope scope :
             {sec::Scope::everything(), sec::Scope::municipality(AuthTown::testov),
              sec::Scope::city_part(town.area("TW")), sec::Scope::district(town.area("W"))}) {
            if (!sec::grantable_at(role, scope.kind)) continue;
            callers.push_back({std::string(sec::to_code(role)) + "@" + sec::to_string(scope),
                               {{role, scope}},
                               true});
        }
    }
    return callers;
}

void AuthzMatrixTest::run_matrix(std::string_view area, const std::vector<Case>& cases) {
    town.clear_sensitive_roles();
    check_routes(area, cases);
    const std::vector<Who> everybody = callers();
    int requests = 0;
    int unexpected_allows = 0;
    int unexpected_denies = 0;
    for (std::size_t round = 0; round < everybody.size(); ++round) {
        const Who& who = everybody[round];
        const Objects objects = make_objects(static_cast<int>(round));
        Browser browser(town.port());
        const std::string email = "volajici" + std::to_string(round) + "@example.org";
        const auto sign_in = [&] {
            const auto login = browser.login(email);
            ASSERT_EQ(login.status, 200u) << who.label << ": " << login.body;
            ASSERT_EQ(login.json()["status"], "signed_in") << who.label;
        };
        if (who.signed_in) {
            std::optional<sec::Role> role;
            sec::Scope scope;
            if (!who.grants.empty()) {
                role = who.grants[0].role;
                scope = who.grants[0].scope;
            }
            town.add_user(email, "Volající " + std::to_string(round), role, scope);
            sign_in();
        } else {
            browser.fetch_csrf();
        }
        for (const auto& c : cases) {
            if (c.sign_in_again && who.signed_in) sign_in();
            const std::string path = c.path(objects);
            const auto result = browser.send(c.method, path, c.body(objects));
            ++requests;
            const bool allowed = result.status != 401 && result.status != 403;
            const bool expected = c.expected(who);
            if (allowed && !expected) ++unexpected_allows;
            if (!allowed && expected) ++unexpected_denies;
            EXPECT_EQ(allowed, expected) << who.label << ": " << c.method << " " << path << " → "
                                         << result.status << " " << result.body;
            if (!allowed) {
                // Refusals are JSON errors of the right kind.
                const auto body = json::parse(result.body, nullptr, false);
                ASSERT_TRUE(body.is_object() && body.contains("error")) << result.body;
                const std::string code = body["error"]["code"];
                EXPECT_TRUE(code == "unauthenticated" || code == "forbidden" ||
                            code == "second_factor_required")
                    << code;
                if (!who.signed_in) {
                    EXPECT_EQ(result.status, 401u) << c.method << " " << path;
                }
            }
        }
    }
    RecordProperty("requests", requests);
    std::cout << "authorisation matrix (" << area << "): " << everybody.size() << " callers, "
              << cases.size() << " cases, " << requests << " requests, " << unexpected_allows
              << " unexpected allows, " << unexpected_denies << " unexpected denies\n";
    EXPECT_EQ(unexpected_allows, 0);
    EXPECT_EQ(unexpected_denies, 0);
}

}  // namespace okrsek::test::authz
