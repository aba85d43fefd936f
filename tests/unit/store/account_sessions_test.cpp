// AccountStore: sessions, machine tokens, one-time links and throttle counters, on the test's
// engine; several stores on one database stand for several servers.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "unit/store/account_fixture.hpp"

namespace okrsek::store::test_accounts {
namespace {

using core::ErrorCode;

class Sessions : public AccountStoreTest {
protected:
    Sessions() : user(add_user("jana@testov.cz")) {}
    Session login(const std::string& hash, bool pending = false) {
        NewSession session{user, hash, t0 + 12h, "192.0.2.7", "Firefox", pending};
        return store->create_session(session, t0, by_user(user, "login"));
    }
    const std::int64_t user;
};

TEST_F(Sessions, ASessionIsFoundByItsHashUntilItsAbsoluteEnd) {
    const auto created = login("hash-1");
    EXPECT_EQ(created.user_id, user);
    EXPECT_EQ(created.created_at, t0);
    EXPECT_EQ(created.last_seen_at, t0);
    EXPECT_EQ(created.expires_at, t0 + 12h);
    EXPECT_EQ(created.ip, "192.0.2.7");
    EXPECT_EQ(created.user_agent, "Firefox");
    EXPECT_FALSE(created.second_factor_pending);
    EXPECT_EQ(store->find_user(user)->last_login_at, t0);
    const auto found = store->find_session("hash-1", t0 + 1h);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, created.id);
    EXPECT_FALSE(store->find_session("hash-1", t0 + 12h));  // over at the very instant
    EXPECT_FALSE(store->find_session("hash-2", t0));
    EXPECT_EQ(last_audit().action, "login");
    EXPECT_EQ(last_audit().object_type, "session");
    EXPECT_EQ(last_audit().object_id, std::to_string(created.id));
}

TEST_F(Sessions, TouchMovesLastSeenForward) {
    const auto created = login("hash-1");
    store->touch_session(created.id, t0 + 10min);
    EXPECT_EQ(store->find_session("hash-1", t0 + 11min)->last_seen_at, t0 + 10min);
    store->touch_session(created.id, t0 + 5min);  // a late request never moves it back
    EXPECT_EQ(store->find_session("hash-1", t0 + 11min)->last_seen_at, t0 + 10min);
}

TEST_F(Sessions, UserAgentsAreCutAtACharacterBoundary) {
    std::string agent(255, 'a');
    agent += "ž and more";  // "ž" is two bytes: it would straddle byte 256
    const auto created =
        store->create_session({user, "h", t0 + 1h, std::nullopt, agent, false}, t0, by_cli());
    EXPECT_EQ(created.user_agent, std::string(255, 'a'));
    EXPECT_EQ(created.ip, std::nullopt);
}

TEST_F(Sessions, RotationReplacesTheTokenOnceAndCompletesTheSecondFactor) {
    const auto created = login("old", true);
    EXPECT_TRUE(store->find_session("old", t0)->second_factor_pending);
    EXPECT_EQ(store->find_user(user)->last_login_at, std::nullopt);
    const auto rows = audit_rows();
    const auto rotated = store->rotate_session("old", "new", true, t0 + 1min, by_user(user));
    ASSERT_TRUE(rotated);
    EXPECT_EQ(rotated->id, created.id);
    EXPECT_FALSE(rotated->second_factor_pending);
    EXPECT_EQ(rotated->last_seen_at, t0 + 1min);
    EXPECT_EQ(store->find_user(user)->last_login_at, t0 + 1min);
    EXPECT_FALSE(store->find_session("old", t0 + 2min));
    EXPECT_TRUE(store->find_session("new", t0 + 2min));
    // The old token rotates no more; a refused rotation writes nothing.
    EXPECT_FALSE(store->rotate_session("old", "newer", false, t0 + 3min, by_user(user)));
    EXPECT_EQ(audit_rows(), rows + 1);
    EXPECT_EQ(last_audit().action, "session.rotate");
    // Nor does an expired one.
    EXPECT_FALSE(store->rotate_session("new", "late", false, t0 + 13h, by_user(user)));
}

TEST_F(Sessions, OfTwoConcurrentRotationsOneWins) {
    auto second = open_store(database.setting());
    for (int i = 0; i < 10; ++i) {
        const std::string old = "old-" + std::to_string(i);
        login(old);
        std::atomic<int> won = 0;
        std::thread a(
            [&] { won += store->rotate_session(old, old + "-a", false, t0, by_cli()) ? 1 : 0; });
        std::thread b(
            [&] { won += second->rotate_session(old, old + "-b", false, t0, by_cli()) ? 1 : 0; });
        a.join();
        b.join();
        EXPECT_EQ(won, 1);
    }
}

TEST_F(Sessions, LogoutAndLogoutEverywhere) {
    const auto first = login("s1");
    const auto second = login("s2");
    login("s3");
    EXPECT_EQ(store->sessions_of(user, t0).size(), 3u);
    EXPECT_EQ(store->sessions_of(user, t0).front().id, store->find_session("s3", t0)->id);
    EXPECT_TRUE(store->revoke_session(first.id, t0 + 1min, by_user(user, "logout")));
    EXPECT_FALSE(store->revoke_session(first.id, t0 + 2min, by_user(user, "logout")));
    EXPECT_FALSE(store->find_session("s1", t0 + 2min));
    EXPECT_EQ(store->revoke_user_sessions(user, second.id, t0 + 3min, by_user(user)), 1);
    EXPECT_TRUE(store->find_session("s2", t0 + 4min));
    EXPECT_FALSE(store->find_session("s3", t0 + 4min));
    EXPECT_EQ(last_audit().action, "session.revoke_all");
    EXPECT_EQ(last_audit().object_id, std::to_string(user));
    EXPECT_EQ(store->revoke_user_sessions(user, std::nullopt, t0 + 5min, by_cli()), 1);
    EXPECT_TRUE(store->sessions_of(user, t0 + 6min).empty());
    EXPECT_EQ(error_of([&] { store->revoke_user_sessions(777, {}, t0, by_cli()); }).code(),
              ErrorCode::not_found);
}

TEST_F(Sessions, MachineTokensAreFoundUntilRevokedOrExpired) {
    const auto token = store->create_api_token({"Open311 gateway", "th-1", "open311", testov, {}},
                                               user, t0, by_user(user));
    EXPECT_EQ(token.name, "Open311 gateway");
    EXPECT_EQ(token.scope, "open311");
    EXPECT_EQ(token.municipality_code, testov);
    EXPECT_EQ(token.created_by, user);
    EXPECT_EQ(last_audit().municipality_code, testov);
    const auto expiring = store->create_api_token({"import", "th-2", "import", {}, t0 + 1h},
                                                  std::nullopt, t0, by_cli());
    EXPECT_EQ(store->find_api_token("th-1", t0 + 2h)->id, token.id);
    EXPECT_TRUE(store->find_api_token("th-2", t0 + 59min));
    EXPECT_FALSE(store->find_api_token("th-2", t0 + 1h));
    store->touch_api_token(token.id, t0 + 5min);
    EXPECT_EQ(store->find_api_token("th-1", t0 + 6min)->last_used_at, t0 + 5min);
    store->revoke_api_token(token.id, t0 + 10min, by_user(user));
    EXPECT_FALSE(store->find_api_token("th-1", t0 + 11min));
    EXPECT_EQ(error_of([&] { store->revoke_api_token(token.id, t0, by_cli()); }).code(),
              ErrorCode::conflict);
    EXPECT_EQ(error_of([&] { store->revoke_api_token(999, t0, by_cli()); }).code(),
              ErrorCode::not_found);
    const auto tokens = store->list_api_tokens();
    ASSERT_EQ(tokens.size(), 2u);
    EXPECT_EQ(tokens[0].revoked_at, t0 + 10min);
    EXPECT_EQ(tokens[1].id, expiring.id);
    EXPECT_EQ(tokens[1].expires_at, t0 + 1h);
    const auto unknown_town = error_of([&] {
        store->create_api_token({"x", "th-3", "open311", 123, {}}, std::nullopt, t0, by_cli());
    });
    EXPECT_EQ(unknown_town.code(), ErrorCode::invalid_input);
    EXPECT_EQ(unknown_town.field(), "municipality");
}

// No check in the code stands before this UNIQUE constraint: the database's own message comes
// through, cut before PostgreSQL's DETAIL line that quotes the row's values.
TEST_F(Sessions, ADatabaseRuleBrokenNamesNoValue) {
    const std::string hash = "f00dfeedf00dfeed";
    store->create_api_token({"a", hash, "open311", {}, {}}, std::nullopt, t0, by_cli());
    const auto error = error_of([&] {
        store->create_api_token({"b", hash, "open311", {}, {}}, std::nullopt, t0, by_cli());
    });
    EXPECT_EQ(error.code(), ErrorCode::invalid_input);
    const std::string message = error.what();
    EXPECT_EQ(message.find(hash), std::string::npos) << message;
    EXPECT_NE(message.find("token_hash"), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

TEST_F(Sessions, AOneTimeLinkWorksOnceAndOnlyBeforeItExpires) {
    store->create_one_time_link({"invite-1", user, LinkPurpose::invite, t0 + 1h}, t0, by_cli());
    EXPECT_TRUE(store->find_one_time_link("invite-1", LinkPurpose::invite, t0 + 59min));
    EXPECT_FALSE(store->find_one_time_link("invite-1", LinkPurpose::password_reset, t0));
    const auto rows = audit_rows();
    const auto used = store->consume_one_time_link("invite-1", LinkPurpose::invite, t0 + 10min,
                                                   std::nullopt, by_user(user));
    ASSERT_TRUE(used);
    EXPECT_EQ(used->user_id, user);
    EXPECT_EQ(used->purpose, LinkPurpose::invite);
    EXPECT_EQ(used->expires_at, t0 + 1h);
    EXPECT_FALSE(store->consume_one_time_link("invite-1", LinkPurpose::invite, t0 + 11min,
                                              std::nullopt, by_user(user)));
    EXPECT_EQ(audit_rows(), rows + 1);
    EXPECT_FALSE(store->find_one_time_link("invite-1", LinkPurpose::invite, t0 + 12min));

    store->create_one_time_link({"reset-1", user, LinkPurpose::password_reset, t0 + 1h}, t0,
                                by_cli());
    EXPECT_FALSE(store->consume_one_time_link("reset-1", LinkPurpose::password_reset, t0 + 1h,
                                              std::nullopt, by_cli()));  // expired
    EXPECT_EQ(audit_rows(), rows + 2);  // the second link was created; nothing else
}

TEST_F(Sessions, ANewLinkReplacesTheUnusedOneAndAResetSetsThePassword) {
    login("s1");
    store->create_one_time_link({"reset-1", user, LinkPurpose::password_reset, t0 + 1h}, t0,
                                by_cli());
    store->create_one_time_link({"reset-2", user, LinkPurpose::password_reset, t0 + 1h}, t0,
                                by_cli());
    EXPECT_FALSE(store->find_one_time_link("reset-1", LinkPurpose::password_reset, t0));
    const auto used = store->consume_one_time_link("reset-2", LinkPurpose::password_reset,
                                                   t0 + 1min, std::string("chosen-hash"),
                                                   by_user(user, "user.password.reset"));
    ASSERT_TRUE(used);
    EXPECT_EQ(store->user_credentials(user)->password_hash, "chosen-hash");
    EXPECT_EQ(store->find_user(user)->password_changed_at, t0 + 1min);
    EXPECT_FALSE(store->find_session("s1", t0 + 2min));
    EXPECT_EQ(last_audit().action, "user.password.reset");
    EXPECT_EQ(
        error_of([&] {
            store->create_one_time_link({"x", 777, LinkPurpose::invite, t0 + 1h}, t0, by_cli());
        }).code(),
        ErrorCode::not_found);
}

TEST_F(Sessions, TwoServersUsingOneLinkAtOnceSucceedOnce) {
    auto second = open_store(database.setting());
    for (int i = 0; i < 10; ++i) {
        const std::string hash = "link-" + std::to_string(i);
        store->create_one_time_link({hash, user, LinkPurpose::invite, t0 + 1h}, t0, by_cli());
        std::atomic<int> used = 0;
        const auto use = [&](Store& server) {
            used +=
                server.consume_one_time_link(hash, LinkPurpose::invite, t0, std::nullopt, by_cli())
                    ? 1
                    : 0;
        };
        std::thread a([&] { use(*store); });
        std::thread b([&] { use(*second); });
        a.join();
        b.join();
        EXPECT_EQ(used, 1);
    }
}

TEST_F(Sessions, ThrottleCountsWithinAWindowAndStartsAfreshAfterIt) {
    EXPECT_EQ(store->throttle_state("account:1"), std::nullopt);
    EXPECT_EQ(store->throttle_hit("account:1", 15min, t0).count, 1);
    EXPECT_EQ(store->throttle_hit("account:1", 15min, t0 + 1min).count, 2);
    const auto third = store->throttle_hit("account:1", 15min, t0 + 14min);
    EXPECT_EQ(third.count, 3);
    EXPECT_EQ(third.window_start, t0);
    EXPECT_EQ(store->throttle_hit("ip:192.0.2.7", 1min, t0).count, 1);  // another key
    const auto fresh = store->throttle_hit("account:1", 15min, t0 + 15min);
    EXPECT_EQ(fresh.count, 1);
    EXPECT_EQ(fresh.window_start, t0 + 15min);

    store->throttle_lock("account:1", t0 + 30min);
    EXPECT_EQ(store->throttle_hit("account:1", 15min, t0 + 16min).locked_until, t0 + 30min);
    store->throttle_lock("account:2", t0 + 30min);  // no counter yet
    EXPECT_EQ(store->throttle_state("account:2")->locked_until, t0 + 30min);
    EXPECT_EQ(store->throttle_hit("account:2", 15min, t0).count, 1);
    store->throttle_reset("account:1");
    EXPECT_EQ(store->throttle_state("account:1"), std::nullopt);
    EXPECT_EQ(audit_rows(), 1);  // only the user's creation: throttling is not audited
}

TEST_F(Sessions, ThrottleHitsFromTwoServersAddUp) {
    auto second = open_store(database.setting());
    constexpr int threads_per_server = 2;
    constexpr int hits_per_thread = 50;
    std::vector<std::thread> threads;
    for (Store* server : {store.get(), second.get()}) {
        for (int t = 0; t < threads_per_server; ++t) {
            threads.emplace_back([server] {
                for (int i = 0; i < hits_per_thread; ++i) {
                    server->throttle_hit("ip:198.51.100.1", 1min, t0);
                }
            });
        }
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(store->throttle_hit("ip:198.51.100.1", 1min, t0).count,
              2 * threads_per_server * hits_per_thread + 1);
}

TEST_F(Sessions, PurgeRemovesWhatCanNoLongerBeUsed) {
    const auto revoked = login("revoked");
    store->revoke_session(revoked.id, t0, by_cli());
    store->create_session({user, "expired", t0 + 1h}, t0, by_cli());
    login("alive");
    store->create_one_time_link({"old", user, LinkPurpose::invite, t0 + 1h}, t0, by_cli());
    store->create_one_time_link({"new", user, LinkPurpose::password_reset, t0 + 3h}, t0, by_cli());
    store->throttle_hit("ip:1", 1min, t0);
    store->throttle_hit("ip:2", 1min, t0 + 2h);
    store->throttle_lock("ip:3", t0 + 5h);
    const auto purged = store->purge_expired(t0 + 2h, 1min);
    EXPECT_EQ(purged.sessions, 2);
    EXPECT_EQ(purged.one_time_links, 1);
    EXPECT_EQ(purged.throttle_counters, 1);
    EXPECT_TRUE(store->find_session("alive", t0 + 2h));
    EXPECT_TRUE(store->find_one_time_link("new", LinkPurpose::password_reset, t0 + 2h));
    EXPECT_TRUE(store->throttle_state("ip:2"));
    EXPECT_TRUE(store->throttle_state("ip:3"));
}

}  // namespace
}  // namespace okrsek::store::test_accounts
