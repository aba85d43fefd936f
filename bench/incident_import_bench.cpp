// Incident import on a generated Policie ČR CSV (fixed seed): N incidents (5 million by
// default, $OKRSEK_BENCH_INCIDENTS) of 1 to 4 type rows each (~1.3 on average, as the real
// files), positions spread over Prague so that the spatial assignment to the demo town's 226
// districts and 57 city parts runs for every incident. Times a fresh import and, with
// --reimport, a second import of the same file (every incident updated in place). The
// database comes from $OKRSEK_BENCH_DB (a SQLite path or a postgresql:// URI of an empty
// database); without it, a fresh SQLite file in the temporary folder. bench/incident-import.sh
// runs both engines.
//
//   okrsek_bench_incident_import [--reimport]
//   okrsek_bench_incident_import --generate FILE [INCIDENTS]   only writes the file
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "bench_database.hpp"
#include "service/demo_town.hpp"
#include "service/platform.hpp"

namespace {

namespace fs = std::filesystem;
using namespace okrsek;

std::uint64_t incidents_wanted() {
    const char* count = std::getenv("OKRSEK_BENCH_INCIDENTS");
    return count && *count ? std::stoull(count) : 5'000'000;
}

// ~1.3 rows per incident: 78 % one type, 16 % two, 5 % three, 1 % four.
int type_rows(std::mt19937_64& random) {
    const auto roll = random() % 100;
    return roll < 78 ? 1 : roll < 94 ? 2 : roll < 99 ? 3 : 4;
}

void generate(const std::string& path, std::uint64_t incidents) {
    std::mt19937_64 random(20261123);
    std::uniform_real_distribution<double> lon(14.25, 14.70);
    std::uniform_real_distribution<double> lat(49.95, 50.17);
    std::ofstream out(path, std::ios::binary);
    out << "id,x,y,mp,date,state,relevance,types\n";
    char line[160];
    std::uint64_t rows = 0;
    for (std::uint64_t i = 0; i < incidents; ++i) {
        const double x = lon(random);
        const double y = lat(random);
        const int month = static_cast<int>(random() % 12) + 1;
        const int day = static_cast<int>(random() % 28) + 1;
        const int hour = static_cast<int>(random() % 24);
        const int minute = static_cast<int>(random() % 60);
        const bool summer = month >= 4 && month <= 10;
        const int state = static_cast<int>(random() % 4) + 1;
        const int relevance = static_cast<int>(random() % 4) + 1;
        const int first_type = static_cast<int>(random() % 132) + 1;
        const int count = type_rows(random);
        for (int t = 0; t < count; ++t) {
            const int type = t == 0 ? first_type : (first_type + 17 * t) % 132 + 1;
            const int length = std::snprintf(
                line, sizeof line,
                "%llu,%.6f,%.6f,%s,2023-%02d-%02dT%02d:%02d:00.0000+0%d:00,%d,%d,%d\n",
                static_cast<unsigned long long>(10'000'000 + i), x, y,
                i % 20 == 0 ? "True" : "False", month, day, hour, minute, summer ? 2 : 1, state,
                relevance, type);
            out.write(line, length);
            ++rows;
        }
    }
    std::fprintf(stderr, "generated %s: %llu incidents, %llu rows\n", path.c_str(),
                 static_cast<unsigned long long>(incidents), static_cast<unsigned long long>(rows));
}

const fs::path& generated_file() {
    static const fs::path file = [] {
        const fs::path path =
            fs::temp_directory_path() /
            ("okrsek-bench-incidents-" + std::to_string(incidents_wanted()) + ".csv");
        if (!fs::exists(path)) {
            generate(path.string() + ".part", incidents_wanted());
            fs::rename(path.string() + ".part", path);
        }
        return path;
    }();
    return file;
}

void load_prague(service::Platform& platform) {
    const fs::path data = fs::path(OKRSEK_SOURCE_DIR) / "data" / "demo";
    const auto start = std::chrono::steady_clock::now();
    service::build_demo_town(platform, data);
    std::fprintf(stderr, "demo town loaded in %.1f s\n",
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
}

void run_import(service::Platform& platform, const char* label) {
    service::IncidentImportRequest request;
    request.files = {generated_file()};
    request.actor = service::Principal::cli();
    // Process CPU (all threads): on a busy machine the wall clock says little.
    const std::clock_t cpu_start = std::clock();
    const auto report = platform.crime().import_incidents(request);
    const double cpu_s = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    std::printf(
        "%s: %llu rows, %llu incidents (%lld new, %lld updated, %llu outside Prague) in %.2f s "
        "(client CPU %.2f s): %.0f rows/s, %.0f incidents/s\n",
        label, static_cast<unsigned long long>(report.rows_read),
        static_cast<unsigned long long>(report.incidents), static_cast<long long>(report.inserted),
        static_cast<long long>(report.updated), static_cast<unsigned long long>(report.unassigned),
        report.seconds, cpu_s, static_cast<double>(report.rows_read) / report.seconds,
        static_cast<double>(report.incidents) / report.seconds);
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc >= 3 && std::strcmp(argv[1], "--generate") == 0) {
        generate(argv[2], argc >= 4 ? std::stoull(argv[3]) : incidents_wanted());
        return 0;
    }
    const bool reimport = argc >= 2 && std::strcmp(argv[1], "--reimport") == 0;
    generated_file();
    service::Platform platform(bench::open_migrated_store(
        bench::database_setting("OKRSEK_BENCH_DB", "okrsek-bench-incidents.db")));
    load_prague(platform);
    run_import(platform, "fresh import");
    if (reimport) run_import(platform, "re-import");
    return 0;
}
