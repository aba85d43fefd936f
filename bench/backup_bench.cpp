// `okrsek backup` / `okrsek restore` on the demo town (Praha: its outline, 57 city parts, 226
// districts, with geometry). The source is $OKRSEK_BENCH_DB (a SQLite path or a postgresql://
// URI of a database okrsek may fill with the demo town), else a fresh SQLite file; restores go
// into $OKRSEK_BENCH_RESTORE_DB (emptied before every iteration: a SQLite file is removed, a
// PostgreSQL database loses its public schema), else fresh SQLite files. bench/backup.sh runs
// both engines.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <sstream>

#include "bench_database.hpp"
#include "service/backup.hpp"
#include "service/demo_town.hpp"
#include "store/postgres/pg_handle.hpp"
#include "store/store.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path demo = fs::path(OKRSEK_SOURCE_DIR) / "data" / "demo";

bool is_postgresql(const std::string& setting) {
    return setting.starts_with("postgresql://") || setting.starts_with("postgres://");
}

// The source with the demo town, loaded once (as `okrsek demo` does).
okrsek::store::Store& source() {
    static const auto instance = [] {
        const std::string setting =
            okrsek::bench::database_setting("OKRSEK_BENCH_DB", "okrsek-bench-backup.db");
        okrsek::service::Platform platform(okrsek::store::open_store(setting));
        okrsek::service::build_demo_town(platform, demo);
        auto store = okrsek::store::open_store(setting);
        std::fprintf(stderr, "source engine: %s\n", std::string(store->engine()).c_str());
        return store;
    }();
    return *instance;
}

const std::string& dump_text() {
    static const std::string text = [] {
        std::ostringstream out;
        okrsek::service::backup(source(), out);
        return out.str();
    }();
    return text;
}

std::unique_ptr<okrsek::store::Store> empty_target() {
    static const std::string setting =
        okrsek::bench::database_setting("OKRSEK_BENCH_RESTORE_DB", "okrsek-bench-restore.db");
    if (is_postgresql(setting)) {
        okrsek::store::postgres::Connection(setting).execute_script(
            "DROP SCHEMA public CASCADE; CREATE SCHEMA public");
    } else {
        okrsek::bench::remove_sqlite_files(setting);
    }
    return okrsek::store::open_store(setting);
}

void report(benchmark::State& state, const okrsek::service::BackupSummary& summary) {
    std::int64_t rows = 0;
    for (const auto& table : summary.tables) rows += table.rows;
    state.SetItemsProcessed(state.iterations() * rows);
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(summary.bytes));
    state.counters["rows"] = static_cast<double>(rows);
    state.counters["MB"] = static_cast<double>(summary.bytes) / 1e6;
}

// The whole town into memory: one snapshot read, JSON Lines written (geometry as base64).
void BM_Backup_DemoTown(benchmark::State& state) {
    source();
    okrsek::service::BackupSummary summary;
    for (auto _ : state) {
        std::ostringstream out;
        summary = okrsek::service::backup(source(), out);
        benchmark::DoNotOptimize(out.str().data());
    }
    report(state, summary);
}
BENCHMARK(BM_Backup_DemoTown)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();

// The dump into an empty database: migrations, every row in one transaction, sequences.
// Wall time: on PostgreSQL most of it is the server's (round trips, DDL, the commit's fsync).
void BM_Restore_DemoTown(benchmark::State& state) {
    const std::string& text = dump_text();
    okrsek::service::BackupSummary summary;
    for (auto _ : state) {
        state.PauseTiming();
        auto target = empty_target();
        std::istringstream in(text);
        state.ResumeTiming();
        summary = okrsek::service::restore(*target, in, "bench");
    }
    report(state, summary);
}
BENCHMARK(BM_Restore_DemoTown)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
