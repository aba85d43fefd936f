// The import path on real files: reading GeoJSON (parse, validate, round), the gap/overlap
// report, dissolving a town's outline, and a whole import into a SQLite file.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "geo/coverage_report.hpp"
#include "geo/dissolve.hpp"
#include "io/geojson_reader.hpp"
#include "service/demo_town.hpp"
#include "store/store.hpp"

namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", path.c_str());
        std::abort();
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

const fs::path source = OKRSEK_SOURCE_DIR;
const fs::path demo = source / "data" / "demo";

std::vector<okrsek::geo::MultiPolygon> shapes_of(const std::string& file) {
    std::vector<okrsek::geo::MultiPolygon> shapes;
    for (auto& feature : okrsek::io::read_area_features(read_text(file), {}).features) {
        shapes.push_back(std::move(feature.geometry));
    }
    return shapes;
}

void BM_ReadGeoJson_Municipalities6279(benchmark::State& state) {
    const std::string text =
        read_text(source / "tests/support/data/boundaries/obce-cr-simplified-wgs84.geojson");
    for (auto _ : state) {
        benchmark::DoNotOptimize(okrsek::io::read_area_features(text, {}));
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ReadGeoJson_Municipalities6279)->Unit(benchmark::kMillisecond);

void BM_ReadGeoJson_PragueCityPartsSjtsk(benchmark::State& state) {
    const std::string text =
        read_text(source / "tests/support/data/boundaries/praha-mestske-casti-57-sjtsk.geojson");
    okrsek::io::AreaReadOptions options;
    options.code_property = "KOD_MC";
    for (auto _ : state) {
        benchmark::DoNotOptimize(okrsek::io::read_area_features(text, options));
    }
}
BENCHMARK(BM_ReadGeoJson_PragueCityPartsSjtsk)->Unit(benchmark::kMillisecond);

void BM_Coverage_PragueDistricts(benchmark::State& state) {
    const auto shapes = shapes_of(demo / "praha-okrsky-mestske-policie-226.geojson");
    for (auto _ : state) benchmark::DoNotOptimize(okrsek::geo::compute_coverage(shapes));
}
BENCHMARK(BM_Coverage_PragueDistricts)->Unit(benchmark::kMillisecond);

void BM_Dissolve_PragueCityParts(benchmark::State& state) {
    const auto shapes = shapes_of(demo / "praha-mestske-casti-57-wgs84.geojson");
    for (auto _ : state) benchmark::DoNotOptimize(okrsek::geo::dissolve(shapes));
}
BENCHMARK(BM_Dissolve_PragueCityParts)->Unit(benchmark::kMillisecond);

// The whole demo town into a fresh SQLite file: read, validate, report, store, index.
void BM_DemoTown_IntoFreshSqlite(benchmark::State& state) {
    const fs::path folder = fs::temp_directory_path() / "okrsek-bench-import";
    for (auto _ : state) {
        state.PauseTiming();
        fs::remove_all(folder);
        fs::create_directories(folder);
        state.ResumeTiming();
        okrsek::service::Platform platform(okrsek::store::open_store((folder / "b.db").string()));
        benchmark::DoNotOptimize(okrsek::service::build_demo_town(platform, demo));
    }
    fs::remove_all(folder);
}
BENCHMARK(BM_DemoTown_IntoFreshSqlite)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
