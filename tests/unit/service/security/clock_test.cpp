#include "service/security/clock.hpp"

#include <gtest/gtest.h>

namespace okrsek::service::security {
namespace {

using namespace std::chrono_literals;

const Clock::time_point start{std::chrono::seconds(1'700'000'000)};

TEST(ManualClock, StandsStillUntilMoved) {
    ManualClock clock(start);
    EXPECT_EQ(clock.now(), start);
    EXPECT_EQ(clock.now(), start);
    clock.advance(90s);
    EXPECT_EQ(clock.now(), start + 90s);
    clock.advance(-30s);
    EXPECT_EQ(clock.now(), start + 60s);
    clock.set(start + 1h);
    EXPECT_EQ(clock.now(), start + 1h);
}

TEST(ManualClock, WorksThroughTheInterface) {
    ManualClock manual(start);
    const Clock& clock = manual;
    manual.advance(5min);
    EXPECT_EQ(clock.now(), start + 5min);
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
