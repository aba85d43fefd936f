// The authorisation matrix over HTTP: every route × every role × every scope the role can be
// granted at (plus no role, and no session), against objects in the caller's district and in
// another town. Expected answers come from the table of cases below; each request is classified
// as allowed (anything but 401/403) or denied (401/403). The test fails on any route without a
// case, and on any unexpected allow or deny.
#include <gtest/gtest.h>

#include <functional>

#include "auth_town.hpp"
#include "service/directory/district_agenda.hpp"

namespace okrsek::test {
namespace {

using nlohmann::json;
namespace sec = service::security;
using sec::Action;
using sec::Target;

struct Objects {
    std::int64_t user_w = 0;  ///< holds a district role in Testov's district W
    std::int64_t user_j = 0;  ///< holds a district role in Jinov's district J1
    std::int64_t grant_w = 0;
    std::int64_t grant_j = 0;
    std::int64_t token_j = 0;  ///< a machine token of Jinov
    // District directory: a holder and a place in W and in J1, the roles their seats are for,
    // a role and a place kind of Jinov.
    std::int64_t role_w = 0;
    std::int64_t role_j = 0;
    std::int64_t holder_w = 0;
    std::int64_t holder_j = 0;
    std::int64_t place_w = 0;
    std::int64_t place_j = 0;
    std::int64_t kind_j = 0;
    // Agenda: priorities and upcoming meetings of W and J1, a meeting of W that has begun, a
    // town-wide event of Jinov.
    std::int64_t priority_w = 0, priority_j = 0;
    std::int64_t event_w = 0, event_j = 0;
    std::int64_t past_w = 0;
    std::int64_t town_event_jinov = 0;
    int round = 0;
};

struct Who {
    std::string label;
    std::vector<sec::Grant> grants;
    bool signed_in = true;
};

struct Case {
    std::string method;
    std::string pattern;  ///< the route it exercises
    std::function<std::string(const Objects&)> path;
    std::function<json(const Objects&)> body;
    std::function<bool(const Who&)> expected;  ///< allowed?
    bool sign_in_again = false;                ///< after a case that ended the session
};

service::AuthSettings matrix_settings() {
    auto settings = AuthTown::test_settings();
    // Every caller signs in from 127.0.0.1, more often than a person would.
    settings.throttle.ip_max_attempts = 10000;
    return settings;
}

/// "2030-01-01" for round 0 and month "01": a date after every earlier round's.
std::string holder_start(int round, const std::string& month) {
    return std::to_string(2030 + round) + "-" + month + "-01";
}

class AuthzMatrixTest : public ::testing::Test {
protected:
    AuthTown town{matrix_settings()};

    Target district_w() const {
        return Target::district(AuthTown::testov, town.area("TW"), town.area("W"));
    }
    Target district_j() const {
        return Target::district(AuthTown::jinov, town.area("J"), town.area("J1"));
    }

    Objects make_objects(int round) {
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

    void make_agenda_objects(Objects& objects, const std::string& suffix) {
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

    void make_directory_objects(Objects& objects) {
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
};

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

TEST_F(AuthzMatrixTest, EveryRouteRoleAndScopeGetsExactlyTheExpectedAnswer) {
    town.clear_sensitive_roles();
    const Target all = Target::deployment();
    const Target w = district_w();
    const Target j = district_j();
    const Target jinov = Target::municipality(AuthTown::jinov);
    const auto any_session = [](const Who& who) { return who.signed_in; };
    const auto nobody = [](const Who&) { return false; };
    const auto everyone = [](const Who&) { return true; };
    const auto none = [](const Objects&) { return json(nullptr); };
    const auto empty = [](const Objects&) { return json::object(); };
    const auto fixed = [](std::string path) { return [path](const Objects&) { return path; }; };
    const auto reason = [](const Objects&) { return json{{"reason", "matrix test"}}; };

    // Ordered so that nothing a case changes spoils a later case of the same round; the ones
    // that end the session come last.
    const std::vector<Case> cases = {
        // Public portal: open to everyone.
        {"GET", "/api/v1/health", fixed("/api/v1/health"), none, everyone},
        {"GET", "/api/v1/config", fixed("/api/v1/config"), none, everyone},
        {"GET", "/api/v1/municipalities", fixed("/api/v1/municipalities"), none, everyone},
        {"GET", "/api/v1/layers", fixed("/api/v1/layers"), none, everyone},
        {"GET", "/api/v1/areas", fixed("/api/v1/areas?layer=districts"), none, everyone},
        {"GET", "/api/v1/areas/{id}",
         [&](const Objects&) { return "/api/v1/areas/" + id(town.area("W")); }, none, everyone},
        {"GET", "/api/v1/lookup", fixed("/api/v1/lookup?lon=14.05&lat=50.05"), none, everyone},
        {"POST", "/api/v1/lookup", fixed("/api/v1/lookup"),
         [](const Objects&) {
             return json{{"points", json::array()}};
         },
         everyone},
        // The district directory, public.
        {"GET", "/api/v1/districts/{id}",
         [&](const Objects&) { return "/api/v1/districts/" + id(town.area("W")); }, none, everyone},
        {"GET", "/api/v1/districts/{id}/team",
         [&](const Objects&) { return "/api/v1/districts/" + id(town.area("W")) + "/team"; }, none,
         everyone},
        {"GET", "/api/v1/districts/{id}/places",
         [&](const Objects&) { return "/api/v1/districts/" + id(town.area("W")) + "/places"; },
         none, everyone},
        {"GET", "/api/v1/places", fixed("/api/v1/places?municipality=999999"), none, everyone},
        {"GET", "/api/v1/team-roles", fixed("/api/v1/team-roles?municipality=999999"), none,
         everyone},
        {"GET", "/api/v1/place-kinds", fixed("/api/v1/place-kinds?municipality=999999"), none,
         everyone},
        {"GET", "/api/v1/photos/{id}/{file}",
         fixed("/api/v1/photos/1/" + std::string(64, '0') + ".jpg"), none, everyone},  // 404
        // Visitors (CSRF only).
        {"GET", "/api/v1/auth/csrf", fixed("/api/v1/auth/csrf"), none, everyone},
        {"POST", "/api/v1/auth/login", fixed("/api/v1/auth/login"),
         [](const Objects&) {
             return json{{"email", "x@example.org"}};
         },
         everyone},  // 400
        {"POST", "/api/v1/auth/link", fixed("/api/v1/auth/link"),
         [](const Objects&) {
             return json{{"token", "nonsense"}, {"purpose", "invite"}};
         },
         everyone},  // 422
        {"POST", "/api/v1/auth/link/complete", fixed("/api/v1/auth/link/complete"),
         [](const Objects&) {
             return json{{"token", "nonsense"}, {"purpose", "invite"}, {"password", "x"}};
         },
         everyone},
        // A second factor is for pending sessions only.
        {"POST", "/api/v1/auth/totp", fixed("/api/v1/auth/totp"),
         [](const Objects&) {
             return json{{"code", "123456"}};
         },
         nobody},
        // One's own account.
        {"GET", "/api/v1/me", fixed("/api/v1/me"), none, any_session},
        {"GET", "/api/v1/me/sessions", fixed("/api/v1/me/sessions"), none, any_session},
        {"POST", "/api/v1/me/sessions/end-others", fixed("/api/v1/me/sessions/end-others"), empty,
         any_session},
        {"POST", "/api/v1/me/totp/setup", fixed("/api/v1/me/totp/setup"), empty, any_session},
        {"POST", "/api/v1/me/totp/confirm", fixed("/api/v1/me/totp/confirm"),
         [](const Objects&) {
             return json{{"code", "000000"}};
         },
         any_session},  // 422
        {"POST", "/api/v1/me/totp/disable", fixed("/api/v1/me/totp/disable"),
         [](const Objects&) {
             return json{{"password", "Spatne-Heslo-Neni-Ono"}};
         },
         any_session},
        {"POST", "/api/v1/me/recovery-codes", fixed("/api/v1/me/recovery-codes"),
         [](const Objects&) {
             return json{{"password", "Spatne-Heslo-Neni-Ono"}};
         },
         any_session},
        {"POST", "/api/v1/me/password", fixed("/api/v1/me/password"),
         [](const Objects&) {
             return json{{"current_password", "Spatne-Heslo-Neni-Ono"}, {"new_password", "x"}};
         },
         any_session},
        // Administration.
        {"GET", "/api/v1/admin/users", fixed("/api/v1/admin/users"), none,
         [](const Who& who) { return somewhere(who, Action::users_read); }},
        {"GET", "/api/v1/admin/users/{id}",
         [](const Objects& o) { return "/api/v1/admin/users/" + id(o.user_w); }, none,
         [&](const Who& who) { return may(who, Action::users_read, w); }},
        {"GET", "/api/v1/admin/users/{id}",
         [](const Objects& o) { return "/api/v1/admin/users/" + id(o.user_j); }, none,
         [&](const Who& who) { return may(who, Action::users_read, j); }},
        {"POST", "/api/v1/admin/users", fixed("/api/v1/admin/users"),
         [](const Objects& o) {
             return json{{"email", "nova" + std::to_string(o.round) + "@example.org"},
                         {"name", "Nová Osoba"}};
         },
         [&](const Who& who) { return may(who, Action::users_manage, all); }},
        {"POST", "/api/v1/admin/users", fixed("/api/v1/admin/users"),
         [&](const Objects& o) {
             return json{{"email", "nova.j" + std::to_string(o.round) + "@example.org"},
                         {"name", "Nová Osoba"},
                         {"role", "district_municipal_officer"},
                         {"scope", "district:" + id(town.area("J1"))}};
         },
         [&](const Who& who) {
             return may(who, Action::users_manage, all) && may(who, Action::roles_grant, j);
         }},
        {"POST", "/api/v1/admin/users/{id}/password-reset",
         [](const Objects& o) { return "/api/v1/admin/users/" + id(o.user_w) + "/password-reset"; },
         empty, [&](const Who& who) { return may(who, Action::users_manage, all); }},
        {"POST", "/api/v1/admin/users/{id}/grants",
         [](const Objects& o) { return "/api/v1/admin/users/" + id(o.user_w) + "/grants"; },
         [&](const Objects&) {
             return json{{"role", "district_municipal_officer"},
                         {"scope", "district:" + id(town.area("W"))},
                         {"reason", "matrix test"}};
         },
         [&](const Who& who) { return may(who, Action::roles_grant, w); }},
        {"POST", "/api/v1/admin/users/{id}/grants",
         [](const Objects& o) { return "/api/v1/admin/users/" + id(o.user_j) + "/grants"; },
         [&](const Objects&) {
             return json{{"role", "district_municipal_officer"},
                         {"scope", "district:" + id(town.area("J1"))},
                         {"reason", "matrix test"}};
         },
         [&](const Who& who) { return may(who, Action::roles_grant, j); }},
        {"POST", "/api/v1/admin/grants/{id}/revoke",
         [](const Objects& o) { return "/api/v1/admin/grants/" + id(o.grant_w) + "/revoke"; },
         reason, [&](const Who& who) { return may(who, Action::roles_grant, w); }},
        {"POST", "/api/v1/admin/grants/{id}/revoke",
         [](const Objects& o) { return "/api/v1/admin/grants/" + id(o.grant_j) + "/revoke"; },
         reason, [&](const Who& who) { return may(who, Action::roles_grant, j); }},
        {"GET", "/api/v1/admin/roles", fixed("/api/v1/admin/roles"), none,
         [](const Who& who) {
             return somewhere(who, Action::roles_grant) || somewhere(who, Action::users_read);
         }},
        {"POST", "/api/v1/admin/roles/{role}/sensitive",
         fixed("/api/v1/admin/roles/district_councillor/sensitive"),
         [](const Objects&) {
             return json{{"sensitive", false}, {"reason", "matrix test"}};
         },
         [&](const Who& who) { return may(who, Action::roles_grant, all); }},
        {"GET", "/api/v1/admin/audit", fixed("/api/v1/admin/audit"), none,
         [&](const Who& who) {
             // Everything for deployment-wide readers; a town's reader gets that town's rows.
             return may(who, Action::audit_read, all) ||
                    (who.grants.size() == 1 &&
                     who.grants[0].scope.kind == sec::ScopeKind::municipality &&
                     sec::role_allows(who.grants[0].role, Action::audit_read));
         }},
        {"GET", "/api/v1/admin/audit", fixed("/api/v1/admin/audit?municipality=999998"), none,
         [&](const Who& who) { return may(who, Action::audit_read, jinov); }},
        {"GET", "/api/v1/admin/tokens", fixed("/api/v1/admin/tokens"), none,
         [](const Who& who) { return somewhere(who, Action::tokens_manage); }},
        {"POST", "/api/v1/admin/tokens", fixed("/api/v1/admin/tokens"),
         [](const Objects&) {
             return json{{"name", "import"}, {"scope", "import"}};
         },
         [&](const Who& who) { return may(who, Action::tokens_manage, all); }},
        {"POST", "/api/v1/admin/tokens", fixed("/api/v1/admin/tokens"),
         [](const Objects&) {
             return json{
                 {"name", "jinov"}, {"scope", "open311"}, {"municipality", AuthTown::jinov}};
         },
         [&](const Who& who) { return may(who, Action::tokens_manage, jinov); }},
        {"POST", "/api/v1/admin/tokens/{id}/revoke",
         [](const Objects& o) { return "/api/v1/admin/tokens/" + id(o.token_j) + "/revoke"; },
         reason, [&](const Who& who) { return may(who, Action::tokens_manage, jinov); }},
        {"POST", "/api/v1/admin/users/{id}/deactivate",
         [](const Objects& o) { return "/api/v1/admin/users/" + id(o.user_w) + "/deactivate"; },
         reason, [&](const Who& who) { return may(who, Action::users_manage, all); }},
        {"POST", "/api/v1/admin/users/{id}/activate",
         [](const Objects& o) { return "/api/v1/admin/users/" + id(o.user_w) + "/activate"; },
         reason, [&](const Who& who) { return may(who, Action::users_manage, all); }},
        // The district directory's back office: a district's team, photos and places where
        // they lie; roles and kinds of places for the whole town.
        {"GET", "/api/v1/admin/districts", fixed("/api/v1/admin/districts"), none, any_session},
        {"GET", "/api/v1/admin/districts/{id}/team",
         [&](const Objects&) { return "/api/v1/admin/districts/" + id(town.area("W")) + "/team"; },
         none, [&](const Who& who) { return may(who, Action::district_team_read, w); }},
        {"GET", "/api/v1/admin/districts/{id}/team",
         [&](const Objects&) { return "/api/v1/admin/districts/" + id(town.area("J1")) + "/team"; },
         none, [&](const Who& who) { return may(who, Action::district_team_read, j); }},
        {"PUT", "/api/v1/admin/districts/{id}/roles/{role}/contact",
         [&](const Objects& o) {
             return "/api/v1/admin/districts/" + id(town.area("W")) + "/roles/" + id(o.role_w) +
                    "/contact";
         },
         [](const Objects&) {
             return json{{"email", "okrsek@example.org"}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, w); }},
        {"PUT", "/api/v1/admin/districts/{id}/roles/{role}/contact",
         [&](const Objects& o) {
             return "/api/v1/admin/districts/" + id(town.area("J1")) + "/roles/" + id(o.role_j) +
                    "/contact";
         },
         [](const Objects&) {
             return json{{"email", "okrsek@example.org"}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, j); }},
        {"PUT", "/api/v1/admin/holders/{id}",
         [](const Objects& o) { return "/api/v1/admin/holders/" + id(o.holder_w); },
         [](const Objects&) {
             return json{{"name", "Okrskář Matice"}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, w); }},
        {"PUT", "/api/v1/admin/holders/{id}",
         [](const Objects& o) { return "/api/v1/admin/holders/" + id(o.holder_j); },
         [](const Objects&) {
             return json{{"name", "Okrskář Matice"}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, j); }},
        {"PUT", "/api/v1/admin/holders/{id}/photo",
         [](const Objects& o) { return "/api/v1/admin/holders/" + id(o.holder_w) + "/photo"; },
         empty, [&](const Who& who) { return may(who, Action::district_team_edit, w); }},  // 415
        {"PUT", "/api/v1/admin/holders/{id}/photo",
         [](const Objects& o) { return "/api/v1/admin/holders/" + id(o.holder_j) + "/photo"; },
         empty, [&](const Who& who) { return may(who, Action::district_team_edit, j); }},
        {"DELETE", "/api/v1/admin/holders/{id}/photo",
         [](const Objects& o) { return "/api/v1/admin/holders/" + id(o.holder_w) + "/photo"; },
         none, [&](const Who& who) { return may(who, Action::district_team_edit, w); }},  // 409
        {"DELETE", "/api/v1/admin/holders/{id}/photo",
         [](const Objects& o) { return "/api/v1/admin/holders/" + id(o.holder_j) + "/photo"; },
         none, [&](const Who& who) { return may(who, Action::district_team_edit, j); }},
        {"GET", "/api/v1/admin/photos/{id}/{file}",
         fixed("/api/v1/admin/photos/1/" + std::string(64, '0') + ".jpg"), none,
         any_session},  // 404 for staff: a photo of somewhere else is no photo at all
        {"POST", "/api/v1/admin/holders/{id}/end",
         [](const Objects& o) { return "/api/v1/admin/holders/" + id(o.holder_w) + "/end"; },
         [](const Objects& o) {
             return json{{"to", holder_start(o.round, "06")}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, w); }},
        {"POST", "/api/v1/admin/holders/{id}/end",
         [](const Objects& o) { return "/api/v1/admin/holders/" + id(o.holder_j) + "/end"; },
         [](const Objects& o) {
             return json{{"to", holder_start(o.round, "06")}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, j); }},
        {"POST", "/api/v1/admin/districts/{id}/roles/{role}/holders",
         [&](const Objects& o) {
             return "/api/v1/admin/districts/" + id(town.area("W")) + "/roles/" + id(o.role_w) +
                    "/holders";
         },
         [](const Objects& o) {
             return json{{"name", "Nový Okrskář"}, {"from", holder_start(o.round, "07")}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, w); }},
        {"POST", "/api/v1/admin/districts/{id}/roles/{role}/holders",
         [&](const Objects& o) {
             return "/api/v1/admin/districts/" + id(town.area("J1")) + "/roles/" + id(o.role_j) +
                    "/holders";
         },
         [](const Objects& o) {
             return json{{"name", "Nový Okrskář"}, {"from", holder_start(o.round, "07")}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, j); }},
        {"POST", "/api/v1/admin/places", fixed("/api/v1/admin/places"),
         [](const Objects&) {
             return json{{"municipality", AuthTown::testov},
                         {"kind", "info_box"},
                         {"name", "Nová schránka"},
                         {"lon", 14.06},
                         {"lat", 50.06}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, w); }},
        {"POST", "/api/v1/admin/places", fixed("/api/v1/admin/places"),
         [](const Objects&) {
             return json{{"municipality", AuthTown::jinov},
                         {"kind", "info_box"},
                         {"name", "Nová schránka"},
                         {"lon", 15.06},
                         {"lat", 50.06}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, j); }},
        {"PUT", "/api/v1/admin/places/{id}",
         [](const Objects& o) { return "/api/v1/admin/places/" + id(o.place_w); },
         [](const Objects&) {
             return json{{"name", "Schránka"}, {"lon", 14.07}, {"lat", 50.07}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, w); }},
        {"PUT", "/api/v1/admin/places/{id}",
         [](const Objects& o) { return "/api/v1/admin/places/" + id(o.place_j); },
         [](const Objects&) {
             return json{{"name", "Schránka"}, {"lon", 15.07}, {"lat", 50.07}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, j); }},
        {"DELETE", "/api/v1/admin/places/{id}",
         [](const Objects& o) { return "/api/v1/admin/places/" + id(o.place_w); }, none,
         [&](const Who& who) { return may(who, Action::district_team_edit, w); }},
        {"DELETE", "/api/v1/admin/places/{id}",
         [](const Objects& o) { return "/api/v1/admin/places/" + id(o.place_j); }, none,
         [&](const Who& who) { return may(who, Action::district_team_edit, j); }},
        {"POST", "/api/v1/admin/team-roles", fixed("/api/v1/admin/team-roles"),
         [](const Objects& o) {
             return json{{"municipality", AuthTown::testov},
                         {"code", "assistant_" + std::to_string(o.round)},
                         {"name_cs", "Asistent"},
                         {"name_en", "Assistant"}};
         },
         [&](const Who& who) {
             return may(who, Action::district_team_edit, Target::municipality(AuthTown::testov));
         }},
        {"PUT", "/api/v1/admin/team-roles/{id}",
         [](const Objects& o) { return "/api/v1/admin/team-roles/" + id(o.role_j); },
         [](const Objects&) {
             return json{{"name_cs", "Policista"}, {"name_en", "Police officer"}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, jinov); }},
        {"POST", "/api/v1/admin/team-roles/order", fixed("/api/v1/admin/team-roles/order"),
         [](const Objects& o) {
             return json{{"municipality", AuthTown::jinov}, {"roles", json::array({o.role_j})}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, jinov); }},
        {"POST", "/api/v1/admin/place-kinds", fixed("/api/v1/admin/place-kinds"),
         [](const Objects& o) {
             return json{{"municipality", AuthTown::jinov},
                         {"code", "kind_" + std::to_string(o.round)},
                         {"name_cs", "Druh"},
                         {"name_en", "Kind"}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, jinov); }},
        {"PUT", "/api/v1/admin/place-kinds/{id}",
         [](const Objects& o) { return "/api/v1/admin/place-kinds/" + id(o.kind_j); },
         [](const Objects&) {
             return json{{"name_cs", "Služebna"}, {"name_en", "Station"}, {"station", true}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, jinov); }},
        // Address search ("find my district").
        {"GET", "/api/v1/addresses", fixed("/api/v1/addresses?q=hlavni"), none, everyone},
        // The printed paper channel: a district's QR code.
        {"GET", "/api/v1/districts/{id}/qr.svg",
         [&](const Objects&) { return "/api/v1/districts/" + id(town.area("W")) + "/qr.svg"; },
         none, everyone},
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
        // Priorities and public meetings: editing needs district_team.edit where the object is.
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
         [&](const Who& who) { return may(who, Action::district_team_edit, w); }},
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
         [&](const Who& who) { return may(who, Action::district_team_edit, j); }},
        {"PATCH", "/api/v1/admin/priorities/{id}",
         [](const Objects& o) { return "/api/v1/admin/priorities/" + id(o.priority_w); },
         [](const Objects&) {
             return json{{"action_taken", "Kontroly"}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, w); }},
        {"PATCH", "/api/v1/admin/priorities/{id}",
         [](const Objects& o) { return "/api/v1/admin/priorities/" + id(o.priority_j); },
         [](const Objects&) {
             return json{{"action_taken", "Kontroly"}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, j); }},
        {"POST", "/api/v1/admin/priorities/{id}/status",
         [](const Objects& o) {
             return "/api/v1/admin/priorities/" + id(o.priority_j) + "/status";
         },
         [](const Objects&) {
             return json{{"status", "in_progress"}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, j); }},
        {"POST", "/api/v1/admin/priorities/{id}/evaluation",
         [](const Objects& o) {
             return "/api/v1/admin/priorities/" + id(o.priority_w) + "/evaluation";
         },
         [](const Objects&) {
             return json{{"outcome", "worked"}, {"text", "ok"}, {"evaluated_on", "2026-01-20"}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, w); }},  // 409 if may
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
         [&](const Who& who) { return may(who, Action::district_team_edit, j); }},
        {"POST", "/api/v1/admin/towns/{code}/events", fixed("/api/v1/admin/towns/999998/events"),
         [](const Objects&) {
             return json{{"kind", "prevention_event"},
                         {"title", "Den"},
                         {"place_name", "Náměstí"},
                         {"starts_at", "2030-01-10T10:00:00+01:00"},
                         {"ends_at", "2030-01-10T16:00:00+01:00"}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, jinov); }},
        {"PATCH", "/api/v1/admin/events/{id}",
         [](const Objects& o) { return "/api/v1/admin/events/" + id(o.event_w); },
         [](const Objects&) {
             return json{{"title", "Setkání (nový sál)"}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, w); }},
        {"POST", "/api/v1/admin/events/{id}/minutes",
         [](const Objects& o) { return "/api/v1/admin/events/" + id(o.past_w) + "/minutes"; },
         [](const Objects&) {
             return json{{"minutes", "Přišlo 20 lidí."}, {"attendance", 20}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, w); }},
        {"POST", "/api/v1/admin/events/{id}/cancel",
         [](const Objects& o) { return "/api/v1/admin/events/" + id(o.event_j) + "/cancel"; },
         [](const Objects&) {
             return json{{"reason", "Nemoc"}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, j); }},
        {"POST", "/api/v1/admin/events/{id}/cancel",
         [](const Objects& o) {
             return "/api/v1/admin/events/" + id(o.town_event_jinov) + "/cancel";
         },
         [](const Objects&) {
             return json{{"reason", "Počasí"}};
         },
         [&](const Who& who) { return may(who, Action::district_team_edit, jinov); }},
        // These end the session: last.
        {"POST", "/api/v1/auth/logout", fixed("/api/v1/auth/logout"), empty, any_session},
        {"POST", "/api/v1/auth/logout-everywhere", fixed("/api/v1/auth/logout-everywhere"), empty,
         any_session, true},
    };

    // Every route has at least one case.
    for (const auto& route : town.application().routes()) {
        const std::string method(boost::beast::http::to_string(route.method));
        const bool covered = std::any_of(cases.begin(), cases.end(), [&](const Case& c) {
            return c.method == method && c.pattern == route.pattern;
        });
        EXPECT_TRUE(covered) << method << " " << route.pattern << " has no case in the matrix";
    }

    // Everyone: no session, a session without roles, and each role at each scope it takes.
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

    int requests = 0;
    int unexpected_allows = 0;
    int unexpected_denies = 0;
    for (std::size_t round = 0; round < callers.size(); ++round) {
        const Who& who = callers[round];
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
    std::cout << "authorisation matrix: " << callers.size() << " callers, " << cases.size()
              << " cases, " << requests << " requests, " << unexpected_allows
              << " unexpected allows, " << unexpected_denies << " unexpected denies\n";
    EXPECT_EQ(unexpected_allows, 0);
    EXPECT_EQ(unexpected_denies, 0);
}

}  // namespace
}  // namespace okrsek::test
