// The authorisation matrix (http_authz_matrix.hpp) for the administration of users, grants, roles,
// the audit log and tokens.
#include "http_authz_matrix.hpp"

namespace okrsek::test::authz {
namespace {

TEST_F(AuthzMatrixTest, AdminRoutesGetExactlyTheExpectedAnswers) {
    const Target all = Target::deployment();
    const Target w = district_w();
    const Target j = district_j();
    const Target jinov = Target::municipality(AuthTown::jinov);
    // Ordered so that nothing a case changes spoils a later case of the same round.
    const std::vector<Case> cases = {
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
    };
    run_matrix("admin", cases);
}

}  // namespace
}  // namespace okrsek::test::authz
