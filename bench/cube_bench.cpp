// The incident cube on 5 million generated incidents (fixed seed) over Prague's 226 police
// districts: (a) the spatial assignment of every point with the lookup's index, (b) counts by
// district × category (top level and leaf) × month of one year, (c) grid counts at 100 m and
// 250 m, (d) the publication pass over the district × category × month table.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "analytics/cube.hpp"
#include "analytics/cube_grid.hpp"
#include "analytics/cube_query.hpp"
#include "analytics/publication.hpp"
#include "geo/area_index.hpp"
#include "io/geojson_reader.hpp"

namespace {

using namespace okrsek;
using analytics::AreaLevel;

constexpr std::size_t incident_count = 5'000'000;
constexpr std::int32_t top_categories = 12;
constexpr std::int32_t leaves_per_top = 10;

[[noreturn]] void fail(const std::string& message) {
    std::fprintf(stderr, "cube_bench: %s\n", message.c_str());
    std::abort();
}

std::vector<geo::MultiPolygon> read_prague() {
    const std::filesystem::path path = std::filesystem::path(OKRSEK_SOURCE_DIR) / "data" / "demo" /
                                       "praha-okrsky-mestske-policie-226.geojson";
    std::ifstream in(path, std::ios::binary);
    if (!in) fail("cannot read " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    io::AreaReadOptions options;
    options.code_property = "{MC_PRAHA}-{OKRSEK}";
    std::vector<geo::MultiPolygon> layer;
    for (auto& feature : io::read_area_features(text.str(), options).features) {
        layer.push_back(std::move(feature.geometry));
    }
    return layer;
}

geo::BBox bounds(const std::vector<geo::MultiPolygon>& layer) {
    geo::BBox box{180, 90, -180, -90};
    for (const auto& area : layer) {
        for (const auto& polygon : area) {
            for (const core::LonLat& p : polygon.outer) {
                box.min_lon = std::min(box.min_lon, p.lon);
                box.max_lon = std::max(box.max_lon, p.lon);
                box.min_lat = std::min(box.min_lat, p.lat);
                box.max_lat = std::max(box.max_lat, p.lat);
            }
        }
    }
    return box;
}

// Police-like code list: 12 top categories of 10 leaves each (ids top·100 + leaf); the first
// leaf of the second category is sensitive.
analytics::CategoryTree make_categories() {
    std::vector<analytics::CategoryType> types;
    for (std::int32_t top = 1; top <= top_categories; ++top) {
        types.push_back({top, analytics::CategoryType::no_parent, false});
        for (std::int32_t leaf = 1; leaf <= leaves_per_top; ++leaf) {
            types.push_back({top * 100 + leaf, top, top == 2 && leaf == 1});
        }
    }
    return analytics::CategoryTree(types);
}

struct Town {
    std::vector<geo::MultiPolygon> layer;
    geo::LayerIndex index;
    geo::BBox box;
    analytics::IncidentCube cube;
    double build_seconds = 0.0;

    Town()
        : layer(read_prague()),
          index(layer),
          box(bounds(layer)),
          cube(make_categories(), {1, 57, static_cast<std::uint32_t>(layer.size())}) {
        generate();
        cube.assign_areas(AreaLevel::district, index, 2);
    }

    // Half the incidents around 300 hot spots (normal, σ = 400 m), half uniform; only points
    // inside Prague are kept. Times uniform over 2025, one leaf and its top category each,
    // every tenth with a second leaf.
    void generate() {
        std::mt19937_64 random(20251123);
        std::uniform_real_distribution<double> lon(box.min_lon, box.max_lon);
        std::uniform_real_distribution<double> lat(box.min_lat, box.max_lat);
        std::normal_distribution<double> spread(0.0, 1.0);
        std::vector<core::LonLat> hot_spots;
        while (hot_spots.size() < 300) {
            const core::LonLat p{lon(random), lat(random)};
            if (index.find(p) != geo::LayerIndex::no_area) hot_spots.push_back(p);
        }
        const std::int64_t year_start = 1735686000;  // 2025-01-01T00:00+01:00
        std::uniform_int_distribution<std::int64_t> second(0, 365LL * 86400 - 1);
        std::uniform_int_distribution<std::int32_t> top(1, top_categories);
        std::uniform_int_distribution<std::int32_t> leaf(1, leaves_per_top);
        const auto started = std::chrono::steady_clock::now();
        cube.reserve(incident_count, incident_count * 21 / 10);
        std::vector<std::int32_t> types;
        analytics::IncidentRow row;
        while (cube.size() < incident_count) {
            core::LonLat p;
            if (random() % 2 == 0) {
                const core::LonLat& centre = hot_spots[random() % hot_spots.size()];
                p = {centre.lon + spread(random) * 0.0056, centre.lat + spread(random) * 0.0036};
            } else {
                p = {lon(random), lat(random)};
            }
            if (!core::is_valid_wgs84(p) || index.find(p) == geo::LayerIndex::no_area) continue;
            const std::int32_t t = top(random);
            types = {t, t * 100 + leaf(random)};
            if (random() % 10 == 0)
                types.push_back(t * 100 + (types[1] % 100) % leaves_per_top + 1);
            row.id = static_cast<std::int64_t>(cube.size()) + 1;
            row.time = core::SysSeconds{std::chrono::seconds{year_start + second(random)}};
            row.position = p;
            row.type_ids = types;
            cube.add(row);
        }
        build_seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    }
};

const Town& town() {
    static const Town instance;
    return instance;
}

analytics::Period year_2025() {
    return {core::SysSeconds{std::chrono::seconds{1735686000}},
            core::SysSeconds{std::chrono::seconds{1767222000}}};
}

void BM_AssignDistricts(benchmark::State& state) {
    const Town& t = town();
    // A copy, so that the shared cube keeps its districts for the other benchmarks.
    analytics::IncidentCube cube = t.cube;
    for (auto _ : state) {
        cube.assign_areas(AreaLevel::district, t.index, static_cast<unsigned>(state.range(0)));
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(cube.size()));
    state.counters["threads"] = static_cast<double>(state.range(0));
    state.counters["cube_build_s"] = t.build_seconds;
}

analytics::CubeQuery district_month_query(std::size_t level, unsigned threads) {
    analytics::CubeQuery query;
    query.period = year_2025();
    query.area_level = AreaLevel::district;
    query.categories.level = level;
    query.bucket = analytics::TimeBucket::month;
    query.threads = threads;
    return query;
}

void aggregate(benchmark::State& state, std::size_t level) {
    const Town& t = town();
    const auto query = district_month_query(level, static_cast<unsigned>(state.range(0)));
    std::int64_t cells = 0;
    for (auto _ : state) {
        const analytics::AggregateTable table = analytics::aggregate(t.cube, query);
        cells = static_cast<std::int64_t>(table.counts.size());
        benchmark::DoNotOptimize(table.counts.data());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(t.cube.size()));
    state.counters["cells"] = static_cast<double>(cells);
    state.counters["threads"] = static_cast<double>(state.range(0));
}

void BM_Aggregate_DistrictTopCategoryMonth(benchmark::State& state) {
    aggregate(state, 0);
}
void BM_Aggregate_DistrictLeafCategoryMonth(benchmark::State& state) {
    aggregate(state, 1);
}

void BM_GridCounts(benchmark::State& state) {
    const Town& t = town();
    const analytics::GridSpec spec =
        analytics::grid_over(t.box, static_cast<double>(state.range(0)));
    analytics::GridQuery query;
    query.period = year_2025();
    query.threads = 2;
    for (auto _ : state) {
        const analytics::GridCounts grid = analytics::grid_counts(t.cube, spec, query);
        benchmark::DoNotOptimize(grid.counts.data());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(t.cube.size()));
    state.counters["cells"] = static_cast<double>(spec.columns) * spec.rows;
}

void publish(benchmark::State& state, std::size_t level) {
    const Town& t = town();
    auto query = district_month_query(level, 2);
    query.exclude_sensitive_incidents = true;
    const analytics::AggregateTable table = analytics::aggregate(t.cube, query);
    analytics::PublishedTable published;
    for (auto _ : state) {
        published = analytics::publish(table, t.cube.categories(), {});
        benchmark::DoNotOptimize(published.values.data());
    }
    state.counters["cells"] = static_cast<double>(published.values.size());
    state.counters["small"] =
        static_cast<double>(published.count(analytics::CellStatus::suppressed_small));
    state.counters["fully_checked"] = published.suppression_fully_checked ? 1.0 : 0.0;
    state.counters["complementary"] =
        static_cast<double>(published.count(analytics::CellStatus::suppressed_complementary));
}

void BM_Publish_DistrictTopCategoryMonth(benchmark::State& state) {
    publish(state, 0);
}
void BM_Publish_DistrictLeafCategoryMonth(benchmark::State& state) {
    publish(state, 1);
}

}  // namespace

BENCHMARK(BM_AssignDistricts)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Aggregate_DistrictTopCategoryMonth)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_Aggregate_DistrictLeafCategoryMonth)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_GridCounts)->Arg(100)->Arg(250)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Publish_DistrictTopCategoryMonth)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Publish_DistrictLeafCategoryMonth)->Unit(benchmark::kMillisecond)->Iterations(1);

BENCHMARK_MAIN();
