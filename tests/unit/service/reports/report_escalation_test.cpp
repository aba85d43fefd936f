// Escalation (service/reports/report_escalation.cpp) on both engines with a manual clock: the
// chain climbing 0 → 4 and stopping there, finished and hidden reports left alone, a reopened
// report's restarted deadline, two "servers" sweeping at once (each report escalated once,
// one message per recipient), and the background worker (report_worker.cpp).
#include <atomic>
#include <map>
#include <thread>

#include "report_bg_fixture.hpp"
#include "service/reports/report_deadlines.hpp"
#include "service/reports/report_worker.hpp"

namespace okrsek::service::test_auth {
namespace {

using reports::ReportWorker;
using reports::ReportWorkerSettings;

const std::string description = "Nesvítí lampa u zastávky, večer je tam úplná tma.";

std::size_t count_of(const std::vector<std::string>& list, const std::string& value) {
    return static_cast<std::size_t>(std::count(list.begin(), list.end(), value));
}

std::size_t escalations_of(store::Store& store, std::int64_t id) {
    std::size_t count = 0;
    for (const auto& update : store.report_updates(id, true)) count += update.kind == "escalated";
    return count;
}

using ReportEscalation = ReportsBgTest;

TEST_F(ReportEscalation, ChainClimbsFromTheTeamToTheCouncilAndStops) {
    const auto id = public_report_in_w(description);
    EXPECT_EQ(stored(id).status.level, 0);
    EXPECT_EQ(reports().escalate_due(), 0u);

    const auto reporter_mails = count_of(recipients("report.update"), "obcan@example.org");
    clock->set(stored(id).status.first_response_due + 1s);
    EXPECT_EQ(reports().escalate_due(), 1u);
    auto report = stored(id);
    EXPECT_EQ(report.status.level, 1);
    ASSERT_TRUE(report.status.level_due);
    EXPECT_EQ(*report.status.level_due, reports::add_working_days(clock->now(), 10));
    EXPECT_EQ(recipients("report.escalated"), (std::vector<std::string>{mp_lead, sp_lead}));
    EXPECT_EQ(count_of(recipients("report.update"), "obcan@example.org"), reporter_mails + 1);
    const auto view = reports().public_report(id);
    ASSERT_FALSE(view.updates.empty());
    EXPECT_EQ(view.updates.back().kind, "escalated");
    EXPECT_EQ(view.updates.back().level, 1);
    EXPECT_EQ(view.level, 1);
    // Not due again until the level's own deadline passes.
    EXPECT_EQ(reports().escalate_due(), 0u);

    const std::vector<std::string> next_owners{manager, commission, council};
    for (std::int64_t level = 2; level <= 4; ++level) {
        clock->set(*stored(id).status.level_due + 1s);
        EXPECT_EQ(reports().escalate_due(), 1u) << "to level " << level;
        EXPECT_EQ(stored(id).status.level, level);
        EXPECT_EQ(count_of(recipients("report.escalated"), next_owners[level - 2]), 1u);
    }
    // Level 4 mails only its contact address: no staff role owns the council.
    EXPECT_EQ(messages("report.escalated").size(), 5u);
    EXPECT_EQ(count_of(recipients("report.update"), "obcan@example.org"), reporter_mails + 4);

    clock->advance(24h * 400);
    EXPECT_EQ(reports().escalate_due(), 0u);
    EXPECT_EQ(stored(id).status.level, 4);
    EXPECT_EQ(escalations_of(*peek, id), 4u);
}

TEST_F(ReportEscalation, FinishedReportsStopAndReopenedOnesRestartTheirDeadline) {
    const auto id = public_report_in_w(description);
    act(id, "resolve", "Lampu jsme nechali opravit.");
    clock->advance(24h * 120);
    EXPECT_EQ(reports().escalate_due(), 0u);
    EXPECT_EQ(stored(id).status.level, 0);

    act(id, "reopen", "Lampa po týdnu opět nesvítí.");
    const auto reopened = stored(id);
    EXPECT_GT(reopened.status.resolution_due, clock->now());
    EXPECT_EQ(reports().escalate_due(), 0u);
    clock->set(reopened.status.resolution_due - 1s);
    EXPECT_EQ(reports().escalate_due(), 0u);
    clock->set(reopened.status.resolution_due + 1s);
    EXPECT_EQ(reports().escalate_due(), 1u);
    EXPECT_EQ(stored(id).status.level, 1);
}

TEST_F(ReportEscalation, HiddenReportsAreNotEscalated) {
    const auto id = public_report_in_w(description);
    act(id, "hide", "Vulgární obsah.");
    clock->set(stored(id).status.first_response_due + 1s);
    EXPECT_EQ(reports().escalate_due(), 0u);
    EXPECT_EQ(stored(id).status.level, 0);
    EXPECT_TRUE(messages("report.escalated").empty());
}

TEST_F(ReportEscalation, TwoServersSweepingAtOnceEscalateEachReportOnce) {
    constexpr int count = 10;
    std::vector<std::int64_t> ids;
    for (int i = 0; i < count; ++i)
        ids.push_back(
            public_report_in_w(description, "obcan" + std::to_string(i) + "@example.org"));
    const auto before = recipients("report.update");
    Platform other_server(store::open_store(database.setting()), options(AuthSettings{}));
    // Both servers have their connections open before the race.
    EXPECT_EQ(reports().escalate_due() + other_server.reports().escalate_due(), 0u);
    store::TimePoint latest{};
    for (const auto id : ids) latest = std::max(latest, stored(id).status.first_response_due);
    clock->set(latest + 1s);

    std::atomic<bool> go{false};
    std::size_t first = 0;
    std::size_t second = 0;
    std::thread a([&] {
        while (!go) std::this_thread::yield();
        first = reports().escalate_due();
    });
    std::thread b([&] {
        while (!go) std::this_thread::yield();
        second = other_server.reports().escalate_due();
    });
    go = true;
    a.join();
    b.join();
    EXPECT_EQ(first + second, static_cast<std::size_t>(count));

    const auto escalated = recipients("report.escalated");
    EXPECT_EQ(escalated.size(), 2u * count);
    EXPECT_EQ(count_of(escalated, sp_lead), static_cast<std::size_t>(count));
    EXPECT_EQ(count_of(escalated, mp_lead), static_cast<std::size_t>(count));
    const auto after = recipients("report.update");
    for (int i = 0; i < count; ++i) {
        const auto reporter = "obcan" + std::to_string(i) + "@example.org";
        EXPECT_EQ(count_of(after, reporter), count_of(before, reporter) + 1) << reporter;
        EXPECT_EQ(stored(ids[i]).status.level, 1);
        EXPECT_EQ(escalations_of(*peek, ids[i]), 1u);
    }
    // Once more from both: nothing is due.
    EXPECT_EQ(reports().escalate_due() + other_server.reports().escalate_due(), 0u);
}

TEST_F(ReportEscalation, TheWorkerSweepsInTheBackgroundAndStops) {
    const auto id = public_report_in_w(description);
    clock->set(stored(id).status.first_response_due + 1s);
    ReportWorker worker(reports(), ReportWorkerSettings{50ms});
    worker.start();
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (stored(id).status.level == 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(20ms);
    worker.stop();
    EXPECT_EQ(stored(id).status.level, 1);
    const auto sweeps = worker.sweeps();
    EXPECT_GE(sweeps, 1u);
    std::this_thread::sleep_for(150ms);
    EXPECT_EQ(worker.sweeps(), sweeps);  // stopped for good
    worker.stop();                       // idempotent
}

TEST_F(ReportEscalation, TheWorkerRefusesAnAbsurdInterval) {
    const auto error = error_of([&] { ReportWorker worker(reports(), ReportWorkerSettings{1ms}); });
    EXPECT_EQ(error.code(), core::ErrorCode::invalid_argument);
    EXPECT_EQ(error.field(), "poll_interval");
}

TEST_F(ReportEscalation, OneSweepDoesEscalationsAlertsAndDigests) {
    const auto id = public_report_in_w(description);
    // 10:00 Prague the morning after the deadline: digests go out as well.
    clock->set(stored(id).status.first_response_due + 10h);
    const auto result = reports::sweep_reports(reports());
    EXPECT_EQ(result.escalated, 1u);
    EXPECT_EQ(result.alerts, 0u);   // nobody subscribed
    EXPECT_GE(result.digests, 1u);  // 09:00 Prague: the officer and the leaderships hear of it
}

}  // namespace
}  // namespace okrsek::service::test_auth
