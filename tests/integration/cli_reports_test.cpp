// `okrsek reports …` with the real binary on both engines: a sweep with a fake clock
// escalates a report past its deadline once (a second run finds nothing), bad times are usage
// errors, a town's categories by code or name, and seeding.
#include <gtest/gtest.h>

#include <chrono>

#include "core/prague_time.hpp"
#include "okrsek_command.hpp"
#include "service/auth/master_key.hpp"
#include "service/platform.hpp"
#include "store/store.hpp"
#include "support/test_database.hpp"
#include "support/test_paths.hpp"
#include "support/testov_request.hpp"

namespace okrsek::test {
namespace {

using namespace std::chrono_literals;

class CliReportsTest : public ::testing::Test {
protected:
    CliReportsTest() {
        const auto generated = run_okrsek("key generate '" + key_file() + "'");
        if (generated.exit_code != 0) throw std::runtime_error(generated.output);
        service::PlatformOptions options;
        options.master_key = service::read_master_key(key_file());
        platform = std::make_unique<service::Platform>(store::open_store(database.setting()),
                                                       std::move(options));
        platform->import_areas(
            testov_request("testov-town.geojson", "municipalities", std::nullopt));
        platform->import_areas(
            testov_request("testov-districts.geojson", "districts", testov_code));
    }

    std::string key_file() const { return (dir.path() / "master.key").string(); }

    CommandResult okrsek(const std::string& arguments) const {
        return run_okrsek("--db '" + database.setting() + "' --secret-key-file '" + key_file() +
                          "' " + arguments);
    }

    /// A report in W without a contact (it waits for staff approval; its deadlines run).
    std::int64_t report_in_w() {
        service::ReportSubmission submission;
        submission.lon = 14.05;
        submission.lat = 50.05;
        submission.category_code = "unsafe_place";
        submission.description = "U podchodu se v noci schází parta a obtěžuje kolemjdoucí.";
        return platform->reports().submit(submission, {"192.0.2.7", "curl"}).report_id;
    }

    TempDir dir;
    TestDatabase database{dir.path(), "reports.db"};
    std::unique_ptr<service::Platform> platform;
};

TEST_F(CliReportsTest, SweepEscalatesAReportPastItsDeadlineOnce) {
    platform->reports().seed_defaults(testov_code);
    const auto id = report_in_w();
    const auto peek = store::open_store(database.setting());
    // Testov's districts have no team here: the report starts with the police leadership
    // (level 1) and its level's deadline.
    const auto submitted = peek->find_report(id)->status;
    const auto due = submitted.level_due.value_or(submitted.first_response_due);
    const auto when = [](store::TimePoint time) {
        return core::format_prague_time(std::chrono::floor<std::chrono::seconds>(time));
    };

    const auto early = okrsek("reports sweep --now " + when(due - 1h));
    ASSERT_EQ(early.exit_code, 0) << early.output;
    EXPECT_NE(early.output.find("escalated 0"), std::string::npos) << early.output;

    const auto late = okrsek("reports sweep --now " + when(due + 1h));
    ASSERT_EQ(late.exit_code, 0) << late.output;
    EXPECT_NE(late.output.find("escalated 1\n"), std::string::npos) << late.output;
    EXPECT_NE(late.output.find("alerts 0\n"), std::string::npos) << late.output;
    const auto report = peek->find_report(id);
    EXPECT_EQ(report->status.level, submitted.level + 1);
    // The history row is dated at the pretended time.
    const auto updates = peek->report_updates(id, true);
    ASSERT_FALSE(updates.empty());
    EXPECT_EQ(updates.back().kind, "escalated");
    EXPECT_EQ(updates.back().created_at, std::chrono::floor<std::chrono::seconds>(due + 1h));

    const auto again = okrsek("reports sweep --now " + when(due + 1h));
    ASSERT_EQ(again.exit_code, 0) << again.output;
    EXPECT_NE(again.output.find("escalated 0"), std::string::npos) << again.output;
    EXPECT_EQ(peek->find_report(id)->status.level, submitted.level + 1);

    // Without --now the real clock decides: the report is not due at its next level today.
    const auto now = okrsek("reports sweep");
    ASSERT_EQ(now.exit_code, 0) << now.output;
    EXPECT_NE(now.output.find("escalated 0"), std::string::npos) << now.output;
}

TEST_F(CliReportsTest, BadTimesAreUsageErrors) {
    const auto bad = okrsek("reports sweep --now yesterday");
    EXPECT_EQ(bad.exit_code, 2) << bad.output;
    EXPECT_NE(bad.output.find("now"), std::string::npos) << bad.output;
    EXPECT_EQ(okrsek("reports").exit_code, 2);
}

TEST_F(CliReportsTest, SeedAndListCategoriesByCodeOrName) {
    const auto seeded = okrsek("reports seed Testov");
    ASSERT_EQ(seeded.exit_code, 0) << seeded.output;
    EXPECT_NE(seeded.output.find("Testov: 7 categories, 4 escalation levels"), std::string::npos)
        << seeded.output;
    EXPECT_EQ(okrsek("reports seed 999999").output, seeded.output);  // nothing new the second time

    const auto listed = okrsek("reports categories 999999");
    ASSERT_EQ(listed.exit_code, 0) << listed.output;
    EXPECT_NE(listed.output.find("unsafe_place"), std::string::npos) << listed.output;
    EXPECT_NE(listed.output.find("guidance only"), std::string::npos) << listed.output;
    EXPECT_EQ(okrsek("reports categories testov").output, listed.output);

    const auto unknown = okrsek("reports categories Nowhere");
    EXPECT_EQ(unknown.exit_code, 1) << unknown.output;
    EXPECT_NE(unknown.output.find("no town 'Nowhere'"), std::string::npos) << unknown.output;
}

}  // namespace
}  // namespace okrsek::test
