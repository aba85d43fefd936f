// A town's report configuration on both engines: categories (audited, retired, seeded once),
// escalation levels, answer templates, and citizens' area subscriptions.
#include <gtest/gtest.h>

#include "report_fixture.hpp"

namespace okrsek::store::test_accounts {
namespace {

ReportLevel level(std::int64_t number, std::string code, std::int64_t days = 10) {
    ReportLevel entry;
    entry.municipality_code = testov;
    entry.level = number;
    entry.code = std::move(code);
    entry.name_cs = "Vedení policie";
    entry.name_en = "Police leadership";
    entry.deadline_days = days;
    return entry;
}

TEST_F(ReportStoreTest, CategoriesAreCreatedUpdatedAndRetiredWithAudit) {
    auto fields = category_fields(testov, "graffiti");
    fields.sort_order = -1;
    fields.guidance_cs = "Volejte 156.\nDěkujeme.";
    const auto audits = audit_rows();
    const auto id = store->create_report_category(fields, t0, by_cli());
    EXPECT_EQ(last_audit().action, "report_category.create");
    auto listed = store->report_categories(testov);
    ASSERT_EQ(listed.size(), 3u);
    EXPECT_EQ(listed[0].id, id);  // sort_order first, then code: graffiti, lighting, unsafe…
    EXPECT_EQ(listed[1].code, "lighting");
    EXPECT_EQ(listed[0].guidance_cs, "Volejte 156.\nDěkujeme.");
    EXPECT_EQ(listed[0].extra_fields_json, R"([{"key":"time","type":"time_of_day"}])");
    EXPECT_EQ(store->find_report_category(testov, "graffiti")->id, id);
    EXPECT_FALSE(store->find_report_category(jinov, "graffiti"));

    const auto duplicate = error_of([&] { store->create_report_category(fields, t0, by_cli()); });
    EXPECT_EQ(duplicate.code(), core::ErrorCode::conflict);
    EXPECT_EQ(duplicate.field(), "code");

    fields.name_cs = "Sprejerství";
    fields.code = "ignored";  // stable: update keeps the code and the town
    fields.municipality_code = jinov;
    fields.resolution_days = 30;
    fields.accepts_reports = false;
    store->update_report_category(id, fields, t0 + 1h, by_cli());
    auto updated = store->find_report_category(id);
    EXPECT_EQ(updated->name_cs, "Sprejerství");
    EXPECT_EQ(updated->code, "graffiti");
    EXPECT_EQ(updated->municipality_code, testov);
    EXPECT_EQ(updated->resolution_days, 30);
    EXPECT_FALSE(updated->accepts_reports);
    EXPECT_EQ(updated->updated_at, t0 + 1h);
    EXPECT_EQ(last_audit().action, "report_category.update");

    store->retire_report_category(id, t0 + 2h, by_cli());
    EXPECT_EQ(store->report_categories(testov).size(), 2u);
    EXPECT_EQ(store->report_categories(testov, true).size(), 3u);
    EXPECT_EQ(store->find_report_category(id)->retired_at, t0 + 2h);
    EXPECT_EQ(error_of([&] { store->retire_report_category(id, t0, by_cli()); }).code(),
              core::ErrorCode::conflict);
    EXPECT_EQ(audit_rows(), audits + 3);
    EXPECT_EQ(error_of([&] { store->retire_report_category(9999, t0, by_cli()); }).code(),
              core::ErrorCode::not_found);
}

TEST_F(ReportStoreTest, CategoryLimitsAreRefusedNamingTheField) {
    const auto field_of = [&](const std::function<void(CategoryFields&)>& spoil) {
        auto fields = category_fields(testov, "new_one");
        spoil(fields);
        return error_of([&] { store->create_report_category(fields, t0, by_cli()); }).field();
    };
    EXPECT_EQ(field_of([](auto& f) { f.code = "Bad-Code"; }), "code");
    EXPECT_EQ(field_of([](auto& f) { f.code = std::string(65, 'a'); }), "code");
    EXPECT_EQ(field_of([](auto& f) { f.name_cs.clear(); }), "name_cs");
    EXPECT_EQ(field_of([](auto& f) { f.guidance_en = std::string(2001, 'g'); }), "guidance_en");
    EXPECT_EQ(field_of([](auto& f) { f.first_response_days = 0; }), "first_response_days");
    EXPECT_EQ(field_of([](auto& f) { f.resolution_days = 251; }), "resolution_days");
    EXPECT_EQ(field_of([](auto& f) { f.extra_fields_json = "{}"; }), "extra_fields_json");
    EXPECT_EQ(field_of([](auto& f) { f.extra_fields_json = "[1,"; }), "extra_fields_json");
    EXPECT_EQ(field_of([](auto& f) { f.owner_role_code.clear(); }), "owner_role_code");
    EXPECT_EQ(field_of([](auto& f) { f.municipality_code = 1; }), "municipality");
    EXPECT_FALSE(store->find_report_category(testov, "new_one"));
}

TEST_F(ReportStoreTest, SeedingDefaultsInsertsOnlyWhatATownLacks) {
    std::vector<CategoryFields> categories{category_fields(0, "unsafe_place"),
                                           category_fields(0, "drugs")};
    std::vector<ReportLevel> levels{level(1, "police_leadership"),
                                    level(2, "coordination_meeting")};
    const auto audits = audit_rows();
    EXPECT_EQ(store->seed_report_defaults(testov, categories, levels, t0), 3u);  // drugs + 2
    EXPECT_EQ(store->seed_report_defaults(testov, categories, levels, t0), 0u);
    EXPECT_EQ(store->report_categories(testov).size(), 3u);
    EXPECT_EQ(store->report_levels(testov).size(), 2u);
    EXPECT_EQ(store->seed_report_defaults(jinov, categories, levels, t0), 3u);
    EXPECT_EQ(audit_rows(), audits);  // defaults are not audited
}

TEST_F(ReportStoreTest, LevelsAreSetInPlaceAndListedInOrder) {
    auto second = level(2, "coordination_meeting", 15);
    second.contact_email = " Prevence@Example.org ";
    store->set_report_level(second, t0, by_cli());
    store->set_report_level(level(1, "police_leadership"), t0, by_cli());
    EXPECT_EQ(last_audit().action, "report_level.set");
    auto levels = store->report_levels(testov);
    ASSERT_EQ(levels.size(), 2u);
    EXPECT_EQ(levels[0].level, 1);
    EXPECT_EQ(levels[1].contact_email, "prevence@example.org");
    EXPECT_EQ(levels[1].deadline_days, 15);
    const auto id = levels[1].id;

    second.deadline_days = 20;
    second.contact_email.reset();
    store->set_report_level(second, t0 + 1h, by_cli());
    levels = store->report_levels(testov);
    ASSERT_EQ(levels.size(), 2u);
    EXPECT_EQ(levels[1].id, id);
    EXPECT_EQ(levels[1].deadline_days, 20);
    EXPECT_FALSE(levels[1].contact_email);
    EXPECT_EQ(levels[1].updated_at, t0 + 1h);
    EXPECT_TRUE(store->report_levels(jinov).empty());

    EXPECT_EQ(error_of([&] { store->set_report_level(level(5, "x"), t0, by_cli()); }).field(),
              "level");
    EXPECT_EQ(error_of([&] { store->set_report_level(level(3, "x", 0), t0, by_cli()); }).field(),
              "deadline_days");
    auto bad = level(3, "security_commission");
    bad.contact_email = "no address";
    EXPECT_EQ(error_of([&] { store->set_report_level(bad, t0, by_cli()); }).field(),
              "contact_email");
}

TEST_F(ReportStoreTest, AnswerTemplatesHaveUniqueTitlesPerTown) {
    const auto audits = audit_rows();
    const auto id = store->create_answer_template(testov, "Předáno", "Předali jsme…", t0, by_cli());
    store->create_answer_template(testov, "Děkujeme", "Díky.\nTým", t0, by_cli());
    store->create_answer_template(jinov, "Předáno", "Jinov", t0, by_cli());
    auto templates = store->answer_templates(testov);
    ASSERT_EQ(templates.size(), 2u);
    EXPECT_EQ(templates[0].title, "Děkujeme");
    EXPECT_EQ(templates[0].body, "Díky.\nTým");
    const auto taken =
        error_of([&] { store->create_answer_template(testov, "Předáno", "x", t0, by_cli()); });
    EXPECT_EQ(taken.code(), core::ErrorCode::conflict);
    EXPECT_EQ(taken.field(), "title");
    EXPECT_EQ(
        error_of([&] { store->update_answer_template(id, "Děkujeme", "x", t0, by_cli()); }).field(),
        "title");
    store->update_answer_template(id, "Předáno policii", "Nové znění", t0 + 1h, by_cli());
    const auto changed = store->find_answer_template(id);
    EXPECT_EQ(changed->title, "Předáno policii");
    EXPECT_EQ(changed->updated_at, t0 + 1h);
    EXPECT_EQ(changed->created_at, t0);
    store->delete_answer_template(id, by_cli());
    EXPECT_EQ(last_audit().action, "report_template.delete");
    EXPECT_FALSE(store->find_answer_template(id));
    EXPECT_EQ(error_of([&] { store->delete_answer_template(id, by_cli()); }).code(),
              core::ErrorCode::not_found);
    EXPECT_EQ(audit_rows(), audits + 5);
    EXPECT_EQ(
        error_of([&] { store->create_answer_template(testov, "", "x", t0, by_cli()); }).field(),
        "title");
    EXPECT_EQ(error_of([&] {
                  store->create_answer_template(testov, "Dlouhé",
                                                std::string(max_report_update_bytes + 1, 'x'), t0,
                                                by_cli());
              }).field(),
              "body");
}

TEST_F(ReportStoreTest, ASubscriptionIsPendingUntilConfirmedAndCanBeCancelled) {
    const auto district = area_ids[0];
    auto confirmation = mail("Potvrďte odběr");
    const auto id =
        store->subscribe_area(testov, district, "Obcan@Example.org", "token-1", confirmation, t0);
    EXPECT_TRUE(store->district_subscriptions(district).empty());  // pending
    EXPECT_EQ(count("outbox_messages"), 1);
    // Asking again replaces the token (the first link no longer works) and mails again.
    EXPECT_EQ(
        store->subscribe_area(testov, district, "obcan@example.org", "token-2", confirmation, t0),
        id);
    EXPECT_EQ(count("outbox_messages"), 2);
    EXPECT_FALSE(store->confirm_subscription("token-1", t0));

    const auto newest_report = submit(0, t0);
    EXPECT_TRUE(store->confirm_subscription("token-2", t0 + 1h));
    auto confirmed = store->district_subscriptions(district);
    ASSERT_EQ(confirmed.size(), 1u);
    EXPECT_EQ(confirmed[0].email, "obcan@example.org");
    EXPECT_EQ(confirmed[0].confirmed_at, t0 + 1h);
    EXPECT_EQ(confirmed[0].last_update_id, newest_report);         // alerts start after it
    EXPECT_TRUE(store->confirm_subscription("token-2", t0 + 2h));  // again: no change
    EXPECT_EQ(store->district_subscriptions(district)[0].confirmed_at, t0 + 1h);

    const auto again = error_of([&] {
        store->subscribe_area(testov, district, "obcan@example.org", "token-3", confirmation, t0);
    });
    EXPECT_EQ(again.code(), core::ErrorCode::conflict);
    EXPECT_EQ(again.field(), "email");
    EXPECT_EQ(count("outbox_messages"), 2);

    EXPECT_EQ(error_of([&] {
                  store->subscribe_area(testov, district, "bad", "t", confirmation, t0);
              }).field(),
              "email");
    EXPECT_TRUE(store->unsubscribe("token-2"));
    EXPECT_FALSE(store->unsubscribe("token-2"));
    EXPECT_TRUE(store->district_subscriptions(district).empty());
}

TEST_F(ReportStoreTest, RecordedAlertsMoveSubscriptionsOnlyForward) {
    const auto district = area_ids[1];
    const auto first =
        store->subscribe_area(testov, district, "a@example.org", "ta", mail("a"), t0);
    const auto second =
        store->subscribe_area(testov, district, "b@example.org", "tb", mail("b"), t0);
    store->confirm_subscription("ta", t0);
    store->confirm_subscription("tb", t0);
    const std::vector<std::int64_t> both{first, second};
    const std::vector<OutboxMessage> alerts{mail("alert a"), mail("alert b")};
    store->record_alerts(both, 10, alerts, t0);
    EXPECT_EQ(count("outbox_messages"), 4);
    store->record_alerts(std::vector<std::int64_t>{first}, 7, {}, t0);  // backwards: ignored
    for (const auto& s : store->district_subscriptions(district)) EXPECT_EQ(s.last_update_id, 10);
    store->record_alerts(std::vector<std::int64_t>{second}, 12, {}, t0);
    const auto after = store->district_subscriptions(district);
    EXPECT_EQ(after[0].last_update_id, 10);
    EXPECT_EQ(after[1].last_update_id, 12);
    // A refused mail moves nobody.
    auto bad = mail("x");
    bad.recipient = "nobody";
    EXPECT_EQ(error_of([&] {
                  store->record_alerts(both, 20, std::vector<OutboxMessage>{bad}, t0);
              }).field(),
              "recipient");
    EXPECT_EQ(store->district_subscriptions(district)[0].last_update_id, 10);
}

}  // namespace
}  // namespace okrsek::store::test_accounts
