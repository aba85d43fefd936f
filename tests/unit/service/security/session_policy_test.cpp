#include "service/security/session_policy.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "service/security/clock.hpp"

namespace okrsek::service::security {
namespace {

using namespace std::chrono_literals;

const Clock::time_point login{std::chrono::seconds(1'700'000'000)};

TEST(SessionPolicy, EndsAfterThirtyIdleMinutes) {
    const SessionPolicy policy;
    EXPECT_FALSE(policy.is_expired(login, login, login));
    EXPECT_FALSE(policy.is_expired(login, login, login + 29min + 59s));
    EXPECT_TRUE(policy.is_expired(login, login, login + 30min));
    // Use pushes the idle limit on.
    EXPECT_FALSE(policy.is_expired(login, login + 20min, login + 49min));
    EXPECT_TRUE(policy.is_expired(login, login + 20min, login + 50min));
}

TEST(SessionPolicy, EndsTwelveHoursAfterLoginHoweverBusy) {
    const SessionPolicy policy;
    EXPECT_FALSE(policy.is_expired(login, login + 11h + 59min, login + 11h + 59min + 59s));
    EXPECT_TRUE(policy.is_expired(login, login + 11h + 59min, login + 12h));
    EXPECT_EQ(policy.expires_at(login, login + 11h + 50min), login + 12h);
    EXPECT_EQ(policy.expires_at(login, login + 1h), login + 1h + 30min);
}

TEST(SessionPolicy, ALastSeenAheadOfTheClockCountsAsNow) {
    const SessionPolicy policy;
    // Another server's clock ran ahead and wrote last_seen in our future.
    EXPECT_FALSE(policy.is_expired(login, login + 2h, login + 1h));
    EXPECT_TRUE(policy.is_expired(login, login + 2h, login + 12h));
}

TEST(SessionPolicy, TouchesAtMostOnceAMinute) {
    const SessionPolicy policy;
    EXPECT_FALSE(policy.should_touch(login, login));
    EXPECT_FALSE(policy.should_touch(login, login + 59s));
    EXPECT_TRUE(policy.should_touch(login, login + 60s));
    EXPECT_TRUE(policy.should_touch(login, login + 10min));
    EXPECT_FALSE(policy.should_touch(login + 5s, login));
}

// A session driven through a day with a clock, the way the server will use the policy.
TEST(SessionPolicy, ASessionLivesThroughAClockedDay) {
    const SessionPolicy policy;
    ManualClock clock(login);
    auto last_seen = login;
    int writes = 0;
    const auto request = [&] {
        if (policy.is_expired(login, last_seen, clock.now())) return false;
        if (policy.should_touch(last_seen, clock.now())) {
            last_seen = clock.now();
            ++writes;
        }
        return true;
    };
    // A request every 10 s for two hours: one write a minute, not 720.
    for (int i = 0; i < 720; ++i) {
        ASSERT_TRUE(request()) << i;
        clock.advance(10s);
    }
    EXPECT_EQ(writes, 119);
    // A 29-minute lunch keeps the session; 30 minutes would not.
    clock.set(last_seen + 29min);
    EXPECT_TRUE(request());
    clock.set(last_seen + 30min);
    EXPECT_FALSE(request());
}

TEST(SessionPolicy, IsConfigurable) {
    const SessionPolicy policy(
        {.idle_timeout = 5min, .absolute_lifetime = 1h, .touch_interval = 30s});
    EXPECT_TRUE(policy.is_expired(login, login, login + 5min));
    EXPECT_TRUE(policy.is_expired(login, login + 59min, login + 1h));
    EXPECT_TRUE(policy.should_touch(login, login + 30s));
}

TEST(SessionPolicy, ValidatesItsSettings) {
    const auto field_of = [](SessionSettings settings) {
        try {
            SessionPolicy policy(settings);
        } catch (const core::Error& error) {
            EXPECT_EQ(error.code(), core::ErrorCode::invalid_argument);
            return error.field();
        }
        return std::string("none");
    };
    EXPECT_EQ(field_of({.touch_interval = 0s}), "touch_interval");
    EXPECT_EQ(field_of({.idle_timeout = 60s}), "idle_timeout");
    EXPECT_EQ(field_of({.idle_timeout = 2h, .absolute_lifetime = 1h}), "absolute_lifetime");
    EXPECT_EQ(field_of({}), "none");
}

}  // namespace
}  // namespace okrsek::service::security
