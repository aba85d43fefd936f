// Point-in-area lookups: the index against the brute-force reference, on Prague's 226 police
// districts and on a generated layer of 1,000 jagged districts. Fixed seeds throughout.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "../tests/support/jagged_layer.hpp"
#include "geo/area_index.hpp"
#include "io/geojson_reader.hpp"

namespace {

using okrsek::core::LonLat;
using okrsek::geo::LayerIndex;
using Layer = std::vector<okrsek::geo::MultiPolygon>;

constexpr std::size_t bulk_points = 1'000'000;
constexpr std::size_t checked_points = 10'000;

[[noreturn]] void fail(const std::string& message) {
    std::fprintf(stderr, "lookup_bench: %s\n", message.c_str());
    std::abort();
}

// The production path: read, round and validate with the GeoJSON reader.
Layer read_prague() {
    const std::filesystem::path path = std::filesystem::path(OKRSEK_SOURCE_DIR) / "data" / "demo" /
                                       "praha-okrsky-mestske-policie-226.geojson";
    std::ifstream in(path, std::ios::binary);
    if (!in) fail("cannot read " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    okrsek::io::AreaReadOptions options;
    options.code_property = "{MC_PRAHA}-{OKRSEK}";
    Layer layer;
    for (auto& feature : okrsek::io::read_area_features(text.str(), options).features) {
        layer.push_back(std::move(feature.geometry));
    }
    return layer;
}

// Uniformly random points over the layer's bounding box.
std::vector<LonLat> random_points(const Layer& layer, std::size_t count, std::uint64_t seed) {
    double min_lon = 180.0, min_lat = 90.0, max_lon = -180.0, max_lat = -90.0;
    for (const auto& area : layer) {
        for (const auto& polygon : area) {
            for (const LonLat& p : polygon.outer) {
                min_lon = std::min(min_lon, p.lon);
                max_lon = std::max(max_lon, p.lon);
                min_lat = std::min(min_lat, p.lat);
                max_lat = std::max(max_lat, p.lat);
            }
        }
    }
    std::mt19937_64 random(seed);
    std::uniform_real_distribution<double> lon(min_lon, max_lon);
    std::uniform_real_distribution<double> lat(min_lat, max_lat);
    std::vector<LonLat> points(count);
    for (LonLat& p : points) p = {lon(random), lat(random)};
    return points;
}

struct Scenario {
    Layer layer;
    LayerIndex index;
    std::vector<LonLat> points;

    Scenario(Layer areas, std::uint64_t seed)
        : layer(std::move(areas)), index(layer), points(random_points(layer, bulk_points, seed)) {
        std::vector<std::uint32_t> slots(checked_points);
        index.find_many({points.data(), checked_points}, slots);
        for (std::size_t i = 0; i < checked_points; ++i) {
            if (slots[i] != okrsek::geo::find_reference(layer, points[i])) {
                fail("find_many disagrees with find_reference at point " + std::to_string(i));
            }
        }
    }
};

const Scenario& prague() {
    static const Scenario scenario(read_prague(), 226);
    return scenario;
}

const Scenario& jagged() {
    static const Scenario scenario(okrsek::test::make_jagged_layer(), 1000);
    return scenario;
}

void report_stats(benchmark::State& state, const LayerIndex& index) {
    const LayerIndex::Stats stats = index.stats();
    state.counters["edges"] = static_cast<double>(stats.edge_count);
    state.counters["cells"] = static_cast<double>(stats.cell_count);
    state.counters["boundary_cells"] = static_cast<double>(stats.boundary_cell_count);
    state.counters["memory_MB"] = static_cast<double>(stats.memory_bytes) / 1e6;
}

void bulk_lookup(benchmark::State& state, const Scenario& scenario) {
    std::vector<std::uint32_t> slots(scenario.points.size());
    for (auto _ : state) {
        scenario.index.find_many(scenario.points, slots);
        benchmark::DoNotOptimize(slots.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(slots.size()));
    report_stats(state, scenario.index);
}

void BM_BulkLookup_Prague(benchmark::State& state) {
    bulk_lookup(state, prague());
}
void BM_BulkLookup_Jagged1000(benchmark::State& state) {
    bulk_lookup(state, jagged());
}

void BM_SingleLookup_Prague(benchmark::State& state) {
    const Scenario& scenario = prague();
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(scenario.index.find(scenario.points[i]));
        if (++i == scenario.points.size()) i = 0;
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_Reference_Prague(benchmark::State& state) {
    const Scenario& scenario = prague();
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(okrsek::geo::find_reference(scenario.layer, scenario.points[i]));
        if (++i == checked_points) i = 0;
    }
    state.SetItemsProcessed(state.iterations());
}

void build(benchmark::State& state, const Layer& layer) {
    for (auto _ : state) {
        LayerIndex index(layer);
        benchmark::DoNotOptimize(&index);
    }
    report_stats(state, LayerIndex(layer));
}

void BM_Build_Prague(benchmark::State& state) {
    build(state, prague().layer);
}
void BM_Build_Jagged1000(benchmark::State& state) {
    build(state, jagged().layer);
}

}  // namespace

BENCHMARK(BM_BulkLookup_Prague)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BulkLookup_Jagged1000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SingleLookup_Prague);
BENCHMARK(BM_Reference_Prague)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Build_Prague)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Build_Jagged1000)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
