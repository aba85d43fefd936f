// Sign-in over real HTTP: CSRF, cookies, second factor, rotation, logout, machine tokens,
// throttling shared by two servers, and the headers of every answer.
#include <gtest/gtest.h>

#include "auth_town.hpp"
#include "store/store.hpp"

namespace okrsek::test {
namespace {

using nlohmann::json;
namespace sec = service::security;

class AuthHttpTest : public ::testing::Test {
protected:
    AuthTown town;
};

void expect_error_code(const HttpResult& result, unsigned status, const std::string& code) {
    EXPECT_EQ(result.status, status) << result.body;
    const auto body = json::parse(result.body, nullptr, false);
    ASSERT_TRUE(body.is_object() && body.contains("error")) << result.body;
    EXPECT_EQ(body["error"]["code"], code) << result.body;
}

TEST_F(AuthHttpTest, LoginNeedsTheCsrfTokenBoundToTheVisitorsCookie) {
    town.clear_sensitive_roles();
    town.add_user("petra.vzorova@example.org", "Petra Vzorová", sec::Role::prevention_manager,
                  sec::Scope::municipality(AuthTown::testov));
    Browser browser(town.port());
    const json credentials = {{"email", "petra.vzorova@example.org"},
                              {"password", AuthTown::password}};
    // No token at all.
    expect_error_code(browser.post("/api/v1/auth/login", credentials), 403, "csrf_failed");
    // A token, but another visitor's cookie.
    browser.fetch_csrf();
    ASSERT_FALSE(browser.csrf().empty());
    Browser other(town.port());
    other.fetch_csrf();
    browser.csrf() = other.csrf();
    expect_error_code(browser.post("/api/v1/auth/login", credentials), 403, "csrf_failed");
    // The right pair.
    const auto ok = browser.login("petra.vzorova@example.org");
    ASSERT_EQ(ok.status, 200u) << ok.body;
    EXPECT_EQ(ok.json()["status"], "signed_in");
    EXPECT_EQ(ok.json()["me"]["user"]["email"], "petra.vzorova@example.org");
    EXPECT_EQ(ok.headers.at("cache-control"), "no-store");
}

TEST_F(AuthHttpTest, SessionCookieIsHttpOnlySecureLaxAndRotatesAtLogin) {
    town.clear_sensitive_roles();
    town.add_user("petra.vzorova@example.org", "Petra Vzorová", sec::Role::prevention_manager,
                  sec::Scope::municipality(AuthTown::testov));
    Browser browser(town.port());
    ASSERT_EQ(browser.login("petra.vzorova@example.org").status, 200u);
    const std::string first = browser.cookies().at("__Host-okrsek_session");
    EXPECT_EQ(first.size(), 43u);
    const auto& attributes = browser.cookie_attributes("__Host-okrsek_session");
    EXPECT_NE(attributes.find("HttpOnly"), std::string::npos) << attributes;
    EXPECT_NE(attributes.find("Secure"), std::string::npos) << attributes;
    EXPECT_NE(attributes.find("SameSite=Lax"), std::string::npos) << attributes;
    EXPECT_NE(attributes.find("Path=/"), std::string::npos) << attributes;
    // The pre-session cookie is dropped once signed in.
    EXPECT_FALSE(browser.cookies().contains("__Host-okrsek_csrf"));

    const auto me = browser.get("/api/v1/me");
    ASSERT_EQ(me.status, 200u) << me.body;
    EXPECT_EQ(me.headers.at("cache-control"), "no-store");
    EXPECT_EQ(me.json()["grants"][0]["role"], "prevention_manager");
    EXPECT_EQ(me.json()["grants"][0]["scope"], "municipality:999999");
    EXPECT_EQ(me.json()["grants"][0]["scope_name"], "Testov");

    // Signing in again issues a new token and ends the old session.
    ASSERT_EQ(browser.login("petra.vzorova@example.org").status, 200u);
    const std::string second = browser.cookies().at("__Host-okrsek_session");
    EXPECT_NE(first, second);
    Browser thief(town.port());
    thief.cookies()["__Host-okrsek_session"] = first;
    const auto stolen = thief.get("/api/v1/me");
    expect_error_code(stolen, 401, "unauthenticated");
    // …and the stale cookie is removed.
    EXPECT_NE(stolen.headers.at("set-cookie").find("Max-Age=0"), std::string::npos);
}

TEST_F(AuthHttpTest, FailedLoginsLookTheSameWhetherOrNotTheAccountExists) {
    town.clear_sensitive_roles();
    town.add_user("petra.vzorova@example.org", "Petra Vzorová");
    const auto inactive = town.add_user("karel.spici@example.org", "Karel Spící");
    town.platform().accounts().set_active(service::Principal::cli(), inactive, false, "left");
    std::set<std::string> bodies;
    for (const auto& [email, password] : std::vector<std::pair<std::string, std::string>>{
             {"petra.vzorova@example.org", "Spatne-Heslo-Neni-Ono"},
             {"nikdo.takovy@example.org", AuthTown::password},
             {"karel.spici@example.org", AuthTown::password}}) {
        Browser browser(town.port());
        const auto result = browser.login(email, password);
        expect_error_code(result, 401, "unauthenticated");
        bodies.insert(result.body);
    }
    EXPECT_EQ(bodies.size(), 1u) << "the answers differ, so they reveal which accounts exist";
}

TEST_F(AuthHttpTest, SensitiveRoleMustSetUpTotpThenSignsInWithCodesAndRecoveryCodes) {
    // administrator is sensitive by default.
    town.add_user("alena.testova@example.org", "Alena Testová", sec::Role::administrator,
                  sec::Scope::everything());
    Browser browser(town.port());
    const auto login = browser.login("alena.testova@example.org");
    ASSERT_EQ(login.status, 200u) << login.body;
    EXPECT_EQ(login.json()["status"], "second_factor_setup_required");
    EXPECT_TRUE(login.json()["me"]["grants"].empty());
    // Nothing of the back office yet.
    expect_error_code(browser.get("/api/v1/admin/users"), 401, "second_factor_required");
    expect_error_code(browser.get("/api/v1/me"), 401, "second_factor_required");

    const auto setup = browser.post("/api/v1/me/totp/setup");
    ASSERT_EQ(setup.status, 200u) << setup.body;
    const std::string secret = setup.json()["secret"];
    EXPECT_EQ(setup.json()["otpauth_uri"].get<std::string>().rfind("otpauth://totp/okrsek:", 0),
              0u);
    expect_error_code(browser.post("/api/v1/me/totp/confirm", {{"code", "000000"}}), 422,
                      "invalid_input");
    const std::string pending_cookie = browser.cookies().at("__Host-okrsek_session");
    const auto confirmed = browser.post("/api/v1/me/totp/confirm", {{"code", totp_now(secret)}});
    ASSERT_EQ(confirmed.status, 200u) << confirmed.body;
    EXPECT_EQ(confirmed.json()["status"], "signed_in");
    const auto recovery = confirmed.json()["recovery_codes"];
    ASSERT_EQ(recovery.size(), 10u);
    EXPECT_NE(browser.cookies().at("__Host-okrsek_session"), pending_cookie);
    ASSERT_EQ(browser.get("/api/v1/admin/users").status, 200u);

    // Log out: the cookie goes, the session too.
    const std::string signed_in_cookie = browser.cookies().at("__Host-okrsek_session");
    ASSERT_EQ(browser.post("/api/v1/auth/logout").status, 200u);
    EXPECT_FALSE(browser.cookies().contains("__Host-okrsek_session"));
    Browser replay(town.port());
    replay.cookies()["__Host-okrsek_session"] = signed_in_cookie;
    expect_error_code(replay.get("/api/v1/me"), 401, "unauthenticated");

    // Next login: the code of the step already used is refused, the next step's accepted.
    const auto again = browser.login("alena.testova@example.org");
    ASSERT_EQ(again.status, 200u);
    EXPECT_EQ(again.json()["status"], "second_factor_required");
    expect_error_code(browser.post("/api/v1/auth/totp", {{"code", totp_now(secret, -1)}}), 401,
                      "unauthenticated");
    const auto second = browser.post("/api/v1/auth/totp", {{"code", totp_now(secret, 1)}});
    ASSERT_EQ(second.status, 200u) << second.body;
    EXPECT_EQ(second.json()["status"], "signed_in");
    ASSERT_EQ(browser.post("/api/v1/auth/logout").status, 200u);

    // A recovery code works once.
    ASSERT_EQ(browser.login("alena.testova@example.org").status, 200u);
    const auto with_code =
        browser.post("/api/v1/auth/totp", {{"recovery_code", recovery[0].get<std::string>()}});
    ASSERT_EQ(with_code.status, 200u) << with_code.body;
    ASSERT_EQ(browser.post("/api/v1/auth/logout").status, 200u);
    ASSERT_EQ(browser.login("alena.testova@example.org").status, 200u);
    expect_error_code(
        browser.post("/api/v1/auth/totp", {{"recovery_code", recovery[0].get<std::string>()}}), 401,
        "unauthenticated");

    // Every step is in the audit log, which stays intact.
    const auto rows = town.platform().accounts().audit(service::Principal::cli(),
                                                       {.action = "auth.", .limit = 100});
    std::set<std::string> actions;
    for (const auto& row : rows) actions.insert(row.action);
    for (const char* action : {"auth.login.password", "auth.login.totp", "auth.login.recovery_code",
                               "auth.logout", "auth.second_factor.failed"}) {
        EXPECT_TRUE(actions.contains(action)) << action;
    }
    EXPECT_TRUE(town.platform().verify_audit_log().intact());
}

TEST_F(AuthHttpTest, StateChangingRequestsOfASessionNeedItsOwnCsrfToken) {
    town.clear_sensitive_roles();
    town.add_user("petra.vzorova@example.org", "Petra Vzorová", sec::Role::prevention_manager,
                  sec::Scope::municipality(AuthTown::testov));
    Browser browser(town.port());
    ASSERT_EQ(browser.login("petra.vzorova@example.org").status, 200u);
    const std::string good = browser.csrf();
    browser.csrf().clear();
    expect_error_code(browser.post("/api/v1/me/sessions/end-others"), 403, "csrf_failed");
    browser.csrf() = "x" + good.substr(1);
    expect_error_code(browser.post("/api/v1/me/sessions/end-others"), 403, "csrf_failed");
    // The token of the pre-session no longer counts after login.
    browser.csrf() = good;
    EXPECT_EQ(browser.post("/api/v1/me/sessions/end-others").status, 200u);
    // GET needs none.
    browser.csrf().clear();
    EXPECT_EQ(browser.get("/api/v1/me/sessions").status, 200u);
}

TEST_F(AuthHttpTest, DeactivationAndLogoutEverywhereEndSessionsAtOnce) {
    town.clear_sensitive_roles();
    const auto id =
        town.add_user("petra.vzorova@example.org", "Petra Vzorová", sec::Role::prevention_manager,
                      sec::Scope::municipality(AuthTown::testov));
    Browser laptop(town.port());
    Browser phone(town.port());
    ASSERT_EQ(laptop.login("petra.vzorova@example.org").status, 200u);
    ASSERT_EQ(phone.login("petra.vzorova@example.org").status, 200u);
    ASSERT_EQ(laptop.post("/api/v1/auth/logout-everywhere").status, 200u);
    expect_error_code(phone.get("/api/v1/me"), 401, "unauthenticated");
    ASSERT_EQ(phone.login("petra.vzorova@example.org").status, 200u);
    town.platform().accounts().set_active(service::Principal::cli(), id, false, "left the job");
    expect_error_code(phone.get("/api/v1/me"), 401, "unauthenticated");
}

TEST_F(AuthHttpTest, MachineTokensReachOnlyWhatTheyMayWithoutCookiesOrCsrf) {
    const auto issued = town.platform().accounts().create_token(
        service::Principal::cli(), {.name = "hlášení z aplikace", .scope = "open311"});
    HttpClient client(town.port());
    const std::map<std::string, std::string> bearer = {
        {"Authorization", "Bearer " + issued.secret}};
    const auto me = client.request("GET", "/api/v1/me", "", bearer);
    ASSERT_EQ(me.status, 200u) << me.body;
    EXPECT_EQ(me.json()["token"]["scope"], "open311");
    expect_error_code(client.request("GET", "/api/v1/admin/users", "", bearer), 403, "forbidden");
    expect_error_code(client.request("POST", "/api/v1/auth/logout", "", bearer), 403, "forbidden");
    expect_error_code(client.request("GET", "/api/v1/me", "",
                                     {{"Authorization", "Bearer okt_" + std::string(43, 'A')}}),
                      401, "unauthenticated");
    expect_error_code(client.request("GET", "/api/v1/me", "", {{"Authorization", "Basic eDp5"}}),
                      401, "unauthenticated");
    town.platform().accounts().revoke_token(service::Principal::cli(), issued.token.id, "leaked");
    expect_error_code(client.request("GET", "/api/v1/me", "", bearer), 401, "unauthenticated");
}

TEST_F(AuthHttpTest, InvitationLinkSetsThePasswordOnce) {
    town.clear_sensitive_roles();
    const auto created = town.platform().accounts().create_user(
        service::Principal::cli(),
        {.email = "nova.kolegyne@example.org", .display_name = "Nová Kolegyně"});
    ASSERT_TRUE(created.invitation_url);
    const std::string url = *created.invitation_url;
    const std::string prefix = "https://okrsek.example.cz/admin/#invite=";
    ASSERT_EQ(url.rfind(prefix, 0), 0u) << url;
    const std::string token = url.substr(prefix.size());

    Browser browser(town.port());
    browser.fetch_csrf();
    const auto info = browser.post("/api/v1/auth/link", {{"token", token}, {"purpose", "invite"}});
    ASSERT_EQ(info.status, 200u) << info.body;
    EXPECT_EQ(info.json()["email"], "nova.kolegyne@example.org");
    const auto weak =
        browser.post("/api/v1/auth/link/complete",
                     {{"token", token}, {"purpose", "invite"}, {"password", "heslo"}});
    expect_error_code(weak, 422, "invalid_input");
    EXPECT_EQ(weak.json()["error"]["reasons"][0], "too_short");
    const json complete = {
        {"token", token}, {"purpose", "invite"}, {"password", AuthTown::password}};
    ASSERT_EQ(browser.post("/api/v1/auth/link/complete", complete).status, 200u);
    expect_error_code(browser.post("/api/v1/auth/link/complete", complete), 422, "invalid_input");
    EXPECT_EQ(browser.login("nova.kolegyne@example.org").status, 200u);
}

TEST(AuthThrottlingTest, AccountThrottlingHoldsAcrossTwoServersOnOneDatabase) {
    // A first lock of a minute, so that a slow machine still checks while it holds.
    auto settings = AuthTown::test_settings();
    settings.throttle.first_delay = std::chrono::seconds(60);
    AuthTown town(settings);
    town.clear_sensitive_roles();
    town.add_user("petra.vzorova@example.org", "Petra Vzorová");
    const auto second_port = town.start_second_server();
    Browser first(town.port());
    Browser second(second_port);
    // Five failures, spread over both servers, from different browsers.
    for (int i = 0; i < 5; ++i) {
        Browser& browser = i % 2 == 0 ? first : second;
        expect_error_code(browser.login("petra.vzorova@example.org", "Spatne-Heslo-Neni-Ono"), 401,
                          "unauthenticated");
    }
    // The fifth failure locked the account on both servers: even the right password waits now.
    for (Browser* browser : {&first, &second}) {
        const auto refused = browser->login("petra.vzorova@example.org");
        expect_error_code(refused, 429, "rate_limited");
        ASSERT_TRUE(refused.headers.contains("retry-after"));
        EXPECT_GE(std::stoi(refused.headers.at("retry-after")), 1);
    }
}

TEST_F(AuthHttpTest, AddressThrottlingLimitsAttemptsPerMinute) {
    town.clear_sensitive_roles();
    Browser browser(town.port());
    int refused = 0;
    for (int i = 0; i < 25; ++i) {
        const auto result =
            browser.login("nikdo" + std::to_string(i) + "@example.org", "Spatne-Heslo-Neni-Ono");
        if (result.status == 429) ++refused;
    }
    EXPECT_EQ(refused, 5);  // 20 attempts per minute from one address
}

TEST_F(AuthHttpTest, EveryAnswerCarriesTheSecurityHeaders) {
    Browser browser(town.port());
    std::vector<std::pair<std::string, HttpResult>> answers;
    for (const auto& route : town.application().routes()) {
        std::string path = route.pattern;
        for (auto at = path.find('{'); at != std::string::npos; at = path.find('{')) {
            path.replace(at, path.find('}', at) - at + 1, "1");
        }
        const std::string method(boost::beast::http::to_string(route.method));
        answers.emplace_back(method + " " + path, browser.send(method, path));
    }
    answers.emplace_back("unknown", browser.get("/api/v1/nothing-here"));
    answers.emplace_back("405", browser.send("DELETE", "/api/v1/health"));
    answers.emplace_back("400", browser.get("/api/v1/lookup?lat=x&lon=1"));
    answers.emplace_back("413",
                         browser.send("POST", "/api/v1/lookup", json(std::string(3 << 20, 'x'))));
    for (const auto& [what, result] : answers) {
        SCOPED_TRACE(what + " → " + std::to_string(result.status));
        EXPECT_EQ(result.headers.at("x-content-type-options"), "nosniff");
        EXPECT_EQ(result.headers.at("referrer-policy"), "strict-origin-when-cross-origin");
        EXPECT_EQ(result.headers.at("x-frame-options"), "DENY");
        const auto& csp = result.headers.at("content-security-policy");
        EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
        EXPECT_NE(csp.find("default-src 'none'"), std::string::npos);
        EXPECT_FALSE(result.headers.contains("strict-transport-security"));
        if (what.find("/api/v1/auth") != std::string::npos ||
            what.find("/api/v1/me") != std::string::npos ||
            what.find("/api/v1/admin") != std::string::npos) {
            EXPECT_EQ(result.headers.at("cache-control"), "no-store");
        }
    }
    // Behind a trusted proxy that terminated TLS: HSTS.
    const auto https =
        browser.send("GET", "/api/v1/health", nullptr,
                     {{"X-Forwarded-Proto", "https"}, {"X-Forwarded-For", "192.0.2.9"}});
    EXPECT_EQ(https.headers.at("strict-transport-security"), "max-age=31536000; includeSubDomains");
}

}  // namespace
}  // namespace okrsek::test
