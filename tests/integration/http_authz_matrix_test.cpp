// The authorisation matrix over HTTP: every route × every role × every scope the role can be
// granted at (plus no role, and no session), against objects in the caller's district and in
// another town. Expected answers come from the table of cases below; each request is classified
// as allowed (anything but 401/403) or denied (401/403). The test fails on any route without a
// case, and on any unexpected allow or deny.
#include <gtest/gtest.h>

#include <functional>

#include "auth_town.hpp"

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
        return objects;
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
