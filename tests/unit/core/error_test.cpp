#include "core/error.hpp"

#include <gtest/gtest.h>

namespace okrsek::core {
namespace {

TEST(Error, CarriesCodeMessageAndField) {
    Error error(ErrorCode::invalid_argument, "lat is not a number", "lat");
    EXPECT_EQ(error.code(), ErrorCode::invalid_argument);
    EXPECT_STREQ(error.what(), "lat is not a number");
    EXPECT_EQ(error.field(), "lat");
}

TEST(Error, CodesHaveStableNames) {
    EXPECT_EQ(to_string(ErrorCode::outside_coverage), "outside_coverage");
    EXPECT_EQ(to_string(ErrorCode::payload_too_large), "payload_too_large");
    EXPECT_EQ(to_string(ErrorCode::unavailable), "unavailable");
}

}  // namespace
}  // namespace okrsek::core
