// AccountStore: users, credentials, recovery codes and role grants, on the test's engine.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "unit/store/account_fixture.hpp"

namespace okrsek::store::test_accounts {
namespace {

using core::ErrorCode;

using Users = AccountStoreTest;

TEST_F(Users, CreatesAndFindsAUserByIdAndByAddressInAnyCase) {
    const auto id = store->create_user(
        {"  Jana.Novakova@Testov.CZ ", "Jana Nováková", std::nullopt}, t0, by_cli());
    const auto user = store->find_user(id);
    ASSERT_TRUE(user);
    EXPECT_EQ(user->email, "jana.novakova@testov.cz");
    EXPECT_EQ(user->display_name, "Jana Nováková");
    EXPECT_TRUE(user->active);
    EXPECT_FALSE(user->has_password);
    EXPECT_FALSE(user->totp_enabled);
    EXPECT_EQ(user->created_at, t0);
    EXPECT_EQ(user->password_changed_at, std::nullopt);
    EXPECT_EQ(store->find_user_by_email("JANA.NOVAKOVA@testov.cz")->id, id);
    EXPECT_EQ(store->find_user_by_email("nobody@testov.cz"), std::nullopt);
    EXPECT_EQ(store->find_user_by_email("not an address"), std::nullopt);
    EXPECT_EQ(store->find_user(id + 100), std::nullopt);
}

TEST_F(Users, ADuplicateAddressIsInvalidInputWithoutTheAddressInTheMessage) {
    add_user("petr@testov.cz");
    const auto rows = audit_rows();
    const auto error = error_of([&] { add_user("PETR@testov.cz"); });
    EXPECT_EQ(error.code(), ErrorCode::invalid_input);
    EXPECT_EQ(error.field(), "email");
    EXPECT_EQ(std::string(error.what()).find("petr"), std::string::npos) << error.what();
    EXPECT_EQ(audit_rows(), rows);  // the failed change wrote no audit row either
    EXPECT_EQ(store->list_users().size(), 1u);
}

TEST_F(Users, MalformedAddressesAndNamesAreRefused) {
    const std::vector<std::string> malformed{"",
                                             "no-at-sign",
                                             "@testov.cz",
                                             "jana@",
                                             "ja na@testov.cz",
                                             std::string(250, 'a') + "@t.cz",
                                             "a\n@testov.cz"};
    for (const auto& email : malformed) {
        const auto error = error_of([&] { add_user(email); });
        EXPECT_EQ(error.code(), ErrorCode::invalid_argument) << email;
        EXPECT_EQ(error.field(), "email") << email;
    }
    EXPECT_EQ(error_of([&] { add_user("a@testov.cz", ""); }).field(), "display_name");
    EXPECT_EQ(audit_rows(), 0);
}

TEST_F(Users, CredentialsCarryTheSecretsTheUserRowHides) {
    const auto id = add_user("jana@testov.cz");
    auto credentials = store->user_credentials(id);
    ASSERT_TRUE(credentials);
    EXPECT_EQ(credentials->password_hash, "$argon2id$v=19$m=65536,t=2,p=1$x$y");
    EXPECT_EQ(credentials->totp_secret, std::nullopt);
    EXPECT_TRUE(store->find_user(id)->has_password);
    EXPECT_EQ(store->find_user(id)->password_changed_at, t0);

    const std::string secret("\x00\x01\xfe\xff encrypted", 14);  // bytes, NULs included
    store->set_totp(id, secret, false, t0 + 1min, by_user(id));
    credentials = store->user_credentials(id);
    EXPECT_EQ(credentials->totp_secret, secret);
    EXPECT_FALSE(credentials->totp_enabled);
    store->set_totp(id, secret, true, t0 + 2min, by_user(id));
    EXPECT_TRUE(store->user_credentials(id)->totp_enabled);
    EXPECT_TRUE(store->find_user(id)->totp_enabled);
    EXPECT_EQ(store->user_credentials(id + 1), std::nullopt);
}

TEST_F(Users, ATotpStepIsAcceptedOnceAndOnlyAfterTheLastOne) {
    const auto id = add_user("jana@testov.cz");
    store->set_totp(id, std::string("secret"), false, t0, by_user(id));
    EXPECT_TRUE(store->record_totp_step(id, 1000));
    EXPECT_FALSE(store->record_totp_step(id, 1000));  // replay of the same code
    EXPECT_FALSE(store->record_totp_step(id, 999));   // an older code
    EXPECT_TRUE(store->record_totp_step(id, 1001));
    EXPECT_EQ(store->user_credentials(id)->totp_last_step, 1001);
    // Confirming the same secret keeps the spent step; a new secret starts afresh.
    store->set_totp(id, std::string("secret"), true, t0, by_user(id));
    EXPECT_FALSE(store->record_totp_step(id, 1001));
    store->set_totp(id, std::string("another"), true, t0, by_user(id));
    EXPECT_TRUE(store->record_totp_step(id, 5));
    EXPECT_FALSE(store->record_totp_step(id + 1, 5));  // no such user
}

TEST_F(Users, TwoStoresRecordingOneStepAtOnceAcceptItOnce) {
    const auto id = add_user("jana@testov.cz");
    auto second = open_store(database.setting());
    std::atomic<int> accepted = 0;
    for (std::int64_t step = 1; step <= 20; ++step) {
        std::thread a([&] { accepted += store->record_totp_step(id, step) ? 1 : 0; });
        std::thread b([&] { accepted += second->record_totp_step(id, step) ? 1 : 0; });
        a.join();
        b.join();
    }
    EXPECT_EQ(accepted, 20);
}

TEST_F(Users, EnablingTotpNeedsASecret) {
    const auto id = add_user("jana@testov.cz");
    EXPECT_EQ(error_of([&] { store->set_totp(id, std::nullopt, true, t0, by_user(id)); }).code(),
              ErrorCode::invalid_argument);
    EXPECT_EQ(
        error_of([&] { store->set_totp(id + 9, std::string("s"), true, t0, by_user(id)); }).code(),
        ErrorCode::not_found);
}

TEST_F(Users, ARecoveryCodeIsConsumedOnce) {
    const auto id = add_user("jana@testov.cz");
    const std::vector<std::string> hashes{"h1", "h2", "h3"};
    store->replace_recovery_codes(id, hashes, t0, by_user(id));
    auto codes = store->recovery_codes(id);
    ASSERT_EQ(codes.size(), 3u);
    EXPECT_EQ(codes[1].code_hash, "h2");
    const auto rows = audit_rows();
    EXPECT_TRUE(store->consume_recovery_code(id, codes[1].id, t0 + 1min, by_user(id)));
    EXPECT_FALSE(store->consume_recovery_code(id, codes[1].id, t0 + 2min, by_user(id)));
    EXPECT_EQ(audit_rows(), rows + 1);  // the refused second use wrote nothing
    const auto other = add_user("petr@testov.cz");
    EXPECT_FALSE(store->consume_recovery_code(other, codes[0].id, t0, by_user(other)));
    codes = store->recovery_codes(id);
    EXPECT_EQ(codes[1].used_at, t0 + 1min);
    EXPECT_EQ(codes[0].used_at, std::nullopt);
    // A new set replaces the old one entirely.
    store->replace_recovery_codes(id, std::vector<std::string>{"n1"}, t0, by_user(id));
    codes = store->recovery_codes(id);
    ASSERT_EQ(codes.size(), 1u);
    EXPECT_EQ(codes[0].code_hash, "n1");
}

TEST_F(Users, ANewPasswordEndsEveryOtherSession) {
    const auto id = add_user("jana@testov.cz");
    const auto current = store->create_session({id, "s1", t0 + 12h}, t0, by_user(id));
    store->create_session({id, "s2", t0 + 12h}, t0, by_user(id));
    store->set_password_hash(id, "new-hash", t0 + 5min, current.id, by_user(id));
    EXPECT_EQ(store->user_credentials(id)->password_hash, "new-hash");
    EXPECT_EQ(store->find_user(id)->password_changed_at, t0 + 5min);
    EXPECT_TRUE(store->find_session("s1", t0 + 6min));
    EXPECT_FALSE(store->find_session("s2", t0 + 6min));
    // Set by an administrator: no session survives.
    store->set_password_hash(id, "admin-set", t0 + 7min, std::nullopt, by_cli());
    EXPECT_FALSE(store->find_session("s1", t0 + 8min));
}

TEST_F(Users, DeactivationEndsSessionsAndLinksButKeepsGrants) {
    const auto id = add_user("jana@testov.cz");
    store->create_session({id, "s1", t0 + 12h}, t0, by_user(id));
    store->create_one_time_link({"link", id, LinkPurpose::password_reset, t0 + 1h}, t0, by_cli());
    store->grant_role(id, "district_team", {ScopeKind::district, {}, area_ids[0]}, std::nullopt, t0,
                      by_cli());
    store->set_user_active(id, false, t0 + 1min, by_cli());
    EXPECT_FALSE(store->find_user(id)->active);
    EXPECT_FALSE(store->find_session("s1", t0 + 2min));
    EXPECT_EQ(store->sessions_of(id, t0 + 2min).size(), 0u);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM sessions WHERE revoked_at IS NOT NULL"), 1);
    EXPECT_FALSE(store->find_one_time_link("link", LinkPurpose::password_reset, t0 + 2min));
    EXPECT_EQ(error_of([&] {
                  store->create_session({id, "s2", t0 + 12h}, t0, by_cli());
              }).code(),
              ErrorCode::not_found);
    // Reactivated: the grants apply again, the old link does not come back.
    store->set_user_active(id, true, t0 + 3min, by_cli());
    EXPECT_EQ(store->grants_of(id).size(), 1u);
    EXPECT_FALSE(store->find_one_time_link("link", LinkPurpose::password_reset, t0 + 4min));
    EXPECT_FALSE(store->find_session("s1", t0 + 4min));
}

TEST_F(Users, ProfileChangesKeepAddressesUnique) {
    const auto jana = add_user("jana@testov.cz");
    add_user("petr@testov.cz");
    store->update_user_profile(jana, "Jana.N@testov.cz", "Jana N.", t0 + 1min, by_user(jana));
    EXPECT_EQ(store->find_user(jana)->email, "jana.n@testov.cz");
    EXPECT_EQ(store->find_user(jana)->updated_at, t0 + 1min);
    const auto error = error_of(
        [&] { store->update_user_profile(jana, "petr@testov.cz", "J", t0, by_user(jana)); });
    EXPECT_EQ(error.code(), ErrorCode::invalid_input);
    EXPECT_EQ(error.field(), "email");
    EXPECT_EQ(
        error_of([&] { store->update_user_profile(777, "x@t.cz", "X", t0, by_cli()); }).code(),
        ErrorCode::not_found);
}

TEST_F(Users, GrantsTakeTheirTownFromTheAreaAndRevokingKeepsHistory) {
    const auto admin = add_user("admin@testov.cz");
    const auto jana = add_user("jana@testov.cz");
    const auto district = store->grant_role(
        jana, "district_team", {ScopeKind::district, {}, area_ids[1]}, admin, t0, by_user(admin));
    store->grant_role(jana, "manager", {ScopeKind::municipality, jinov, {}}, admin, t0,
                      by_user(admin));
    store->grant_role(admin, "administrator", {}, std::nullopt, t0, by_cli());
    auto grants = store->grants_of(jana);
    ASSERT_EQ(grants.size(), 2u);
    EXPECT_EQ(grants[0].id, district);
    EXPECT_EQ(grants[0].role, "district_team");
    EXPECT_EQ(grants[0].scope, (RoleScope{ScopeKind::district, testov, area_ids[1]}));
    EXPECT_EQ(grants[0].granted_by, admin);
    EXPECT_EQ(grants[0].granted_at, t0);
    EXPECT_EQ(grants[1].scope, (RoleScope{ScopeKind::municipality, jinov, std::nullopt}));
    EXPECT_EQ(last_audit().municipality_code, std::nullopt);
    EXPECT_EQ(store->list_audit({.action = "role.grant", .municipality_code = jinov}).size(), 1u);

    store->revoke_role(district, admin, t0 + 1h, by_user(admin));
    EXPECT_EQ(store->grants_of(jana).size(), 1u);
    grants = store->grants_of(jana, true);
    ASSERT_EQ(grants.size(), 2u);
    EXPECT_EQ(grants[0].revoked_at, t0 + 1h);
    EXPECT_EQ(grants[0].revoked_by, admin);
    EXPECT_EQ(last_audit().action, "role.revoke");
    EXPECT_EQ(last_audit().municipality_code, testov);
    EXPECT_EQ(error_of([&] { store->revoke_role(district, admin, t0, by_user(admin)); }).code(),
              ErrorCode::conflict);
    EXPECT_EQ(error_of([&] { store->revoke_role(999, admin, t0, by_user(admin)); }).code(),
              ErrorCode::not_found);
    // The same role in the same scope may be granted again once revoked.
    EXPECT_NO_THROW(store->grant_role(jana, "district_team", {ScopeKind::district, {}, area_ids[1]},
                                      admin, t0 + 2h, by_user(admin)));
}

TEST_F(Users, MalformedOrUnknownScopesAndDuplicateGrantsAreRefused) {
    const auto jana = add_user("jana@testov.cz");
    const auto grant = [&](const std::string& role, RoleScope scope) {
        return error_of([&] { store->grant_role(jana, role, scope, std::nullopt, t0, by_cli()); });
    };
    EXPECT_EQ(grant("x", {ScopeKind::global, testov, {}}).code(), ErrorCode::invalid_argument);
    EXPECT_EQ(grant("x", {ScopeKind::municipality, {}, {}}).field(), "scope");
    EXPECT_EQ(grant("x", {ScopeKind::district, testov, {}}).code(), ErrorCode::invalid_argument);
    EXPECT_EQ(grant("x", {ScopeKind::municipality, 123, {}}).code(), ErrorCode::invalid_input);
    EXPECT_EQ(grant("x", {ScopeKind::district, {}, 424242}).code(), ErrorCode::invalid_input);
    const auto wrong_town = grant("x", {ScopeKind::district, jinov, area_ids[0]});
    EXPECT_EQ(wrong_town.code(), ErrorCode::invalid_input);
    EXPECT_EQ(wrong_town.field(), "scope");
    EXPECT_EQ(grant("", {}).field(), "role");
    EXPECT_EQ(
        error_of([&] { store->grant_role(777, "x", {}, std::nullopt, t0, by_cli()); }).field(),
        "user");
    EXPECT_EQ(error_of([&] { store->grant_role(jana, "x", {}, 777, t0, by_cli()); }).field(),
              "granted_by");
    store->grant_role(jana, "x", {ScopeKind::district, {}, area_ids[0]}, std::nullopt, t0,
                      by_cli());
    const auto twice = grant("x", {ScopeKind::district, testov, area_ids[0]});
    EXPECT_EQ(twice.code(), ErrorCode::invalid_input);
    EXPECT_EQ(twice.field(), "role");
    EXPECT_EQ(store->grants_of(jana).size(), 1u);
    EXPECT_EQ(audit_rows(), 2);  // the user and the one grant
}

TEST_F(Users, ListUsersShowsActiveGrantsSortedByAddress) {
    const auto zdenek = add_user("zdenek@testov.cz");
    const auto adam = add_user("adam@testov.cz");
    const auto grant = store->grant_role(zdenek, "manager", {ScopeKind::municipality, testov, {}},
                                         std::nullopt, t0, by_cli());
    store->grant_role(zdenek, "analyst", {}, std::nullopt, t0, by_cli());
    store->revoke_role(grant, std::nullopt, t0, by_cli());
    const auto users = store->list_users();
    ASSERT_EQ(users.size(), 2u);
    EXPECT_EQ(users[0].user.id, adam);
    EXPECT_TRUE(users[0].grants.empty());
    ASSERT_EQ(users[1].grants.size(), 1u);
    EXPECT_EQ(users[1].grants[0].role, "analyst");
}

TEST_F(Users, SensitiveRolesAreSetAndCleared) {
    EXPECT_TRUE(store->sensitive_roles().empty());
    store->set_role_sensitive("administrator", true, t0, by_cli());
    store->set_role_sensitive("case_worker", true, t0, by_cli());
    store->set_role_sensitive("administrator", true, t0, by_cli());  // again: no change
    EXPECT_EQ(store->sensitive_roles(), (std::vector<std::string>{"administrator", "case_worker"}));
    store->set_role_sensitive("case_worker", false, t0, by_cli());
    EXPECT_EQ(store->sensitive_roles(), std::vector<std::string>{"administrator"});
    EXPECT_EQ(last_audit().action, "role.sensitive.clear");
    EXPECT_EQ(last_audit().object_type, "role");
    EXPECT_EQ(last_audit().object_id, "case_worker");
}

}  // namespace
}  // namespace okrsek::store::test_accounts
