// The address search on a generated country of 3 million addresses (address_country.hpp):
// build time, index bytes and resident memory, then latency percentiles over a fixed mix of
// queries as people type them (exact, without diacritics, half-typed, with a typo, number
// first, postcode, town only, one or two letters), and the districts of every address on a
// generated layer of 6,000 districts. Fixed seeds throughout.
//   build/release/bench/okrsek_bench_address_search [--benchmark_filter=…]
//   build/release/bench/okrsek_bench_address_search --write-ruian FILE   (the country as CSV)
// Set OKRSEK_BENCH_ADDRESSES to change the size (default 3000000).
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "../tests/support/jagged_layer.hpp"
#include "address_country.hpp"
#include "service/addresses/address_areas.hpp"
#include "service/addresses/address_folding.hpp"
#include "service/addresses/address_index.hpp"
#include "service/addresses/address_query.hpp"

namespace {

using namespace okrsek;
using Clock = std::chrono::steady_clock;

constexpr std::size_t sampled_addresses = 4000;
constexpr std::size_t query_limit = 10;

double rss_mib(const char* field) {
    std::ifstream in("/proc/self/status");
    for (std::string line; std::getline(in, line);) {
        if (line.rfind(field, 0) == 0)
            return std::stod(line.substr(std::string(field).size())) / 1024;
    }
    return 0.0;
}

std::size_t address_total() {
    const char* text = std::getenv("OKRSEK_BENCH_ADDRESSES");
    return text ? static_cast<std::size_t>(std::stoull(text)) : 3'000'000;
}

struct Built {
    std::shared_ptr<const service::AddressIndex> index;
    std::vector<core::AddressPoint> samples;
    double add_s = 0.0;
    double finish_s = 0.0;
    double rss_before_mib = 0.0;
    double rss_after_mib = 0.0;
    double peak_rss_mib = 0.0;
};

const Built& built() {
    static const Built result = [] {
        Built b;
        b.rss_before_mib = rss_mib("VmRSS:");
        service::AddressIndexBuilder builder;
        bench::CountryOptions options;
        options.addresses = address_total();
        const std::size_t every = std::max<std::size_t>(1, options.addresses / sampled_addresses);
        Clock::duration adding{};
        std::size_t seen = 0;
        bench::generate_country(options, [&](const bench::GeneratedAddress& a) {
            if (seen++ % every == every / 2) b.samples.push_back(a.point);
            const auto start = Clock::now();
            builder.add(a.point);
            adding += Clock::now() - start;
        });
        const auto start = Clock::now();
        b.index = builder.finish();
        b.finish_s = std::chrono::duration<double>(Clock::now() - start).count();
        b.add_s = std::chrono::duration<double>(adding).count();
        malloc_trim(0);
        b.rss_after_mib = rss_mib("VmRSS:");
        b.peak_rss_mib = rss_mib("VmHWM:");
        return b;
    }();
    return result;
}

// ---- the query mix -------------------------------------------------------------------------

enum Category { exact, folded, typing, typo, number_first, postcode, town_only, short_prefix };
constexpr std::array<const char*, 8> category_names{
    "exact", "folded", "typing", "typo", "number_first", "postcode", "town_only", "short_prefix"};

struct MixQuery {
    Category category;
    std::string text;
    std::optional<std::int64_t> town;
    std::int64_t expected_code = 0;  ///< the sampled address, when the query names it fully
};

std::string number_of(const core::AddressPoint& p) {
    if (p.evidence_number) return "č.ev. " + std::to_string(p.house_number);
    if (p.orientation_number == 0) return std::to_string(p.house_number);
    return std::to_string(p.house_number) + "/" + std::to_string(p.orientation_number) +
           p.orientation_letter;
}

std::string name_of(const core::AddressPoint& p) {
    return p.street.empty() ? p.part_name : p.street;
}

// The first `letters` bytes of folded (ASCII after folding Czech) text.
std::string head(const std::string& folded, std::size_t letters) {
    return folded.substr(0, std::min(letters, folded.size()));
}

// One edit in the longest word of five letters or more; the text unchanged without one.
std::string with_typo(const std::string& folded, bench::SplitMix& random) {
    std::size_t best_at = 0, best_size = 0, at = 0;
    while (at < folded.size()) {
        const std::size_t end = std::min(folded.find(' ', at), folded.size());
        if (end - at > best_size) {
            best_at = at;
            best_size = end - at;
        }
        at = end + 1;
    }
    if (best_size < 5) return folded;
    std::string out = folded;
    const std::size_t i = best_at + 1 + random.below(static_cast<std::uint32_t>(best_size - 2));
    switch (random.below(4)) {
        case 0:
            out[i] = out[i] == 'x' ? 'y' : 'x';
            break;  // substitution
        case 1:
            out.erase(i, 1);
            break;  // deletion
        case 2:
            out.insert(i, 1, 'e');
            break;  // insertion
        default:
            std::swap(out[i], out[i + 1]);
            break;  // transposition
    }
    return out;
}

std::vector<MixQuery> query_mix(const std::vector<core::AddressPoint>& samples) {
    bench::SplitMix random(7);
    std::vector<MixQuery> mix;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        const auto& p = samples[i];
        const auto category = static_cast<Category>(i % category_names.size());
        const std::string name = name_of(p);
        const std::string folded_name = service::fold_address_text(name);
        const std::string folded_town = service::fold_address_text(p.municipality_name);
        MixQuery q{category, {}, std::nullopt, 0};
        if (random.chance(0.5)) q.town = p.municipality_code;
        switch (category) {
            case exact:
                q.text = name + " " + number_of(p) + ", " + p.municipality_name;
                q.expected_code = p.code;
                break;
            case folded:
                q.text = folded_name + " " + service::fold_address_text(number_of(p)) + " " +
                         folded_town;
                q.expected_code = p.code;
                break;
            case typing:
                q.text = head(folded_name, 3 + random.below(6));
                break;
            case typo:
                q.text = with_typo(folded_name, random) + " " + number_of(p) + " " + folded_town;
                q.expected_code = p.code;
                break;
            case number_first:
                q.text = number_of(p) + " " + folded_name + " " + head(folded_town, 4);
                q.expected_code = p.code;
                break;
            case postcode: {
                std::string code = std::to_string(p.postcode);
                if (random.chance(0.5)) code = code.substr(0, 3) + " " + code.substr(3);
                q.text = name + " " + number_of(p) + " " + code;
                q.expected_code = p.code;
                break;
            }
            case town_only:
                q.text = head(folded_town, 3 + random.below(4));
                break;
            case short_prefix:
                q.text = head(folded_name, 1 + random.below(2));
                break;
        }
        mix.push_back(std::move(q));
    }
    return mix;
}

// CPU time of this thread: unlike wall time, not inflated when the machine is shared and the
// thread is preempted (on two busy cores a preemption costs a 4 ms scheduler tick).
double thread_cpu_us() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e6 + static_cast<double>(now.tv_nsec) / 1e3;
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0.0;
    const auto at = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(at),
                     values.end());
    return values[at];
}

// ---- benchmarks ----------------------------------------------------------------------------

void BM_AddressIndexBuild(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(built().index.get());
    const Built& b = built();
    state.counters["addresses"] = static_cast<double>(b.index->address_count());
    state.counters["streets"] = static_cast<double>(b.index->group_count());
    state.counters["words"] = static_cast<double>(b.index->word_count());
    state.counters["build_add_s"] = b.add_s;
    state.counters["build_finish_s"] = b.finish_s;
    state.counters["build_s"] = b.add_s + b.finish_s;
    state.counters["index_MiB"] = static_cast<double>(b.index->memory_bytes()) / (1 << 20);
    state.counters["rss_before_MiB"] = b.rss_before_mib;
    state.counters["rss_after_MiB"] = b.rss_after_mib;
    state.counters["rss_growth_MiB"] = b.rss_after_mib - b.rss_before_mib;
    state.counters["peak_rss_MiB"] = b.peak_rss_mib;
}
BENCHMARK(BM_AddressIndexBuild)->Iterations(1)->Unit(benchmark::kSecond);

// What AddressBook::search does per query minus the area look-ups: parse, find, and make the
// answer's address points and labels.
std::size_t run_query(const service::AddressIndex& index, const MixQuery& q, bool& found_expected) {
    const auto parsed = service::parse_address_query(q.text);
    const auto records = index.find(parsed, query_limit, q.town);
    std::size_t bytes = 0;
    found_expected = false;
    for (const auto record : records) {
        const auto point = index.address(record);
        bytes += index.label(record).size();
        found_expected |= point.code == q.expected_code;
    }
    return bytes + records.size();
}

void BM_AddressSearchMix(benchmark::State& state) {
    const Built& b = built();
    const auto mix = query_mix(b.samples);
    std::vector<std::vector<double>> latencies(category_names.size());
    std::vector<double> all;
    std::vector<double> all_cpu;
    std::vector<std::pair<double, std::size_t>> slowest;
    std::size_t named = 0, named_found = 0, i = 0;
    for (auto _ : state) {
        const MixQuery& q = mix[i++ % mix.size()];
        bool found = false;
        const double cpu_start = thread_cpu_us();
        const auto start = Clock::now();
        benchmark::DoNotOptimize(run_query(*b.index, q, found));
        const double us = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
        const double cpu_us = thread_cpu_us() - cpu_start;
        latencies[q.category].push_back(cpu_us);
        all.push_back(us);
        all_cpu.push_back(cpu_us);
        if (i <= mix.size()) slowest.emplace_back(cpu_us, (i - 1) % mix.size());
        if (q.expected_code != 0) {
            ++named;
            named_found += found ? 1 : 0;
            if (!found && i <= mix.size() && std::getenv("OKRSEK_BENCH_VERBOSE"))
                std::fprintf(stderr, "not found: %-12s %s\n", category_names[q.category],
                             q.text.c_str());
        }
    }
    state.counters["p50_us"] = percentile(all, 0.50);
    state.counters["p90_us"] = percentile(all, 0.90);
    state.counters["p99_us"] = percentile(all, 0.99);
    state.counters["max_us"] = percentile(all, 1.0);
    state.counters["cpu_p50_us"] = percentile(all_cpu, 0.50);
    state.counters["cpu_p99_us"] = percentile(all_cpu, 0.99);
    state.counters["cpu_max_us"] = percentile(all_cpu, 1.0);
    for (std::size_t c = 0; c < category_names.size(); ++c)
        state.counters[std::string("cpu_p99_") + category_names[c] + "_us"] =
            percentile(latencies[c], 0.99);
    if (std::getenv("OKRSEK_BENCH_VERBOSE")) {
        std::sort(slowest.rbegin(), slowest.rend());
        for (std::size_t k = 0; k < slowest.size() && k < 15; ++k) {
            const MixQuery& q = mix[slowest[k].second];
            std::fprintf(stderr, "%8.1f us  %-12s %s%s\n", slowest[k].first,
                         category_names[q.category], q.text.c_str(), q.town ? " (town)" : "");
        }
    }
    state.counters["found_named_pct"] =
        named ? 100.0 * static_cast<double>(named_found) / static_cast<double>(named) : 0.0;
    state.counters["queries"] = static_cast<double>(mix.size());
}
BENCHMARK(BM_AddressSearchMix)->MinTime(5.0)->Unit(benchmark::kMicrosecond);

// The district of every address on 6,000 jagged districts over the same 480 x 280 km box.
void BM_AddressAreas(benchmark::State& state) {
    const Built& b = built();
    test::JaggedLayerOptions options;
    options.cols = 100;
    options.rows = 60;
    options.width_m = 480'000;
    options.height_m = 280'000;
    options.vertex_spacing_m = 200;
    options.zigzag_m = 40;
    std::vector<store::AreaRow> rows;
    std::int64_t id = 0;
    for (auto& shape : test::make_jagged_layer(options)) {
        store::AreaRow row;
        row.info.id = ++id;
        row.info.layer = "districts";
        row.info.code = std::to_string(id);
        row.info.name = "Okrsek " + std::to_string(id);
        row.geometry = std::move(shape);
        rows.push_back(std::move(row));
    }
    const auto catalog = std::make_shared<const service::AreaCatalog>(
        std::vector<core::LayerInfo>{{"districts", 1, id, ""}}, std::move(rows), 1);
    std::size_t bytes = 0, with_district = 0;
    for (auto _ : state) {
        const service::AddressAreas areas(*b.index, catalog);
        bytes = areas.memory_bytes();
        with_district = 0;
        for (std::uint32_t r = 0; r < b.index->address_count(); ++r)
            with_district += areas.district(r) ? 1 : 0;
    }
    state.counters["areas_MiB"] = static_cast<double>(bytes) / (1 << 20);
    state.counters["with_district_pct"] =
        100.0 * static_cast<double>(with_district) / static_cast<double>(b.index->address_count());
}
BENCHMARK(BM_AddressAreas)->Iterations(1)->Unit(benchmark::kSecond);

// ---- the same country as a RÚIAN CSV file (for bench/http-addresses.sh) -------------------

// The 2020 header generation, UTF-8, S-JTSK Y/X in positive metres as ČÚZK writes them.
void write_ruian_csv(const char* path) {
    std::ofstream out(path, std::ios::binary);
    out << "Kód ADM;Kód obce;Název obce;Kód MOMC;Název MOMC;Kód obvodu Prahy;Název obvodu Prahy;"
           "Kód části obce;Název části obce;Kód ulice;Název ulice;Typ SO;Číslo domovní;"
           "Číslo orientační;Znak čísla orientačního;PSČ;Souřadnice Y;Souřadnice X;Platí Od\n";
    std::map<std::pair<std::int64_t, std::string>, std::int64_t> part_codes, street_codes;
    const auto code_of = [](auto& codes, std::int64_t town, const std::string& name) {
        const auto [at, added] = codes.try_emplace({town, name}, 0);
        if (added) at->second = 100'000 + static_cast<std::int64_t>(codes.size());
        return at->second;
    };
    bench::CountryOptions options;
    options.addresses = address_total();
    char coordinates[64];
    bench::generate_country(options, [&](const bench::GeneratedAddress& a) {
        const core::AddressPoint& p = a.point;
        out << p.code << ';' << p.municipality_code << ';' << p.municipality_name << ';';
        if (p.city_part_code != 0)
            out << p.city_part_code << ';' << p.city_part_name;
        else
            out << ';';
        out << ";;;" << code_of(part_codes, p.municipality_code, p.part_name) << ';' << p.part_name
            << ';';
        if (!p.street.empty()) out << code_of(street_codes, p.municipality_code, p.street);
        out << ';' << p.street << ';' << (p.evidence_number ? "č.ev." : "č.p.") << ';'
            << p.house_number << ';';
        if (p.orientation_number > 0) out << p.orientation_number;
        std::snprintf(coordinates, sizeof coordinates, "%.2f;%.2f", a.sjtsk_y, a.sjtsk_x);
        out << ';' << p.orientation_letter << ';' << p.postcode << ';' << coordinates
            << ";2013-12-04T00:00:00\n";
    });
    if (!out) throw std::runtime_error(std::string("cannot write ") + path);
}

}  // namespace

// `--write-ruian FILE` writes the generated country as a RÚIAN CSV file instead of
// benchmarking.
int main(int argc, char** argv) {
    if (argc == 3 && std::string(argv[1]) == "--write-ruian") {
        write_ruian_csv(argv[2]);
        return 0;
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
