// The outbox's storage on both engines: transactional enqueue, dedupe keys, exclusive claims
// with leases, outcomes, the staff's operations (audited) and the retention purge.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "account_fixture.hpp"
#include "store/outbox.hpp"

namespace okrsek::store::test_accounts {
namespace {

OutboxMessage message(std::string subject = "Potvrzení hlášení",
                      std::optional<std::string> dedupe = std::nullopt) {
    OutboxMessage m;
    m.kind = "report.confirmation";
    m.municipality_code = testov;
    m.recipient = "obcan@example.org";
    m.subject = std::move(subject);
    m.body = "Dobrý den,\nděkujeme za hlášení.\n";
    m.dedupe_key = std::move(dedupe);
    return m;
}

using OutboxStoreTest = AccountStoreTest;

TEST_F(OutboxStoreTest, AMessageIsQueuedDueAtOnceWithARandomMessageId) {
    const auto id = store->enqueue(message(), t0);
    const auto record = store->find_outbox_message(id);
    ASSERT_TRUE(record);
    EXPECT_EQ(record->state, OutboxState::queued);
    EXPECT_EQ(record->attempts, 0);
    EXPECT_EQ(record->next_attempt_at, t0);
    EXPECT_EQ(record->subject, "Potvrzení hlášení");
    EXPECT_EQ(record->body, "Dobrý den,\nděkujeme za hlášení.\n");
    EXPECT_EQ(record->municipality_code, testov);
    EXPECT_TRUE(record->message_id.starts_with("<") && record->message_id.ends_with("@okrsek>"))
        << record->message_id;
    const auto other = store->find_outbox_message(store->enqueue(message(), t0));
    EXPECT_NE(other->message_id, record->message_id);
}

TEST_F(OutboxStoreTest, MessagesOfARolledBackTransactionAreNeverQueued) {
    // The second message repeats the first one's key: the transaction fails as a whole.
    const std::vector<OutboxMessage> both{message("první", "hlaseni-1"),
                                          message("druhá", "hlaseni-1")};
    EXPECT_EQ(error_of([&] { store->enqueue_all(both, t0); }).code(), core::ErrorCode::conflict);
    EXPECT_TRUE(store->list_outbox({}).empty());
    EXPECT_EQ(store->count_outbox().queued, 0);
    // Committed, both are there.
    const std::vector<OutboxMessage> good{message("první", "hlaseni-1"),
                                          message("druhá", "hlaseni-2")};
    EXPECT_EQ(store->enqueue_all(good, t0).size(), 2u);
    EXPECT_EQ(store->count_outbox().queued, 2);
}

TEST_F(OutboxStoreTest, ADedupeKeyRefusesASecondMessageOfTheSameKind) {
    store->enqueue(message("a", "report-7-confirmation"), t0);
    const auto error = error_of([&] { store->enqueue(message("b", "report-7-confirmation"), t0); });
    EXPECT_EQ(error.code(), core::ErrorCode::conflict);
    EXPECT_EQ(error.field(), "dedupe_key");
    // Another kind may use the same key; messages without a key never collide.
    auto other = message("c", "report-7-confirmation");
    other.kind = "report.owner";
    store->enqueue(other, t0);
    store->enqueue(message("d"), t0);
    store->enqueue(message("e"), t0);
    EXPECT_EQ(store->count_outbox().queued, 4);
}

TEST_F(OutboxStoreTest, HeaderInjectionAndBadInputAreRefused) {
    const auto field_of = [&](OutboxMessage m) {
        return error_of([&] { store->enqueue(m, t0); }).field();
    };
    auto m = message("Ahoj\r\nBcc: vsichni@example.org");
    EXPECT_EQ(field_of(m), "subject");
    m = message();
    m.recipient = "obcan@example.org\r\nBcc: x@example.org";
    EXPECT_EQ(field_of(m), "recipient");
    m = message();
    m.recipient = "Jana <jana@example.org>";
    EXPECT_EQ(field_of(m), "recipient");
    m = message();
    m.reply_to = "a@b\nX: y";
    EXPECT_EQ(field_of(m), "reply_to");
    m = message();
    m.kind = "Report Confirmation";
    EXPECT_EQ(field_of(m), "kind");
    m = message();
    m.body = std::string("neplatné \xff UTF-8");
    EXPECT_EQ(field_of(m), "body");
    m = message();
    m.body.assign(max_outbox_body_bytes + 1, 'x');
    EXPECT_EQ(field_of(m), "body");
    m = message();
    m.message_id = "<a@b>\r\nX: y";
    EXPECT_EQ(field_of(m), "message_id");
    EXPECT_TRUE(store->list_outbox({}).empty());
}

TEST_F(OutboxStoreTest, AClaimLeasesDueMessagesToOneOwnerOnly) {
    for (int i = 0; i < 5; ++i) store->enqueue(message("m" + std::to_string(i)), t0);
    const auto later = store->enqueue(message("later"), t0 + 1h);         // due at t0 + 1 h
    EXPECT_FALSE(store->retry_later(later, "nobody", "x", t0 + 1h, t0));  // not leased
    const auto first = store->claim_due("worker-a", 3, t0 + 1s, 300s);
    ASSERT_EQ(first.size(), 3u);
    for (const auto& record : first) {
        EXPECT_EQ(record.state, OutboxState::sending);
        EXPECT_EQ(record.lease_owner, "worker-a");
        EXPECT_EQ(record.attempts, 1);
        EXPECT_TRUE(record.body);
    }
    const auto second = store->claim_due("worker-b", 10, t0 + 1s, 300s);
    // The other two due; the later one is not.
    EXPECT_EQ(second.size(), 2u);
    std::set<std::int64_t> ids;
    for (const auto& r : first) ids.insert(r.id);
    for (const auto& r : second) ids.insert(r.id);
    EXPECT_EQ(ids.size(), 5u);
    EXPECT_TRUE(store->claim_due("worker-c", 10, t0 + 2s, 300s).empty());
}

TEST_F(OutboxStoreTest, AnExpiredLeaseLetsAnotherWorkerTakeOverWithTheSameMessageId) {
    const auto id = store->enqueue(message(), t0);
    const auto claimed = store->claim_due("dead-worker", 10, t0, 60s);
    ASSERT_EQ(claimed.size(), 1u);
    EXPECT_TRUE(store->claim_due("worker-b", 10, t0 + 59s, 60s).empty());
    const auto again = store->claim_due("worker-b", 10, t0 + 60s, 60s);
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(again.front().id, id);
    EXPECT_EQ(again.front().message_id, claimed.front().message_id);
    EXPECT_EQ(again.front().attempts, 2);
    // The dead worker's outcome no longer counts; the new owner's does.
    EXPECT_FALSE(store->retry_later(id, "dead-worker", "SMTP 451", t0 + 2h, t0 + 61s));
    EXPECT_FALSE(store->mark_failed(id, "dead-worker", "SMTP 550", t0 + 61s));
    EXPECT_TRUE(store->mark_sent(id, t0 + 62s));
    const auto sent = store->find_outbox_message(id);
    EXPECT_EQ(sent->state, OutboxState::sent);
    EXPECT_EQ(sent->sent_at, t0 + 62s);
    EXPECT_FALSE(sent->lease_owner);
    EXPECT_FALSE(store->mark_sent(id, t0 + 63s));
}

TEST_F(OutboxStoreTest, OutcomesRetryFailAndRelease) {
    const auto a = store->enqueue(message("a"), t0);
    const auto b = store->enqueue(message("b"), t0);
    const auto c = store->enqueue(message("c"), t0);
    ASSERT_EQ(store->claim_due("w", 10, t0, 300s).size(), 3u);
    EXPECT_TRUE(store->retry_later(a, "w", "SMTP 451: temporary", t0 + 60s, t0));
    EXPECT_TRUE(store->mark_failed(b, "w", "SMTP 550: rejected", t0));
    EXPECT_TRUE(store->release(c, "w", t0));
    const auto ra = *store->find_outbox_message(a);
    EXPECT_EQ(ra.state, OutboxState::queued);
    EXPECT_EQ(ra.next_attempt_at, t0 + 60s);
    EXPECT_EQ(ra.last_error, "SMTP 451: temporary");
    EXPECT_EQ(ra.attempts, 1);
    const auto rb = *store->find_outbox_message(b);
    EXPECT_EQ(rb.state, OutboxState::failed);
    EXPECT_EQ(rb.last_error, "SMTP 550: rejected");
    const auto rc = *store->find_outbox_message(c);
    EXPECT_EQ(rc.state, OutboxState::queued);
    EXPECT_EQ(rc.attempts, 0);
    // Only c is due now; a at t0 + 60 s.
    EXPECT_EQ(store->claim_due("w", 10, t0 + 1s, 300s).size(), 1u);
    EXPECT_EQ(store->claim_due("w", 10, t0 + 60s, 300s).size(), 1u);
}

TEST_F(OutboxStoreTest, ListsCarryNoBodiesAndFilterByState) {
    const auto a = store->enqueue(message("a"), t0);
    store->enqueue(message("b"), t0);
    store->claim_due("w", 1, t0, 300s);
    store->mark_failed(a, "w", "SMTP 550", t0);
    const auto all = store->list_outbox({});
    ASSERT_EQ(all.size(), 2u);
    EXPECT_GT(all.front().id, all.back().id);
    for (const auto& record : all) EXPECT_FALSE(record.body);
    const auto failed = store->list_outbox({.state = OutboxState::failed});
    ASSERT_EQ(failed.size(), 1u);
    EXPECT_EQ(failed.front().id, a);
    EXPECT_EQ(error_of([&] { store->list_outbox({.limit = 0}); }).field(), "limit");
}

TEST_F(OutboxStoreTest, RetryAndCancelFollowTheStateAndAreAudited) {
    const auto a = store->enqueue(message("a"), t0);
    const auto b = store->enqueue(message("b"), t0);
    store->claim_due("w", 10, t0, 300s);
    store->mark_failed(a, "w", "SMTP 550", t0);
    // b is being sent: neither retried nor cancelled.
    EXPECT_EQ(error_of([&] { store->retry_outbox_message(b, t0, by_cli()); }).field(), "state");
    EXPECT_EQ(error_of([&] { store->cancel_outbox_message(b, t0, by_cli()); }).field(), "state");
    store->retry_outbox_message(a, t0 + 10s, by_cli());
    auto ra = *store->find_outbox_message(a);
    EXPECT_EQ(ra.state, OutboxState::queued);
    EXPECT_EQ(ra.attempts, 0);
    EXPECT_EQ(ra.next_attempt_at, t0 + 10s);
    store->cancel_outbox_message(a, t0 + 11s, by_cli());
    EXPECT_EQ(store->find_outbox_message(a)->state, OutboxState::cancelled);
    EXPECT_EQ(error_of([&] { store->cancel_outbox_message(a, t0, by_cli()); }).field(), "state");
    EXPECT_EQ(error_of([&] { store->retry_outbox_message(999, t0, by_cli()); }).code(),
              core::ErrorCode::not_found);
    const auto audit = store->list_audit({.action = "outbox."});
    ASSERT_EQ(audit.size(), 2u);
    EXPECT_EQ(audit[0].action, "outbox.cancel");
    EXPECT_EQ(audit[1].action, "outbox.retry");
    EXPECT_EQ(audit[1].object_id, std::to_string(a));
    EXPECT_EQ(audit[1].municipality_code, testov);
}

TEST_F(OutboxStoreTest, ThePurgeRemovesOldSentBodiesAndKeepsTheRows) {
    const auto old_one = store->enqueue(message("old"), t0);
    const auto recent = store->enqueue(message("recent"), t0);
    const auto queued = store->enqueue(message("queued"), t0 + 1h);
    store->claim_due("w", 2, t0, 300s);
    store->mark_sent(old_one, t0);
    store->mark_sent(recent, t0 + 48h);
    EXPECT_EQ(store->purge_outbox_bodies(t0 + 24h), 1);
    EXPECT_FALSE(store->find_outbox_message(old_one)->body);
    EXPECT_EQ(store->find_outbox_message(old_one)->state, OutboxState::sent);
    EXPECT_TRUE(store->find_outbox_message(recent)->body);
    EXPECT_TRUE(store->find_outbox_message(queued)->body);
}

TEST_F(OutboxStoreTest, ConcurrentClaimsNeverShareAMessage) {
    constexpr int count = 200;
    std::vector<OutboxMessage> messages;
    for (int i = 0; i < count; ++i) messages.push_back(message("m" + std::to_string(i)));
    store->enqueue_all(messages, t0);
    // Four claimers with their own stores (connections), as four servers would have.
    std::vector<std::vector<std::int64_t>> claimed(4);
    std::vector<std::thread> threads;
    for (std::size_t w = 0; w < claimed.size(); ++w) {
        threads.emplace_back([&, w] {
            auto own = open_store(database.setting());
            const std::string owner = "worker-" + std::to_string(w);
            for (;;) {
                const auto batch = own->claim_due(owner, 7, t0, 300s);
                if (batch.empty()) break;
                for (const auto& record : batch) {
                    claimed[w].push_back(record.id);
                    own->mark_sent(record.id, t0);
                }
            }
        });
    }
    for (auto& thread : threads) thread.join();
    std::multiset<std::int64_t> all;
    for (const auto& ids : claimed) all.insert(ids.begin(), ids.end());
    EXPECT_EQ(all.size(), static_cast<std::size_t>(count));
    EXPECT_EQ(std::set<std::int64_t>(all.begin(), all.end()).size(), all.size());
    EXPECT_EQ(store->count_outbox().sent, count);
}

}  // namespace
}  // namespace okrsek::store::test_accounts
