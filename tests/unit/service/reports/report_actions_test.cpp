// Staff decisions on reports (service/reports/report_actions.cpp) on both engines: every state
// transition allowed or refused, versions, routing that follows a new category or place,
// merging, escalation by hand, moderation and bulk actions.
#include "service/reports/report_impl.hpp"
#include "unit/service/reports/report_fixture.hpp"

namespace okrsek::service::test_auth {
namespace {

using namespace core_reports;
using store::ReportState;

class ReportActionsTest : public ReportsTest {
protected:
    /// A public report brought into `state` by the command line.
    std::int64_t report_in(ReportState state) {
        const auto id = fresh_report();
        switch (state) {
            case ReportState::new_:
                break;
            case ReportState::acknowledged:
                act(id, "acknowledge");
                break;
            case ReportState::in_progress:
                act(id, "start");
                break;
            case ReportState::resolved:
                act(id, "resolve", "Opraveno.");
                break;
            case ReportState::closed_not_competent: {
                auto close = decision(id, "close_not_competent");
                close.passed_to = "Odbor dopravy";
                reports().act(Principal::cli(), close);
                break;
            }
            case ReportState::closed_duplicate: {
                auto close = decision(id, "close_duplicate");
                close.duplicate_of = fresh_report();
                reports().act(Principal::cli(), close);
                break;
            }
            case ReportState::closed_no_action:
                act(id, "close_no_action", "Soukromý pozemek.");
                break;
            case ReportState::reopened:
                act(id, "resolve", "Opraveno.");
                act(id, "reopen", "Oznamovatel volal, že to opraveno není.");
                break;
        }
        EXPECT_EQ(stored(id).status.state, state);
        return id;
    }

    /// The decision for a state action with what it needs.
    ReportAction state_action(std::int64_t id, const std::string& action) {
        auto result = decision(id, action, "Důvod nebo odpověď k hlášení.");
        if (action == "close_not_competent") result.passed_to = "Odbor životního prostředí";
        if (action == "close_duplicate") result.duplicate_of = m_other;
        return result;
    }

    /// A public report from a reporter of its own (the e-mail limit is 20 a day).
    std::int64_t fresh_report() {
        ++m_reporters;
        return public_report("unsafe_place", 14.05, 50.05,
                             "obcan" + std::to_string(m_reporters) + "@example.org")
            .report_id;
    }

    void SetUp() override { m_other = fresh_report(); }

    std::int64_t m_other = 0;
    int m_reporters = 0;
};

TEST_F(ReportActionsTest, EveryStateActionFromEveryStateIsAllowedOrRefused) {
    const std::vector<ReportState> states{ReportState::new_,
                                          ReportState::acknowledged,
                                          ReportState::in_progress,
                                          ReportState::resolved,
                                          ReportState::closed_not_competent,
                                          ReportState::closed_duplicate,
                                          ReportState::closed_no_action,
                                          ReportState::reopened};
    const std::vector<std::string> actions{
        "acknowledge",     "start",           "resolve", "close_not_competent",
        "close_duplicate", "close_no_action", "reopen"};
    int allowed = 0;
    int refused = 0;
    for (const auto from : states) {
        for (const auto& action : actions) {
            const auto id = report_in(from);
            const auto before = stored(id);
            const auto to = *reports::target_state(action);
            const bool expected = reports::staff_may_move(from, to);
            if (expected) {
                const auto after = reports().act(Principal::cli(), state_action(id, action));
                EXPECT_EQ(after.report.status.state, to) << action;
                EXPECT_EQ(after.report.version, before.version + 1);
                EXPECT_EQ(after.updates.back().kind, "state");
                EXPECT_EQ(after.updates.back().from_state, store::to_string(from));
                EXPECT_EQ(after.updates.back().to_state, store::to_string(to));
                ++allowed;
            } else {
                const auto error =
                    error_of([&] { reports().act(Principal::cli(), state_action(id, action)); });
                EXPECT_EQ(error.code(), core::ErrorCode::conflict)
                    << store::to_string(from) << " " << action;
                EXPECT_EQ(error.field(), "state");
                EXPECT_EQ(stored(id).version, before.version);
                ++refused;
            }
        }
    }
    EXPECT_EQ(allowed, 6 + 5 + 4 + 1 + 1 + 1 + 1 + 6);
    EXPECT_EQ(refused, 56 - allowed);
}

TEST_F(ReportActionsTest, ClosingNeedsItsParticulars) {
    const auto id = public_report().report_id;
    EXPECT_EQ(error_of([&] { act(id, "close_not_competent", "Není naše."); }).field(), "passed_to");
    EXPECT_EQ(error_of([&] { act(id, "close_duplicate"); }).field(), "duplicate_of");
    auto self = decision(id, "close_duplicate");
    self.duplicate_of = id;
    EXPECT_EQ(error_of([&] { reports().act(Principal::cli(), self); }).field(), "duplicate_of");
    auto missing = decision(id, "close_duplicate");
    missing.duplicate_of = 999999;
    EXPECT_EQ(error_of([&] { reports().act(Principal::cli(), missing); }).code(),
              core::ErrorCode::not_found);
    EXPECT_EQ(error_of([&] { act(id, "close_no_action"); }).field(), "text");
    EXPECT_EQ(error_of([&] { act(id, "answer"); }).field(), "text");
    EXPECT_EQ(error_of([&] { act(id, "fly_away"); }).field(), "action");
    EXPECT_EQ(stored(id).version, 2);  // submitted 1, confirmed 2: nothing more

    auto close = decision(id, "close_not_competent", "Předáno odboru dopravy.");
    close.passed_to = "Odbor dopravy";
    const auto after = reports().act(Principal::cli(), close);
    EXPECT_EQ(after.view.passed_to, "Odbor dopravy");
    EXPECT_TRUE(after.report.status.closed_at);
}

TEST_F(ReportActionsTest, AStaleVersionIsAConflictAndChangesNothing) {
    const auto id = public_report().report_id;
    const auto read = decision(id, "acknowledge");
    auto other = read;
    other.action = "answer";
    other.text = "Děkujeme, řešíme.";
    reports().act(Principal::cli(), other);
    const auto error = error_of([&] { reports().act(Principal::cli(), read); });
    EXPECT_EQ(error.code(), core::ErrorCode::conflict);
    EXPECT_EQ(error.field(), "version");
    EXPECT_EQ(stored(id).status.state, ReportState::new_);
}

TEST_F(ReportActionsTest, TheFirstPublicAnswerOrStateChangeIsTheFirstResponse) {
    const auto id = public_report().report_id;
    act(id, "note", "Jen poznámka.");
    EXPECT_FALSE(stored(id).status.first_response_at);
    clock->advance(3h);
    act(id, "acknowledge");
    EXPECT_EQ(stored(id).status.first_response_at, t0 + 3h);
    clock->advance(3h);
    act(id, "answer", "Řešíme.");
    EXPECT_EQ(stored(id).status.first_response_at, t0 + 3h);
}

TEST_F(ReportActionsTest, StaffAnswersCarryTheNameOfThePersonAndAreAudited) {
    const auto id = public_report().report_id;
    const auto after = act(id, "answer", "Zítra tam bude hlídka.", as_user(officer_w_id));
    EXPECT_EQ(after.updates.back().author_name, "Karel Okrskář");
    EXPECT_EQ(after.updates.back().author_user_id, officer_w_id);
    EXPECT_EQ(after.updates.back().author_kind, "staff");
    const auto rows = audit_rows("report.answer");
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows[0].object_id, std::to_string(id));
    EXPECT_EQ(rows[0].actor_id, officer_w_id);
    EXPECT_EQ(rows[0].municipality_code, testov);
}

TEST_F(ReportActionsTest, RecategorisingMovesOwnershipToTheNewRole) {
    const auto id = public_report("unsafe_place").report_id;
    auto change = decision(id, "recategorise");
    change.category_code = "vandalism";
    const auto after = reports().act(Principal::cli(), change);
    EXPECT_EQ(after.view.category_code, "vandalism");
    EXPECT_EQ(after.view.owner_name, "Petr Strážník");
    EXPECT_EQ(after.report.routing.owner_role_code, "municipal_police_officer");
    EXPECT_FALSE(after.report.routing.owner_user_id);
    EXPECT_EQ(after.updates.back().kind, "category");
    EXPECT_TRUE(after.updates.back().is_public);
    const auto mails = messages_about("report.owner.assigned", id);
    ASSERT_EQ(mails.size(), 1U);
    EXPECT_EQ(mails[0].recipient, mp_seat_w_email);
    // Vandalism: 2 working days to answer, counted from submission (Monday 2 March).
    EXPECT_EQ(after.report.status.first_response_due,
              std::chrono::sys_days{std::chrono::year{2026} / 3 / 4} + 22h + 59min + 59s);
    auto unknown = decision(id, "recategorise");
    unknown.category_code = "graffiti";
    EXPECT_EQ(error_of([&] { reports().act(Principal::cli(), unknown); }).field(), "category");
}

TEST_F(ReportActionsTest, MovingReRoutesAndNeedsPermissionAtTheNewPlace) {
    const auto id = public_report("unsafe_place").report_id;
    auto move = decision(id, "move", "Náměstí 1");
    move.lon = 14.15;
    move.lat = 50.05;
    // W's officer may not put a report into E.
    EXPECT_EQ(error_of([&] { reports().act(as_user(officer_w_id), move); }).code(),
              core::ErrorCode::forbidden);
    const auto after = reports().act(as_user(sp_lead_id), move);
    EXPECT_EQ(after.report.routing.district_id, e);
    EXPECT_EQ(after.report.routing.address_text, "Náměstí 1");
    EXPECT_EQ(after.report.routing.lon_e7, 141500000);
    EXPECT_FALSE(after.report.routing.owner_holder_id);
    EXPECT_FALSE(after.view.owner_name);
    auto away = decision(id, "move");
    away.lon = 15.05;
    away.lat = 50.05;
    EXPECT_EQ(error_of([&] { reports().act(Principal::cli(), away); }).field(), "lon");
}

TEST_F(ReportActionsTest, MergingClosesOneAsDuplicateAndTellsBoth) {
    const auto kept = public_report().report_id;
    const auto merged = public_report().report_id;
    auto merge = decision(merged, "merge");
    merge.duplicate_of = kept;
    const auto after = reports().act(Principal::cli(), merge);
    EXPECT_EQ(after.report.status.state, ReportState::closed_duplicate);
    EXPECT_EQ(after.report.status.duplicate_of, kept);
    EXPECT_EQ(after.updates.back().kind, "merged");
    const auto kept_updates = peek->report_updates(kept, false);
    ASSERT_FALSE(kept_updates.empty());
    EXPECT_EQ(kept_updates.back().kind, "merged");
    EXPECT_NE(kept_updates.back().body.find(std::to_string(merged)), std::string::npos);
    // Nothing merges into a report that was merged away itself.
    const auto third = public_report().report_id;
    auto into_duplicate = decision(third, "merge");
    into_duplicate.duplicate_of = merged;
    EXPECT_EQ(error_of([&] { reports().act(Principal::cli(), into_duplicate); }).field(),
              "duplicate_of");
}

TEST_F(ReportActionsTest, EscalatingByHandClimbsOneLevelAndTellsItsOwners) {
    const auto id = public_report().report_id;
    EXPECT_EQ(error_of([&] { act(id, "escalate"); }).field(), "text");
    const auto after = act(id, "escalate", "Opakovaný problém, potřebuje vedení.");
    EXPECT_EQ(after.report.status.level, 1);
    ASSERT_TRUE(after.report.status.level_due);
    EXPECT_EQ(after.view.level_name_en, "Leadership of state and municipal police");
    EXPECT_EQ(after.updates.back().kind, "escalated");
    EXPECT_EQ(after.updates.back().level, 1);
    const auto mails = messages_about("report.escalated", id);
    ASSERT_EQ(mails.size(), 1U);
    EXPECT_EQ(mails[0].recipient, sp_lead_email);
    EXPECT_EQ(messages_about("report.update", id).size(), 1U);  // the reporter
    for (int level = 2; level <= 4; ++level) act(id, "escalate", "Stále nevyřešeno.");
    EXPECT_EQ(stored(id).status.level, 4);
    EXPECT_EQ(error_of([&] { act(id, "escalate", "Dál už to nejde."); }).field(), "level");
    const auto rows = audit_rows("report.escalate");
    ASSERT_EQ(rows.size(), 4U);
    EXPECT_EQ(rows[0].reason, "Stále nevyřešeno.");
}

TEST_F(ReportActionsTest, ReassigningToAnAccountOrARole) {
    const auto id = public_report("vandalism").report_id;
    auto to_user = decision(id, "reassign", "Převezme kolega.");
    to_user.owner_user_id = officer_w_id;
    auto after = reports().act(Principal::cli(), to_user);
    EXPECT_EQ(after.report.routing.owner_user_id, officer_w_id);
    EXPECT_EQ(after.report.routing.owner_role_code, "state_police_officer");
    EXPECT_EQ(after.view.owner_name, "Karel Okrskář");
    EXPECT_FALSE(after.updates.back().is_public);
    ASSERT_EQ(messages_about("report.owner.assigned", id).size(), 1U);
    EXPECT_EQ(messages_about("report.owner.assigned", id)[0].recipient, officer_w_email);

    auto to_role = decision(id, "reassign");
    to_role.owner_role_code = "municipal_police_officer";
    after = reports().act(Principal::cli(), to_role);
    EXPECT_EQ(after.view.owner_name, "Petr Strážník");
    auto nobody = decision(id, "reassign");
    nobody.owner_role_code = "councillor";
    EXPECT_EQ(error_of([&] { reports().act(Principal::cli(), nobody); }).field(),
              "owner_role_code");
    auto unknown = decision(id, "reassign");
    unknown.owner_user_id = 424242;
    EXPECT_EQ(error_of([&] { reports().act(Principal::cli(), unknown); }).field(), "owner_user_id");
    // An account without reports.handle for the report's district cannot own it.
    auto case_worker = decision(id, "reassign");
    case_worker.owner_user_id = add_user("pomoc@example.org", "Marta Pomocná",
                                         sec::Role::case_worker, sec::Scope::municipality(testov));
    EXPECT_EQ(error_of([&] { reports().act(Principal::cli(), case_worker); }).field(),
              "owner_user_id");
    EXPECT_EQ(stored(id).routing.owner_role_code, "municipal_police_officer");
}

TEST_F(ReportActionsTest, ModerationApprovesEditsAndHides) {
    const auto anonymous = submit(submission("unsafe_place"));
    const auto id = anonymous.report_id;
    act(id, "approve");
    EXPECT_EQ(stored(id).status.visibility, store::ReportVisibility::public_);
    EXPECT_EQ(error_of([&] { act(id, "approve"); }).field(), "visibility");

    act(id, "edit_public_text", "Nefunkční veřejné osvětlení v parku.");
    const auto report = stored(id);
    EXPECT_EQ(report.status.public_description, "Nefunkční veřejné osvětlení v parku.");
    EXPECT_EQ(report.description, submission().description);
    const auto all = peek->report_updates(id, true);
    EXPECT_EQ(all.back().kind, "moderated");
    EXPECT_FALSE(all.back().is_public);
    EXPECT_EQ(all.back().body, submission().description);
    EXPECT_EQ(reports().track(anonymous.tracking_token).report.description,
              "Nefunkční veřejné osvětlení v parku.");
    EXPECT_EQ(audit_rows("report.edit_public_text").size(), 1U);

    EXPECT_EQ(error_of([&] { act(id, "hide"); }).field(), "text");
    act(id, "hide", "Obsahuje osobní údaje třetí osoby.");
    const auto tracked = reports().track(anonymous.tracking_token);
    EXPECT_EQ(tracked.visibility, store::ReportVisibility::hidden);
    EXPECT_FALSE(tracked.can_add_update);
    EXPECT_EQ(error_of([&] { act(id, "hide", "Znovu."); }).field(), "visibility");
}

TEST_F(ReportActionsTest, BulkActionsReportEachOutcome) {
    const auto first = public_report().report_id;
    const auto second = public_report().report_id;
    std::vector<ReportAction> actions{decision(first, "acknowledge"),
                                      decision(second, "acknowledge")};
    actions[1].expected_version = 1;  // stale
    const auto outcomes = reports().act_bulk(Principal::cli(), actions);
    ASSERT_EQ(outcomes.size(), 2U);
    EXPECT_TRUE(outcomes[0].ok);
    EXPECT_EQ(outcomes[0].version, stored(first).version);
    EXPECT_FALSE(outcomes[1].ok);
    EXPECT_EQ(outcomes[1].error_code, "conflict");
    EXPECT_EQ(stored(first).status.state, ReportState::acknowledged);
    EXPECT_EQ(stored(second).status.state, ReportState::new_);
}

}  // namespace
}  // namespace okrsek::service::test_auth
