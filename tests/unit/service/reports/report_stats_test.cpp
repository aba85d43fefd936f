// Responsiveness statistics (service/reports/report_stats.cpp) on known inputs: medians of odd
// and even counts, none answered, the threshold of 10 reports, shares against the deadlines,
// reports whose deadline has not passed yet, per-district splits.
#include "service/reports/report_stats.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace okrsek::service::reports {
namespace {

using namespace std::chrono_literals;

const store::TimePoint t0 = std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + 9h;
const store::TimePoint late_now = t0 + 24h * 365;

// A report made at t0 + `offset`, due for a first response 2 days and for a resolution 10
// days later, answered after `response` and resolved after `resolution` (if given).
store::ReportTiming timing(std::optional<std::chrono::hours> response,
                           std::optional<std::chrono::hours> resolution,
                           std::optional<std::int64_t> district = 1,
                           std::chrono::hours offset = 0h) {
    store::ReportTiming t;
    t.district_id = district;
    t.created_at = t0 + offset;
    t.first_response_due = t.created_at + 48h;
    t.resolution_due = t.created_at + 240h;
    if (response) t.first_response_at = t.created_at + *response;
    if (resolution) t.resolved_at = t.created_at + *resolution;
    return t;
}

std::vector<store::ReportTiming> answered_after_days(std::initializer_list<int> days) {
    std::vector<store::ReportTiming> result;
    for (const int d : days) result.push_back(timing(std::chrono::hours(24 * d), std::nullopt));
    return result;
}

TEST(ReportStats, MedianOfOddAndEvenCounts) {
    EXPECT_EQ(median_of({}), std::nullopt);
    EXPECT_DOUBLE_EQ(*median_of({5.0}), 5.0);
    EXPECT_DOUBLE_EQ(*median_of({9.0, 1.0, 4.0}), 4.0);
    EXPECT_DOUBLE_EQ(*median_of({9.0, 1.0, 4.0, 2.0}), 3.0);
    EXPECT_DOUBLE_EQ(*median_of({1.0, 1.0, 1.0, 8.0, 8.0, 8.0}), 4.5);
}

TEST(ReportStats, RoundsToOneDecimal) {
    EXPECT_DOUBLE_EQ(round_to_tenth(1.04), 1.0);
    EXPECT_DOUBLE_EQ(round_to_tenth(1.05 + 1e-9), 1.1);
    EXPECT_DOUBLE_EQ(round_to_tenth(2.0 / 3.0), 0.7);
}

TEST(ReportStats, OddCountGivesTheMiddleReport) {
    // 11 reports answered after 1…11 days: the median is 6 days.
    const auto timings = answered_after_days({5, 1, 11, 2, 10, 3, 9, 4, 8, 6, 7});
    const auto r = summarize_responsiveness(timings, 1, late_now);
    EXPECT_EQ(r.report_count, 11);
    ASSERT_TRUE(r.median_first_response_days);
    EXPECT_DOUBLE_EQ(*r.median_first_response_days, 6.0);
    // Answered within 48 h: the reports of day 1 and day 2.
    ASSERT_TRUE(r.share_first_response_on_time);
    EXPECT_DOUBLE_EQ(*r.share_first_response_on_time, 2.0 / 11.0);
    // None resolved, every resolution deadline passed: known and all late.
    EXPECT_EQ(r.median_resolution_days, std::nullopt);
    ASSERT_TRUE(r.share_resolved_on_time);
    EXPECT_DOUBLE_EQ(*r.share_resolved_on_time, 0.0);
}

TEST(ReportStats, EvenCountAveragesTheMiddlePairInHours) {
    std::vector<store::ReportTiming> timings;
    for (int i = 0; i < 12; ++i) timings.push_back(timing(std::chrono::hours(6 + 12 * i), 100h));
    // Responses after 6, 18, …, 138 h: the middle pair 66 h and 78 h, mean 72 h = 3.0 days.
    const auto r = summarize_responsiveness(timings, 1, late_now);
    EXPECT_DOUBLE_EQ(*r.median_first_response_days, 3.0);
    EXPECT_DOUBLE_EQ(*r.median_resolution_days, round_to_tenth(100.0 / 24.0));
    EXPECT_DOUBLE_EQ(*r.median_resolution_days, 4.2);
    // 6, 18, 30, 42 h are within 48 h.
    EXPECT_DOUBLE_EQ(*r.share_first_response_on_time, 4.0 / 12.0);
    EXPECT_DOUBLE_EQ(*r.share_resolved_on_time, 1.0);
}

TEST(ReportStats, NoneAnsweredGivesNoMediansButLateShares) {
    std::vector<store::ReportTiming> timings(10, timing(std::nullopt, std::nullopt));
    const auto r = summarize_responsiveness(timings, 1, late_now);
    EXPECT_EQ(r.report_count, 10);
    EXPECT_EQ(r.median_first_response_days, std::nullopt);
    EXPECT_EQ(r.median_resolution_days, std::nullopt);
    EXPECT_DOUBLE_EQ(*r.share_first_response_on_time, 0.0);
    EXPECT_DOUBLE_EQ(*r.share_resolved_on_time, 0.0);
}

TEST(ReportStats, ExactlyTenReportsGiveFiguresNineDoNot) {
    const auto ten = answered_after_days({1, 1, 1, 1, 1, 3, 3, 3, 3, 3});
    const auto with_ten = summarize_responsiveness(ten, 1, late_now);
    EXPECT_EQ(with_ten.report_count, 10);
    EXPECT_DOUBLE_EQ(*with_ten.median_first_response_days, 2.0);
    EXPECT_DOUBLE_EQ(*with_ten.share_first_response_on_time, 0.5);

    const std::vector<store::ReportTiming> nine(ten.begin(), ten.begin() + 9);
    const auto with_nine = summarize_responsiveness(nine, 1, late_now);
    EXPECT_EQ(with_nine.report_count, 9);
    EXPECT_EQ(with_nine.median_first_response_days, std::nullopt);
    EXPECT_EQ(with_nine.median_resolution_days, std::nullopt);
    EXPECT_EQ(with_nine.share_first_response_on_time, std::nullopt);
    EXPECT_EQ(with_nine.share_resolved_on_time, std::nullopt);
}

TEST(ReportStats, ReportsStillWithinTheirDeadlineDoNotCountInShares) {
    // At t0 + 3 days: 5 answered within 48 h, 5 unanswered whose first-response deadline
    // passed, 4 made just now and unanswered (not yet known). Nothing resolved, no resolution
    // deadline passed: no resolution share yet.
    std::vector<store::ReportTiming> timings;
    for (int i = 0; i < 5; ++i) timings.push_back(timing(24h, std::nullopt));
    for (int i = 0; i < 5; ++i) timings.push_back(timing(std::nullopt, std::nullopt));
    for (int i = 0; i < 4; ++i) timings.push_back(timing(std::nullopt, std::nullopt, 1, 71h));
    const auto r = summarize_responsiveness(timings, 1, t0 + 72h);
    EXPECT_EQ(r.report_count, 14);
    EXPECT_DOUBLE_EQ(*r.share_first_response_on_time, 0.5);
    EXPECT_EQ(r.share_resolved_on_time, std::nullopt);
}

TEST(ReportStats, ClosedCountsAsFinishedWhenNotResolved) {
    std::vector<store::ReportTiming> timings;
    for (int i = 0; i < 10; ++i) {
        auto t = timing(24h, std::nullopt);
        t.closed_at = t.created_at + std::chrono::hours(i < 5 ? 48 : 480);
        timings.push_back(t);
    }
    const auto r = summarize_responsiveness(timings, 1, late_now);
    EXPECT_DOUBLE_EQ(*r.median_resolution_days, 11.0);  // (2 + 20) / 2
    EXPECT_DOUBLE_EQ(*r.share_resolved_on_time, 0.5);
}

TEST(ReportStats, SplitsByDistrictAndKeepsTheTownFirst) {
    std::vector<store::ReportTiming> timings;
    for (int i = 0; i < 10; ++i) timings.push_back(timing(24h, 48h, 7));
    for (int i = 0; i < 3; ++i) timings.push_back(timing(72h, std::nullopt, 8));
    timings.push_back(timing(24h, std::nullopt, std::nullopt));  // in no district
    const std::vector<std::int64_t> districts{7, 8, 9};
    const auto all = responsiveness_by_district(timings, districts, late_now);
    ASSERT_EQ(all.size(), 4u);
    EXPECT_EQ(all[0].district_id, std::nullopt);
    EXPECT_EQ(all[0].report_count, 14);
    EXPECT_DOUBLE_EQ(*all[0].median_first_response_days, 1.0);
    EXPECT_DOUBLE_EQ(*all[0].share_first_response_on_time, 11.0 / 14.0);
    EXPECT_EQ(all[1].district_id, 7);
    EXPECT_EQ(all[1].report_count, 10);
    EXPECT_DOUBLE_EQ(*all[1].median_resolution_days, 2.0);
    EXPECT_EQ(all[2].district_id, 8);
    EXPECT_EQ(all[2].report_count, 3);
    EXPECT_EQ(all[2].median_first_response_days, std::nullopt);
    EXPECT_EQ(all[3].district_id, 9);
    EXPECT_EQ(all[3].report_count, 0);
}

}  // namespace
}  // namespace okrsek::service::reports
