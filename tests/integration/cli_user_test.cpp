// `okrsek user …` with the real binary on both engines: accounts with an invitation link or a
// password from standard input, the list as a table and as JSON, roles granted and revoked,
// accounts deactivated and activated with reasons that land in the audit log, and the errors an
// operator meets (usage errors name the option; an unknown address reveals nothing).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "okrsek_command.hpp"
#include "service/platform.hpp"
#include "store/store.hpp"
#include "support/test_database.hpp"
#include "support/test_paths.hpp"

namespace okrsek::test {
namespace {

constexpr const char* public_url = "https://okrsek.testov.example/portal";

class CliUserTest : public ::testing::Test {
protected:
    std::string okrsek_line(const std::string& arguments) const {
        return "OKRSEK --db '" + database.setting() + "' --public-url " + public_url + " " +
               arguments;
    }

    // Standard output and error together.
    CommandResult okrsek(const std::string& arguments) const {
        return run_shell(okrsek_line(arguments));
    }

    // With `input` on standard input, as a script would pipe a password.
    CommandResult okrsek_with_input(const std::string& arguments, const std::string& input) {
        const auto file = dir.path() / "input.txt";
        std::ofstream(file) << input << '\n';
        return run_shell(okrsek_line(arguments) + " < '" + file.string() + "'");
    }

    // Standard output alone (the result's output is then standard error: the braces keep
    // run_shell's "2>&1" from sending it into the file too).
    std::string stdout_of(const std::string& arguments, int expected_exit = 0) {
        const auto file = dir.path() / "stdout.txt";
        const auto result =
            run_shell("{ " + okrsek_line(arguments) + " > '" + file.string() + "'; }");
        EXPECT_EQ(result.exit_code, expected_exit) << arguments << ": " << result.output;
        return read_file(file);
    }

    nlohmann::json users() { return nlohmann::json::parse(stdout_of("user list --json")); }

    nlohmann::json user(const std::string& email) {
        for (const auto& entry : users()) {
            if (entry["email"] == email) return entry;
        }
        return nullptr;
    }

    void import_testov() {
        const auto result = okrsek("import areas '" + support_file("testov-town.geojson").string() +
                                   "' --layer municipalities --code-property kod "
                                   "--name-property nazev");
        ASSERT_EQ(result.exit_code, 0) << result.output;
    }

    std::unique_ptr<service::Platform> platform() const {
        return std::make_unique<service::Platform>(store::open_store(database.setting()));
    }

    TempDir dir;
    TestDatabase database{dir.path(), "users.db"};
};

// CTest names: cli_user.* and pg.cli_user.* (ctest -R cli_user).
using cli_user = CliUserTest;

// The token of a link printed as "<public url>/admin/#<kind>=<43 characters>" on a line alone.
std::string link_token(const std::string& output, const std::string& kind) {
    const std::regex link(std::string(public_url) + "/admin/#" + kind + "=([A-Za-z0-9_-]{43})\n");
    std::smatch match;
    if (!std::regex_search(output, match, link)) return {};
    return match[1];
}

TEST_F(cli_user, AddWithoutPasswordPrintsAWorkingInvitationLink) {
    const auto result = okrsek(
        "user add Alena.Admin@Testov.Example --name 'Alena Nováková' --role administrator "
        "--scope global --reason 'first administrator'");
    ASSERT_EQ(result.exit_code, 0) << result.output;
    const auto token = link_token(result.output, "invite");
    ASSERT_EQ(token.size(), 43U) << result.output;
    EXPECT_NE(result.output.find("shown only this once"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("valid until 20"), std::string::npos) << result.output;

    const auto info = platform()->auth().check_link(token, store::LinkPurpose::invite);
    EXPECT_EQ(info.email, "alena.admin@testov.example");
    EXPECT_EQ(info.display_name, "Alena Nováková");

    const auto alena = user("alena.admin@testov.example");
    ASSERT_FALSE(alena.is_null());
    EXPECT_FALSE(alena["has_password"].get<bool>());
    ASSERT_EQ(alena["roles"].size(), 1U);
    EXPECT_EQ(alena["roles"][0]["role"], "administrator");
    EXPECT_EQ(alena["roles"][0]["scope"], "global");
    // No command here needs the master key: none was created beside the database.
    EXPECT_FALSE(std::filesystem::exists(database.setting() + ".key"));
}

TEST_F(cli_user, AddWithPasswordFromStdinLetsThePersonSignIn) {
    const std::string password = "kopretina-u-potoka-7";
    const auto result = okrsek_with_input(
        "user add bohdan@testov.example --name 'Bohdan Svoboda' --password-stdin", password);
    ASSERT_EQ(result.exit_code, 0) << result.output;
    EXPECT_EQ(result.output.find("#invite="), std::string::npos) << result.output;
    EXPECT_EQ(result.output.find(password), std::string::npos);
    EXPECT_TRUE(user("bohdan@testov.example")["has_password"].get<bool>());

    const auto sign_in =
        platform()->auth().login("Bohdan@testov.example", password, {"127.0.0.1", "test"});
    EXPECT_EQ(sign_in.state, service::SignInState::signed_in);
}

TEST_F(cli_user, AWeakPasswordIsRefusedByReasonCodeWithoutEchoingIt) {
    for (const auto& [password, reason] : {std::pair{std::string("kratke"), "too_short"},
                                           {"password1234", "common"},
                                           {"cyrilcyrilcyril", "contains_email"}}) {
        const auto result = okrsek_with_input(
            "user add cyril@testov.example --name 'Cyril Dvořák' --password-stdin", password);
        EXPECT_EQ(result.exit_code, 1) << result.output;
        EXPECT_NE(result.output.find(reason), std::string::npos) << result.output;
        EXPECT_NE(result.output.find("--password-stdin"), std::string::npos) << result.output;
        EXPECT_EQ(result.output.find(password), std::string::npos) << result.output;
    }
    EXPECT_TRUE(user("cyril@testov.example").is_null());
}

TEST_F(cli_user, ADuplicateAddressFailsWhateverItsCase) {
    ASSERT_EQ(okrsek("user add dana@testov.example --name Dana").exit_code, 0);
    const auto result = okrsek("user add DANA@Testov.example --name 'Dana Druhá'");
    EXPECT_EQ(result.exit_code, 1) << result.output;
    EXPECT_NE(result.output.find("exists already"), std::string::npos) << result.output;
    EXPECT_EQ(users().size(), 1U);
}

TEST_F(cli_user, ListShowsEveryAccountAsATableAndAsJson) {
    ASSERT_EQ(okrsek("user add alena@testov.example --name 'Alena Nováková' --role administrator")
                  .exit_code,
              0);
    ASSERT_EQ(okrsek_with_input("user add bohdan@testov.example --name Bohdan --password-stdin",
                                "kopretina-u-potoka-7")
                  .exit_code,
              0);

    const auto table = stdout_of("user list");
    const std::regex header("^id +email +name +active +2FA +roles\n");
    EXPECT_TRUE(std::regex_search(table, header)) << table;
    const std::regex alena(
        "\n1 +alena@testov\\.example +Alena Nováková +yes +no +"
        "administrator \\(global\\)\n");
    EXPECT_TRUE(std::regex_search(table, alena)) << table;
    const std::regex bohdan("\n2 +bohdan@testov\\.example +Bohdan +yes +no +-\n");
    EXPECT_TRUE(std::regex_search(table, bohdan)) << table;

    const auto json = users();
    ASSERT_EQ(json.size(), 2U) << json;
    EXPECT_EQ(json[0]["email"], "alena@testov.example");
    EXPECT_EQ(json[0]["name"], "Alena Nováková");
    EXPECT_TRUE(json[0]["active"].get<bool>());
    EXPECT_FALSE(json[0]["totp_enabled"].get<bool>());
    EXPECT_EQ(json[1]["email"], "bohdan@testov.example");
    EXPECT_TRUE(json[1]["roles"].empty());
}

TEST_F(cli_user, GrantRevokeDeactivateAndActivateAreAuditedWithTheirReasons) {
    import_testov();
    ASSERT_EQ(okrsek("user add eva@testov.example --name 'Eva Malá'").exit_code, 0);
    auto result = okrsek(
        "user grant EVA@testov.example --role prevention_manager --scope municipality:999999 "
        "--reason 'appointed by the council'");
    ASSERT_EQ(result.exit_code, 0) << result.output;
    auto eva = user("eva@testov.example");
    ASSERT_EQ(eva["roles"].size(), 1U) << eva;
    EXPECT_EQ(eva["roles"][0]["role"], "prevention_manager");
    EXPECT_EQ(eva["roles"][0]["scope"], "municipality:999999");

    result = okrsek(
        "user revoke eva@testov.example --role prevention_manager --scope municipality:999999 "
        "--reason 'term ended'");
    ASSERT_EQ(result.exit_code, 0) << result.output;
    EXPECT_TRUE(user("eva@testov.example")["roles"].empty());

    result = okrsek("user deactivate eva@testov.example --reason 'left the office'");
    ASSERT_EQ(result.exit_code, 0) << result.output;
    EXPECT_FALSE(user("eva@testov.example")["active"].get<bool>());
    result = okrsek("user activate eva@testov.example --reason 'came back'");
    ASSERT_EQ(result.exit_code, 0) << result.output;
    EXPECT_TRUE(user("eva@testov.example")["active"].get<bool>());

    const auto verify = okrsek("audit verify");
    EXPECT_EQ(verify.exit_code, 0) << verify.output;
    EXPECT_NE(verify.output.find("audit log intact"), std::string::npos) << verify.output;

    const auto id = std::to_string(eva["id"].get<std::int64_t>());
    const auto rows = platform()->accounts().audit(service::Principal::cli(),
                                                   {.object_type = "user", .object_id = id});
    std::map<std::string, std::string> reasons;
    for (const auto& row : rows) {
        EXPECT_EQ(row.actor_kind, store::ActorKind::cli) << row.action;
        if (row.reason) reasons[row.action] = *row.reason;
    }
    EXPECT_EQ(reasons["role.grant"], "appointed by the council");
    EXPECT_EQ(reasons["role.revoke"], "term ended");
    EXPECT_EQ(reasons["user.deactivate"], "left the office");
    EXPECT_EQ(reasons["user.activate"], "came back");
}

TEST_F(cli_user, ABadRoleOrScopeIsAUsageErrorNamingTheOption) {
    const std::pair<std::string, std::string> cases[] = {
        {"--role chief --scope global", "--role"},
        {"--role administrator --scope district:abc", "--scope"},
        {"--role administrator --scope county:3", "--scope"},
        {"--role administrator --scope district:5", "--scope"},  // not grantable there
        {"--role district_state_officer", "--scope"},            // never global
        {"--scope global", "--scope"},                           // a scope without a role
    };
    for (const auto& [options, named] : cases) {
        const auto result = okrsek("user add filip@testov.example --name Filip " + options);
        EXPECT_EQ(result.exit_code, 2) << options << ": " << result.output;
        EXPECT_NE(result.output.find("okrsek: " + named + ": "), std::string::npos)
            << options << ": " << result.output;
    }
    EXPECT_TRUE(users().empty());

    ASSERT_EQ(okrsek("user add filip@testov.example --name Filip").exit_code, 0);
    const auto result = okrsek(
        "user grant filip@testov.example --role district_state_officer --scope global --reason x");
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_NE(result.output.find("--scope"), std::string::npos) << result.output;
}

TEST_F(cli_user, AReasonIsRequiredWhereTheServiceAsksForOne) {
    ASSERT_EQ(okrsek("user add gita@testov.example --name Gita").exit_code, 0);
    for (const std::string command :
         {"user grant gita@testov.example --role administrator --scope global",
          "user revoke gita@testov.example --role administrator --scope global",
          "user deactivate gita@testov.example", "user activate gita@testov.example"}) {
        const auto missing = okrsek(command);
        EXPECT_EQ(missing.exit_code, 2) << command << ": " << missing.output;
        EXPECT_NE(missing.output.find("--reason"), std::string::npos) << missing.output;
        const auto blank = okrsek(command + " --reason ' '");
        EXPECT_EQ(blank.exit_code, 2) << command << ": " << blank.output;
        EXPECT_NE(blank.output.find("--reason"), std::string::npos) << blank.output;
    }
    EXPECT_TRUE(user("gita@testov.example")["active"].get<bool>());
    EXPECT_TRUE(user("gita@testov.example")["roles"].empty());
}

TEST_F(cli_user, AnUnknownAddressFailsWithoutRevealingOtherAccounts) {
    ASSERT_EQ(okrsek("user add hana@testov.example --name 'Hana Horká'").exit_code, 0);
    for (const std::string command :
         {"user grant nobody@testov.example --role administrator --scope global --reason x",
          "user revoke nobody@testov.example --role administrator --scope global --reason x",
          "user deactivate nobody@testov.example --reason x",
          "user activate nobody@testov.example --reason x",
          "user reset-password nobody@testov.example"}) {
        const auto result = okrsek(command);
        EXPECT_EQ(result.exit_code, 1) << command << ": " << result.output;
        EXPECT_EQ(result.output, "okrsek: no user with that e-mail address\n") << command;
    }
}

TEST_F(cli_user, RevokingARoleNotHeldSaysSo) {
    ASSERT_EQ(okrsek("user add ivan@testov.example --name Ivan --role administrator").exit_code, 0);
    const auto result = okrsek(
        "user revoke ivan@testov.example --role administrator --scope municipality:999999 "
        "--reason x");
    EXPECT_EQ(result.exit_code, 1) << result.output;
    EXPECT_NE(result.output.find("holds no active grant of administrator (municipality:999999)"),
              std::string::npos)
        << result.output;
    EXPECT_EQ(user("ivan@testov.example")["roles"].size(), 1U);
}

TEST_F(cli_user, ResetPasswordIssuesAResetOrANewInvitation) {
    ASSERT_EQ(okrsek_with_input("user add jana@testov.example --name Jana --password-stdin",
                                "kopretina-u-potoka-7")
                  .exit_code,
              0);
    ASSERT_EQ(okrsek("user add karel@testov.example --name Karel").exit_code, 0);

    const auto reset = okrsek("user reset-password JANA@testov.example");
    ASSERT_EQ(reset.exit_code, 0) << reset.output;
    const auto reset_token = link_token(reset.output, "reset");
    ASSERT_EQ(reset_token.size(), 43U) << reset.output;
    EXPECT_EQ(platform()->auth().check_link(reset_token, store::LinkPurpose::password_reset).email,
              "jana@testov.example");

    const auto invite = okrsek("user reset-password karel@testov.example");
    ASSERT_EQ(invite.exit_code, 0) << invite.output;
    EXPECT_EQ(link_token(invite.output, "reset"), "");
    const auto invite_token = link_token(invite.output, "invite");
    ASSERT_EQ(invite_token.size(), 43U) << invite.output;
    EXPECT_EQ(platform()->auth().check_link(invite_token, store::LinkPurpose::invite).email,
              "karel@testov.example");
}

}  // namespace
}  // namespace okrsek::test
