// Authenticator::login: success, failures that all look alike, throttling per account and per
// address, and what the audit log keeps of failed attempts.
#include <gtest/gtest.h>

#include "service/security/login_throttle_policy.hpp"
#include "service/security/password_hasher.hpp"
#include "unit/service/auth/auth_fixture.hpp"

namespace okrsek::service::test_auth {
namespace {

using core::ErrorCode;

class AuthLogin : public AuthTest {
protected:
    AuthLogin() : jana(add_user("jana.testova@example.org", "Jana Testová")) {}

    /// The ThrottledError a login attempt throws (a failure when it throws something else).
    std::optional<ThrottledError> throttled(const std::string& email, const std::string& password,
                                            const ClientInfo& from) {
        try {
            auth().login(email, password, from);
        } catch (const ThrottledError& error) {
            return error;
        } catch (const core::Error& error) {
            ADD_FAILURE() << "not throttled: " << error.what();
            return std::nullopt;
        }
        ADD_FAILURE() << "the login succeeded";
        return std::nullopt;
    }

    /// A wrong password for Jana, which must fail as unauthenticated.
    void fail_once(const ClientInfo& from) {
        const auto error =
            error_of([&] { auth().login("jana.testova@example.org", "wrong", from); });
        EXPECT_EQ(error.code(), ErrorCode::unauthenticated) << error.what();
    }

    const std::int64_t jana;
};

TEST_F(AuthLogin, RightPasswordOpensAFullSession) {
    const SignIn sign_in = login("jana.testova@example.org");
    EXPECT_EQ(sign_in.state, SignInState::signed_in);
    EXPECT_EQ(sign_in.session.user_id, jana);
    EXPECT_FALSE(sign_in.session.second_factor_pending);
    EXPECT_EQ(sign_in.session.expires_at, t0 + 12h);
    EXPECT_EQ(sign_in.session.ip, "192.0.2.10");
    EXPECT_EQ(sign_in.session.user_agent, "Firefox/140.0");
    const auto found = auth().session_principal(sign_in.token, client);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->state, SignInState::signed_in);
    EXPECT_EQ(found->principal.id, jana);
    EXPECT_EQ(found->principal.email, "jana.testova@example.org");
    EXPECT_EQ(found->principal.session_id, sign_in.session.id);
    EXPECT_EQ(peek->find_user(jana)->last_login_at, t0);
    EXPECT_EQ(audit_rows("auth.login").size(), 1u);
}

TEST_F(AuthLogin, EmailIsMatchedWhateverItsCase) {
    EXPECT_EQ(login("Jana.Testova@EXAMPLE.org").session.user_id, jana);
}

TEST_F(AuthLogin, EveryFailureLooksTheSame) {
    add_user("petr.bezhesla@example.org", "Petr Bezhesla", std::nullopt, sec::Scope::everything(),
             std::nullopt);  // invited, no password yet
    const std::int64_t inactive = add_user("olga.neaktivni@example.org", "Olga Neaktivní");
    accounts().set_active(Principal::cli(), inactive, false, "left the office");

    std::vector<core::Error> errors;
    for (const auto& [email, password] : std::vector<std::pair<std::string, std::string>>{
             {"nikdo.neznamy@example.org", good_password},   // unknown
             {"jana.testova@example.org", other_password},   // wrong password
             {"olga.neaktivni@example.org", good_password},  // inactive, right password
             {"petr.bezhesla@example.org", good_password},   // no password yet
             {"petr.bezhesla@example.org", ""}}) {
        errors.push_back(error_of([&] { auth().login(email, password, client); }));
    }
    for (const auto& error : errors) {
        EXPECT_EQ(error.code(), ErrorCode::unauthenticated);
        EXPECT_STREQ(error.what(), "wrong e-mail address or password");
        EXPECT_EQ(error.field(), errors.front().field());
    }
    EXPECT_EQ(audit_rows("auth.login.failed").size(), errors.size());
    EXPECT_TRUE(audit_rows("auth.login").empty());
}

TEST_F(AuthLogin, MalformedInputIsRefusedAsWrongCredentials) {
    EXPECT_EQ(error_of([&] { login(""); }).code(), ErrorCode::unauthenticated);
    EXPECT_EQ(error_of([&] { login(std::string(321, 'a')); }).code(), ErrorCode::unauthenticated);
    EXPECT_EQ(error_of([&] {
                  login("jana.testova@example.org", std::string(sec::max_password_bytes + 1, 'x'));
              }).code(),
              ErrorCode::unauthenticated);
}

TEST_F(AuthLogin, FailedLoginsAreAuditedWithoutAddressOrPassword) {
    const std::string typed_password = "tajne-heslo-ktere-nesmi-do-logu";
    EXPECT_THROW(auth().login("nikdo.neznamy@example.org", typed_password, client), core::Error);
    EXPECT_THROW(auth().login("jana.testova@example.org", typed_password, client), core::Error);

    const auto failed = audit_rows("auth.login.failed");
    ASSERT_EQ(failed.size(), 2u);
    EXPECT_EQ(failed[1].object_id, "unknown");  // older row: the unknown address
    EXPECT_EQ(failed[1].actor_kind, store::ActorKind::system);
    EXPECT_EQ(failed[0].object_id, std::to_string(jana));
    EXPECT_EQ(failed[0].actor_id, jana);
    EXPECT_EQ(failed[0].client_address, "192.0.2.10");
    for (const auto& row : audit_rows()) {
        const std::string fields = row.action + "|" + row.object_type + "|" + row.object_id + "|" +
                                   row.client_address.value_or("") + "|" + row.reason.value_or("") +
                                   "|" + row.details_json;
        for (const std::string secret :
             {"nikdo.neznamy", "jana.testova", "example.org", typed_password.c_str()}) {
            EXPECT_EQ(fields.find(secret), std::string::npos) << row.action << ": " << fields;
        }
    }
    // The throttle counter is keyed by a hash of the address, not the address itself.
    EXPECT_TRUE(peek->throttle_state(sec::account_throttle_key("nikdo.neznamy@example.org")));
    EXPECT_FALSE(peek->throttle_state("account:nikdo.neznamy@example.org"));
}

TEST_F(AuthLogin, FiveFailuresLockTheAccountForGrowingTimes) {
    for (int i = 0; i < 4; ++i) fail_once(client);
    // The fifth failure is the last free one; it starts a lock of 1 s.
    fail_once(client);
    auto refused = throttled("jana.testova@example.org", good_password, client);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->code(), ErrorCode::rate_limited);
    EXPECT_EQ(refused->retry_after(), 1s);

    clock->advance(1s);
    fail_once(client);  // sixth failure: 2 s
    refused = throttled("jana.testova@example.org", good_password, client);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->retry_after(), 2s);

    clock->advance(2s);
    fail_once(client);  // seventh: 4 s
    refused = throttled("jana.testova@example.org", good_password, client);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->retry_after(), 4s);

    clock->advance(4s);
    EXPECT_EQ(login("jana.testova@example.org").state, SignInState::signed_in);
    // Success resets the counter: five more free failures.
    EXPECT_FALSE(peek->throttle_state(sec::account_throttle_key("jana.testova@example.org")));
}

TEST_F(AuthLogin, AccountLockHoldsForEveryAddressAndForUnknownAccountsToo) {
    for (int i = 0; i < 5; ++i) fail_once(client);
    const ClientInfo elsewhere{"198.51.100.4", "curl"};
    EXPECT_TRUE(throttled("JANA.testova@example.org", good_password, elsewhere));
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(error_of([&] { auth().login("nikdo@example.org", "x", elsewhere); }).code(),
                  ErrorCode::unauthenticated);
    }
    // An unknown address is throttled like an existing one, so the answer reveals nothing.
    EXPECT_TRUE(throttled("nikdo@example.org", "x", elsewhere));
}

TEST_F(AuthLogin, AccountCountResetsAfterItsWindow) {
    for (int i = 0; i < 4; ++i) fail_once(client);
    clock->advance(15min);  // the window is over: the count starts again
    for (int i = 0; i < 4; ++i) fail_once(client);
    // Eight failures in all, but four per window: no lock yet.
    EXPECT_EQ(login("jana.testova@example.org").state, SignInState::signed_in);
}

TEST_F(AuthLogin, LockNeverOutlastsTheWindow) {
    for (int i = 0; i < 5; ++i) fail_once(client);
    // Keep failing as soon as allowed: the lock doubles but ends with the 15-minute window.
    std::chrono::seconds waited{0};
    for (int i = 0; i < 20; ++i) {
        const auto refused = throttled("jana.testova@example.org", "wrong", client);
        ASSERT_TRUE(refused);
        EXPECT_LE(refused->retry_after(), 15min);
        clock->advance(refused->retry_after());
        waited += refused->retry_after();
        if (waited >= 15min) break;
        fail_once(client);
    }
    EXPECT_GE(waited, 15min - 10s);
    EXPECT_LE(waited, 15min);
    EXPECT_EQ(login("jana.testova@example.org").state, SignInState::signed_in);
}

TEST_F(AuthLogin, AThrottledAttemptChecksNoPassword) {
    for (int i = 0; i < 5; ++i) fail_once(client);
    const std::string key = sec::account_throttle_key("jana.testova@example.org");
    const auto before = peek->throttle_state(key);
    ASSERT_TRUE(before);
    ASSERT_TRUE(before->locked_until);
    // The right password is refused, and neither a right nor a wrong one counts.
    EXPECT_TRUE(throttled("jana.testova@example.org", good_password, client));
    EXPECT_TRUE(throttled("jana.testova@example.org", "wrong", client));
    const auto after = peek->throttle_state(key);
    ASSERT_TRUE(after);
    EXPECT_EQ(after->count, before->count);
    EXPECT_EQ(after->locked_until, before->locked_until);
    EXPECT_EQ(audit_rows("auth.login.failed").size(), 5u);
    const auto refused = audit_rows("auth.login.throttled");
    ASSERT_EQ(refused.size(), 2u);
    EXPECT_EQ(refused[0].object_id, "account");
    EXPECT_TRUE(audit_rows("auth.login").empty());
}

TEST_F(AuthLogin, TwentyAttemptsAMinutePerAddress) {
    // Twenty attempts from one address on twenty accounts: no account is locked, the
    // address is.
    for (int i = 0; i < 20; ++i) {
        EXPECT_EQ(error_of([&] {
                      auth().login("host" + std::to_string(i) + "@example.org", "x", client);
                  }).code(),
                  ErrorCode::unauthenticated);
    }
    auto refused = throttled("jana.testova@example.org", good_password, client);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->retry_after(), 60s);
    EXPECT_EQ(audit_rows("auth.login.throttled").front().object_id, "address");
    // Another address is not held up.
    EXPECT_EQ(auth().login("jana.testova@example.org", good_password, {"192.0.2.11", ""}).state,
              SignInState::signed_in);
    clock->advance(30s);
    refused = throttled("jana.testova@example.org", good_password, client);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->retry_after(), 30s);
    clock->advance(30s);  // a new minute
    EXPECT_EQ(login("jana.testova@example.org").state, SignInState::signed_in);
}

TEST_F(AuthLogin, SuccessfulAttemptsCountPerAddressToo) {
    for (int i = 0; i < 20; ++i) login("jana.testova@example.org");
    EXPECT_TRUE(throttled("jana.testova@example.org", good_password, client));
}

TEST_F(AuthLogin, AnOldHashIsReplacedOnLogin) {
    // A hash made with a higher cost than today's settings.
    sec::PasswordHashSettings older = cheap_hashing();
    older.opslimit = 3;
    sec::PasswordHasher old_hasher(older);
    peek->set_password_hash(jana, old_hasher.hash(good_password), t0, std::nullopt,
                            Principal::cli().audit("user.password.set", "user", ""));
    const SignIn other_device = login("jana.testova@example.org");
    peek->set_password_hash(jana, old_hasher.hash(good_password), t0, other_device.session.id,
                            Principal::cli().audit("user.password.set", "user", ""));
    const SignIn sign_in = login("jana.testova@example.org");
    const auto stored = peek->user_credentials(jana)->password_hash;
    ASSERT_TRUE(stored);
    EXPECT_FALSE(auth().hasher().needs_rehash(*stored));
    EXPECT_EQ(audit_rows("user.password.rehash").size(), 2u);  // one per login with an old hash
    // The rehash keeps the session that triggered it, and the user's other sessions.
    EXPECT_TRUE(auth().session_principal(sign_in.token, client));
    EXPECT_TRUE(auth().session_principal(other_device.token, client));
    EXPECT_EQ(login("jana.testova@example.org").state, SignInState::signed_in);
}

}  // namespace
}  // namespace okrsek::service::test_auth
