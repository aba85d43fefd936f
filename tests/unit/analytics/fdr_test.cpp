#include "analytics/fdr.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/error.hpp"

namespace okrsek::analytics {
namespace {

TEST(BenjaminiHochberg, MatchesRsPAdjust) {
    // R 4.2: p.adjust(c(0.01, 0.04, 0.03, 0.005, NA, 0.2, 0.2, 0.9), "BH")
    //   0.035 0.070 0.070 0.035 NA 0.2333333 0.2333333 0.900
    const double nan = std::nan("");
    const auto q =
        benjamini_hochberg(std::vector<double>{0.01, 0.04, 0.03, 0.005, nan, 0.2, 0.2, 0.9});
    const std::vector<double> r{0.035, 0.07, 0.07, 0.035, nan, 0.7 / 3.0, 0.7 / 3.0, 0.9};
    ASSERT_EQ(q.size(), r.size());
    for (std::size_t i = 0; i < q.size(); ++i) {
        if (std::isnan(r[i])) {
            EXPECT_TRUE(std::isnan(q[i]));
        } else {
            EXPECT_NEAR(q[i], r[i], 1e-15) << i;
        }
    }
}

TEST(BenjaminiHochberg, NeverExceedsOneAndKeepsOrder) {
    const auto q = benjamini_hochberg(std::vector<double>{1.0, 0.99, 0.5, 0.0});
    EXPECT_EQ(q[0], 1.0);
    EXPECT_EQ(q[1], 1.0);
    EXPECT_DOUBLE_EQ(q[2], 0.5 * 4.0 / 2.0);
    EXPECT_EQ(q[3], 0.0);
    EXPECT_TRUE(benjamini_hochberg(std::vector<double>{}).empty());
    EXPECT_THROW(benjamini_hochberg(std::vector<double>{0.5, 1.5}), core::Error);
    EXPECT_THROW(benjamini_hochberg(std::vector<double>{-0.1}), core::Error);
}

}  // namespace
}  // namespace okrsek::analytics
