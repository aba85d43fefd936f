// The authorisation matrix (http_authz_matrix.hpp) for signing in (CSRF, login, links, second
// factor), one's own account, and signing out (last, as it ends the session).
#include "http_authz_matrix.hpp"

namespace okrsek::test::authz {
namespace {

TEST_F(AuthzMatrixTest, AccountRoutesGetExactlyTheExpectedAnswers) {
    // Ordered so that nothing a case changes spoils a later case of the same round; the ones
    // that end the session come last.
    const std::vector<Case> cases = {
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
        // These end the session: last.
        {"POST", "/api/v1/auth/logout", fixed("/api/v1/auth/logout"), empty, any_session},
        {"POST", "/api/v1/auth/logout-everywhere", fixed("/api/v1/auth/logout-everywhere"), empty,
         any_session, true},
    };
    run_matrix("account", cases);
}

}  // namespace
}  // namespace okrsek::test::authz
