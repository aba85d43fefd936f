#include "http/answer_cache.hpp"

#include <gtest/gtest.h>

namespace okrsek::http {
namespace {

using namespace std::chrono_literals;

std::shared_ptr<const CachedAnswer> body_of(std::size_t bytes, char fill = 'x') {
    return std::make_shared<const CachedAnswer>(
        CachedAnswer{std::string(bytes, fill), "application/json", "", ""});
}

const AnswerCache::Clock::time_point t0{};

TEST(AnswerCache, AnAnswerIsFoundForItsKeyAndVersionOnly) {
    AnswerCache cache;
    cache.store("a", "1-1", body_of(10, 'a'), t0);
    const auto hit = cache.find("a", "1-1", t0 + 1s);
    ASSERT_NE(hit, nullptr);
    EXPECT_EQ(hit->body, std::string(10, 'a'));
    EXPECT_EQ(cache.find("b", "1-1", t0), nullptr);
    // A new data version (an import, a layer change) makes the answer stale: it goes.
    EXPECT_EQ(cache.find("a", "2-1", t0 + 1s), nullptr);
    EXPECT_EQ(cache.find("a", "1-1", t0 + 1s), nullptr);
    EXPECT_EQ(cache.size(), 0u);
    EXPECT_EQ(cache.bytes(), 0u);
}

TEST(AnswerCache, AnswersOlderThanTheMaximumAgeAreBuiltAgain) {
    AnswerCache cache({.max_age = 60s});
    cache.store("a", "v", body_of(5), t0);
    EXPECT_NE(cache.find("a", "v", t0 + 59s), nullptr);
    EXPECT_EQ(cache.find("a", "v", t0 + 60s), nullptr);
}

TEST(AnswerCache, TheLeastRecentlyUsedGoFirstWhenEntriesOrBytesRunOut) {
    AnswerCache cache({.max_entries = 2, .max_bytes = 100, .max_entry_bytes = 80});
    cache.store("a", "v", body_of(30), t0);
    cache.store("b", "v", body_of(30), t0);
    ASSERT_NE(cache.find("a", "v", t0), nullptr);  // a is now the most recently used
    cache.store("c", "v", body_of(30), t0);        // a third entry: b goes
    EXPECT_EQ(cache.find("b", "v", t0), nullptr);
    EXPECT_NE(cache.find("a", "v", t0), nullptr);
    EXPECT_NE(cache.find("c", "v", t0), nullptr);
    EXPECT_EQ(cache.bytes(), 60u);

    cache.store("d", "v", body_of(71), t0);  // a goes (two entries), then c (101 bytes)
    EXPECT_EQ(cache.size(), 1u);
    EXPECT_EQ(cache.bytes(), 71u);
    EXPECT_NE(cache.find("d", "v", t0), nullptr);

    cache.store("huge", "v", body_of(81), t0);  // above max_entry_bytes: not kept
    EXPECT_EQ(cache.find("huge", "v", t0), nullptr);
    EXPECT_EQ(cache.size(), 1u);
}

TEST(AnswerCache, StoringAgainReplacesTheAnswer) {
    AnswerCache cache;
    cache.store("a", "v", body_of(10, 'a'), t0);
    cache.store("a", "w", body_of(20, 'b'), t0);
    EXPECT_EQ(cache.size(), 1u);
    EXPECT_EQ(cache.bytes(), 20u);
    EXPECT_EQ(cache.find("a", "v", t0), nullptr);
}

TEST(AnswerCache, KeysTellPathsAndParametersApart) {
    Request plain;
    plain.path = "/api/v1/statistics/table";
    plain.query = {{"town", "554782"}, {"level", "districts"}};
    Request swapped = plain;
    swapped.query = {{"town", "554782&level=districts"}};
    Request other = plain;
    other.query = {{"town", "554782"}, {"level", "city_parts"}};
    EXPECT_NE(AnswerCache::key_of(plain), AnswerCache::key_of(swapped));
    EXPECT_NE(AnswerCache::key_of(plain), AnswerCache::key_of(other));
    EXPECT_EQ(AnswerCache::key_of(plain), AnswerCache::key_of(Request(plain)));
}

}  // namespace
}  // namespace okrsek::http
