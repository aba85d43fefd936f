// What the reporter does with the tracking link (service/reports/report_tracking.cpp) and
// which staff changes reach them by e-mail, on both engines.
#include "service/reports/report_impl.hpp"
#include "unit/service/reports/report_fixture.hpp"

namespace okrsek::service::test_auth {
namespace {

using namespace core_reports;

class ReportTrackingTest : public ReportsTest {
protected:
    static std::vector<std::string> kinds(const std::vector<store::ReportUpdate>& updates) {
        std::vector<std::string> result;
        for (const auto& update : updates) result.push_back(update.kind);
        return result;
    }
};

TEST_F(ReportTrackingTest, TheLinkShowsStateAndPublicHistory) {
    const auto result = public_report();
    const auto tracked = reports().track(result.tracking_token);
    EXPECT_EQ(tracked.report.id, result.report_id);
    EXPECT_EQ(tracked.report.state, store::ReportState::new_);
    EXPECT_EQ(tracked.visibility, store::ReportVisibility::public_);
    EXPECT_EQ(tracked.report.district_name, "Západ");
    EXPECT_EQ(tracked.report.category_name_en, "A place where I feel unsafe");
    EXPECT_EQ(tracked.report.level_name_cs, "Pracovní skupina okrsku");
    EXPECT_FALSE(tracked.report.reporter_name);
    EXPECT_EQ(kinds(tracked.report.updates), (std::vector<std::string>{"submitted", "confirmed"}));
    EXPECT_TRUE(tracked.can_add_update);
    EXPECT_FALSE(tracked.can_reopen);
    EXPECT_FALSE(tracked.can_confirm_fixed);
    for (const std::string& bad :
         std::vector<std::string>{"", "short", std::string(32, '!'), std::string(32, 'A')}) {
        const auto error = error_of([&] { reports().track(bad); });
        EXPECT_EQ(error.code(), core::ErrorCode::not_found);
        EXPECT_EQ(error.field(), "token");
    }
}

TEST_F(ReportTrackingTest, AnUpdateFromTheReporterReachesTheOwner) {
    const auto result = public_report();
    const auto tracked =
        reports().add_citizen_update(result.tracking_token, "Dnes večer tam zase byl hluk.", {});
    ASSERT_EQ(tracked.report.updates.back().kind, "citizen");
    EXPECT_EQ(tracked.report.updates.back().author_kind, "citizen");
    EXPECT_EQ(tracked.report.updates.back().body, "Dnes večer tam zase byl hluk.");
    const auto mails = messages_about("report.owner.citizen", result.report_id);
    ASSERT_EQ(mails.size(), 1U);
    EXPECT_EQ(mails[0].recipient, officer_w_email);
    EXPECT_NE(mails[0].body->find("Dnes večer tam zase byl hluk."), std::string::npos);
    const auto empty =
        error_of([&] { reports().add_citizen_update(result.tracking_token, "", {}); });
    EXPECT_EQ(empty.code(), core::ErrorCode::invalid_argument);
    EXPECT_EQ(empty.field(), "text");
}

TEST_F(ReportTrackingTest, ReopeningNeedsAFinishedReportAndAReason) {
    const auto result = public_report();
    const auto id = result.report_id;
    EXPECT_EQ(error_of([&] {
                  reports().reopen(result.tracking_token, "Pořád se tam nic nezměnilo.");
              }).field(),
              "state");
    act(id, "resolve", "Lampy jsou opravené.");
    ASSERT_TRUE(stored(id).status.resolved_at);
    const auto old_due = stored(id).status.resolution_due;
    EXPECT_EQ(error_of([&] { reports().reopen(result.tracking_token, "Ne."); }).field(), "reason");

    clock->advance(24h * 40);
    const auto tracked = reports().reopen(result.tracking_token, "Pořád se tam nic nezměnilo.");
    EXPECT_EQ(tracked.report.state, store::ReportState::reopened);
    EXPECT_EQ(tracked.report.state_reason, "Pořád se tam nic nezměnilo.");
    EXPECT_FALSE(tracked.can_reopen);
    const auto report = stored(id);
    EXPECT_FALSE(report.status.resolved_at);
    EXPECT_GT(report.status.resolution_due, old_due + 24h * 30);
    EXPECT_GT(report.status.resolution_due, clock->now());
    EXPECT_EQ(tracked.report.updates.back().kind, "reopened");
    EXPECT_EQ(tracked.report.updates.back().from_state, "resolved");
    const auto mails = messages_about("report.owner.reopened", id);
    ASSERT_EQ(mails.size(), 1U);
    EXPECT_EQ(mails[0].recipient, officer_w_email);
}

TEST_F(ReportTrackingTest, OnlyTheReporterConfirmsAResolvedReportIsFixed) {
    const auto result = public_report();
    EXPECT_EQ(error_of([&] { reports().confirm_fixed(result.tracking_token); }).code(),
              core::ErrorCode::conflict);
    act(result.report_id, "resolve", "Hotovo.");
    auto tracked = reports().track(result.tracking_token);
    EXPECT_TRUE(tracked.can_confirm_fixed);
    EXPECT_FALSE(tracked.report.fixed_confirmed);
    tracked = reports().confirm_fixed(result.tracking_token);
    EXPECT_TRUE(tracked.report.fixed_confirmed);
    EXPECT_FALSE(tracked.can_confirm_fixed);
    EXPECT_EQ(tracked.report.updates.back().kind, "fixed_confirmed");
    EXPECT_EQ(messages_about("report.owner.fixed_confirmed", result.report_id).size(), 1U);
    EXPECT_EQ(error_of([&] { reports().confirm_fixed(result.tracking_token); }).field(), "state");
}

TEST_F(ReportTrackingTest, PublicStaffChangesReachAConfirmedReporterNotesDoNot) {
    const auto result = public_report();
    const auto officer = as_user(officer_w_id);
    act(result.report_id, "note", "Interně: prověřit kamery.", officer);
    act(result.report_id, "answer", "Dobrý den, zítra tam pošleme hlídku.", officer);
    const auto mails = messages_about("report.update", result.report_id);
    ASSERT_EQ(mails.size(), 1U);
    EXPECT_EQ(mails[0].recipient, reporter_email);
    EXPECT_NE(mails[0].body->find("Karel Okrskář:"), std::string::npos);
    EXPECT_NE(mails[0].body->find("zítra tam pošleme hlídku"), std::string::npos);
    EXPECT_NE(mails[0].body->find("https://okrsek.example.org/report.html#id=" +
                                  std::to_string(result.report_id)),
              std::string::npos);
    // The tracking token is not stored in clear, so later mails cannot carry it.
    EXPECT_EQ(mails[0].body->find(result.tracking_token), std::string::npos);
    EXPECT_EQ(mails[0].body->find("Interně"), std::string::npos);

    const auto tracked = reports().track(result.tracking_token);
    EXPECT_EQ(kinds(tracked.report.updates),
              (std::vector<std::string>{"submitted", "confirmed", "answer"}));
    EXPECT_EQ(tracked.report.updates.back().author_name, "Karel Okrskář");
}

TEST_F(ReportTrackingTest, UnconfirmedAddressesHearNothingAfterTheFirstMail) {
    const auto pending = submit(submission("unsafe_place", reporter_email));
    act(pending.report_id, "answer", "Děkujeme, prověříme to.");
    EXPECT_TRUE(messages_about("report.update", pending.report_id).empty());
    EXPECT_EQ(reports().track(pending.tracking_token).visibility, store::ReportVisibility::pending);
}

TEST_F(ReportTrackingTest, AMergedReportTakesNoMoreUpdates) {
    const auto first = public_report();
    const auto second = public_report();
    auto merge = decision(second.report_id, "merge");
    merge.duplicate_of = first.report_id;
    reports().act(Principal::cli(), merge);
    const auto tracked = reports().track(second.tracking_token);
    EXPECT_FALSE(tracked.can_add_update);
    EXPECT_EQ(tracked.report.duplicate_of, first.report_id);
    EXPECT_EQ(error_of([&] {
                  reports().add_citizen_update(second.tracking_token, "Ještě něco.", {});
              }).code(),
              core::ErrorCode::conflict);
}

}  // namespace
}  // namespace okrsek::service::test_auth
