// Machine tokens: issued by AccountAdmin, resolved by Authenticator::token_principal.
#include <gtest/gtest.h>

#include "service/security/secret_token.hpp"
#include "unit/service/auth/auth_fixture.hpp"

namespace okrsek::service::test_auth {
namespace {

using core::ErrorCode;

class AuthTokens : public AuthTest {
protected:
    AuthTokens() { import_towns(); }

    IssuedMachineToken issue(const std::string& scope,
                             std::optional<std::int64_t> town = std::nullopt,
                             std::optional<store::TimePoint> expires_at = std::nullopt) {
        NewMachineToken token;
        token.name = "hlášení z aplikace";
        token.scope = scope;
        token.municipality_code = town;
        token.expires_at = expires_at;
        return accounts().create_token(Principal::cli(), token);
    }
};

TEST_F(AuthTokens, ATokenResolvesToItsScopeAndTown) {
    const IssuedMachineToken issued = issue("open311", testov);
    EXPECT_TRUE(issued.secret.starts_with("okt_"));
    EXPECT_TRUE(sec::is_well_formed_token(issued.secret, sec::api_token_prefix));
    EXPECT_EQ(issued.token.scope, "open311");
    EXPECT_FALSE(issued.token.created_by);  // the command line has no account

    const auto principal = auth().token_principal(issued.secret, client);
    ASSERT_TRUE(principal);
    EXPECT_EQ(principal->kind, Principal::Kind::token);
    EXPECT_EQ(principal->id, issued.token.id);
    EXPECT_EQ(principal->token_scope, "open311");
    EXPECT_EQ(principal->token_municipality, testov);
    EXPECT_EQ(principal->display_name, "hlášení z aplikace");
    EXPECT_TRUE(principal->grants.empty());
    EXPECT_EQ(principal->client.address, "192.0.2.10");
    EXPECT_FALSE(principal->is_user());
    EXPECT_EQ(audit_rows("api_token.create").size(), 1u);
}

TEST_F(AuthTokens, OnlyKnownScopesAreIssued) {
    EXPECT_EQ(issue("import").token.scope, "import");
    const auto error = error_of([&] { issue("admin"); });
    EXPECT_EQ(error.code(), ErrorCode::invalid_argument);
    EXPECT_EQ(error.field(), "scope");
    EXPECT_EQ(error_of([&] { issue("open311", std::nullopt, t0 - 1s); }).field(), "expires_at");
    EXPECT_EQ(error_of([&] { issue("open311", std::nullopt, t0); }).field(), "expires_at");
}

TEST_F(AuthTokens, UseIsNotedAtMostOncePerMinute) {
    const IssuedMachineToken issued = issue("open311");
    const auto last_used = [&] {
        for (const auto& token : peek->list_api_tokens()) {
            if (token.id == issued.token.id) return token.last_used_at;
        }
        return std::optional<store::TimePoint>();
    };
    EXPECT_FALSE(last_used());
    ASSERT_TRUE(auth().token_principal(issued.secret, client));
    EXPECT_EQ(last_used(), t0);
    clock->advance(59s);
    ASSERT_TRUE(auth().token_principal(issued.secret, client));
    EXPECT_EQ(last_used(), t0);
    clock->advance(1s);
    ASSERT_TRUE(auth().token_principal(issued.secret, client));
    EXPECT_EQ(last_used(), t0 + 1min);
}

TEST_F(AuthTokens, RevokedAndExpiredTokensResolveToNothing) {
    const IssuedMachineToken revoked = issue("open311");
    const IssuedMachineToken expiring = issue("import", jinov, t0 + 1h);
    accounts().revoke_token(Principal::cli(), revoked.token.id, "the app was retired");
    EXPECT_FALSE(auth().token_principal(revoked.secret, client));
    EXPECT_EQ(audit_rows("api_token.revoke").front().reason, "the app was retired");
    clock->advance(1h - 1s);
    EXPECT_TRUE(auth().token_principal(expiring.secret, client));
    clock->advance(1s);
    EXPECT_FALSE(auth().token_principal(expiring.secret, client));
    // Revoking twice is a conflict; revoking needs a reason.
    EXPECT_EQ(
        error_of([&] { accounts().revoke_token(Principal::cli(), revoked.token.id, "x"); }).code(),
        ErrorCode::conflict);
    EXPECT_EQ(
        error_of([&] { accounts().revoke_token(Principal::cli(), expiring.token.id, ""); }).field(),
        "reason");
    EXPECT_EQ(error_of([&] { accounts().revoke_token(Principal::cli(), 987654, "x"); }).code(),
              ErrorCode::not_found);
}

TEST_F(AuthTokens, SessionCookiesAndGarbageAreNoTokens) {
    add_user("jana.testova@example.org", "Jana Testová");
    const SignIn session = login("jana.testova@example.org");
    EXPECT_FALSE(auth().token_principal(session.token, client));
    EXPECT_FALSE(auth().token_principal("okt_", client));
    EXPECT_FALSE(auth().token_principal("okt_" + std::string(43, 'A'), client));
    const IssuedMachineToken issued = issue("open311");
    // Nor is a token a session.
    EXPECT_FALSE(auth().session_principal(issued.secret, client));
    EXPECT_FALSE(auth().token_principal(issued.secret.substr(0, issued.secret.size() - 1), client));
}

TEST_F(AuthTokens, ATokenCannotAdministerAnything) {
    const auto principal = auth().token_principal(issue("import").secret, client);
    ASSERT_TRUE(principal);
    EXPECT_EQ(error_of([&] { accounts().list_users(*principal); }).code(), ErrorCode::forbidden);
    EXPECT_EQ(error_of([&] { accounts().audit(*principal, {}); }).code(), ErrorCode::forbidden);
    EXPECT_EQ(error_of([&] { accounts().tokens(*principal); }).code(), ErrorCode::forbidden);
    EXPECT_EQ(error_of([&] {
                  NewMachineToken token{"more", "import", std::nullopt, std::nullopt};
                  accounts().create_token(*principal, token);
              }).code(),
              ErrorCode::forbidden);
    EXPECT_FALSE(
        accounts().allowed(*principal, sec::Action::users_read, sec::Target::municipality(testov)));
}

TEST_F(AuthTokens, ATownAdministratorManagesOnlyTheirTownsTokens) {
    const std::int64_t petra = add_user("petra.spravcova@example.org", "Petra Správcová",
                                        sec::Role::administrator, sec::Scope::municipality(testov));
    const Principal admin = as_user(petra);
    const IssuedMachineToken ours = issue("open311", testov);
    const IssuedMachineToken theirs = issue("open311", jinov);
    const IssuedMachineToken everywhere = issue("import");
    const auto listed = accounts().tokens(admin);
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].id, ours.token.id);
    EXPECT_EQ(error_of([&] { accounts().revoke_token(admin, theirs.token.id, "not ours"); }).code(),
              ErrorCode::forbidden);
    EXPECT_EQ(
        error_of([&] { accounts().revoke_token(admin, everywhere.token.id, "not ours"); }).code(),
        ErrorCode::forbidden);
    NewMachineToken for_jinov{"cizí", "open311", jinov, std::nullopt};
    EXPECT_EQ(error_of([&] { accounts().create_token(admin, for_jinov); }).code(),
              ErrorCode::forbidden);
    NewMachineToken for_testov{"naše", "open311", testov, std::nullopt};
    const IssuedMachineToken made = accounts().create_token(admin, for_testov);
    EXPECT_EQ(made.token.created_by, petra);
    accounts().revoke_token(admin, ours.token.id, "rotated");
    EXPECT_FALSE(auth().token_principal(ours.secret, client));
    EXPECT_TRUE(auth().token_principal(theirs.secret, client));
}

}  // namespace
}  // namespace okrsek::service::test_auth
