// The storage hot paths on either engine. The database comes from $OKRSEK_BENCH_DB (a SQLite
// path or a postgresql:// URI of a database okrsek may fill with the demo town); without it, a
// fresh SQLite file in the temporary folder. bench/storage.sh runs it on both engines.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <vector>

#include "bench_database.hpp"
#include "service/demo_town.hpp"
#include "store/store.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path demo = fs::path(OKRSEK_SOURCE_DIR) / "data" / "demo";

const std::string& database() {
    static const std::string setting =
        okrsek::bench::database_setting("OKRSEK_BENCH_DB", "okrsek-bench-store.db");
    return setting;
}

// The demo town, loaded once through a platform (as `okrsek demo` does).
okrsek::service::Platform& platform() {
    static okrsek::service::Platform* instance = [] {
        auto* created = new okrsek::service::Platform(okrsek::store::open_store(database()));
        okrsek::service::build_demo_town(*created, demo);
        std::fprintf(stderr, "engine: %s\n", std::string(created->engine()).c_str());
        return created;
    }();
    return *instance;
}

// A store of its own (its own pool on PostgreSQL), like a second server's.
okrsek::store::Store& store() {
    platform();
    static auto instance = okrsek::store::open_store(database());
    return *instance;
}

// Writing a whole layer again: 226 districts updated in one transaction (ids kept).
void BM_ReplaceAreas_PragueDistricts(benchmark::State& state) {
    std::vector<okrsek::store::NewArea> areas;
    for (auto& row : store().load_areas("districts")) {
        areas.push_back({row.info.municipality_code, row.info.code, row.info.name,
                         row.info.properties_json, std::move(row.geometry)});
    }
    const okrsek::store::ReplaceScope scope{"districts", okrsek::service::demo_town_code};
    for (auto _ : state) {
        benchmark::DoNotOptimize(store().replace_areas(scope, areas, {}, "bench"));
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(areas.size()));
}
BENCHMARK(BM_ReplaceAreas_PragueDistricts)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// What every server does after any import: read version, layers and every area (with
// geometry) in one snapshot.
void BM_LoadCatalog_PragueDemo(benchmark::State& state) {
    std::size_t areas = 0;
    for (auto _ : state) {
        const auto snapshot = store().load_catalog();
        areas = snapshot.areas.size();
        benchmark::DoNotOptimize(snapshot);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(areas));
}
BENCHMARK(BM_LoadCatalog_PragueDemo)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// The refresher's poll, every --refresh-seconds on every server.
void BM_CatalogVersion(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(store().catalog_version());
}
BENCHMARK(BM_CatalogVersion)->Unit(benchmark::kMicrosecond);

// GET /api/v1/health's database part.
void BM_PingAndSchemaVersion(benchmark::State& state) {
    for (auto _ : state) {
        store().ping();
        benchmark::DoNotOptimize(store().schema_version());
    }
}
BENCHMARK(BM_PingAndSchemaVersion)->Unit(benchmark::kMicrosecond);

// One area with its geometry by id (GET /api/v1/areas/{id} reads the catalog, but later
// features read single rows like this).
void BM_FindArea(benchmark::State& state) {
    const auto id = store().load_areas("districts").front().info.id;
    for (auto _ : state) benchmark::DoNotOptimize(store().find_area(id));
}
BENCHMARK(BM_FindArea)->Unit(benchmark::kMicrosecond);

// Several threads reading at once through one store (the pool on PostgreSQL, the one reader
// connection on SQLite).
void BM_ConcurrentMunicipalities(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(store().municipalities());
}
BENCHMARK(BM_ConcurrentMunicipalities)->Unit(benchmark::kMicrosecond)->Threads(1)->Threads(4);

// Re-running `okrsek demo` on a loaded town: every file is read and fingerprinted, and the
// store's last fingerprint of each layer says there is nothing to write.
void BM_DemoTown_Unchanged(benchmark::State& state) {
    platform();
    for (auto _ : state) {
        benchmark::DoNotOptimize(okrsek::service::build_demo_town(platform(), demo));
    }
}
BENCHMARK(BM_DemoTown_Unchanged)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
