#include "service/security/random.hpp"

#include <gtest/gtest.h>

#include <array>
#include <set>

namespace okrsek::service::security {
namespace {

TEST(Random, GivesTheRequestedNumberOfBytes) {
    EXPECT_EQ(random_bytes(0).size(), 0U);
    EXPECT_EQ(random_bytes(32).size(), 32U);
}

TEST(Random, NeverRepeatsA128BitValue) {
    std::set<std::vector<unsigned char>> seen;
    for (int i = 0; i < 1000; ++i) EXPECT_TRUE(seen.insert(random_bytes(16)).second);
}

TEST(Random, StaysBelowTheBoundAndReachesEveryValue) {
    std::array<int, 31> counts{};
    for (int i = 0; i < 31 * 200; ++i) {
        const auto value = random_below(31);
        ASSERT_LT(value, 31U);
        ++counts[value];
    }
    // 200 expected per value; below 100 would take a broken generator (p < 1e-15 each).
    for (const int count : counts) EXPECT_GT(count, 100);
}

}  // namespace
}  // namespace okrsek::service::security
