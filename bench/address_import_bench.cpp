// Address import on a generated whole-country RÚIAN file (3 million rows by default,
// $OKRSEK_BENCH_ADDRESS_ROWS): reading alone (parse, windows-1250, S-JTSK → WGS 84), a fresh
// import, a re-import that replaces every town, and reading every point back
// (for_each_address, what the search index is built from). The database comes from
// $OKRSEK_BENCH_DB (a SQLite path or a postgresql:// URI of an empty database); without it, a
// fresh SQLite file in the temporary folder. bench/address-import.sh runs both engines.
//
//   okrsek_bench_address_import --generate FILE [ROWS]   only writes the generated file
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "bench_database.hpp"
#include "geo/crs_transform.hpp"
#include "io/ruian_addresses.hpp"
#include "ruian_address_generator.hpp"
#include "service/addresses/address_book.hpp"
#include "service/security/clock.hpp"
#include "store/store.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path towns_file =
    fs::path(OKRSEK_SOURCE_DIR) / "tests/support/data/ruian-addresses/obce-kody-nazvy-lau2.csv";

std::uint64_t rows_wanted() {
    const char* rows = std::getenv("OKRSEK_BENCH_ADDRESS_ROWS");
    return rows && *rows ? std::stoull(rows) : 3'000'000;
}

// Generated once per row count and kept in the temporary folder for later runs.
const fs::path& generated_file() {
    static const fs::path file = [] {
        const fs::path path = fs::temp_directory_path() /
                              ("okrsek-bench-ruian-" + std::to_string(rows_wanted()) + ".csv");
        if (!fs::exists(path)) {
            std::fprintf(stderr, "generating %s\n", path.c_str());
            okrsek::bench::generate_ruian_addresses(path.string() + ".part", rows_wanted(),
                                                    towns_file);
            fs::rename(path.string() + ".part", path);
        }
        return path;
    }();
    return file;
}

const std::string& database() {
    static const std::string setting =
        okrsek::bench::database_setting("OKRSEK_BENCH_DB", "okrsek-bench-addresses.db");
    return setting;
}

okrsek::store::Store& store() {
    static const auto instance = okrsek::bench::open_migrated_store(database());
    return *instance;
}

// The service's import, as `okrsek import addresses` runs it (without the area catalog, which
// the import does not use).
okrsek::service::AddressBook& address_book() {
    static const okrsek::service::security::SystemClock clock;
    static okrsek::service::AddressBook book(
        store(), clock, [] { return std::shared_ptr<const okrsek::service::AreaCatalog>(); });
    return book;
}

// A store of its own for reading back, like another server's on the same database.
okrsek::store::Store& reader_store() {
    store();
    static auto instance = okrsek::store::open_store(database());
    return *instance;
}

void set_rows(benchmark::State& state, std::uint64_t rows) {
    state.counters["rows"] = static_cast<double>(rows);
    state.counters["rows/s"] =
        benchmark::Counter(static_cast<double>(rows) * static_cast<double>(state.iterations()),
                           benchmark::Counter::kIsRate);
}

// The reading thread's work alone: parse, decode windows-1250, convert every position.
void BM_ReadRuianFile(benchmark::State& state) {
    const okrsek::geo::SjtskToWgs84 to_wgs84;
    std::uint64_t rows = 0;
    for (auto _ : state) {
        std::ifstream in(generated_file(), std::ios::binary);
        okrsek::io::RuianAddressReader reader(in, "generated", to_wgs84);
        okrsek::core::AddressPoint point;
        std::string reason;
        rows = 0;
        while (reader.next(point, reason) != okrsek::io::RuianAddressReader::Row::end) ++rows;
    }
    set_rows(state, rows);
}
BENCHMARK(BM_ReadRuianFile)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

okrsek::service::AddressImportReport import_generated() {
    okrsek::service::AddressImportRequest request;
    request.files = {generated_file()};
    request.actor = okrsek::service::Principal::cli();
    return address_book().import_files(request);
}

// Into an empty table (the first import of the country).
void BM_ImportAddresses_Fresh(benchmark::State& state) {
    std::uint64_t rows = 0;
    for (auto _ : state) rows = import_generated().rows_imported;
    set_rows(state, rows);
}
BENCHMARK(BM_ImportAddresses_Fresh)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

// The same file again: every town's points are deleted and written anew.
void BM_ImportAddresses_ReplaceAll(benchmark::State& state) {
    std::uint64_t rows = 0;
    for (auto _ : state) rows = import_generated().rows_imported;
    set_rows(state, rows);
}
BENCHMARK(BM_ImportAddresses_ReplaceAll)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

// What a server does before it can search: every point, from one snapshot.
void BM_ForEachAddress(benchmark::State& state) {
    std::uint64_t rows = 0;
    for (auto _ : state) {
        rows = 0;
        reader_store().for_each_address([&rows](const okrsek::core::AddressPoint& point) {
            benchmark::DoNotOptimize(point.code);
            ++rows;
        });
    }
    set_rows(state, rows);
}
BENCHMARK(BM_ForEachAddress)->Unit(benchmark::kSecond)->Iterations(2)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
    if (argc >= 3 && std::string(argv[1]) == "--generate") {
        const std::uint64_t rows = argc >= 4 ? std::stoull(argv[3]) : 3'000'000;
        okrsek::bench::generate_ruian_addresses(argv[2], rows, towns_file);
        return 0;
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
