// The audit log on the test's engine: one row per change in the change's own transaction, one
// chain even with several writers, and a verifier that notices changes made behind the code's
// back with raw SQL.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <thread>

#include "store/audit_chain.hpp"
#include "unit/store/account_fixture.hpp"

namespace okrsek::store::test_accounts {
namespace {

using core::ErrorCode;

class AuditLog : public AccountStoreTest {
protected:
    /// Appends `count` entries "test.event" with details {"n":1}, {"n":2}…
    void append(int count) {
        for (int i = 1; i <= count; ++i) {
            AuditEntry entry = by_cli("test.event");
            entry.object_type = "test";
            entry.object_id = std::to_string(i);
            entry.details_json = R"({"n":)" + std::to_string(i) + "}";
            store->append_audit(entry, t0 + std::chrono::seconds(i));
        }
    }

    AuditVerification verify() const { return store->verify_audit_chain(); }
};

// Each mutating operation with its default action; run in order, each must add exactly one row.
TEST_F(AuditLog, EveryMutationWritesExactlyOneRowAndBookkeepingNone) {
    std::int64_t user = 0;
    std::int64_t grant = 0;
    Session session;
    ApiToken token;
    const std::vector<std::pair<std::string, std::function<void()>>> mutations{
        {"user.create",
         [&] {
             user = store->create_user({"a@t.cz", "A", {}}, t0, by_cli());
         }},
        {"user.update", [&] { store->update_user_profile(user, "b@t.cz", "B", t0, by_cli()); }},
        {"user.password.set", [&] { store->set_password_hash(user, "h", t0, {}, by_cli()); }},
        {"user.totp.enable",
         [&] { store->set_totp(user, std::string("s"), true, t0, by_user(user)); }},
        {"user.recovery_codes.replace",
         [&] { store->replace_recovery_codes(user, std::vector<std::string>{"c"}, t0, by_cli()); }},
        {"user.recovery_code.use",
         [&] {
             store->consume_recovery_code(user, store->recovery_codes(user)[0].id, t0,
                                          by_user(user));
         }},
        {"role.grant",
         [&] {
             grant = store->grant_role(user, "manager", {ScopeKind::municipality, testov, {}},
                                       std::nullopt, t0, by_cli());
         }},
        {"role.revoke", [&] { store->revoke_role(grant, std::nullopt, t0, by_cli()); }},
        {"role.sensitive.set", [&] { store->set_role_sensitive("manager", true, t0, by_cli()); }},
        {"session.create",
         [&] {
             session = store->create_session({user, "s", t0 + 1h}, t0, by_user(user));
         }},
        {"session.rotate", [&] { store->rotate_session("s", "s2", false, t0, by_user(user)); }},
        {"session.revoke", [&] { store->revoke_session(session.id, t0, by_user(user)); }},
        {"session.revoke_all", [&] { store->revoke_user_sessions(user, {}, t0, by_cli()); }},
        {"api_token.create",
         [&] {
             token = store->create_api_token({"n", "t", "open311", {}, {}}, {}, t0, by_cli());
         }},
        {"api_token.revoke", [&] { store->revoke_api_token(token.id, t0, by_cli()); }},
        {"link.create",
         [&] {
             store->create_one_time_link({"l", user, LinkPurpose::invite, t0 + 1h}, t0, by_cli());
         }},
        {"link.use",
         [&] { store->consume_one_time_link("l", LinkPurpose::invite, t0, {}, by_user(user)); }},
        {"user.deactivate", [&] { store->set_user_active(user, false, t0, by_cli()); }},
        {"user.activate", [&] { store->set_user_active(user, true, t0, by_cli()); }},
    };
    std::int64_t rows = 0;
    for (const auto& [action, mutate] : mutations) {
        mutate();
        EXPECT_EQ(audit_rows(), ++rows) << action;
        EXPECT_EQ(last_audit().action, action);
    }
    // Bookkeeping that runs on every request or attempt is not audited.
    const auto live = store->create_session({user, "live", t0 + 1h}, t0, by_user(user));
    rows = audit_rows();
    store->touch_session(live.id, t0 + 1min);
    store->record_totp_step(user, 77);
    store->touch_api_token(token.id, t0);
    store->throttle_hit("account:1", 15min, t0);
    store->throttle_lock("account:1", t0 + 1h);
    store->throttle_reset("account:1");
    store->purge_expired(t0 + 1h, 15min);
    EXPECT_EQ(audit_rows(), rows);
    const auto result = verify();
    EXPECT_TRUE(result.intact()) << result.message;
    EXPECT_EQ(result.rows_checked, rows);
}

TEST_F(AuditLog, ARowRecordsWhoWhenWhatAndWhere) {
    const auto admin = add_user("admin@testov.cz");
    AuditEntry entry = by_user(admin, "user.invite");
    entry.reason = "new district officer\nsecond line";
    entry.details_json = R"({"role":"district_team","via":"cli"})";
    const auto jana = store->create_user({"jana@testov.cz", "Jana", {}}, t0 + 1min, entry);
    const auto row = last_audit();
    EXPECT_EQ(row.id, 2);
    EXPECT_EQ(row.occurred_at, t0 + 1min);
    EXPECT_EQ(row.actor_kind, ActorKind::user);
    EXPECT_EQ(row.actor_id, admin);
    EXPECT_EQ(row.action, "user.invite");
    EXPECT_EQ(row.object_type, "user");
    EXPECT_EQ(row.object_id, std::to_string(jana));
    EXPECT_EQ(row.client_address, "192.0.2.7");
    EXPECT_EQ(row.reason, "new district officer\nsecond line");
    EXPECT_EQ(row.details_json, R"({"role":"district_team","via":"cli"})");
    EXPECT_EQ(row.municipality_code, std::nullopt);
    EXPECT_EQ(row.prev_hash, store->list_audit({.before_id = 2})[0].hash);
    EXPECT_EQ(row.hash.size(), 64u);
}

TEST_F(AuditLog, FailedChangesWriteNoRow) {
    const auto jana = add_user("jana@testov.cz");
    const auto rows = audit_rows();
    const std::vector<std::function<void()>> failures{
        [&] { add_user("jana@testov.cz"); },
        [&] { store->grant_role(777, "x", {}, std::nullopt, t0, by_cli()); },
        [&] { store->revoke_role(777, std::nullopt, t0, by_cli()); },
        [&] { store->set_password_hash(777, "h", t0, {}, by_cli()); },
        [&] { store->set_user_active(777, false, t0, by_cli()); },
        [&] { store->revoke_api_token(777, t0, by_cli()); },
        [&] {
            AuditEntry bad = by_cli();
            bad.details_json = "not json";
            store->set_password_hash(jana, "h2", t0, {}, bad);
        },
    };
    for (const auto& fail : failures) {
        EXPECT_THROW(fail(), core::Error);
        EXPECT_EQ(audit_rows(), rows);
    }
    // The last one failed on its audit entry: the password did not change either.
    EXPECT_NE(store->user_credentials(jana)->password_hash, "h2");
}

TEST_F(AuditLog, AChangeWhoseRowCannotBeWrittenIsRolledBack) {
    add_user("jana@testov.cz");
    execute_sql("DELETE FROM audit_head");  // now no append can find where the chain ends
    const auto error = error_of([&] { add_user("petr@testov.cz"); });
    EXPECT_EQ(error.code(), ErrorCode::internal);
    EXPECT_EQ(store->find_user_by_email("petr@testov.cz"), std::nullopt);
    EXPECT_EQ(audit_rows(), 1);
    EXPECT_EQ(verify().problem, AuditProblem::head_missing);
}

TEST_F(AuditLog, EntriesAreChecked) {
    AuditEntry entry = by_cli("x.y");
    entry.object_type = "test";
    entry.object_id = "1";
    for (const std::string details : {"", "[]", "{", "\"text\"", "{\"a\":1} trailing"}) {
        entry.details_json = details;
        const auto error = error_of([&] { store->append_audit(entry, t0); });
        EXPECT_EQ(error.code(), ErrorCode::invalid_argument) << details;
        EXPECT_EQ(error.field(), "details") << details;
    }
    entry.details_json = "{}";
    entry.object_id.clear();  // append_audit has no object of its own to fill in
    EXPECT_EQ(error_of([&] { store->append_audit(entry, t0); }).field(), "object_id");
    entry.object_id = "1";
    entry.action = std::string(101, 'a');
    EXPECT_EQ(error_of([&] { store->append_audit(entry, t0); }).field(), "action");
    entry.action = "x.y";
    entry.client_address = "a\nb";
    EXPECT_EQ(error_of([&] { store->append_audit(entry, t0); }).field(), "client_address");
    EXPECT_EQ(audit_rows(), 0);
}

TEST_F(AuditLog, TheViewerFilters) {
    const auto jana = add_user("jana@testov.cz");  // 1 user.create
    store->grant_role(jana, "manager", {ScopeKind::municipality, testov, {}}, std::nullopt, t0 + 1h,
                      by_cli());                                          // 2 role.grant
    store->create_session({jana, "s", t0 + 5h}, t0 + 2h, by_user(jana));  // 3 session.create
    store->set_password_hash(jana, "h", t0 + 3h, {}, by_user(jana));      // 4 user.password.set
    const auto ids = [&](const AuditFilter& filter) {
        std::vector<std::int64_t> result;
        for (const auto& row : store->list_audit(filter)) result.push_back(row.id);
        return result;
    };
    using Ids = std::vector<std::int64_t>;
    EXPECT_EQ(ids({}), (Ids{4, 3, 2, 1}));
    EXPECT_EQ(ids({.actor_kind = ActorKind::user}), (Ids{4, 3}));
    EXPECT_EQ(ids({.actor_kind = ActorKind::user, .actor_id = jana + 1}), Ids{});
    EXPECT_EQ(ids({.action = "user."}), (Ids{4, 1}));
    EXPECT_EQ(ids({.action = "user"}), Ids{});
    EXPECT_EQ(ids({.action = "role.grant"}), Ids{2});
    EXPECT_EQ(ids({.object_type = "user", .object_id = std::to_string(jana)}), (Ids{4, 2, 1}));
    EXPECT_EQ(ids({.municipality_code = testov}), Ids{2});
    EXPECT_EQ(ids({.from = t0 + 1h, .until = t0 + 3h}), (Ids{3, 2}));
    EXPECT_EQ(ids({.before_id = 3}), (Ids{2, 1}));
    EXPECT_EQ(ids({.limit = 2}), (Ids{4, 3}));
    EXPECT_EQ(ids({.limit = 2, .offset = 2}), (Ids{2, 1}));
    EXPECT_EQ(error_of([&] { store->list_audit({.limit = 0}); }).field(), "limit");
    EXPECT_EQ(error_of([&] { store->list_audit({.limit = 1001}); }).field(), "limit");
}

TEST_F(AuditLog, AnIntactLogVerifies) {
    EXPECT_TRUE(verify().intact());
    EXPECT_EQ(verify().head_hash, audit_genesis_hash);
    append(5);
    const auto result = verify();
    EXPECT_TRUE(result.intact()) << result.message;
    EXPECT_EQ(result.rows_checked, 5);
    EXPECT_EQ(result.head_hash, last_audit().hash);
    EXPECT_EQ(result.message, "");
}

TEST_F(AuditLog, UpdatesAndDeletesOfRowsAreRefusedByTheDatabase) {
    append(2);
    EXPECT_THROW(execute_sql("UPDATE audit_log SET action = 'x' WHERE id = 1"), core::Error);
    EXPECT_THROW(execute_sql("DELETE FROM audit_log WHERE id = 2"), core::Error);
    if (database.is_postgresql()) {
        EXPECT_THROW(execute_sql("TRUNCATE audit_log"), core::Error);
    }
    EXPECT_EQ(audit_rows(), 2);
    EXPECT_TRUE(verify().intact());
}

// One byte changed with raw SQL, the triggers dropped first as an intruder would.
struct Tampering {
    std::string column;
    std::string sql;  ///< run on row 3
    AuditProblem expected;
};

void PrintTo(const Tampering& tampering, std::ostream* out) {
    *out << tampering.column;
}

class AuditTampering : public AuditLog, public ::testing::WithParamInterface<Tampering> {};

TEST_P(AuditTampering, VerifyNamesTheChangedRow) {
    append(5);
    drop_audit_guards();
    execute_sql(GetParam().sql);
    const auto result = verify();
    EXPECT_EQ(result.problem, GetParam().expected) << result.message;
    EXPECT_EQ(result.first_bad_id, 3);
    EXPECT_EQ(result.rows_checked, 2);
    EXPECT_NE(result.message.find("row 3"), std::string::npos) << result.message;
}

// The first character of `column` on row 3 turned into another one.
std::string flip_first_byte(const std::string& column) {
    return "UPDATE audit_log SET " + column + " = CASE WHEN substr(" + column +
           ", 1, 1) = '0' THEN '1' ELSE '0' END || substr(" + column + ", 2) WHERE id = 3";
}

INSTANTIATE_TEST_SUITE_P(
    OneByte, AuditTampering,
    ::testing::Values(
        Tampering{"action", "UPDATE audit_log SET action = 'test.evenT' WHERE id = 3",
                  AuditProblem::altered_row},
        Tampering{"details",
                  "UPDATE audit_log SET details = replace(details, '3', '4') WHERE id = 3",
                  AuditProblem::altered_row},
        Tampering{"hash", flip_first_byte("hash"), AuditProblem::altered_row},
        Tampering{"prev_hash", flip_first_byte("prev_hash"), AuditProblem::broken_link},
        Tampering{"occurred_at",
                  "UPDATE audit_log SET occurred_at = replace(occurred_at, 'T09', 'T08') "
                  "WHERE id = 3",
                  AuditProblem::altered_row},
        Tampering{"actor_id", "UPDATE audit_log SET actor_id = 1 WHERE id = 3",
                  AuditProblem::altered_row},
        Tampering{"municipality_code",
                  "UPDATE audit_log SET municipality_code = 999999 WHERE id = 3",
                  AuditProblem::altered_row},
        Tampering{"deleted", "DELETE FROM audit_log WHERE id = 3", AuditProblem::missing_row},
        Tampering{"swapped",
                  "UPDATE audit_log SET id = 1000 WHERE id = 3;"
                  "UPDATE audit_log SET id = 3 WHERE id = 4;"
                  "UPDATE audit_log SET id = 4 WHERE id = 1000",
                  AuditProblem::broken_link}),
    [](const ::testing::TestParamInfo<Tampering>& test) { return test.param.column; });

TEST_F(AuditLog, VerifyNoticesADeletedLastRow) {
    append(5);
    drop_audit_guards();
    execute_sql("DELETE FROM audit_log WHERE id = 5");
    const auto result = verify();
    EXPECT_EQ(result.problem, AuditProblem::missing_tail) << result.message;
    EXPECT_EQ(result.first_bad_id, 5);
    EXPECT_EQ(result.rows_checked, 4);
}

TEST_F(AuditLog, VerifyNoticesADeletedOrAlteredHead) {
    append(3);
    execute_sql(
        "UPDATE audit_head SET last_hash = replace(last_hash, substr(last_hash, 1, 1), "
        "CASE WHEN substr(last_hash, 1, 1) = 'a' THEN 'b' ELSE 'a' END)");
    EXPECT_EQ(verify().problem, AuditProblem::head_mismatch);
    execute_sql("DELETE FROM audit_head");
    EXPECT_EQ(verify().problem, AuditProblem::head_missing);
}

// Rows forged with correct hashes pass the chain; without the head updated they still show,
// and with it they change the head hash, which an operator can compare with a noted one.
TEST_F(AuditLog, ForgedRowsShowInTheHeadOrItsHash) {
    append(2);
    const auto noted = verify().head_hash;
    const auto last = last_audit();
    AuditFields forged;
    forged.id = 3;
    forged.occurred_at = "2026-03-01T10:00:00Z";
    forged.actor_kind = "system";
    forged.action = "test.event";
    forged.object_type = "test";
    forged.object_id = "3";
    forged.details = "{}";
    forged.prev_hash = last.hash;
    const std::string hash = audit_hash(forged);
    execute_sql(
        "INSERT INTO audit_log (id, occurred_at, actor_kind, action, object_type, object_id, "
        "details, prev_hash, hash) VALUES (3, '2026-03-01T10:00:00Z', 'system', 'test.event', "
        "'test', '3', '{}', '" +
        last.hash + "', '" + hash + "')");
    EXPECT_EQ(verify().problem, AuditProblem::unrecorded_rows);
    execute_sql("UPDATE audit_head SET last_id = 3, last_hash = '" + hash + "'");
    const auto result = verify();
    EXPECT_TRUE(result.intact());
    EXPECT_NE(result.head_hash, noted);
}

TEST_F(AuditLog, VerifyReadsPastOnePage) {
    append(1030);  // more rows than verify reads at once
    EXPECT_EQ(verify().rows_checked, 1030);
    drop_audit_guards();
    execute_sql("DELETE FROM audit_log WHERE id = 1010");
    const auto result = verify();
    EXPECT_EQ(result.problem, AuditProblem::missing_row);
    EXPECT_EQ(result.first_bad_id, 1010);
}

TEST_F(AuditLog, ConcurrentWritersOnTwoStoresKeepOneChain) {
    auto second = open_store(database.setting());
    const auto jana = add_user("jana@testov.cz");
    constexpr int threads_per_store = 2;
    constexpr int appends_per_thread = 50;
    std::vector<std::thread> threads;
    std::atomic<int> failures = 0;
    for (Store* server : {store.get(), second.get()}) {
        for (int t = 0; t < threads_per_store; ++t) {
            threads.emplace_back([&, server, t] {
                for (int i = 0; i < appends_per_thread; ++i) {
                    try {
                        if (i % 5 == 0) {  // some appends ride on a change
                            server->create_session(
                                {jana,
                                 "s-" + std::to_string(t) + "-" + std::to_string(i) + "-" +
                                     std::to_string(reinterpret_cast<std::uintptr_t>(server)),
                                 t0 + 1h},
                                t0, by_user(jana));
                        } else {
                            AuditEntry entry = by_user(jana, "test.event");
                            entry.object_type = "test";
                            entry.object_id = std::to_string(i);
                            server->append_audit(entry, t0);
                        }
                    } catch (const core::Error&) {
                        ++failures;
                    }
                }
            });
        }
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(failures, 0);
    const auto expected = 1 + 2 * threads_per_store * appends_per_thread;
    EXPECT_EQ(audit_rows(), expected);
    EXPECT_EQ(scalar("SELECT MAX(id) FROM audit_log"), expected);
    const auto result = second->verify_audit_chain();
    EXPECT_TRUE(result.intact()) << result.message;
    EXPECT_EQ(result.rows_checked, expected);
}

// A backup carries the log and its head: the restored chain verifies with the same head hash.
TEST_F(AuditLog, ABackupRestoresAVerifiableChain) {
    const auto jana = add_user("jana@testov.cz");
    store->set_totp(jana, std::string("\x00\xff", 2), true, t0, by_user(jana));
    store->grant_role(jana, "district_team", {ScopeKind::district, {}, area_ids[2]}, std::nullopt,
                      t0, by_cli());
    store->create_session({jana, "s", t0 + 1h}, t0, by_user(jana));
    append(3);

    struct Table {
        TableHeader header;
        std::vector<std::vector<Value>> rows;
    };
    class Capture final : public RowSink, public RowSource {
    public:
        void table(const TableHeader& header) override { tables.push_back({header, {}}); }
        void row(std::span<const Value> values) override {
            tables.back().rows.emplace_back(values.begin(), values.end());
        }
        std::optional<TableHeader> next_table() override {
            if (next == tables.size()) return std::nullopt;
            row_index = 0;
            return tables[next++].header;
        }
        bool next_row(std::vector<Value>& values) override {
            const auto& rows = tables[next - 1].rows;
            if (row_index == rows.size()) return false;
            values = rows[row_index++];
            return true;
        }
        std::vector<Table> tables;
        std::size_t next = 0;
        std::size_t row_index = 0;
    } capture;
    store->dump(capture);

    okrsek::test::TestDatabase target_db{dir.path(), "target.db"};
    auto target = open_store(target_db.setting());
    target->migrate();
    target->restore(capture);
    const auto result = target->verify_audit_chain();
    EXPECT_TRUE(result.intact()) << result.message;
    EXPECT_EQ(result.head_hash, verify().head_hash);
    EXPECT_EQ(target->user_credentials(jana)->totp_secret, std::string("\x00\xff", 2));
    EXPECT_EQ(target->grants_of(jana).at(0).scope.area_id, area_ids[2]);
    EXPECT_TRUE(target->find_session("s", t0));
    // New ids continue after the restored ones; the chain goes on.
    EXPECT_GT(target->create_user({"petr@testov.cz", "Petr", {}}, t0, by_cli()), jana);
    EXPECT_TRUE(target->verify_audit_chain().intact());
}

}  // namespace
}  // namespace okrsek::store::test_accounts
