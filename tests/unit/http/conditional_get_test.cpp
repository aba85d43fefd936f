#include "http/conditional_get.hpp"

#include <gtest/gtest.h>

namespace okrsek::http {
namespace {

TEST(ConditionalGet, IfNoneMatchNamesTheTagInAListWeaklyOrByStar) {
    EXPECT_TRUE(etag_matches("\"a1\"", "\"a1\""));
    EXPECT_TRUE(etag_matches("\"x\", \"a1\" ,\"y\"", "\"a1\""));
    EXPECT_TRUE(etag_matches("W/\"a1\"", "\"a1\""));  // weak comparison for GET
    EXPECT_TRUE(etag_matches("*", "\"a1\""));
    EXPECT_FALSE(etag_matches("", "\"a1\""));
    EXPECT_FALSE(etag_matches("\"a\"", "\"a1\""));
    // A tag that only contains the other is not it.
    EXPECT_FALSE(etag_matches("\"xa1\"x", "\"a1\""));
    EXPECT_FALSE(etag_matches("\"a1x\"", "\"a1\""));
}

}  // namespace
}  // namespace okrsek::http
