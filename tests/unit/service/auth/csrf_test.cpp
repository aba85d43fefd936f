// CSRF tokens: bound to the session (or pre-session) value and the server key.
#include "service/security/csrf.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "service/security/secret_token.hpp"
#include "service/security/server_keys.hpp"
#include "unit/service/auth/auth_fixture.hpp"

namespace okrsek::service::test_auth {
namespace {

using core::ErrorCode;

std::vector<unsigned char> key_of(unsigned char fill) {
    return std::vector<unsigned char>(sec::csrf_key_bytes, fill);
}

TEST(AuthCsrf, ATokenBelongsToItsSession) {
    const sec::CsrfTokens csrf(key_of(7));
    const std::string session = sec::new_secret_token();
    const std::string other = sec::new_secret_token();
    const std::string token = csrf.for_session(session);
    EXPECT_EQ(token.size(), 43u);  // 32 bytes, URL-safe base64 without padding
    EXPECT_EQ(
        token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
        std::string::npos);
    EXPECT_EQ(csrf.for_session(session), token);  // stable: no table needed
    EXPECT_TRUE(csrf.matches_session(session, token));
    EXPECT_FALSE(csrf.matches_session(other, token));
    EXPECT_NE(csrf.for_session(other), token);
    EXPECT_FALSE(csrf.matches_session(session, ""));
    EXPECT_FALSE(csrf.matches_session(session, token.substr(0, 42)));
    EXPECT_FALSE(csrf.matches_session(session, token + "A"));
    std::string flipped = token;
    flipped[10] = flipped[10] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(csrf.matches_session(session, flipped));
}

TEST(AuthCsrf, SessionAndPreSessionTokensDoNotMix) {
    const sec::CsrfTokens csrf(key_of(7));
    const std::string value = sec::new_secret_token();
    EXPECT_NE(csrf.for_pre_session(value), csrf.for_session(value));
    EXPECT_TRUE(csrf.matches_pre_session(value, csrf.for_pre_session(value)));
    EXPECT_FALSE(csrf.matches_pre_session(value, csrf.for_session(value)));
    EXPECT_FALSE(csrf.matches_session(value, csrf.for_pre_session(value)));
    EXPECT_FALSE(csrf.matches_pre_session(value, ""));
}

TEST(AuthCsrf, AnotherKeyMakesOtherTokens) {
    const sec::CsrfTokens first(key_of(7));
    const sec::CsrfTokens second(key_of(8));
    const std::string session = sec::new_secret_token();
    EXPECT_NE(first.for_session(session), second.for_session(session));
    EXPECT_FALSE(second.matches_session(session, first.for_session(session)));
}

TEST(AuthCsrf, TheKeyMustBeThirtyTwoBytes) {
    for (const std::size_t size :
         {std::size_t{0}, std::size_t{16}, std::size_t{31}, std::size_t{33}, std::size_t{64}}) {
        const std::vector<unsigned char> key(size, 1);
        const auto error = error_of([&] { sec::CsrfTokens tokens(key); });
        EXPECT_EQ(error.code(), ErrorCode::invalid_argument) << size;
        EXPECT_EQ(error.field(), "csrf_key");
    }
}

class AuthCsrfPlatform : public AuthTest {};

TEST_F(AuthCsrfPlatform, TheAuthenticatorUsesTheKeyDerivedFromTheMasterKey) {
    const auto keys = sec::ServerKeys::derive(test_master_key());
    const sec::CsrfTokens expected(keys.csrf);
    const std::string session = sec::new_secret_token();
    EXPECT_EQ(auth().csrf().for_session(session), expected.for_session(session));
    // Not the master key itself, nor another purpose's key.
    EXPECT_NE(auth().csrf().for_session(session),
              sec::CsrfTokens(test_master_key()).for_session(session));
    EXPECT_NE(auth().csrf().for_session(session),
              sec::CsrfTokens(keys.recovery_codes).for_session(session));
}

TEST_F(AuthCsrfPlatform, ARotatedSessionNeedsANewToken) {
    add_user("jana.testova@example.org", "Jana Testová");
    const SignIn here = login("jana.testova@example.org");
    const std::string before = auth().csrf().for_session(here.token);
    const SignIn rotated = auth().change_password(session_of(here.token).principal, here.token,
                                                  good_password, other_password);
    EXPECT_FALSE(auth().csrf().matches_session(rotated.token, before));
    EXPECT_TRUE(
        auth().csrf().matches_session(rotated.token, auth().csrf().for_session(rotated.token)));
}

}  // namespace
}  // namespace okrsek::service::test_auth
