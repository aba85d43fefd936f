// A full back-office session against a real `okrsek serve` at trace level, with planted
// canaries (support/canaries.hpp): no password, e-mail address, token, link, hash or TOTP
// secret may appear in its log. (The run-wide check, log_canary, reads every log kept.)
#include <gtest/gtest.h>

#include "auth_town.hpp"
#include "okrsek_command.hpp"
#include "server_process.hpp"
#include "store/store.hpp"
#include "support/canaries.hpp"

namespace okrsek::test {
namespace {

using nlohmann::json;
namespace sec = service::security;

TEST(LogCanaryTest, ABackOfficeSessionLeavesNoSecretInTheServerLog) {
    TempDir dir;
    TestDatabase database(dir.path(), "canary.db");
    const std::string email = "ptak.zpevak@example.org";
    const std::string password = "Kanarek-Zpiva-Ve-Tme-42";
    {
        service::Platform platform(store::open_store(database.setting()));
        service::NewAccount account;
        account.email = email;
        account.display_name = "Pták Zpěvák";
        account.password = password;
        account.role = sec::Role::administrator;
        platform.accounts().create_user(service::Principal::cli(), account);
    }
    std::string log;
    {
        ServerProcess server(okrsek_binary(), database.setting(), dir.path() / "server.log", {},
                             "trace");
        Browser browser(server.port());
        // A wrong password first, then the right one with TOTP setup.
        EXPECT_EQ(browser.login(email, "Spatne-Heslo-Neni-Ono").status, 401u);
        const auto login = browser.login(email, password);
        ASSERT_EQ(login.status, 200u) << login.body;
        const auto setup = browser.post("/api/v1/me/totp/setup");
        ASSERT_EQ(setup.status, 200u);
        const auto confirmed =
            browser.post("/api/v1/me/totp/confirm", {{"code", totp_now(setup.json()["secret"])}});
        ASSERT_EQ(confirmed.status, 200u) << confirmed.body;
        // Administration that makes secrets: an invitation, a reset link, a machine token.
        const auto created = browser.post(
            "/api/v1/admin/users", {{"email", "nova.osoba@example.org"}, {"name", "Nová Osoba"}});
        ASSERT_EQ(created.status, 201u) << created.body;
        const auto id = created.json()["user"]["id"].get<std::int64_t>();
        EXPECT_EQ(
            browser.post("/api/v1/admin/users/" + std::to_string(id) + "/password-reset").status,
            200u);
        const auto token =
            browser.post("/api/v1/admin/tokens", {{"name", "aplikace"}, {"scope", "open311"}});
        ASSERT_EQ(token.status, 201u) << token.body;
        HttpClient machine(server.port());
        EXPECT_EQ(
            machine
                .request("GET", "/api/v1/me", "",
                         {{"Authorization", "Bearer " + token.json()["secret"].get<std::string>()}})
                .status,
            200u);
        EXPECT_EQ(browser.get("/api/v1/admin/audit").status, 200u);
        EXPECT_EQ(browser
                      .post("/api/v1/me/password",
                            {{"current_password", password}, {"new_password", "kratke"}})
                      .status,
                  422u);
        EXPECT_EQ(browser.post("/api/v1/auth/logout").status, 200u);
        log = server.log();
    }
    // The log says what happened (so the check below has something to read)…
    EXPECT_NE(log.find("/api/v1/auth/login"), std::string::npos) << log;
    EXPECT_NE(log.find("/api/v1/admin/tokens"), std::string::npos);
    // …but nothing secret or personal.
    const auto found = find_canaries(log);
    EXPECT_TRUE(found.empty()) << found.size() << " finding(s), first: " << found.front();
}

}  // namespace
}  // namespace okrsek::test
