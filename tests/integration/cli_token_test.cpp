// `okrsek token …` and `okrsek key generate` with the real binary on both engines: a machine
// token is printed once on standard output and never listed, works until revoked, and its
// revocation is audited with the reason; a key file is created private and never overwritten.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>

#include "core/time.hpp"
#include "okrsek_command.hpp"
#include "service/auth/master_key.hpp"
#include "service/platform.hpp"
#include "store/store.hpp"
#include "support/test_database.hpp"
#include "support/test_paths.hpp"

namespace okrsek::test {
namespace {

class CliTokenTest : public ::testing::Test {
protected:
    std::string okrsek_line(const std::string& arguments) const {
        return "OKRSEK --db '" + database.setting() + "' " + arguments;
    }

    CommandResult okrsek(const std::string& arguments) const {
        return run_shell(okrsek_line(arguments));
    }

    // Standard output alone; `errors` receives standard error (the braces keep run_shell's
    // "2>&1" from sending it into the file too).
    std::string stdout_of(const std::string& arguments, std::string* errors = nullptr) {
        const auto file = dir.path() / "stdout.txt";
        const auto result =
            run_shell("{ " + okrsek_line(arguments) + " > '" + file.string() + "'; }");
        EXPECT_EQ(result.exit_code, 0) << arguments << ": " << result.output;
        if (errors) *errors = result.output;
        return read_file(file);
    }

    nlohmann::json tokens() { return nlohmann::json::parse(stdout_of("token list --json")); }

    void import_testov() {
        const auto result = okrsek("import areas '" + support_file("testov-town.geojson").string() +
                                   "' --layer municipalities --code-property kod "
                                   "--name-property nazev");
        ASSERT_EQ(result.exit_code, 0) << result.output;
    }

    std::unique_ptr<service::Platform> platform() const {
        return std::make_unique<service::Platform>(store::open_store(database.setting()));
    }

    bool token_works(const std::string& token) const {
        return platform()->auth().token_principal(token, {"127.0.0.1", "test"}).has_value();
    }

    TempDir dir;
    TestDatabase database{dir.path(), "tokens.db"};
};

// CTest names: cli_token.* and pg.cli_token.* (ctest -R cli_token).
using cli_token = CliTokenTest;

TEST_F(cli_token, CreatePrintsTheTokenOnceOnStandardOutput) {
    std::string errors;
    const auto printed = stdout_of("token create --name 'Open311 app' --scope open311", &errors);
    ASSERT_TRUE(std::regex_match(printed, std::regex("okt_[A-Za-z0-9_-]{43}\n"))) << printed;
    const std::string token = printed.substr(0, printed.size() - 1);
    EXPECT_NE(errors.find("cannot be shown again"), std::string::npos) << errors;
    EXPECT_EQ(errors.find(token.substr(4)), std::string::npos) << errors;

    const auto table = stdout_of("token list");
    EXPECT_TRUE(std::regex_search(
        table, std::regex("\n1 +Open311 app +open311 +- +active +[0-9T:Z-]+ +never +never\n")))
        << table;
    EXPECT_EQ(table.find(token.substr(4)), std::string::npos) << table;

    EXPECT_TRUE(token_works(token));
    const auto json = tokens();
    ASSERT_EQ(json.size(), 1U) << json;
    EXPECT_EQ(json[0]["name"], "Open311 app");
    EXPECT_EQ(json[0]["scope"], "open311");
    EXPECT_EQ(json[0]["state"], "active");
    EXPECT_TRUE(json[0]["last_used_at"].is_string()) << json;
    EXPECT_EQ(json.dump().find(token.substr(4)), std::string::npos) << json;
}

TEST_F(cli_token, ATownAndAnExpiryAreKept) {
    import_testov();
    stdout_of(
        "token create --name importer --scope import --municipality 999999 "
        "--expires-days 30");
    const auto json = tokens();
    ASSERT_EQ(json.size(), 1U) << json;
    EXPECT_EQ(json[0]["municipality"], 999999);
    const auto expires = core::parse_iso8601_utc(json[0]["expires_at"].get<std::string>());
    ASSERT_TRUE(expires.has_value()) << json;
    const auto in_30_days = std::chrono::system_clock::now() + std::chrono::hours(24 * 30);
    EXPECT_LT(std::chrono::abs(*expires - in_30_days), std::chrono::minutes(5));
}

TEST_F(cli_token, BadOptionsAreRefusedByName) {
    auto result = okrsek("token create --name x --scope everything");
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_NE(result.output.find("--scope"), std::string::npos) << result.output;
    result = okrsek("token create --name x --scope open311 --municipality 123456");
    EXPECT_EQ(result.exit_code, 1) << result.output;
    EXPECT_NE(result.output.find("--municipality"), std::string::npos) << result.output;
    result = okrsek("token create --name x --scope open311 --expires-days 0");
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_NE(result.output.find("--expires-days"), std::string::npos) << result.output;
    result = okrsek("token create --scope open311");
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_TRUE(tokens().empty());
}

TEST_F(cli_token, RevokeEndsTheTokenAndIsAuditedWithItsReason) {
    const auto printed = stdout_of("token create --name 'Open311 app' --scope open311");
    const std::string token = printed.substr(0, printed.find('\n'));
    ASSERT_TRUE(token_works(token));
    const auto id = std::to_string(tokens()[0]["id"].get<std::int64_t>());

    auto result = okrsek("token revoke " + id);
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_NE(result.output.find("--reason"), std::string::npos) << result.output;
    EXPECT_TRUE(token_works(token));

    result = okrsek("token revoke " + id + " --reason 'phone lost'");
    ASSERT_EQ(result.exit_code, 0) << result.output;
    EXPECT_FALSE(token_works(token));
    EXPECT_EQ(tokens()[0]["state"], "revoked");
    EXPECT_TRUE(std::regex_search(stdout_of("token list"), std::regex("\n1 .* revoked ")));

    const auto rows = platform()->accounts().audit(service::Principal::cli(),
                                                   {.action = "api_token.revoke", .object_id = id});
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows[0].reason, "phone lost");
    EXPECT_EQ(rows[0].actor_kind, store::ActorKind::cli);
    EXPECT_EQ(okrsek("audit verify").exit_code, 0);

    result = okrsek("token revoke 99 --reason 'no such token'");
    EXPECT_EQ(result.exit_code, 1) << result.output;
    EXPECT_NE(result.output.find("no machine token 99"), std::string::npos) << result.output;
}

TEST_F(cli_token, KeyGenerateWritesAPrivateKeyFileAndNeverOverwritesIt) {
    const auto file = dir.path() / "okrsek.key";
    auto result = run_shell("OKRSEK key generate '" + file.string() + "'");
    ASSERT_EQ(result.exit_code, 0) << result.output;
    const std::string key = read_file(file);
    EXPECT_TRUE(std::regex_match(key, std::regex("[0-9a-f]{64}\n"))) << key;
    EXPECT_EQ(result.output.find(key.substr(0, 64)), std::string::npos) << result.output;
    struct stat info {};
    ASSERT_EQ(::stat(file.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777U, 0600U);
    EXPECT_EQ(service::read_master_key(file).size(), 32U);

    result = run_shell("OKRSEK key generate '" + file.string() + "'");
    EXPECT_EQ(result.exit_code, 1) << result.output;
    EXPECT_NE(result.output.find("exists already"), std::string::npos) << result.output;
    EXPECT_EQ(read_file(file), key);
}

}  // namespace
}  // namespace okrsek::test
