// Selecting reports on both engines: every filter of list_reports with totals and paging, the
// escalation sweep's choice at its boundaries, public feeds and the timing statistics' input.
#include <gtest/gtest.h>

#include <algorithm>

#include "report_fixture.hpp"

namespace okrsek::store::test_accounts {
namespace {

std::vector<std::int64_t> ids_of(const ReportPage& page) {
    std::vector<std::int64_t> ids;
    for (const auto& report : page.reports) ids.push_back(report.id);
    return ids;
}

class ReportQueryTest : public ReportStoreTest {
protected:
    // Six reports an hour apart: A new, A resolved, B in progress (level 2), unassigned
    // (city part 77) acknowledged, Jinov new, B hidden closed.
    ReportQueryTest() {
        a_new = submit(0, t0);
        a_resolved = submit(0, t0 + 1h, [](NewReport& r) {
            r.status.state = ReportState::resolved;
            r.status.visibility = ReportVisibility::public_;
        });
        b_level2 = submit(1, t0 + 2h, [&](NewReport& r) {
            r.status.state = ReportState::in_progress;
            r.status.level = 2;
            r.status.level_due = t0 + 100h;
            r.status.first_response_at = t0 + 3h;
            r.routing.category_id = other_category;
            r.routing.lon_e7 = 141'500'000;
            r.routing.owner_user_id = owner;
            r.open311_token = "o311-b";
        });
        unassigned = submit(-1, t0 + 3h, [](NewReport& r) {
            r.status.state = ReportState::acknowledged;
            r.status.visibility = ReportVisibility::public_;
            r.routing.city_part_id = 77;
            r.contact_email_hash = "mail-h";
        });
        jinov_new = submit(2, t0 + 4h);
        b_hidden = submit(1, t0 + 5h, [](NewReport& r) {
            r.status.state = ReportState::closed_no_action;
            r.status.visibility = ReportVisibility::hidden;
        });
    }

    std::vector<std::int64_t> ids(const ReportFilter& filter) {
        return ids_of(store->list_reports(filter));
    }

    std::int64_t owner = add_user("strazce@example.org");
    std::int64_t a_new = 0, a_resolved = 0, b_level2 = 0, unassigned = 0, jinov_new = 0,
                 b_hidden = 0;
};

using Ids = std::vector<std::int64_t>;

TEST_F(ReportQueryTest, EveryFilterSelectsItsReportsNewestFirst) {
    ReportFilter f;
    EXPECT_EQ(ids(f), (Ids{b_hidden, jinov_new, unassigned, b_level2, a_resolved, a_new}));
    f.municipality_code = jinov;
    EXPECT_EQ(ids(f), (Ids{jinov_new}));

    f = {};
    f.district_ids = {area_ids[1]};
    EXPECT_EQ(ids(f), (Ids{b_hidden, b_level2}));
    f.include_unassigned = true;
    EXPECT_EQ(ids(f), (Ids{b_hidden, unassigned, b_level2}));
    f = {};
    f.city_part_ids = {77};
    EXPECT_EQ(ids(f), (Ids{unassigned}));
    f.city_part_ids = {78};
    EXPECT_EQ(ids(f), Ids{});
    f = {};
    f.include_unassigned = true;  // alone: reports in no district only, never everything
    EXPECT_EQ(ids(f), (Ids{unassigned}));
    f.municipality_codes = {jinov};
    EXPECT_EQ(ids(f), Ids{});
    f = {};
    f.municipality_codes = {jinov, testov};
    EXPECT_EQ(ids(f).size(), 6u);
    f.municipality_codes = {jinov};
    EXPECT_EQ(ids(f), (Ids{jinov_new}));

    f = {};
    f.states = {ReportState::new_, ReportState::in_progress};
    EXPECT_EQ(ids(f), (Ids{jinov_new, b_level2, a_new}));
    f = {};
    f.category_ids = {other_category};
    EXPECT_EQ(ids(f), (Ids{b_level2}));
    f = {};
    f.visibilities = {ReportVisibility::public_, ReportVisibility::hidden};
    EXPECT_EQ(ids(f), (Ids{b_hidden, unassigned, a_resolved}));
    f = {};
    f.level = 2;
    EXPECT_EQ(ids(f), (Ids{b_level2}));
    f = {};
    f.min_level = 1;
    EXPECT_EQ(ids(f), (Ids{b_level2}));
    f.min_level = 0;
    EXPECT_EQ(ids(f).size(), 6u);
    f = {};
    f.owner_user_id = owner;
    EXPECT_EQ(ids(f), (Ids{b_level2}));
    f = {};
    f.created_from = t0 + 1h;
    f.created_to = t0 + 3h;  // exclusive
    EXPECT_EQ(ids(f), (Ids{b_level2, a_resolved}));
    f = {};
    f.box_e7 = std::array<std::int64_t, 4>{141'000'000, 500'000'000, 142'000'000, 501'000'000};
    EXPECT_EQ(ids(f), (Ids{b_level2}));
    f = {};
    f.ids = {a_new, jinov_new, 99999};
    EXPECT_EQ(ids(f), (Ids{jinov_new, a_new}));
    f = {};
    f.open311_token = "o311-b";
    EXPECT_EQ(ids(f), (Ids{b_level2}));
    f = {};
    f.contact_email_hash = "mail-h";
    EXPECT_EQ(ids(f), (Ids{unassigned}));

    // Several filters at once: all must hold.
    f = {};
    f.municipality_code = testov;
    f.district_ids = {area_ids[0], area_ids[1]};
    f.states = {ReportState::new_, ReportState::resolved, ReportState::closed_no_action};
    f.visibilities = {ReportVisibility::pending, ReportVisibility::hidden};
    EXPECT_EQ(ids(f), (Ids{b_hidden, a_new}));
}

TEST_F(ReportQueryTest, UpdatedTimesFilterAndOrder) {
    ReportChange change;
    change.report_id = a_new;
    change.expected_version = 1;
    store->apply_report_change(change, t0 + 10h);
    ReportFilter f;
    f.order = ReportFilter::Order::updated_newest_first;
    EXPECT_EQ(ids(f).front(), a_new);
    f.updated_from = t0 + 10h;
    EXPECT_EQ(ids(f), (Ids{a_new}));
    f = {};
    f.updated_to = t0 + 2h;
    f.order = ReportFilter::Order::oldest_first;
    EXPECT_EQ(ids(f), (Ids{a_resolved}));
}

TEST_F(ReportQueryTest, OverdueAtSelectsOpenReportsPastADeadline) {
    ReportFilter f;
    // a_new: first response due t0 + 48 h. b_level2 answered; its level is due at t0 + 100 h.
    // unassigned: due at t0 + 51 h. Jinov: t0 + 52 h. Finished ones never count.
    f.overdue_at = t0 + 48h - 1s;
    EXPECT_EQ(ids(f), Ids{});
    f.overdue_at = t0 + 48h;  // the deadline instant itself is overdue
    EXPECT_EQ(ids(f), (Ids{a_new}));
    f.overdue_at = t0 + 52h;
    EXPECT_EQ(ids(f), (Ids{jinov_new, unassigned, a_new}));
    f.overdue_at = t0 + 100h;
    EXPECT_EQ(ids(f), (Ids{jinov_new, unassigned, b_level2, a_new}));
    f.municipality_code = testov;
    EXPECT_EQ(ids(f), (Ids{unassigned, b_level2, a_new}));
}

TEST_F(ReportQueryTest, PagesCarryTheTotalOfAllMatches) {
    for (int i = 0; i < 7; ++i) submit(0, t0 + 10h + std::chrono::minutes(i));
    ReportFilter f;
    f.district_ids = {area_ids[0]};
    f.limit = 4;
    auto page = store->list_reports(f);
    EXPECT_EQ(page.total, 9);
    ASSERT_EQ(page.reports.size(), 4u);
    f.offset = 8;
    page = store->list_reports(f);
    EXPECT_EQ(page.total, 9);
    EXPECT_EQ(ids_of(page), (Ids{a_new}));
    f.offset = 20;
    page = store->list_reports(f);
    EXPECT_EQ(page.total, 9);
    EXPECT_TRUE(page.reports.empty());
    f.offset = 0;
    f.limit = 100;
    page = store->list_reports(f);
    EXPECT_EQ(page.total, 9);
    EXPECT_EQ(page.reports.size(), 9u);
    // Ties on the creation time come newest id first, so pages never overlap.
    EXPECT_TRUE(std::is_sorted(
        page.reports.begin(), page.reports.end(), [](const Report& a, const Report& b) {
            return std::pair(a.created_at, a.id) > std::pair(b.created_at, b.id);
        }));

    f.limit = 0;
    EXPECT_EQ(error_of([&] { store->list_reports(f); }).field(), "limit");
    f.limit = max_report_page + 1;
    EXPECT_EQ(error_of([&] { store->list_reports(f); }).field(), "limit");
    f.limit = 10;
    f.district_ids.assign(5001, 1);
    EXPECT_EQ(error_of([&] { store->list_reports(f); }).field(), "district_ids");
}

TEST_F(ReportStoreTest, TheSweepPicksReportsAtTheirDeadlinesOldestFirst) {
    // Level 0 without a first response: due at its first-response deadline.
    const auto unanswered = submit(0, t0);  // first response t0 + 48 h, resolution t0 + 480 h
    // Level 0 answered: only the resolution deadline counts.
    const auto answered = submit(0, t0, [](NewReport& r) {
        r.status.state = ReportState::in_progress;
        r.status.first_response_at = t0 + 1h;
    });
    // Level 1 with its own deadline; level 4 is the end of the chain.
    const auto level1 = submit(1, t0, [](NewReport& r) {
        r.status.level = 1;
        r.status.level_due = t0 + 60h;
        r.status.first_response_at = t0 + 1h;
    });
    submit(1, t0, [](NewReport& r) {
        r.status.level = 4;
        r.status.level_due = t0 + 10h;
    });
    // Finished reports never escalate.
    submit(1, t0, [](NewReport& r) { r.status.state = ReportState::resolved; });
    const auto reopened = submit(1, t0, [](NewReport& r) {
        r.status.state = ReportState::reopened;
        r.status.first_response_at = t0 + 1h;
        r.status.resolution_due = t0 + 50h;
    });

    const auto due_at = [&](TimePoint now) {
        std::vector<std::int64_t> ids;
        for (const auto& report : store->reports_due_for_escalation(now, 100))
            ids.push_back(report.id);
        return ids;
    };
    EXPECT_EQ(due_at(t0 + 48h - 1s), Ids{});
    EXPECT_EQ(due_at(t0 + 48h), (Ids{unanswered}));
    EXPECT_EQ(due_at(t0 + 50h), (Ids{unanswered, reopened}));
    EXPECT_EQ(due_at(t0 + 60h), (Ids{unanswered, reopened, level1}));
    EXPECT_EQ(due_at(t0 + 480h), (Ids{unanswered, reopened, level1, answered}));
    EXPECT_EQ(store->reports_due_for_escalation(t0 + 480h, 2).size(), 2u);
    EXPECT_EQ(error_of([&] { store->reports_due_for_escalation(t0, 0); }).field(), "limit");
}

TEST_F(ReportStoreTest, PublicFeedsShowPublicUpdatesOfPublicReportsOfTheTown) {
    const auto shown =
        submit(0, t0, [](NewReport& r) { r.status.visibility = ReportVisibility::public_; });
    const auto pending = submit(0, t0);
    submit(2, t0, [](NewReport& r) { r.status.visibility = ReportVisibility::public_; });
    ReportChange note;
    note.report_id = shown;
    note.expected_version = 1;
    note.update = ReportUpdate{};
    note.update->kind = "note";
    note.update->is_public = false;
    store->apply_report_change(note, t0 + 1h);
    ReportChange answer = note;
    answer.expected_version = 2;
    answer.update->kind = "answer";
    answer.update->is_public = true;
    store->apply_report_change(answer, t0 + 2h);

    const auto feed = store->public_updates_since(testov, 0, 100);
    ASSERT_EQ(feed.size(), 2u);  // "submitted" and the answer; no note, nothing pending
    EXPECT_EQ(feed[0].report_id, shown);
    EXPECT_EQ(feed[0].kind, "submitted");
    EXPECT_EQ(feed[1].kind, "answer");
    EXPECT_EQ(store->public_updates_since(testov, feed[0].id, 100).size(), 1u);
    EXPECT_EQ(store->public_updates_since(testov, 0, 1).size(), 1u);
    EXPECT_EQ(store->report_updates(shown, false).size(), 2u);
    EXPECT_EQ(store->report_updates(shown, true).size(), 3u);
    EXPECT_EQ(store->report_updates(pending, true).size(), 1u);
}

TEST_F(ReportStoreTest, TimingsCoverPublicNonDuplicateReportsInThePeriod) {
    const auto counted = submit(0, t0, [](NewReport& r) {
        r.status.visibility = ReportVisibility::public_;
        r.status.state = ReportState::resolved;
        r.status.first_response_at = t0 + 5h;
        r.status.resolved_at = t0 + 30h;
    });
    submit(0, t0, [&](NewReport& r) {
        r.status.visibility = ReportVisibility::public_;
        r.status.state = ReportState::closed_duplicate;
        r.status.duplicate_of = counted;
    });
    submit(0, t0 + 1h);  // pending
    submit(2, t0, [](NewReport& r) { r.status.visibility = ReportVisibility::public_; });  // Jinov
    submit(0, t0 + 24h, [](NewReport& r) { r.status.visibility = ReportVisibility::public_; });
    const auto timings = store->report_timings(testov, t0, t0 + 24h);
    ASSERT_EQ(timings.size(), 1u);
    EXPECT_EQ(timings[0].report_id, counted);
    EXPECT_EQ(timings[0].district_id, area_ids[0]);
    EXPECT_EQ(timings[0].first_response_at, t0 + 5h);
    EXPECT_EQ(timings[0].resolved_at, t0 + 30h);
    EXPECT_EQ(timings[0].resolution_due, t0 + 480h);
    EXPECT_EQ(store->report_timings(testov, t0, t0 + 25h).size(), 2u);
}

}  // namespace
}  // namespace okrsek::store::test_accounts
