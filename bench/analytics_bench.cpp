// Hot-spot statistics on a city grid: 250 × 240 cells of 100 m (60,000 cells, a town of
// 25 × 24 km) with counts from a fixed-seed generator (background plus a dozen hot spots).
// Gi* with a 300 m distance band (about 28 neighbours a cell), the weights alone, local
// Moran's I, and quartic kernel density of the incidents on the same grid.
#include <benchmark/benchmark.h>

#include <cmath>
#include <random>
#include <vector>

#include "analytics/fdr.hpp"
#include "analytics/getis_ord.hpp"
#include "analytics/kde.hpp"
#include "analytics/local_moran.hpp"
#include "analytics/planar_grid.hpp"
#include "analytics/weights.hpp"

namespace {

using namespace okrsek::analytics;

struct City {
    PlanarGrid grid;
    std::vector<PlanarPoint> cells;
    std::vector<double> counts;
    std::vector<PlanarPoint> incidents;
};

const City& city() {
    static const City c = [] {
        City city;
        city.grid.cell_m = 100.0;
        city.grid.columns = 250;
        city.grid.rows = 240;
        city.cells = cell_centres(city.grid);
        std::mt19937_64 random(20261123);
        std::uniform_real_distribution<double> uniform(0.0, 1.0);
        std::vector<PlanarPoint> hotspots;
        for (int h = 0; h < 12; ++h) {
            hotspots.push_back({uniform(random) * 25000.0, uniform(random) * 24000.0});
        }
        for (const auto& cell : city.cells) {
            double rate = 0.2;
            for (const auto& h : hotspots) {
                rate += 6.0 * std::exp(-squared_distance_m2(cell, h) / (2.0 * 400.0 * 400.0));
            }
            const auto count = std::poisson_distribution<int>(rate)(random);
            city.counts.push_back(count);
            for (int k = 0; k < count; ++k) {
                city.incidents.push_back({cell.x_m - 50.0 + 100.0 * uniform(random),
                                          cell.y_m - 50.0 + 100.0 * uniform(random)});
            }
        }
        return city;
    }();
    return c;
}

void BM_WeightsBand300(benchmark::State& state) {
    const auto& c = city();
    for (auto _ : state) {
        SpatialWeights weights(distance_band(c.cells, 300.0), WeightStyle::binary, true);
        benchmark::DoNotOptimize(weights.row_sum(0));
    }
    state.counters["cells"] = static_cast<double>(c.cells.size());
}
BENCHMARK(BM_WeightsBand300)->Unit(benchmark::kMillisecond);

// The target: < 100 ms including the weights (and the FDR q-values).
void BM_GiStarBand300WithWeights(benchmark::State& state) {
    const auto& c = city();
    for (auto _ : state) {
        SpatialWeights weights(distance_band(c.cells, 300.0), WeightStyle::binary, true);
        const auto g = local_g(c.counts, weights);
        std::vector<double> p;
        p.reserve(g.size());
        for (const auto& r : g) p.push_back(r.p_two_sided);
        benchmark::DoNotOptimize(benjamini_hochberg(p));
    }
}
BENCHMARK(BM_GiStarBand300WithWeights)->Unit(benchmark::kMillisecond);

void BM_GiStarOnly(benchmark::State& state) {
    const auto& c = city();
    const SpatialWeights weights(distance_band(c.cells, 300.0), WeightStyle::binary, true);
    for (auto _ : state) benchmark::DoNotOptimize(local_g(c.counts, weights));
}
BENCHMARK(BM_GiStarOnly)->Unit(benchmark::kMillisecond);

void BM_LocalMoranBand300(benchmark::State& state) {
    const auto& c = city();
    const SpatialWeights weights(distance_band(c.cells, 300.0), WeightStyle::row_standardised,
                                 false);
    for (auto _ : state) benchmark::DoNotOptimize(local_moran(c.counts, weights));
}
BENCHMARK(BM_LocalMoranBand300)->Unit(benchmark::kMillisecond);

void BM_KNearest8(benchmark::State& state) {
    const auto& c = city();
    for (auto _ : state) benchmark::DoNotOptimize(k_nearest(c.cells, 8));
}
BENCHMARK(BM_KNearest8)->Unit(benchmark::kMillisecond);

// Kernel density of every incident at the 60,000 cell centres, h = 300 m.
void BM_KdeIncidents300(benchmark::State& state) {
    const auto& c = city();
    for (auto _ : state) {
        benchmark::DoNotOptimize(quartic_kde(c.grid, c.incidents, {}, 300.0));
    }
    state.counters["incidents"] = static_cast<double>(c.incidents.size());
}
BENCHMARK(BM_KdeIncidents300)->Unit(benchmark::kMillisecond);

// The same with the ArcGIS default bandwidth computed from the incidents each time.
void BM_KdeIncidentsDefaultBandwidth(benchmark::State& state) {
    const auto& c = city();
    double h = 0.0;
    for (auto _ : state) {
        h = default_bandwidth_m(c.incidents);
        benchmark::DoNotOptimize(quartic_kde(c.grid, c.incidents, {}, h));
    }
    state.counters["bandwidth_m"] = h;
}
BENCHMARK(BM_KdeIncidentsDefaultBandwidth)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
