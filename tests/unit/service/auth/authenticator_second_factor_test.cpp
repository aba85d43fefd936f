// Authenticator: TOTP enrolment, the second step of a login (TOTP code or recovery code),
// replay protection, throttling of wrong codes, and turning TOTP off.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "service/security/login_throttle_policy.hpp"
#include "service/security/recovery_codes.hpp"
#include "unit/service/auth/auth_fixture.hpp"

namespace okrsek::service::test_auth {
namespace {

using core::ErrorCode;

class AuthSecondFactor : public AuthTest {
protected:
    AuthSecondFactor()
        : admin(
              add_user("adela.spravcova@example.org", "Adéla Správcová", sec::Role::administrator)),
          jana(add_user("jana.testova@example.org", "Jana Testová")) {}

    /// Signs the administrator in and enrols TOTP; then signs out.
    Enrolled enrolled_admin() {
        const SignIn pending = login("adela.spravcova@example.org");
        Enrolled enrolled = enrol(pending.token);
        auth().logout(session_of(enrolled.sign_in.token).principal);
        return enrolled;
    }

    const std::int64_t admin;  ///< administrator: a sensitive role by default
    const std::int64_t jana;   ///< no role
};

TEST_F(AuthSecondFactor, ASensitiveRoleWithoutTotpMustEnrolFirst) {
    EXPECT_EQ(peek->sensitive_roles(),
              (std::vector<std::string>{"administrator", "case_worker",
                                        "municipal_police_leadership", "state_police_leadership"}));
    const SignIn pending = login("adela.spravcova@example.org");
    EXPECT_EQ(pending.state, SignInState::second_factor_setup_required);
    EXPECT_TRUE(pending.session.second_factor_pending);
    const SessionPrincipal found = session_of(pending.token);
    EXPECT_EQ(found.state, SignInState::second_factor_setup_required);
    EXPECT_EQ(found.principal.id, admin);
    // Until then the session holds no powers at all.
    EXPECT_TRUE(found.principal.grants.empty());
    EXPECT_EQ(error_of([&] { accounts().list_users(found.principal); }).code(),
              ErrorCode::forbidden);
    // The login time is noted only once the second factor is done.
    EXPECT_FALSE(peek->find_user(admin)->last_login_at);
    EXPECT_EQ(to_string(found.state), "second_factor_setup_required");
}

TEST_F(AuthSecondFactor, EnrolmentGivesASecretAUriAndTenRecoveryCodes) {
    const SignIn pending = login("adela.spravcova@example.org");
    const SessionPrincipal found = session_of(pending.token);
    const TotpEnrolment enrolment = auth().begin_totp(found.principal);
    const auto secret = sec::base32_decode(enrolment.secret_base32);
    ASSERT_TRUE(secret);
    EXPECT_EQ(secret->size(), sec::totp_secret_bytes);
    EXPECT_TRUE(enrolment.otpauth_uri.starts_with("otpauth://totp/okrsek:"));
    EXPECT_NE(enrolment.otpauth_uri.find("secret=" + enrolment.secret_base32), std::string::npos);
    // The secret is stored sealed, not as typed.
    const auto stored = peek->user_credentials(admin);
    ASSERT_TRUE(stored->totp_secret);
    EXPECT_FALSE(stored->totp_enabled);
    EXPECT_EQ(stored->totp_secret->find(enrolment.secret_base32), std::string::npos);
    EXPECT_NE(*stored->totp_secret,
              std::string(reinterpret_cast<const char*>(secret->data()), secret->size()));

    // A wrong code leaves everything as it was.
    const auto wrong = error_of(
        [&] { auth().confirm_totp(found.principal, pending.token, code_now(*secret, 5)); });
    EXPECT_EQ(wrong.code(), ErrorCode::invalid_input);
    EXPECT_EQ(wrong.field(), "code");
    EXPECT_FALSE(peek->user_credentials(admin)->totp_enabled);

    const TotpConfirmation confirmation =
        auth().confirm_totp(found.principal, pending.token, code_now(*secret));
    EXPECT_EQ(confirmation.recovery_codes.size(), 10u);
    std::set<std::string> distinct(confirmation.recovery_codes.begin(),
                                   confirmation.recovery_codes.end());
    EXPECT_EQ(distinct.size(), 10u);
    for (const auto& code : confirmation.recovery_codes) {
        EXPECT_EQ(code.size(), 11u) << code;
        EXPECT_EQ(code[5], '-') << code;
    }
    EXPECT_EQ(peek->recovery_codes(admin).size(), 10u);
    EXPECT_EQ(confirmation.sign_in.state, SignInState::signed_in);
    EXPECT_TRUE(peek->user_credentials(admin)->totp_enabled);

    // Rotated: the old cookie is dead, the new one is a full session with the grants.
    EXPECT_FALSE(auth().session_principal(pending.token, client));
    const SessionPrincipal full = session_of(confirmation.sign_in.token);
    EXPECT_EQ(full.state, SignInState::signed_in);
    EXPECT_TRUE(full.principal.totp_enabled);
    ASSERT_EQ(full.principal.grants.size(), 1u);
    EXPECT_EQ(full.principal.grants[0].role, sec::Role::administrator);
    EXPECT_EQ(full.principal.session_id, pending.session.id);
    EXPECT_EQ(peek->find_user(admin)->last_login_at, t0);
    EXPECT_EQ(audit_rows("user.totp.enable").size(), 1u);
}

TEST_F(AuthSecondFactor, EnrolmentTwiceIsAConflict) {
    const Enrolled enrolled = enrol(login("adela.spravcova@example.org").token);
    const auto error =
        error_of([&] { auth().begin_totp(session_of(enrolled.sign_in.token).principal); });
    EXPECT_EQ(error.code(), ErrorCode::conflict);
    // Confirming without a pending secret is one too.
    const SignIn jana_session = login("jana.testova@example.org");
    EXPECT_EQ(error_of([&] {
                  auth().confirm_totp(session_of(jana_session.token).principal, jana_session.token,
                                      "123456");
              }).code(),
              ErrorCode::conflict);
}

TEST_F(AuthSecondFactor, ANewEnrolmentReplacesThePendingSecret) {
    const SignIn pending = login("adela.spravcova@example.org");
    const Principal principal = session_of(pending.token).principal;
    const auto first = sec::base32_decode(auth().begin_totp(principal).secret_base32);
    const auto second = sec::base32_decode(auth().begin_totp(principal).secret_base32);
    ASSERT_TRUE(first && second);
    EXPECT_NE(*first, *second);
    EXPECT_EQ(
        error_of([&] { auth().confirm_totp(principal, pending.token, code_now(*first)); }).code(),
        ErrorCode::invalid_input);
    EXPECT_EQ(auth().confirm_totp(principal, pending.token, code_now(*second)).sign_in.state,
              SignInState::signed_in);
}

TEST_F(AuthSecondFactor, LoginWithTotpCompletesAndRotatesTheSession) {
    const Enrolled enrolled = enrolled_admin();
    clock->advance(1min);
    const SignIn pending = login("adela.spravcova@example.org");
    EXPECT_EQ(pending.state, SignInState::second_factor_required);
    const SessionPrincipal waiting = session_of(pending.token);
    EXPECT_EQ(waiting.state, SignInState::second_factor_required);
    EXPECT_TRUE(waiting.principal.grants.empty());
    EXPECT_EQ(to_string(waiting.state), "second_factor_required");

    const SignIn done =
        auth().complete_second_factor(pending.token, code_now(enrolled.secret), false, client);
    EXPECT_EQ(done.state, SignInState::signed_in);
    EXPECT_NE(done.token, pending.token);
    EXPECT_EQ(done.session.id, pending.session.id);
    EXPECT_FALSE(done.session.second_factor_pending);
    EXPECT_FALSE(auth().session_principal(pending.token, client));
    const SessionPrincipal full = session_of(done.token);
    EXPECT_EQ(full.state, SignInState::signed_in);
    EXPECT_EQ(full.principal.grants.size(), 1u);
    EXPECT_EQ(audit_rows("auth.login.totp").size(), 1u);
}

TEST_F(AuthSecondFactor, CodesOfTheNeighbouringStepsAreAccepted) {
    const Enrolled enrolled = enrolled_admin();
    clock->advance(5min);
    const SignIn first = login("adela.spravcova@example.org");
    EXPECT_NO_THROW(
        auth().complete_second_factor(first.token, code_now(enrolled.secret, -1), false, client));
    clock->advance(5min);
    const SignIn second = login("adela.spravcova@example.org");
    EXPECT_NO_THROW(
        auth().complete_second_factor(second.token, code_now(enrolled.secret, 1), false, client));
    clock->advance(5min);
    const SignIn third = login("adela.spravcova@example.org");
    EXPECT_EQ(error_of([&] {
                  auth().complete_second_factor(third.token, code_now(enrolled.secret, 2), false,
                                                client);
              }).code(),
              ErrorCode::unauthenticated);
}

TEST_F(AuthSecondFactor, ACodeIsAcceptedOnce) {
    const Enrolled enrolled = enrolled_admin();
    // The code used to confirm the enrolment is spent already.
    const SignIn again = login("adela.spravcova@example.org");
    const auto replay = error_of([&] {
        auth().complete_second_factor(again.token, code_now(enrolled.secret), false, client);
    });
    EXPECT_EQ(replay.code(), ErrorCode::unauthenticated);
    EXPECT_EQ(replay.field(), "code");

    clock->advance(30s);
    const std::string code = code_now(enrolled.secret);
    EXPECT_EQ(auth().complete_second_factor(again.token, code, false, client).state,
              SignInState::signed_in);
    // Someone who saw it type the same code within the same 30 seconds gets nowhere.
    const SignIn other = login("adela.spravcova@example.org");
    EXPECT_EQ(
        error_of([&] { auth().complete_second_factor(other.token, code, false, client); }).code(),
        ErrorCode::unauthenticated);
    // Nor with an older one.
    EXPECT_EQ(error_of([&] {
                  auth().complete_second_factor(other.token, code_now(enrolled.secret, -1), false,
                                                client);
              }).code(),
              ErrorCode::unauthenticated);
    EXPECT_TRUE(auth().session_principal(other.token, client));  // still waiting
}

TEST_F(AuthSecondFactor, ARecoveryCodeWorksOnce) {
    const Enrolled enrolled = enrolled_admin();
    const SignIn first = login("adela.spravcova@example.org");
    // Typed loosely: upper case, a space instead of the hyphen.
    std::string typed = enrolled.recovery_codes[3];
    typed[5] = ' ';
    for (char& symbol : typed) symbol = static_cast<char>(std::toupper(symbol));
    const SignIn done = auth().complete_second_factor(first.token, typed, true, client);
    EXPECT_EQ(done.state, SignInState::signed_in);
    EXPECT_EQ(audit_rows("auth.login.recovery_code").size(), 1u);
    EXPECT_EQ(audit_rows("user.recovery_code.use").size(), 1u);
    const auto codes = peek->recovery_codes(admin);
    ASSERT_EQ(codes.size(), 10u);
    EXPECT_EQ(std::count_if(codes.begin(), codes.end(), [](const auto& c) { return c.used_at; }),
              1);

    const SignIn second = login("adela.spravcova@example.org");
    EXPECT_EQ(error_of([&] {
                  auth().complete_second_factor(second.token, enrolled.recovery_codes[3], true,
                                                client);
              }).code(),
              ErrorCode::unauthenticated);
    // A TOTP code is no recovery code, nor the reverse.
    clock->advance(30s);
    EXPECT_EQ(error_of([&] {
                  auth().complete_second_factor(second.token, enrolled.recovery_codes[4], false,
                                                client);
              }).code(),
              ErrorCode::unauthenticated);
    EXPECT_EQ(error_of([&] {
                  auth().complete_second_factor(second.token, code_now(enrolled.secret), true,
                                                client);
              }).code(),
              ErrorCode::unauthenticated);
    EXPECT_EQ(
        auth().complete_second_factor(second.token, enrolled.recovery_codes[4], true, client).state,
        SignInState::signed_in);
}

TEST_F(AuthSecondFactor, WrongCodesCountTowardTheAccountLock) {
    const Enrolled enrolled = enrolled_admin();
    const SignIn pending = login("adela.spravcova@example.org");
    clock->advance(30s);
    const std::string right = code_now(enrolled.secret);
    // A code that is none of the three the window accepts.
    std::string wrong = "000000";
    for (char digit = '0'; digit <= '9'; ++digit) {
        wrong = std::string(6, digit);
        if (wrong != right && wrong != code_now(enrolled.secret, -1) &&
            wrong != code_now(enrolled.secret, 1)) {
            break;
        }
    }
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(error_of([&] {
                      auth().complete_second_factor(pending.token, wrong, false, client);
                  }).code(),
                  ErrorCode::unauthenticated);
    }
    EXPECT_EQ(audit_rows("auth.second_factor.failed").size(), 5u);
    // Now even the right code waits, and so does the password login of the same account.
    try {
        auth().complete_second_factor(pending.token, right, false, client);
        ADD_FAILURE() << "the right code was accepted during the lock";
    } catch (const ThrottledError& error) {
        EXPECT_EQ(error.retry_after(), 1s);
    }
    EXPECT_THROW(login("adela.spravcova@example.org"), ThrottledError);
    clock->advance(1s);
    EXPECT_EQ(auth().complete_second_factor(pending.token, right, false, client).state,
              SignInState::signed_in);
    EXPECT_FALSE(peek->throttle_state(sec::account_throttle_key("adela.spravcova@example.org")));
}

TEST_F(AuthSecondFactor, APendingSessionExpiresAfterTheSecondFactorTimeout) {
    const Enrolled enrolled = enrolled_admin();
    const SignIn pending = login("adela.spravcova@example.org");
    clock->advance(second_factor_timeout - 1s);
    EXPECT_TRUE(auth().session_principal(pending.token, client));
    clock->advance(1s);
    EXPECT_FALSE(auth().session_principal(pending.token, client));
    const auto error = error_of([&] {
        auth().complete_second_factor(pending.token, code_now(enrolled.secret), false, client);
    });
    EXPECT_EQ(error.code(), ErrorCode::unauthenticated);
}

TEST_F(AuthSecondFactor, CompletingNeedsAPendingSession) {
    const Enrolled enrolled = enrolled_admin();
    clock->advance(30s);
    // A full session has nothing to complete; garbage names no session.
    EXPECT_EQ(error_of([&] {
                  auth().complete_second_factor(enrolled.sign_in.token, code_now(enrolled.secret),
                                                false, client);
              }).code(),
              ErrorCode::unauthenticated);
    EXPECT_EQ(error_of([&] {
                  auth().complete_second_factor("not-a-token", code_now(enrolled.secret), false,
                                                client);
              }).code(),
              ErrorCode::unauthenticated);
    // A session that must enrol first cannot skip enrolment with a code.
    import_towns();
    add_user("bohdan.pripadovy@example.org", "Bohdan Případový", sec::Role::case_worker,
             sec::Scope::municipality(testov));
    const SignIn setup = login("bohdan.pripadovy@example.org");
    EXPECT_EQ(setup.state, SignInState::second_factor_setup_required);
    EXPECT_EQ(error_of([&] {
                  auth().complete_second_factor(setup.token, "123456", false, client);
              }).code(),
              ErrorCode::unauthenticated);
}

TEST_F(AuthSecondFactor, TotpCanBeTurnedOffOnlyWithoutASensitiveRole) {
    const Enrolled admin_enrolled = enrol(login("adela.spravcova@example.org").token);
    const Principal admin_principal = session_of(admin_enrolled.sign_in.token).principal;
    EXPECT_EQ(error_of([&] { auth().disable_totp(admin_principal, good_password); }).code(),
              ErrorCode::conflict);
    EXPECT_TRUE(peek->user_credentials(admin)->totp_enabled);

    // Jana, without a role, enrols voluntarily and may turn it off again with her password.
    const SignIn jana_session = login("jana.testova@example.org");
    const Enrolled jana_enrolled = enrol(jana_session.token);
    EXPECT_EQ(jana_enrolled.sign_in.state, SignInState::signed_in);
    const Principal jana_principal = session_of(jana_enrolled.sign_in.token).principal;
    const auto wrong = error_of([&] { auth().disable_totp(jana_principal, other_password); });
    EXPECT_EQ(wrong.code(), ErrorCode::invalid_input);
    EXPECT_EQ(wrong.field(), "current_password");
    EXPECT_TRUE(peek->user_credentials(jana)->totp_enabled);
    auth().disable_totp(jana_principal, good_password);
    const auto credentials = peek->user_credentials(jana);
    EXPECT_FALSE(credentials->totp_enabled);
    EXPECT_FALSE(credentials->totp_secret);
    EXPECT_TRUE(peek->recovery_codes(jana).empty());
    EXPECT_EQ(login("jana.testova@example.org").state, SignInState::signed_in);
}

TEST_F(AuthSecondFactor, APendingSessionCannotTurnTotpOffEither) {
    // A session that has only the password holds no grants; the roles still count.
    enrolled_admin();
    const SignIn pending = login("adela.spravcova@example.org");
    const Principal waiting = session_of(pending.token).principal;
    ASSERT_TRUE(waiting.grants.empty());
    EXPECT_EQ(error_of([&] { auth().disable_totp(waiting, good_password); }).code(),
              ErrorCode::conflict);
    EXPECT_TRUE(peek->user_credentials(admin)->totp_enabled);
}

TEST_F(AuthSecondFactor, RecoveryCodesCanBeRegeneratedWithThePassword) {
    const Enrolled enrolled = enrol(login("adela.spravcova@example.org").token);
    const Principal principal = session_of(enrolled.sign_in.token).principal;
    EXPECT_EQ(error_of([&] { auth().regenerate_recovery_codes(principal, "wrong"); }).code(),
              ErrorCode::invalid_input);
    const auto fresh = auth().regenerate_recovery_codes(principal, good_password);
    ASSERT_EQ(fresh.size(), 10u);
    EXPECT_NE(fresh, enrolled.recovery_codes);
    auth().logout(principal);
    const SignIn pending = login("adela.spravcova@example.org");
    // The old set is gone, the new one works.
    EXPECT_THROW(
        auth().complete_second_factor(pending.token, enrolled.recovery_codes[0], true, client),
        core::Error);
    EXPECT_EQ(auth().complete_second_factor(pending.token, fresh[0], true, client).state,
              SignInState::signed_in);
}

TEST_F(AuthSecondFactor, WithoutAMasterKeySecondFactorsAreUnavailable) {
    AuthSettings settings;
    settings.hashing = cheap_hashing();
    Authenticator keyless(*peek, *clock, settings, std::nullopt);
    const auto error = error_of([&] { keyless.csrf(); });
    EXPECT_EQ(error.code(), ErrorCode::internal);
    EXPECT_EQ(error.field(), "secret_key_file");
    // Passwords still work.
    EXPECT_EQ(keyless.login("jana.testova@example.org", good_password, client).state,
              SignInState::signed_in);
    const SignIn session = keyless.login("jana.testova@example.org", good_password, client);
    const auto found = keyless.session_principal(session.token, client);
    ASSERT_TRUE(found);
    EXPECT_EQ(error_of([&] { keyless.begin_totp(found->principal); }).code(), ErrorCode::internal);
}

}  // namespace
}  // namespace okrsek::service::test_auth
