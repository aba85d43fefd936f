// The transition table of report states (service/reports/report_states.cpp), checked against
// a table written out here independently.
#include "service/reports/report_states.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

namespace okrsek::service::reports {
namespace {

using store::ReportState;

const std::vector<std::string> states{"new",
                                      "acknowledged",
                                      "in_progress",
                                      "resolved",
                                      "closed_not_competent",
                                      "closed_duplicate",
                                      "closed_no_action",
                                      "reopened"};

// From each state, where staff may move a report: forward or skipping forward while open;
// from a finished state only to "reopened"; never back to "new".
const std::map<std::string, std::set<std::string>> allowed{
    {"new",
     {"acknowledged", "in_progress", "resolved", "closed_not_competent", "closed_duplicate",
      "closed_no_action"}},
    {"acknowledged",
     {"in_progress", "resolved", "closed_not_competent", "closed_duplicate", "closed_no_action"}},
    {"in_progress", {"resolved", "closed_not_competent", "closed_duplicate", "closed_no_action"}},
    {"resolved", {"reopened"}},
    {"closed_not_competent", {"reopened"}},
    {"closed_duplicate", {"reopened"}},
    {"closed_no_action", {"reopened"}},
    {"reopened",
     {"acknowledged", "in_progress", "resolved", "closed_not_competent", "closed_duplicate",
      "closed_no_action"}},
};

TEST(ReportStates, EveryTransitionIsAllowedOrRefusedAsTheTableSays) {
    int checked = 0;
    for (const auto& from_text : states) {
        const auto from = store::report_state_from(from_text);
        ASSERT_TRUE(from) << from_text;
        std::vector<ReportState> expected_next;
        for (const auto& to_text : states) {
            const auto to = store::report_state_from(to_text);
            ASSERT_TRUE(to);
            const bool expected = allowed.at(from_text).count(to_text) > 0;
            EXPECT_EQ(staff_may_move(*from, *to), expected) << from_text << " -> " << to_text;
            if (expected) expected_next.push_back(*to);
            ++checked;
        }
        EXPECT_EQ(next_states(*from), expected_next) << from_text;
    }
    EXPECT_EQ(checked, 64);
}

TEST(ReportStates, ActionsNameTheirStates) {
    EXPECT_EQ(target_state("acknowledge"), ReportState::acknowledged);
    EXPECT_EQ(target_state("start"), ReportState::in_progress);
    EXPECT_EQ(target_state("resolve"), ReportState::resolved);
    EXPECT_EQ(target_state("close_not_competent"), ReportState::closed_not_competent);
    EXPECT_EQ(target_state("close_duplicate"), ReportState::closed_duplicate);
    EXPECT_EQ(target_state("close_no_action"), ReportState::closed_no_action);
    EXPECT_EQ(target_state("reopen"), ReportState::reopened);
    EXPECT_FALSE(target_state("answer"));
    EXPECT_FALSE(target_state("escalate"));
    EXPECT_FALSE(target_state("new"));
}

TEST(ReportStates, WhatTheReporterMayDo) {
    store::Report report;
    report.status.visibility = store::ReportVisibility::public_;
    report.status.state = ReportState::in_progress;
    EXPECT_FALSE(citizen_may_reopen(report));
    EXPECT_FALSE(citizen_may_confirm_fixed(report));
    EXPECT_TRUE(citizen_may_add_update(report));
    report.status.state = ReportState::resolved;
    EXPECT_TRUE(citizen_may_reopen(report));
    EXPECT_TRUE(citizen_may_confirm_fixed(report));
    report.status.fixed_confirmed_at = store::TimePoint{};
    EXPECT_FALSE(citizen_may_confirm_fixed(report));
    report.status.state = ReportState::closed_duplicate;
    EXPECT_FALSE(citizen_may_add_update(report));
    report.status.state = ReportState::closed_no_action;
    report.status.visibility = store::ReportVisibility::hidden;
    EXPECT_FALSE(citizen_may_reopen(report));
    EXPECT_FALSE(citizen_may_add_update(report));
}

TEST(ReportStates, LabelsInBothLanguages) {
    EXPECT_EQ(state_label(ReportState::resolved, "en"), "resolved (action taken)");
    EXPECT_EQ(state_label(ReportState::in_progress, "cs"), "řeší se");
}

}  // namespace
}  // namespace okrsek::service::reports
