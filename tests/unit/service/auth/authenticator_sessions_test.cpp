// Authenticator: session expiry (idle and absolute) on a manual clock, activity notes at most
// once per touch interval, logout in its three forms, and password changes.
#include <gtest/gtest.h>

#include <algorithm>

#include "unit/service/auth/auth_fixture.hpp"

namespace okrsek::service::test_auth {
namespace {

using core::ErrorCode;

class AuthSessions : public AuthTest {
protected:
    AuthSessions() : jana(add_user("jana.testova@example.org", "Jana Testová")) {}

    /// The stored last_seen_at of session `id` (the store's view, not the principal's).
    store::TimePoint last_seen(std::int64_t id) {
        for (const auto& session : peek->sessions_of(jana, clock->now())) {
            if (session.id == id) return session.last_seen_at;
        }
        throw std::runtime_error("no usable session " + std::to_string(id));
    }

    bool usable(const std::string& token) {
        return auth().session_principal(token, client).has_value();
    }

    const std::int64_t jana;
};

TEST_F(AuthSessions, IdleSessionsEndAfterThirtyMinutes) {
    const SignIn sign_in = login("jana.testova@example.org");
    clock->advance(30min - 1s);
    EXPECT_TRUE(usable(sign_in.token));  // noted as activity
    clock->advance(30min - 1s);
    EXPECT_TRUE(usable(sign_in.token));
    clock->advance(30min);  // at the very instant the idle limit is reached it is over
    EXPECT_FALSE(usable(sign_in.token));
    clock->advance(-1s);  // one second earlier it was still usable: the refusal wrote nothing
    EXPECT_TRUE(usable(sign_in.token));
}

TEST_F(AuthSessions, AnUntouchedSessionEndsExactlyAtTheIdleLimit) {
    const SignIn sign_in = login("jana.testova@example.org");
    clock->advance(30min);
    EXPECT_FALSE(usable(sign_in.token));
}

TEST_F(AuthSessions, EverySessionEndsTwelveHoursAfterLogin) {
    const SignIn sign_in = login("jana.testova@example.org");
    for (int i = 0; i < 35; ++i) {  // busy all day: a request every 20 minutes
        clock->advance(20min);
        EXPECT_TRUE(usable(sign_in.token)) << i;
    }
    clock->set(t0 + 12h - 1s);
    EXPECT_TRUE(usable(sign_in.token));
    clock->set(t0 + 12h);
    EXPECT_FALSE(usable(sign_in.token));
    EXPECT_TRUE(peek->sessions_of(jana, clock->now()).empty());
}

TEST_F(AuthSessions, RotationDoesNotExtendTheAbsoluteLifetime) {
    const SignIn sign_in = login("jana.testova@example.org");
    clock->advance(11h);
    peek->touch_session(sign_in.session.id, clock->now());  // busy all along
    const SignIn rotated = auth().change_password(session_of(sign_in.token).principal,
                                                  sign_in.token, good_password, other_password);
    EXPECT_EQ(rotated.session.created_at, t0);
    EXPECT_EQ(rotated.session.expires_at, t0 + 12h);
    for (int i = 0; i < 2; ++i) {  // still busy: a request every 25 minutes
        clock->advance(25min);
        EXPECT_TRUE(usable(rotated.token));
    }
    clock->set(t0 + 12h - 1s);
    EXPECT_TRUE(usable(rotated.token));
    clock->set(t0 + 12h);
    EXPECT_FALSE(usable(rotated.token));
}

TEST_F(AuthSessions, ActivityIsNotedAtMostOncePerMinute) {
    const SignIn sign_in = login("jana.testova@example.org");
    const std::int64_t id = sign_in.session.id;
    EXPECT_EQ(last_seen(id), t0);
    clock->advance(30s);
    const auto early = auth().session_principal(sign_in.token, client);
    ASSERT_TRUE(early);
    EXPECT_EQ(early->principal.session_last_seen_at, t0);
    EXPECT_EQ(last_seen(id), t0);  // not written
    clock->advance(30s);
    const auto touched = auth().session_principal(sign_in.token, client);
    ASSERT_TRUE(touched);
    EXPECT_EQ(touched->principal.session_last_seen_at, t0 + 1min);
    EXPECT_EQ(last_seen(id), t0 + 1min);
    clock->advance(59s);
    EXPECT_TRUE(usable(sign_in.token));
    EXPECT_EQ(last_seen(id), t0 + 1min);
    clock->advance(1s);
    EXPECT_TRUE(usable(sign_in.token));
    EXPECT_EQ(last_seen(id), t0 + 2min);
    // Activity notes are not audited: the log would drown in them.
    EXPECT_TRUE(audit_rows("session.touch").empty());
    EXPECT_EQ(audit_rows().front().action, "auth.login");
}

TEST_F(AuthSessions, ATouchLateInTheIntervalCanEndTheSessionThatMuchEarly) {
    // The documented price of touching once a minute: activity 59 s after a touch is not
    // written, so the idle limit counts from the touch before it.
    const SignIn sign_in = login("jana.testova@example.org");
    clock->advance(59s);
    EXPECT_TRUE(usable(sign_in.token));
    clock->advance(30min - 59s);
    EXPECT_FALSE(usable(sign_in.token));
}

TEST_F(AuthSessions, GarbageAndUnknownTokensFindNothing) {
    login("jana.testova@example.org");
    EXPECT_FALSE(usable(""));
    EXPECT_FALSE(usable("not a token"));
    EXPECT_FALSE(usable(std::string(1 << 20, 'a')));
    EXPECT_FALSE(usable(std::string(43, 'A')));  // well-formed, but no such session
}

TEST_F(AuthSessions, LogoutEndsOnlyThisSession) {
    const SignIn first = login("jana.testova@example.org");
    const SignIn second = login("jana.testova@example.org");
    auth().logout(session_of(first.token).principal);
    EXPECT_FALSE(usable(first.token));
    EXPECT_TRUE(usable(second.token));
    EXPECT_EQ(audit_rows("auth.logout").size(), 1u);
    // A principal without a session (built for a check, not signed in) ends nothing.
    auth().logout(as_user(jana));
    EXPECT_TRUE(usable(second.token));
}

TEST_F(AuthSessions, LogoutEverywhereEndsEverySession) {
    const SignIn first = login("jana.testova@example.org");
    const SignIn second = login("jana.testova@example.org");
    const SignIn third = login("jana.testova@example.org");
    const Principal principal = session_of(second.token).principal;
    EXPECT_EQ(auth().sessions(principal).size(), 3u);
    EXPECT_EQ(auth().logout_everywhere(principal), 3);
    EXPECT_FALSE(usable(first.token));
    EXPECT_FALSE(usable(second.token));
    EXPECT_FALSE(usable(third.token));
    EXPECT_TRUE(auth().sessions(principal).empty());
    EXPECT_EQ(audit_rows("auth.logout_everywhere").size(), 1u);
}

TEST_F(AuthSessions, EndOtherSessionsKeepsThisOne) {
    const SignIn first = login("jana.testova@example.org");
    clock->advance(1min);
    const SignIn second = login("jana.testova@example.org");
    const std::int64_t other = add_user("karel.jiny@example.org", "Karel Jiný");
    const SignIn stranger = login("karel.jiny@example.org");
    EXPECT_EQ(auth().end_other_sessions(session_of(second.token).principal), 1);
    EXPECT_FALSE(usable(first.token));
    EXPECT_TRUE(usable(second.token));
    EXPECT_TRUE(usable(stranger.token));  // another user's sessions are untouched
    const auto left = auth().sessions(session_of(second.token).principal);
    ASSERT_EQ(left.size(), 1u);
    EXPECT_EQ(left[0].id, second.session.id);
    EXPECT_EQ(peek->sessions_of(other, clock->now()).size(), 1u);
}

TEST_F(AuthSessions, SessionsAreListedNewestFirst) {
    const SignIn first = login("jana.testova@example.org");
    clock->advance(5min);
    const SignIn second = login("jana.testova@example.org");
    const auto listed = auth().sessions(session_of(first.token).principal);
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[0].id, second.session.id);
    EXPECT_EQ(listed[1].id, first.session.id);
}

TEST_F(AuthSessions, ChangingThePasswordRotatesAndEndsOtherSessions) {
    const SignIn elsewhere = login("jana.testova@example.org");
    const SignIn here = login("jana.testova@example.org");
    const Principal principal = session_of(here.token).principal;
    const SignIn rotated =
        auth().change_password(principal, here.token, good_password, other_password);
    EXPECT_EQ(rotated.state, SignInState::signed_in);
    EXPECT_NE(rotated.token, here.token);
    EXPECT_EQ(rotated.session.id, here.session.id);
    EXPECT_FALSE(usable(here.token));
    EXPECT_FALSE(usable(elsewhere.token));
    EXPECT_TRUE(usable(rotated.token));
    EXPECT_EQ(audit_rows("user.password.change").size(), 1u);
    EXPECT_THROW(login("jana.testova@example.org", good_password), core::Error);
    EXPECT_EQ(login("jana.testova@example.org", other_password).state, SignInState::signed_in);
}

TEST_F(AuthSessions, ChangingThePasswordNeedsTheCurrentOneAndAGoodNewOne) {
    const SignIn here = login("jana.testova@example.org");
    const Principal principal = session_of(here.token).principal;
    const auto wrong = error_of(
        [&] { auth().change_password(principal, here.token, other_password, other_password); });
    EXPECT_EQ(wrong.code(), ErrorCode::invalid_input);
    EXPECT_EQ(wrong.field(), "current_password");
    EXPECT_TRUE(usable(here.token));  // nothing changed
    EXPECT_EQ(audit_rows("auth.password.failed").size(), 1u);

    try {
        auth().change_password(principal, here.token, good_password, "jana.testova-1234");
        ADD_FAILURE() << "a password made of the e-mail address was accepted";
    } catch (const PasswordRejected& rejected) {
        EXPECT_EQ(rejected.code(), ErrorCode::invalid_input);
        EXPECT_EQ(rejected.field(), "password");
        EXPECT_NE(std::find(rejected.reasons().begin(), rejected.reasons().end(), "contains_email"),
                  rejected.reasons().end());
    }
    EXPECT_TRUE(usable(here.token));
    EXPECT_EQ(login("jana.testova@example.org", good_password).state, SignInState::signed_in);
}

TEST_F(AuthSessions, WrongCurrentPasswordsCountTowardTheLock) {
    const SignIn here = login("jana.testova@example.org");
    const Principal principal = session_of(here.token).principal;
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(error_of([&] {
                      auth().change_password(principal, here.token, "wrong", other_password);
                  }).code(),
                  ErrorCode::invalid_input);
    }
    EXPECT_THROW(auth().change_password(principal, here.token, good_password, other_password),
                 ThrottledError);
}

TEST_F(AuthSessions, ADeactivatedUsersSessionsEnd) {
    const SignIn sign_in = login("jana.testova@example.org");
    accounts().set_active(Principal::cli(), jana, false, "left the office");
    EXPECT_FALSE(usable(sign_in.token));
    accounts().set_active(Principal::cli(), jana, true, "came back");
    EXPECT_FALSE(usable(sign_in.token));  // revoked for good
    EXPECT_EQ(login("jana.testova@example.org").state, SignInState::signed_in);
}

TEST_F(AuthSessions, PurgeRemovesWhatCanNoLongerBeUsed) {
    const SignIn ended = login("jana.testova@example.org");
    auth().logout(session_of(ended.token).principal);
    const SignIn kept = login("jana.testova@example.org");
    EXPECT_THROW(login("jana.testova@example.org", "wrong"), core::Error);
    const auto purged = auth().purge_expired();
    EXPECT_EQ(purged.sessions, 1);
    EXPECT_TRUE(usable(kept.token));
    clock->advance(12h);
    const auto later = auth().purge_expired();
    EXPECT_EQ(later.sessions, 1);
    EXPECT_GE(later.throttle_counters, 1);
}

}  // namespace
}  // namespace okrsek::service::test_auth
