#include "service/security/clock.hpp"

#include <gtest/gtest.h>

namespace okrsek::service::security {
namespace {

using namespace std::chrono_literals;

const Clock::time_point clock_start{std::chrono::seconds(1'700'000'000)};

TEST(ManualClock, StandsStillUntilMoved) {
    ManualClock clock(clock_start);
    EXPECT_EQ(clock.now(), clock_start);
    EXPECT_EQ(clock.now(), clock_start);
    clock.advance(90s);
    EXPECT_EQ(clock.now(), clock_start + 90s);
    clock.advance(-30s);
    EXPECT_EQ(clock.now(), clock_start + 60s);
    clock.set(clock_start + 1h);
    EXPECT_EQ(clock.now(), clock_start + 1h);
}

TEST(ManualClock, WorksThroughTheInterface) {
    ManualClock manual(clock_start);
    const Clock& clock = manual;
    manual.advance(5min);
    EXPECT_EQ(clock.now(), clock_start + 5min);
}

TEST(SystemClock, FollowsTheWallClock) {
    const SystemClock clock;
    const auto before = std::chrono::system_clock::now();
    const auto now = clock.now();
    const auto after = std::chrono::system_clock::now();
    EXPECT_LE(before, now);
    EXPECT_LE(now, after);
}

}  // namespace
}  // namespace okrsek::service::security
