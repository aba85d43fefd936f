// Reports in a backup, on both engines: every report table is dumped and restored row for
// row, blobs (photos, sealed contacts) included, also when a report is merged into a later one.
#include <gtest/gtest.h>

#include "dump_cases.hpp"
#include "report_fixture.hpp"
#include "store/migrations.hpp"
#include "store/schema_reports.hpp"

namespace okrsek::store::dump_cases {
// Only the capture helpers of dump_cases.hpp are used here; its typed suite runs elsewhere.
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(DumpContract);
}  // namespace okrsek::store::dump_cases

namespace okrsek::store::test_accounts {
namespace {

TEST_F(ReportStoreTest, ReportTablesSurviveADumpAndRestore) {
    NewReport first = new_report();
    first.seal_contact = [](std::int64_t) -> std::optional<std::string> {
        return std::string("\0\x01sealed\xfe", 9);
    };
    NewReportExtras extras;
    extras.photos = {photo('e')};
    const auto older = store->submit_report(first, extras, t0);
    const auto newer = submit(1, t0 + 1h);
    // The older report is a duplicate of the newer one: a reference forwards in id order.
    ReportChange merge;
    merge.report_id = older;
    merge.expected_version = 1;
    merge.status = store->find_report(older)->status;
    merge.status->state = ReportState::closed_duplicate;
    merge.status->duplicate_of = newer;
    merge.update = ReportUpdate{};
    merge.update->kind = "merged";
    merge.photos = {photo('f', false)};
    merge.audit = by_cli();
    store->apply_report_change(merge, t0 + 2h);
    store->set_report_level({.municipality_code = testov,
                             .code = "police_leadership",
                             .name_cs = "Vedení",
                             .name_en = "Leadership"},
                            t0, by_cli());
    store->create_answer_template(testov, "Díky", "Děkujeme.", t0, by_cli());
    store->subscribe_area(testov, area_ids[0], "a@example.org", "tok", mail("Potvrďte"), t0);
    store->confirm_subscription("tok", t0);

    const auto dumped = dump_cases::dump_of(*store);
    for (const auto table : v7_tables) {
        const auto found = std::find_if(dumped.begin(), dumped.end(),
                                        [&](const auto& t) { return t.header.name == table; });
        ASSERT_NE(found, dumped.end()) << table;
        EXPECT_FALSE(found->rows.empty()) << table;
    }

    okrsek::test::TestDatabase target_database{dir.path(), "restored.db"};
    auto target = open_store(target_database.setting());
    target->migrate();
    dump_cases::ReplaySource source(dumped);
    target->restore(source);
    EXPECT_EQ(dump_cases::dump_of(*target), dumped);
    const auto restored = target->find_report(older);
    ASSERT_TRUE(restored);
    EXPECT_EQ(restored->contact_sealed, std::string("\0\x01sealed\xfe", 9));
    EXPECT_EQ(restored->status.duplicate_of, newer);
    const auto photos = target->report_photos(older);
    ASSERT_EQ(photos.size(), 2u);
    EXPECT_EQ(target->report_photo(photos[1].id, photos[1].sha256)->jpeg, std::string(100, 'f'));
    // New rows continue above the restored ids.
    EXPECT_GT(target->submit_report(new_report(0, "after-restore"), {}, t0), newer);
}

}  // namespace
}  // namespace okrsek::store::test_accounts

namespace okrsek::store::test_accounts {
namespace {

// `okrsek migrate` on a database of the previous release: migration 7 runs after 6 on a
// database holding towns, districts and users (with every later migration), and reports work
// at once.
TEST(ReportMigration, SevenRunsOnADatabaseMigratedToSix) {
    okrsek::test::TempDir dir;
    okrsek::test::TestDatabase database{dir.path(), "old.db"};
    auto old = open_store(database.setting());
    EXPECT_EQ(old->migrate_to(6), 6);
    old->replace_areas({"districts", std::nullopt},
                       std::vector<NewArea>{{testov, "A", "A", "{}", square(14.0, 50.0)}},
                       std::vector<core::Municipality>{{testov, "Testov"}}, "f");
    old.reset();

    auto upgraded = open_store(database.setting());
    EXPECT_EQ(upgraded->migrate(), latest_schema_version() - 6);
    EXPECT_EQ(upgraded->schema_version(), latest_schema_version());
    EXPECT_EQ(upgraded->migrate(), 0);
    const auto category =
        upgraded->create_report_category(category_fields(testov, "unsafe_place"), t0, by_cli());
    NewReport report;
    report.routing.municipality_code = testov;
    report.routing.district_id = upgraded->load_areas("districts").at(0).info.id;
    report.routing.category_id = category;
    report.description = "Rozbitá lampa";
    report.tracking_hash = "t";
    report.status.first_response_due = t0 + 48h;
    report.status.resolution_due = t0 + 480h;
    const auto id = upgraded->submit_report(report, {}, t0);
    EXPECT_EQ(upgraded->find_report(id)->routing.category_id, category);
}

}  // namespace
}  // namespace okrsek::store::test_accounts
