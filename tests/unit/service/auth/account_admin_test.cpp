// AccountAdmin: who may administer whom. Two towns, Testov (districts W and E in city parts T1
// and T2) and Jinov (district J); a deployment-wide administrator, a Testov administrator, a
// Testov prevention manager, officers of W, E and J, a Jinov prevention manager.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "unit/service/auth/auth_fixture.hpp"

namespace okrsek::service::test_auth {
namespace {

using core::ErrorCode;
using sec::Role;
using sec::Scope;

class AuthAccountAdmin : public AuthTest {
protected:
    AuthAccountAdmin() {
        import_towns();
        w = area_id("districts", "W");
        e = area_id("districts", "E");
        j = area_id("districts", "J");
        t1 = area_id("city_parts", "T1");
        global_admin =
            add_user("adela.spravcova@example.org", "Adéla Správcová", Role::administrator);
        town_admin = add_user("petra.testovska@example.org", "Petra Testovská", Role::administrator,
                              Scope::municipality(testov));
        manager = add_user("martin.prevence@example.org", "Martin Prevence",
                           Role::prevention_manager, Scope::municipality(testov));
        officer_w = add_user("tomas.okrskar@example.org", "Tomáš Okrskář",
                             Role::district_state_officer, Scope::district(w));
        officer_e = add_user("karel.vychodni@example.org", "Karel Východní",
                             Role::district_municipal_officer, Scope::district(e));
        officer_j = add_user("eva.jinovska@example.org", "Eva Jinovská",
                             Role::district_state_officer, Scope::district(j));
        jinov_manager = add_user("jiri.jinovsky@example.org", "Jiří Jinovský",
                                 Role::prevention_manager, Scope::municipality(jinov));
        nobody = add_user("nikola.bezrole@example.org", "Nikola Bezrole");
    }

    static std::set<std::int64_t> ids(const std::vector<store::UserWithGrants>& users) {
        std::set<std::int64_t> result;
        for (const auto& user : users) result.insert(user.user.id);
        return result;
    }

    /// The id of `user_id`'s only active grant.
    std::int64_t grant_of(std::int64_t user_id) {
        const auto grants = peek->grants_of(user_id);
        if (grants.size() != 1) throw std::runtime_error("expected one grant");
        return grants.front().id;
    }

    std::int64_t w = 0, e = 0, j = 0, t1 = 0;
    std::int64_t global_admin = 0, town_admin = 0, manager = 0, officer_w = 0, officer_e = 0,
                 officer_j = 0, jinov_manager = 0, nobody = 0;
};

TEST_F(AuthAccountAdmin, TheCommandLineMayDoEverything) {
    const Principal cli = Principal::cli();
    for (const auto action : sec::all_actions) {
        EXPECT_TRUE(accounts().allowed(cli, action, sec::Target::deployment()));
        EXPECT_TRUE(accounts().allowed(cli, action, sec::Target::district(jinov, {}, j)));
    }
    EXPECT_EQ(accounts().list_users(cli).size(), 8u);
    EXPECT_NO_THROW(accounts().user(cli, officer_j));
    const std::int64_t grant = accounts().grant(cli, nobody, Role::case_worker,
                                                Scope::municipality(jinov), "new case worker");
    EXPECT_NO_THROW(accounts().revoke(cli, grant, "moved away"));
    EXPECT_NO_THROW(accounts().set_sensitive(cli, Role::district_councillor, true, "policy"));
    EXPECT_FALSE(accounts().audit(cli, {}).empty());
    const auto row = audit_rows("users.list").front();
    EXPECT_EQ(row.actor_kind, store::ActorKind::cli);
}

TEST_F(AuthAccountAdmin, AGlobalAdministratorSeesEveryone) {
    const Principal admin = as_user(global_admin);
    EXPECT_EQ(accounts().list_users(admin).size(), 8u);
    EXPECT_TRUE(accounts().allowed(admin, sec::Action::users_manage, sec::Target::deployment()));
    // But no police data: least privilege.
    EXPECT_FALSE(
        accounts().allowed(admin, sec::Action::reports_read, sec::Target::district(testov, t1, w)));
}

TEST_F(AuthAccountAdmin, ATownAdministratorSeesOnlyTheirTown) {
    const Principal admin = as_user(town_admin);
    const auto seen = ids(accounts().list_users(admin));
    EXPECT_EQ(seen, (std::set<std::int64_t>{town_admin, manager, officer_w, officer_e}));
    // A single account of another town (or one without any grant) is forbidden too.
    EXPECT_EQ(error_of([&] { accounts().user(admin, officer_j); }).code(), ErrorCode::forbidden);
    EXPECT_EQ(error_of([&] { accounts().user(admin, nobody); }).code(), ErrorCode::forbidden);
    EXPECT_EQ(error_of([&] { accounts().user(admin, global_admin); }).code(), ErrorCode::forbidden);
    EXPECT_EQ(accounts().user(admin, officer_w).grants.size(), 1u);
    // Whether an id exists is not revealed to them.
    EXPECT_EQ(error_of([&] { accounts().user(admin, 987654); }).code(), ErrorCode::forbidden);
    EXPECT_EQ(error_of([&] { accounts().user(Principal::cli(), 987654); }).code(),
              ErrorCode::not_found);
}

TEST_F(AuthAccountAdmin, ATownAdministratorGrantsOnlyInTheirTown) {
    const Principal admin = as_user(town_admin);
    const auto foreign = error_of([&] {
        accounts().grant(admin, nobody, Role::district_state_officer, Scope::district(j), "help");
    });
    EXPECT_EQ(foreign.code(), ErrorCode::forbidden);
    EXPECT_EQ(error_of([&] {
                  accounts().grant(admin, nobody, Role::prevention_manager,
                                   Scope::municipality(jinov), "help");
              }).code(),
              ErrorCode::forbidden);
    // Deployment-wide roles are beyond a town too.
    EXPECT_EQ(error_of([&] {
                  accounts().grant(admin, nobody, Role::administrator, Scope::everything(),
                                   "promotion");
              }).code(),
              ErrorCode::forbidden);
    EXPECT_TRUE(peek->grants_of(nobody).empty());

    const std::int64_t granted = accounts().grant(admin, nobody, Role::district_councillor,
                                                  Scope::district(e), "elected in E");
    const auto grants = peek->grants_of(nobody);
    ASSERT_EQ(grants.size(), 1u);
    EXPECT_EQ(grants[0].id, granted);
    EXPECT_EQ(grants[0].granted_by, town_admin);
    EXPECT_EQ(grants[0].scope.municipality_code, testov);
    const auto row = audit_rows("role.grant").front();
    EXPECT_EQ(row.actor_id, town_admin);
    EXPECT_EQ(row.reason, "elected in E");
    EXPECT_EQ(row.municipality_code, testov);
    // Now Nikola belongs to Testov, so the town administrator sees them.
    EXPECT_TRUE(ids(accounts().list_users(admin)).contains(nobody));
}

TEST_F(AuthAccountAdmin, ATownAdministratorRevokesOnlyInTheirTown) {
    const Principal admin = as_user(town_admin);
    EXPECT_EQ(error_of([&] { accounts().revoke(admin, grant_of(officer_j), "not ours"); }).code(),
              ErrorCode::forbidden);
    EXPECT_EQ(
        error_of([&] { accounts().revoke(admin, grant_of(jinov_manager), "not ours"); }).code(),
        ErrorCode::forbidden);
    EXPECT_EQ(error_of([&] { accounts().revoke(admin, grant_of(global_admin), "coup"); }).code(),
              ErrorCode::forbidden);
    EXPECT_EQ(peek->grants_of(officer_j).size(), 1u);
    // An unknown grant id tells them nothing either.
    EXPECT_EQ(error_of([&] { accounts().revoke(admin, 987654, "x"); }).code(),
              ErrorCode::forbidden);

    accounts().revoke(admin, grant_of(officer_w), "retired");
    EXPECT_TRUE(peek->grants_of(officer_w).empty());
    EXPECT_EQ(peek->grants_of(officer_w, true).front().revoked_by, town_admin);
    EXPECT_EQ(error_of([&] { accounts().revoke(Principal::cli(), 987654, "x"); }).code(),
              ErrorCode::not_found);
}

TEST_F(AuthAccountAdmin, ATownAdministratorReadsOnlyTheirTownsAuditRows) {
    // Rows of both towns: grants in each.
    accounts().grant(Principal::cli(), nobody, Role::district_councillor, Scope::district(j),
                     "Jinov");
    accounts().grant(Principal::cli(), nobody, Role::district_councillor, Scope::district(w),
                     "Testov");
    const Principal admin = as_user(town_admin);
    const auto rows = accounts().audit(admin, {});
    ASSERT_FALSE(rows.empty());
    for (const auto& row : rows) EXPECT_EQ(row.municipality_code, testov) << row.action;
    EXPECT_TRUE(std::any_of(rows.begin(), rows.end(),
                            [](const auto& row) { return row.reason == "Testov"; }));
    // The full log holds Jinov's rows too.
    const auto all = accounts().audit(Principal::cli(), {});
    EXPECT_TRUE(std::any_of(all.begin(), all.end(),
                            [](const auto& row) { return row.municipality_code == jinov; }));
    store::AuditFilter jinov_rows;
    jinov_rows.municipality_code = jinov;
    EXPECT_EQ(error_of([&] { accounts().audit(admin, jinov_rows); }).code(), ErrorCode::forbidden);
    store::AuditFilter testov_rows;
    testov_rows.municipality_code = testov;
    EXPECT_EQ(accounts().audit(admin, testov_rows).size(), rows.size());
    // A prevention manager reads accounts but not the audit log.
    EXPECT_EQ(error_of([&] { accounts().audit(as_user(manager), {}); }).code(),
              ErrorCode::forbidden);
}

TEST_F(AuthAccountAdmin, ReadsOfPersonalDataAreAudited) {
    const Principal admin = as_user(town_admin);
    EXPECT_TRUE(audit_rows("users.list").empty());
    accounts().list_users(admin);
    const auto listed = audit_rows("users.list");
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].actor_kind, store::ActorKind::user);
    EXPECT_EQ(listed[0].actor_id, town_admin);
    EXPECT_EQ(listed[0].client_address, "192.0.2.10");

    accounts().user(admin, officer_w);
    const auto read = audit_rows("user.read");
    ASSERT_EQ(read.size(), 1u);
    EXPECT_EQ(read[0].object_id, std::to_string(officer_w));

    accounts().audit(admin, {});
    const auto audit_read = audit_rows("audit.read");
    ASSERT_EQ(audit_read.size(), 1u);
    EXPECT_EQ(audit_read[0].actor_id, town_admin);
    // A refused read leaves no "read" row.
    EXPECT_THROW(accounts().user(admin, officer_j), core::Error);
    EXPECT_EQ(audit_rows("user.read").size(), 1u);
}

TEST_F(AuthAccountAdmin, ADistrictOfficerCannotListUsers) {
    const Principal officer = as_user(officer_w);
    EXPECT_EQ(error_of([&] { accounts().list_users(officer); }).code(), ErrorCode::forbidden);
    EXPECT_EQ(error_of([&] { accounts().roles(officer); }).code(), ErrorCode::forbidden);
    EXPECT_EQ(error_of([&] {
                  accounts().grant(officer, nobody, Role::district_state_officer,
                                   Scope::district(w), "my deputy");
              }).code(),
              ErrorCode::forbidden);
    // Their own account they may read.
    EXPECT_EQ(accounts().user(officer, officer_w).user.email, "tomas.okrskar@example.org");
    EXPECT_EQ(error_of([&] { accounts().user(officer, officer_e); }).code(), ErrorCode::forbidden);
    EXPECT_TRUE(audit_rows("users.list").empty());
}

TEST_F(AuthAccountAdmin, APreventionManagerReadsTheTownsAccountsButChangesNothing) {
    const Principal pm = as_user(manager);
    EXPECT_EQ(ids(accounts().list_users(pm)),
              (std::set<std::int64_t>{town_admin, manager, officer_w, officer_e}));
    EXPECT_EQ(error_of([&] {
                  accounts().grant(pm, nobody, Role::district_councillor, Scope::district(w),
                                   "helper");
              }).code(),
              ErrorCode::forbidden);
    EXPECT_EQ(error_of([&] { accounts().set_active(pm, officer_w, false, "gone"); }).code(),
              ErrorCode::forbidden);
    const auto roles = accounts().roles(pm);
    EXPECT_EQ(roles.size(), sec::all_roles.size());
}

TEST_F(AuthAccountAdmin, MachineTokensAndPendingSessionsMayNothing) {
    Principal token;
    token.kind = Principal::Kind::token;
    token.id = 1;
    token.token_scope = "import";
    for (const auto action : sec::all_actions) {
        EXPECT_FALSE(accounts().allowed(token, action, sec::Target::deployment()));
    }
    EXPECT_EQ(error_of([&] { accounts().list_users(token); }).code(), ErrorCode::forbidden);
    EXPECT_EQ(error_of([&] { accounts().user(token, nobody); }).code(), ErrorCode::forbidden);
    EXPECT_EQ(error_of([&] {
                  accounts().grant(token, nobody, Role::case_worker, Scope::municipality(testov),
                                   "x");
              }).code(),
              ErrorCode::forbidden);
    EXPECT_EQ(error_of([&] { accounts().set_active(token, nobody, false, "x"); }).code(),
              ErrorCode::forbidden);
    NewAccount account{"novy@example.org",  "Nový",      std::nullopt, std::nullopt,
                       Scope::everything(), std::nullopt};
    EXPECT_EQ(error_of([&] { accounts().create_user(token, account); }).code(),
              ErrorCode::forbidden);
    EXPECT_FALSE(peek->find_user_by_email("novy@example.org"));

    // A session waiting for its second factor has no grants, so no powers.
    const SignIn pending = login("adela.spravcova@example.org");
    const Principal waiting = session_of(pending.token).principal;
    EXPECT_EQ(error_of([&] { accounts().list_users(waiting); }).code(), ErrorCode::forbidden);
}

TEST_F(AuthAccountAdmin, ReasonsAreRequired) {
    const Principal admin = as_user(global_admin);
    for (const std::string& reason :
         std::vector<std::string>{"", "   ", "\n \n", "\r\n", "\t", std::string(2001, 'r')}) {
        const auto grant = error_of([&] {
            accounts().grant(admin, nobody, Role::case_worker, Scope::municipality(testov), reason);
        });
        EXPECT_EQ(grant.code(), ErrorCode::invalid_argument);
        EXPECT_EQ(grant.field(), "reason");
        EXPECT_EQ(error_of([&] { accounts().revoke(admin, grant_of(officer_w), reason); }).field(),
                  "reason");
        EXPECT_EQ(error_of([&] { accounts().set_active(admin, nobody, false, reason); }).field(),
                  "reason");
        EXPECT_EQ(error_of([&] {
                      accounts().set_sensitive(admin, Role::district_councillor, true, reason);
                  }).field(),
                  "reason");
    }
    EXPECT_TRUE(peek->grants_of(nobody).empty());
    EXPECT_EQ(peek->grants_of(officer_w).size(), 1u);
    EXPECT_TRUE(peek->find_user(nobody)->active);
    // Trimmed when stored.
    accounts().grant(admin, nobody, Role::case_worker, Scope::municipality(testov),
                     " \tnew job\r\n");
    EXPECT_EQ(audit_rows("role.grant").front().reason, "new job");
}

TEST_F(AuthAccountAdmin, DeactivationEndsSessionsButNotForOneself) {
    const SignIn session = login("nikola.bezrole@example.org");
    const Principal admin = as_user(global_admin);
    accounts().set_active(admin, nobody, false, "contract ended");
    EXPECT_FALSE(auth().session_principal(session.token, client));
    EXPECT_FALSE(peek->find_user(nobody)->active);
    const auto row = audit_rows("user.deactivate").front();
    EXPECT_EQ(row.actor_id, global_admin);
    EXPECT_EQ(row.reason, "contract ended");

    const auto self = error_of([&] { accounts().set_active(admin, global_admin, false, "bye"); });
    EXPECT_EQ(self.code(), ErrorCode::conflict);
    EXPECT_TRUE(peek->find_user(global_admin)->active);
    // A town administrator manages no accounts (they are deployment-wide).
    EXPECT_EQ(
        error_of([&] { accounts().set_active(as_user(town_admin), officer_w, false, "x"); }).code(),
        ErrorCode::forbidden);
}

TEST_F(AuthAccountAdmin, CreatingAnAccountWithARoleNeedsBothRights) {
    const Principal admin = as_user(global_admin);
    NewAccount account;
    account.email = "lucie.nova@example.org";
    account.display_name = "Lucie Nová";
    account.role = Role::district_state_officer;
    account.scope = Scope::district(j);
    account.reason = "new officer";
    const CreatedAccount created = accounts().create_user(admin, account);
    EXPECT_TRUE(created.invitation_url);
    ASSERT_EQ(created.user.grants.size(), 1u);
    EXPECT_EQ(created.user.grants[0].scope.municipality_code, jinov);
    EXPECT_EQ(created.user.grants[0].granted_by, global_admin);
    // A role that cannot be granted at that scope kind.
    account.email = "lucie.jina@example.org";
    account.role = Role::district_state_officer;
    account.scope = Scope::municipality(testov);
    const auto invalid = error_of([&] { accounts().create_user(admin, account); });
    EXPECT_EQ(invalid.code(), ErrorCode::invalid_argument);
    EXPECT_EQ(invalid.field(), "scope");
    EXPECT_FALSE(peek->find_user_by_email("lucie.jina@example.org"));
    // A weak initial password.
    account.role.reset();
    account.password = "kratke";
    EXPECT_THROW(accounts().create_user(admin, account), PasswordRejected);
    EXPECT_FALSE(peek->find_user_by_email("lucie.jina@example.org"));
}

TEST_F(AuthAccountAdmin, GrantsOfUnknownAreasAreRefused) {
    const Principal cli = Principal::cli();
    const auto unknown = error_of([&] {
        accounts().grant(cli, nobody, Role::district_state_officer, Scope::district(987654), "x");
    });
    EXPECT_EQ(unknown.code(), ErrorCode::not_found);
    EXPECT_EQ(unknown.field(), "scope");
    // A city part is no district.
    EXPECT_EQ(error_of([&] {
                  accounts().grant(cli, nobody, Role::district_state_officer, Scope::district(t1),
                                   "x");
              }).code(),
              ErrorCode::not_found);
}

TEST_F(AuthAccountAdmin, SensitiveRolesCanBeChangedByADeploymentAdministratorOnly) {
    EXPECT_EQ(error_of([&] {
                  accounts().set_sensitive(as_user(town_admin), Role::administrator, false, "x");
              }).code(),
              ErrorCode::forbidden);
    accounts().set_sensitive(as_user(global_admin), Role::district_state_officer, true,
                             "police data");
    const auto roles = accounts().roles(as_user(global_admin));
    const auto officer = std::find_if(roles.begin(), roles.end(), [](const RoleInfo& info) {
        return info.role == Role::district_state_officer;
    });
    ASSERT_NE(officer, roles.end());
    EXPECT_TRUE(officer->sensitive);
    // Officer W must now enrol a second factor at the next login.
    EXPECT_EQ(login("tomas.okrskar@example.org").state, SignInState::second_factor_setup_required);
}

TEST_F(AuthAccountAdmin, SensitiveDefaultsAreSeededOnce) {
    accounts().set_sensitive(Principal::cli(), Role::administrator, false, "trial run");
    accounts().set_sensitive(Principal::cli(), Role::case_worker, false, "trial run");
    accounts().set_sensitive(Principal::cli(), Role::state_police_leadership, false, "trial run");
    accounts().set_sensitive(Principal::cli(), Role::municipal_police_leadership, false,
                             "trial run");
    ASSERT_TRUE(peek->sensitive_roles().empty());
    // A restart does not bring back what an administrator chose.
    auth().seed_sensitive_roles();
    EXPECT_TRUE(peek->sensitive_roles().empty());
    EXPECT_EQ(login("adela.spravcova@example.org").state, SignInState::signed_in);
}

TEST_F(AuthAccountAdmin, AFullySignedInAdministratorCanAdminister) {
    const SignIn pending = login("adela.spravcova@example.org");
    const Enrolled enrolled = enrol(pending.token);
    const Principal admin = session_of(enrolled.sign_in.token).principal;
    EXPECT_EQ(accounts().list_users(admin).size(), 8u);
    EXPECT_TRUE(accounts().allowed_somewhere(admin, sec::Action::roles_grant));
    EXPECT_FALSE(accounts().allowed_somewhere(admin, sec::Action::cases_read));
}

}  // namespace
}  // namespace okrsek::service::test_auth
