// Reports' storage on both engines: submission with its history, photos and mails in one
// transaction, the sealed contact, lookups by token hash, versioned changes (exactly one of
// two concurrent changes wins) and the limits.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "report_fixture.hpp"

namespace okrsek::store::test_accounts {
namespace {

TEST_F(ReportStoreTest, ASubmittedReportIsFoundByIdTrackingHashAndConfirmHash) {
    NewReport report = new_report(0, "tracking-abc");
    report.confirm_hash = "confirm-xyz";
    report.open311_token = "o311-1";
    report.contact_email_hash = "mailhash";
    report.has_email = true;
    report.show_name = true;
    report.public_name = "Jana N.";
    report.source = ReportSource::open311;
    NewReportExtras extras;
    extras.first_update.author_kind = "citizen";
    extras.first_update.body = "Podáno";
    extras.photos = {photo('1'), photo('2', false)};
    std::int64_t mailed_report = 0, mailed_update = 0;
    extras.mails = [&](std::int64_t report_id, std::int64_t update_id) {
        mailed_report = report_id;
        mailed_update = update_id;
        return std::vector<OutboxMessage>{mail("Nové hlášení " + std::to_string(report_id))};
    };
    const auto id = store->submit_report(report, extras, t0);

    const auto found = store->find_report(id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->version, 1);
    EXPECT_EQ(found->created_at, t0);
    EXPECT_EQ(found->updated_at, t0);
    EXPECT_EQ(found->routing.district_id, area_ids[0]);
    EXPECT_EQ(found->routing.lon_e7, 140'500'000);
    EXPECT_EQ(found->routing.owner_role_code, "state_police_officer");
    EXPECT_EQ(found->status.state, ReportState::new_);
    EXPECT_EQ(found->status.visibility, ReportVisibility::pending);
    EXPECT_EQ(found->status.first_response_due, t0 + 48h);
    EXPECT_FALSE(found->status.level_due);
    EXPECT_EQ(found->description, "Nesvítí lampa u přechodu.");
    EXPECT_EQ(found->extra_json, R"({"time":"night"})");
    EXPECT_EQ(found->open311_token, "o311-1");
    EXPECT_TRUE(found->has_email);
    EXPECT_EQ(found->public_name, "Jana N.");
    EXPECT_EQ(found->source, ReportSource::open311);
    EXPECT_FALSE(found->contact_sealed);  // no sealing function: anonymous

    EXPECT_EQ(store->find_report_by_tracking_hash("tracking-abc")->id, id);
    EXPECT_EQ(store->find_report_by_confirm_hash("confirm-xyz")->id, id);
    EXPECT_FALSE(store->find_report_by_tracking_hash("confirm-xyz"));
    EXPECT_FALSE(store->find_report(id + 100));

    const auto updates = store->report_updates(id, true);
    ASSERT_EQ(updates.size(), 1u);
    EXPECT_EQ(updates[0].kind, "submitted");
    EXPECT_EQ(updates[0].author_kind, "citizen");
    EXPECT_EQ(updates[0].body, "Podáno");
    EXPECT_EQ(mailed_report, id);
    EXPECT_EQ(mailed_update, updates[0].id);
    const auto photos = store->report_photos(id);
    ASSERT_EQ(photos.size(), 2u);
    EXPECT_FALSE(photos[0].update_id);
    EXPECT_TRUE(photos[0].is_public);
    EXPECT_FALSE(photos[1].is_public);
    const auto bytes = store->report_photo(photos[1].id, photos[1].thumb_sha256);
    ASSERT_TRUE(bytes);
    EXPECT_EQ(bytes->jpeg, std::string(10, '2'));
    EXPECT_FALSE(bytes->is_public);
    EXPECT_EQ(store->report_photo(photos[0].id, photos[0].sha256)->jpeg, std::string(100, '1'));
    EXPECT_FALSE(store->report_photo(photos[0].id, photos[1].sha256));
    const auto queued = store->list_outbox({});
    ASSERT_EQ(queued.size(), 1u);
    EXPECT_EQ(queued[0].subject, "Nové hlášení " + std::to_string(id));
}

TEST_F(ReportStoreTest, TheContactIsSealedForTheNewIdInsideTheTransaction) {
    NewReport report = new_report();
    std::int64_t sealed_for = 0;
    report.seal_contact = [&](std::int64_t id) -> std::optional<std::string> {
        sealed_for = id;
        return std::string("sealed\0bytes\xff", 13);
    };
    const auto id = store->submit_report(report, {}, t0);
    EXPECT_EQ(sealed_for, id);
    EXPECT_EQ(store->find_report(id)->contact_sealed, std::string("sealed\0bytes\xff", 13));

    // A sealing failure aborts the submission: no report without its contact.
    NewReport failing = new_report();
    failing.seal_contact = [](std::int64_t) -> std::optional<std::string> {
        throw core::Error(core::ErrorCode::internal, "no key");
    };
    EXPECT_EQ(error_of([&] { store->submit_report(failing, {}, t0); }).code(),
              core::ErrorCode::internal);
    EXPECT_EQ(count("reports"), 1);
    EXPECT_EQ(count("report_updates"), 1);
}

TEST_F(ReportStoreTest, AChangeWritesTheRowHistoryPhotosMailsAndAuditAtOnce) {
    const auto id = store->submit_report(new_report(), {}, t0);
    const auto before_audit = audit_rows();
    ReportChange change;
    change.report_id = id;
    change.expected_version = 1;
    ReportStatus status = store->find_report(id)->status;
    status.state = ReportState::acknowledged;
    status.visibility = ReportVisibility::public_;
    status.first_response_at = t0 + 1h;
    change.status = status;
    change.clear_confirm_hash = true;
    change.update = ReportUpdate{};
    change.update->kind = "answer";
    change.update->author_kind = "staff";
    change.update->author_name = "Petr Strážník";
    change.update->from_state = "new";
    change.update->to_state = "acknowledged";
    change.update->body = "Řešíme.";
    change.photos = {photo('c')};
    change.mails = [](std::int64_t report_id, std::int64_t update_id) {
        return std::vector<OutboxMessage>{
            mail("r" + std::to_string(report_id) + " u" + std::to_string(update_id))};
    };
    change.audit = by_cli();
    const auto applied = store->apply_report_change(change, t0 + 1h);

    EXPECT_EQ(applied.version, 2);
    ASSERT_TRUE(applied.update_id);
    ASSERT_EQ(applied.photo_ids.size(), 1u);
    const auto report = store->find_report(id);
    EXPECT_EQ(report->version, 2);
    EXPECT_EQ(report->updated_at, t0 + 1h);
    EXPECT_EQ(report->status.state, ReportState::acknowledged);
    EXPECT_EQ(report->status.first_response_at, t0 + 1h);
    EXPECT_EQ(report->routing.district_id, area_ids[0]);  // routing untouched
    const auto updates = store->report_updates(id, false);
    ASSERT_EQ(updates.size(), 2u);
    EXPECT_EQ(updates[1].id, *applied.update_id);
    EXPECT_EQ(updates[1].author_name, "Petr Strážník");
    EXPECT_EQ(store->report_photos(id).at(0).update_id, applied.update_id);
    const auto queued = store->list_outbox({});
    ASSERT_EQ(queued.size(), 1u);
    EXPECT_EQ(queued[0].subject,
              "r" + std::to_string(id) + " u" + std::to_string(*applied.update_id));
    EXPECT_EQ(audit_rows(), before_audit + 1);
    const auto audit = last_audit();
    EXPECT_EQ(audit.action, "report.change");
    EXPECT_EQ(audit.object_id, std::to_string(id));
    EXPECT_EQ(audit.municipality_code, testov);
}

TEST_F(ReportStoreTest, AChangeWhoseMailsFailLeavesNothingBehind) {
    const auto id = store->submit_report(new_report(), {}, t0);
    ReportChange change;
    change.report_id = id;
    change.expected_version = 1;
    change.update = ReportUpdate{};
    change.update->kind = "note";
    change.update->is_public = false;
    change.photos = {photo('d')};
    change.mails = [](std::int64_t, std::int64_t) -> std::vector<OutboxMessage> {
        throw core::Error(core::ErrorCode::internal, "template broken");
    };
    change.audit = by_cli();
    const auto audits = audit_rows();
    EXPECT_EQ(error_of([&] { store->apply_report_change(change, t0 + 1h); }).code(),
              core::ErrorCode::internal);
    // A refused message (bad recipient) aborts the same way.
    change.mails = [](std::int64_t, std::int64_t) {
        auto bad = mail("x");
        bad.recipient = "not an address";
        return std::vector<OutboxMessage>{mail("ok"), bad};
    };
    EXPECT_EQ(error_of([&] { store->apply_report_change(change, t0 + 1h); }).field(), "recipient");
    EXPECT_EQ(store->find_report(id)->version, 1);
    EXPECT_EQ(count("report_updates"), 1);
    EXPECT_EQ(count("report_photos"), 0);
    EXPECT_EQ(count("outbox_messages"), 0);
    EXPECT_EQ(audit_rows(), audits);
    // The same change with working mails commits everything.
    change.mails = [](std::int64_t, std::int64_t) {
        return std::vector<OutboxMessage>{mail("ok")};
    };
    store->apply_report_change(change, t0 + 1h);
    EXPECT_EQ(count("report_photos"), 1);
    EXPECT_EQ(count("outbox_messages"), 1);
}

TEST_F(ReportStoreTest, OfTwoChangesFromTheSameVersionExactlyOneWins) {
    const auto id = store->submit_report(new_report(), {}, t0);
    ReportChange change;
    change.report_id = id;
    change.expected_version = 1;
    change.update = ReportUpdate{};
    change.update->kind = "escalated";
    change.mails = [](std::int64_t, std::int64_t) {
        return std::vector<OutboxMessage>{mail("eskalace")};
    };
    store->apply_report_change(change, t0 + 1h);
    const auto error = error_of([&] { store->apply_report_change(change, t0 + 2h); });
    EXPECT_EQ(error.code(), core::ErrorCode::conflict);
    EXPECT_EQ(error.field(), "version");
    EXPECT_EQ(count("report_updates"), 2);
    EXPECT_EQ(count("outbox_messages"), 1);

    change.report_id = id + 1000;
    const auto missing = error_of([&] { store->apply_report_change(change, t0 + 2h); });
    EXPECT_EQ(missing.code(), core::ErrorCode::not_found);
    EXPECT_EQ(missing.field(), "id");
}

TEST_F(ReportStoreTest, OfManyThreadsChangingTheSameVersionExactlyOneWins) {
    // Two servers' sweeps deciding the same escalation: several stores on one database.
    std::vector<std::unique_ptr<Store>> stores;
    for (int i = 0; i < 4; ++i) stores.push_back(open_store(database.setting()));
    for (int round = 0; round < 5; ++round) {
        const auto id = store->submit_report(new_report(), {}, t0);
        std::atomic<int> won{0}, conflicts{0};
        std::vector<std::thread> threads;
        for (auto& other : stores) {
            threads.emplace_back([&, target = other.get()] {
                ReportChange change;
                change.report_id = id;
                change.expected_version = 1;
                ReportStatus status = target->find_report(id)->status;
                status.level = 1;
                status.level_due = t0 + 240h;
                change.status = status;
                change.update = ReportUpdate{};
                change.update->kind = "escalated";
                change.update->level = 1;
                change.mails = [](std::int64_t, std::int64_t) {
                    return std::vector<OutboxMessage>{mail("eskalace")};
                };
                try {
                    target->apply_report_change(change, t0 + 49h);
                    ++won;
                } catch (const core::Error& error) {
                    if (error.code() == core::ErrorCode::conflict && error.field() == "version")
                        ++conflicts;
                }
            });
        }
        for (auto& thread : threads) thread.join();
        EXPECT_EQ(won.load(), 1);
        EXPECT_EQ(conflicts.load(), 3);
        EXPECT_EQ(store->find_report(id)->version, 2);
        EXPECT_EQ(store->report_updates(id, true).size(), 2u);
    }
    EXPECT_EQ(count("outbox_messages"), 5);
}

TEST_F(ReportStoreTest, ValuesBeyondTheLimitsAreRefusedNamingTheField) {
    const auto field_of = [&](const std::function<void(NewReport&)>& spoil) {
        NewReport report = new_report();
        spoil(report);
        return error_of([&] { store->submit_report(report, {}, t0); }).field();
    };
    EXPECT_EQ(field_of([](NewReport& r) { r.description.clear(); }), "description");
    EXPECT_EQ(
        field_of([](NewReport& r) { r.description.assign(max_report_description_bytes + 1, 'x'); }),
        "description");
    EXPECT_EQ(field_of([](NewReport& r) { r.description = "bad \xff utf-8"; }), "description");
    EXPECT_EQ(field_of([](NewReport& r) { r.extra_json = "[]"; }), "extra_json");
    EXPECT_EQ(field_of([](NewReport& r) { r.extra_json = "{not json"; }), "extra_json");
    EXPECT_EQ(field_of([](NewReport& r) {
                  r.extra_json =
                      "{\"a\":\"" + std::string(max_report_extra_json_bytes, 'x') + "\"}";
              }),
              "extra_json");
    EXPECT_EQ(field_of([](NewReport& r) { r.routing.lon_e7 = 1'800'000'001; }), "lon_e7");
    EXPECT_EQ(field_of([](NewReport& r) { r.routing.lat_e7 = -900'000'001; }), "lat_e7");
    EXPECT_EQ(field_of([](NewReport& r) {
                  r.routing.address_text.assign(max_report_address_bytes + 1, 'a');
              }),
              "address_text");
    EXPECT_EQ(field_of([](NewReport& r) { r.routing.owner_role_code = "Police"; }),
              "owner_role_code");
    EXPECT_EQ(field_of([](NewReport& r) { r.status.level = 5; }), "level");
    EXPECT_EQ(field_of([](NewReport& r) { r.status.state_reason = std::string(1001, 'r'); }),
              "state_reason");
    EXPECT_EQ(field_of([](NewReport& r) { r.tracking_hash.clear(); }), "tracking_hash");
    EXPECT_EQ(field_of([](NewReport& r) { r.show_name = true; }), "public_name");
    EXPECT_EQ(field_of([](NewReport& r) { r.routing.category_id = 9999; }), "category");
    EXPECT_EQ(field_of([&](NewReport& r) { r.routing.category_id = jinov_category; }), "category");
    EXPECT_EQ(field_of([](NewReport& r) { r.status.duplicate_of = 9999; }), "duplicate_of");
    store->submit_report(new_report(0, "same"), {}, t0);
    const auto taken = error_of([&] { store->submit_report(new_report(0, "same"), {}, t0); });
    EXPECT_EQ(taken.code(), core::ErrorCode::conflict);
    EXPECT_EQ(taken.field(), "tracking_hash");

    NewReportExtras extras;
    for (char c = 'a'; c < 'a' + 6; ++c) extras.photos.push_back(photo(c));
    EXPECT_EQ(error_of([&] { store->submit_report(new_report(), extras, t0); }).field(), "photos");
    extras.photos = {photo('a')};
    extras.photos[0].photo.sha256 = "ABC";
    EXPECT_EQ(error_of([&] { store->submit_report(new_report(), extras, t0); }).field(), "sha256");
    extras = {};
    extras.first_update.kind = "gossip";
    EXPECT_EQ(error_of([&] { store->submit_report(new_report(), extras, t0); }).field(), "kind");
    extras.first_update.kind = "submitted";
    extras.first_update.body.assign(max_report_update_bytes + 1, 'b');
    EXPECT_EQ(error_of([&] { store->submit_report(new_report(), extras, t0); }).field(), "body");
    EXPECT_EQ(count("reports"), 1);

    ReportChange change;
    change.report_id = store->find_report_by_tracking_hash("same")->id;
    change.expected_version = 1;
    change.photos = {photo('a')};  // photos without an update
    EXPECT_EQ(error_of([&] { store->apply_report_change(change, t0); }).field(), "photos");
    change.photos.clear();
    change.expected_version = 0;
    EXPECT_EQ(error_of([&] { store->apply_report_change(change, t0); }).field(), "version");
    change.expected_version = 1;
    change.status = store->find_report(change.report_id)->status;
    change.status->duplicate_of = change.report_id;
    EXPECT_EQ(error_of([&] { store->apply_report_change(change, t0); }).field(), "duplicate_of");
}

TEST_F(ReportStoreTest, RateLimitCountsBySubmitterAndEmailHash) {
    submit(0, t0);
    submit(0, t0 + 1h, [](NewReport& r) { r.contact_email_hash = "h1"; });
    submit(1, t0 + 2h, [](NewReport& r) {
        r.contact_email_hash = "h1";
        r.submitter_key = "client-2";
    });
    EXPECT_EQ(store->count_reports_by_submitter("client-1", t0), 2);
    EXPECT_EQ(store->count_reports_by_submitter("client-1", t0 + 1h), 1);
    EXPECT_EQ(store->count_reports_by_submitter("client-3", t0), 0);
    EXPECT_EQ(store->count_reports_by_email_hash("h1", t0), 2);
    EXPECT_EQ(store->count_reports_by_email_hash("h1", t0 + 90min), 1);
}

}  // namespace
}  // namespace okrsek::store::test_accounts
