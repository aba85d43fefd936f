// The security core's storage on either engine: what every login, every back-office request
// and every audited change costs in the database. The database comes from $OKRSEK_BENCH_DB (a
// SQLite path or a postgresql:// URI of a database okrsek may fill); without it, a fresh SQLite
// file in the temporary folder.
#include <benchmark/benchmark.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "bench_database.hpp"
#include "store/store.hpp"

namespace {

namespace fs = std::filesystem;
using okrsek::store::AuditEntry;
using okrsek::store::Store;
using okrsek::store::TimePoint;

const std::string& database() {
    static const std::string setting =
        okrsek::bench::database_setting("OKRSEK_BENCH_DB", "okrsek-bench-accounts.db");
    return setting;
}

Store& store() {
    static const auto instance = okrsek::bench::open_migrated_store(database());
    return *instance;
}

// One user for every session; created once.
std::int64_t user() {
    static const std::int64_t id = [] {
        AuditEntry entry;
        entry.actor_kind = okrsek::store::ActorKind::cli;
        const auto existing = store().find_user_by_email("bench@testov.cz");
        return existing ? existing->id
                        : store().create_user({"bench@testov.cz", "Bench", "$argon2id$x"},
                                              std::chrono::system_clock::now(), entry);
    }();
    return id;
}

AuditEntry event(std::int64_t n) {
    AuditEntry entry;
    entry.actor_kind = okrsek::store::ActorKind::user;
    entry.actor_id = user();
    entry.action = "bench.event";
    entry.object_type = "area";
    entry.object_id = std::to_string(n);
    entry.municipality_code = 554782;
    entry.client_address = "192.0.2.7";
    entry.details_json = R"({"layer":"districts","changes":3})";
    return entry;
}

// A unique token hash per call, across threads and runs.
std::string next_hash() {
    static std::atomic<std::int64_t> counter{0};
    static const auto run = std::chrono::system_clock::now().time_since_epoch().count();
    return "bench-" + std::to_string(run) + "-" + std::to_string(++counter);
}

// An audited change with nothing else in its transaction (a failed login, an export).
void BM_AuditAppend(benchmark::State& state) {
    std::int64_t n = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(
            store().append_audit(event(++n), std::chrono::system_clock::now()));
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AuditAppend)->Unit(benchmark::kMicrosecond)->Threads(1)->Threads(4)->UseRealTime();

// A login: the session row, the user's login time and the audit row, in one transaction.
void BM_CreateSession(benchmark::State& state) {
    const auto id = user();
    AuditEntry entry;
    entry.actor_kind = okrsek::store::ActorKind::user;
    entry.actor_id = id;
    entry.client_address = "192.0.2.7";
    for (auto _ : state) {
        const TimePoint now = std::chrono::system_clock::now();
        benchmark::DoNotOptimize(store().create_session(
            {id, next_hash(), now + std::chrono::hours(12), "192.0.2.7", "Firefox", false}, now,
            entry));
    }
}
BENCHMARK(BM_CreateSession)->Unit(benchmark::kMicrosecond)->UseRealTime();

// Every back-office request: the session by its token's hash, joined with the user.
void BM_FindSession(benchmark::State& state) {
    const TimePoint now = std::chrono::system_clock::now();
    const std::string hash = next_hash();
    AuditEntry entry;
    store().create_session({user(), hash, now + std::chrono::hours(12), {}, {}, false}, now, entry);
    for (auto _ : state) benchmark::DoNotOptimize(store().find_session(hash, now));
}
BENCHMARK(BM_FindSession)->Unit(benchmark::kMicrosecond)->Threads(1)->Threads(4)->UseRealTime();

// A request that notes activity (SessionPolicy writes it at most once a minute per session).
void BM_TouchSession(benchmark::State& state) {
    const TimePoint start = std::chrono::system_clock::now();
    AuditEntry entry;
    const auto session = store().create_session(
        {user(), next_hash(), start + std::chrono::hours(12), {}, {}, false}, start, entry);
    std::int64_t second = 0;
    for (auto _ : state) store().touch_session(session.id, start + std::chrono::seconds(++second));
}
BENCHMARK(BM_TouchSession)->Unit(benchmark::kMicrosecond)->UseRealTime();

// A login attempt's throttle counter (one atomic upsert).
void BM_ThrottleHit(benchmark::State& state) {
    const TimePoint now = std::chrono::system_clock::now();
    for (auto _ : state) {
        benchmark::DoNotOptimize(
            store().throttle_hit("ip:192.0.2.7", std::chrono::seconds(60), now));
    }
}
BENCHMARK(BM_ThrottleHit)->Unit(benchmark::kMicrosecond)->UseRealTime();

// `okrsek audit verify`: the whole chain, per row (after the appends above).
void BM_VerifyAuditChain(benchmark::State& state) {
    std::int64_t rows = 0;
    for (auto _ : state) {
        const auto result = store().verify_audit_chain();
        if (!result.intact()) state.SkipWithError(result.message.c_str());
        rows = result.rows_checked;
    }
    state.counters["rows"] = static_cast<double>(rows);
    state.SetItemsProcessed(state.iterations() * rows);
}
BENCHMARK(BM_VerifyAuditChain)->Unit(benchmark::kMillisecond);

// The audit viewer's first page for one town.
void BM_ListAudit(benchmark::State& state) {
    okrsek::store::AuditFilter filter;
    filter.municipality_code = 554782;
    filter.action = "bench.";
    filter.limit = 50;
    for (auto _ : state) benchmark::DoNotOptimize(store().list_audit(filter));
}
BENCHMARK(BM_ListAudit)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
