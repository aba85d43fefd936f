// The citizen reports' inbox queries on a million reports, on either engine ($OKRSEK_BENCH_DB, a
// SQLite path or a postgresql:// URI of an empty database okrsek may fill; without it a fresh
// SQLite file in the temporary folder).
//
// The data: 3 towns with 150 districts (100 + 30 + 20), 6 categories each, 1,000,000 reports
// created evenly over 2023-01-01 … 2026-03-01 (fixed seed). Reports older than 60 days are
// almost all finished (1 % still open, escalated to the council); newer ones are a mix of new,
// acknowledged, in progress, resolved and closed, as a busy town's inbox. "Now" is 2026-03-01.
// The rows are written in one transaction: a prepared 100-row INSERT on SQLite, COPY on
// PostgreSQL (raw connections: the store has no bulk path for reports, nor should it).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "bench_database.hpp"
#include "core/time.hpp"
#include "store/postgres/pg_handle.hpp"
#include "store/sqlite/sqlite_handle.hpp"
#include "store/store.hpp"

namespace {

using namespace std::chrono_literals;
using okrsek::store::ReportFilter;
using okrsek::store::ReportState;
using okrsek::store::Store;
using okrsek::store::TimePoint;

constexpr std::int64_t report_count = 1'000'000;
constexpr std::array<std::int64_t, 3> towns{900001, 900002, 900003};
constexpr std::array<int, 3> districts_per_town{100, 30, 20};
constexpr int categories_per_town = 6;

const TimePoint start = std::chrono::sys_days{std::chrono::year{2023} / 1 / 1};
const TimePoint now = std::chrono::sys_days{std::chrono::year{2026} / 3 / 1};

std::string iso(TimePoint time) {
    return okrsek::core::to_iso8601_utc(time);
}

const std::string& database() {
    static const std::string setting =
        okrsek::bench::database_setting("OKRSEK_BENCH_DB", "okrsek-bench-reports.db");
    return setting;
}

bool is_postgresql() {
    return database().starts_with("postgresql://") || database().starts_with("postgres://");
}

struct Town {
    std::int64_t code = 0;
    std::vector<std::int64_t> districts;
    std::vector<std::int64_t> categories;
};

std::vector<Town>& town_data() {
    static std::vector<Town> data;
    return data;
}

okrsek::geo::MultiPolygon square(double lon, double lat) {
    return {okrsek::geo::Polygon{
        {{lon, lat}, {lon + 0.01, lat}, {lon + 0.01, lat + 0.01}, {lon, lat + 0.01}, {lon, lat}},
        {}}};
}

void create_towns(Store& store) {
    std::vector<okrsek::store::NewArea> areas;
    std::vector<okrsek::core::Municipality> municipalities;
    for (std::size_t t = 0; t < towns.size(); ++t) {
        municipalities.push_back({towns[t], "Město " + std::to_string(t + 1)});
        for (int d = 0; d < districts_per_town[t]; ++d) {
            areas.push_back({towns[t], "D" + std::to_string(d), "Okrsek " + std::to_string(d), "{}",
                             square(14.0 + static_cast<double>(t), 50.0 + d * 0.01)});
        }
    }
    store.replace_areas({"districts", std::nullopt}, areas, municipalities, "bench");
    okrsek::store::AuditEntry audit;
    audit.actor_kind = okrsek::store::ActorKind::cli;
    for (std::size_t t = 0; t < towns.size(); ++t) {
        Town town;
        town.code = towns[t];
        for (const auto& row : store.load_areas("districts")) {
            if (row.info.municipality_code == towns[t]) town.districts.push_back(row.info.id);
        }
        for (int c = 0; c < categories_per_town; ++c) {
            okrsek::store::CategoryFields fields;
            fields.municipality_code = towns[t];
            fields.code = "category_" + std::to_string(c);
            fields.name_cs = fields.name_en = "Kategorie " + std::to_string(c);
            fields.owner_role_code = "state_police_officer";
            town.categories.push_back(store.create_report_category(fields, start, audit));
        }
        town_data().push_back(std::move(town));
    }
}

void load_towns(Store& store) {
    const auto areas = store.load_areas("districts");
    for (const auto code : towns) {
        Town town;
        town.code = code;
        for (const auto& row : areas) {
            if (row.info.municipality_code == code) town.districts.push_back(row.info.id);
        }
        for (const auto& category : store.report_categories(code))
            town.categories.push_back(category.id);
        town_data().push_back(std::move(town));
    }
}

// One report's columns in the order of `columns` below; empty optional = NULL.
constexpr std::string_view columns =
    "municipality_code, district_id, category_id, lon_e7, lat_e7, address_text, description, "
    "public_description, extra_json, state, visibility, level, level_due, first_response_due, "
    "resolution_due, first_response_at, resolved_at, closed_at, owner_role_code, tracking_hash, "
    "submitter_key, source, created_at, updated_at, version";
constexpr int column_count = 25;

using Row = std::array<std::optional<std::string>, column_count>;

// The state of a report `age` old: old ones are nearly all finished.
ReportState state_for(std::chrono::hours age, std::mt19937_64& random) {
    const int roll = static_cast<int>(random() % 100);
    if (age > 60 * 24h) {
        if (roll < 1) return ReportState::in_progress;
        if (roll < 75) return ReportState::resolved;
        if (roll < 86) return ReportState::closed_no_action;
        if (roll < 94) return ReportState::closed_not_competent;
        return ReportState::closed_duplicate;
    }
    if (roll < 15) return ReportState::new_;
    if (roll < 35) return ReportState::acknowledged;
    if (roll < 65) return ReportState::in_progress;
    if (roll < 68) return ReportState::reopened;
    if (roll < 92) return ReportState::resolved;
    return ReportState::closed_no_action;
}

// Creation times, evenly spread and in order (as reports arrive: ids grow with time).
std::vector<TimePoint> creation_times(std::mt19937_64& random) {
    const auto span = std::chrono::duration_cast<std::chrono::seconds>(now - start).count();
    std::vector<TimePoint> times;
    times.reserve(report_count);
    for (std::int64_t i = 0; i < report_count; ++i) {
        times.push_back(start + std::chrono::seconds(static_cast<std::int64_t>(
                                    random() % static_cast<std::uint64_t>(span))));
    }
    std::sort(times.begin(), times.end());
    return times;
}

Row make_row(std::int64_t i, TimePoint created, std::mt19937_64& random) {
    const auto& data = town_data();
    // Two thirds of the reports in the big town, as its share of districts.
    const std::size_t town_index = random() % 150 < 100 ? 0 : (random() % 2 == 0 ? 1 : 2);
    const Town& town = data[town_index];
    const auto age = std::chrono::duration_cast<std::chrono::hours>(now - created);
    const ReportState state = state_for(age, random);
    const bool finished = okrsek::store::is_finished(state);
    const bool answered = state != ReportState::new_;
    const TimePoint first_due = created + 48h;
    const TimePoint resolution_due = created + 28 * 24h;
    const std::int64_t level = !finished && now > resolution_due + 60 * 24h ? 4
                               : !finished && now > resolution_due          ? 1
                                                                            : 0;
    Row row;
    row[0] = std::to_string(town.code);
    row[1] = std::to_string(town.districts[random() % town.districts.size()]);
    row[2] = std::to_string(town.categories[random() % town.categories.size()]);
    row[3] = std::to_string(140'000'000 + static_cast<std::int64_t>(random() % 10'000'000));
    row[4] = std::to_string(500'000'000 + static_cast<std::int64_t>(random() % 10'000'000));
    row[5] = "Ulice " + std::to_string(random() % 500);
    row[6] = "Hlášení číslo " + std::to_string(i) + ": nesvítí lampa, parkují auta na chodníku.";
    row[7] = row[6];
    row[8] = "{}";
    row[9] = std::string(okrsek::store::to_string(state));
    row[10] = random() % 20 == 0 ? "pending" : "public";
    row[11] = std::to_string(level);
    if (level > 0) row[12] = iso(resolution_due + (level == 4 ? 90 * 24h : 14 * 24h));
    row[13] = iso(first_due);
    row[14] = iso(resolution_due);
    if (answered) row[15] = iso(created + std::chrono::hours(1 + random() % 60));
    if (state == ReportState::resolved) row[16] = iso(created + std::chrono::hours(random() % 600));
    if (finished && state != ReportState::resolved)
        row[17] = iso(created + std::chrono::hours(random() % 600));
    row[18] = "state_police_officer";
    row[19] = "track-" + std::to_string(i);
    row[20] = "client-" + std::to_string(random() % 50'000);
    row[21] = "web";
    row[22] = iso(created);
    row[23] = iso(created + (finished ? 300h : 2h));
    row[24] = "1";
    return row;
}

void fill_sqlite(std::mt19937_64& random) {
    const auto times = creation_times(random);
    constexpr int batch = 100;
    okrsek::store::sqlite::Connection connection(database());
    std::string sql = "INSERT INTO reports (" + std::string(columns) + ") VALUES ";
    for (int r = 0; r < batch; ++r) {
        sql += r ? ", (" : "(";
        for (int c = 0; c < column_count; ++c) sql += c ? ", ?" : "?";
        sql += ")";
    }
    okrsek::store::sqlite::Transaction transaction(connection);
    okrsek::store::sqlite::Statement insert(connection, sql);
    std::vector<Row> rows(batch);
    for (std::int64_t i = 0; i < report_count; i += batch) {
        for (int r = 0; r < batch; ++r) {
            rows[static_cast<std::size_t>(r)] =
                make_row(i + r, times[static_cast<std::size_t>(i + r)], random);
            for (int c = 0; c < column_count; ++c) {
                const auto& value = rows[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)];
                const int index = r * column_count + c + 1;
                if (value) {
                    insert.bind(index, std::string_view(*value));
                } else {
                    insert.bind_null(index);
                }
            }
        }
        insert.run();
        insert.reset();
    }
    transaction.commit();
    connection.execute_script("ANALYZE");
}

void fill_postgresql(std::mt19937_64& random) {
    const auto times = creation_times(random);
    okrsek::store::postgres::Connection connection(database());
    okrsek::store::postgres::Transaction transaction(connection);
    std::string text;
    for (std::int64_t i = 0; i < report_count; ++i) {
        const Row row = make_row(i, times[static_cast<std::size_t>(i)], random);
        for (int c = 0; c < column_count; ++c) {
            if (c) text += '\t';
            const auto& value = row[static_cast<std::size_t>(c)];
            text += value ? *value : "\\N";
        }
        text += '\n';
        if (text.size() > (8u << 20)) {
            connection.copy_from_stdin("COPY reports (" + std::string(columns) + ") FROM STDIN",
                                       text);
            text.clear();
        }
    }
    connection.copy_from_stdin("COPY reports (" + std::string(columns) + ") FROM STDIN", text);
    transaction.commit();
    // As a table in service is: vacuumed (the visibility map lets index-only scans skip the
    // table), so autovacuum does not run during the timings either.
    connection.execute_script("VACUUM ANALYZE reports");
}

Store& store() {
    static const auto instance = [] {
        auto opened = okrsek::bench::open_migrated_store(database());
        // A database filled by an earlier run ($OKRSEK_BENCH_DB) is used as it is.
        if (!opened->municipalities().empty()) {
            load_towns(*opened);
            return opened;
        }
        create_towns(*opened);
        std::mt19937_64 random(20260301);
        const auto began = std::chrono::steady_clock::now();
        if (is_postgresql()) {
            fill_postgresql(random);
        } else {
            fill_sqlite(random);
        }
        const auto seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - began);
        std::fprintf(stderr, "filled %lld reports in %.1f s\n",
                     static_cast<long long>(report_count), seconds.count());
        return opened;
    }();
    return *instance;
}

void report(benchmark::State& state, const okrsek::store::ReportPage& page) {
    state.counters["rows"] = static_cast<double>(page.reports.size());
    state.counters["total"] = static_cast<double>(page.total);
}

const std::vector<ReportState> open_states{ReportState::new_, ReportState::acknowledged,
                                           ReportState::in_progress, ReportState::reopened};

// A district team's inbox: its open reports, newest first, first page with the total.
void BM_DistrictOpenNewestFirst(benchmark::State& state) {
    Store& reports = store();
    const auto& districts = town_data()[0].districts;
    okrsek::store::ReportPage page;
    std::size_t i = 0;
    for (auto _ : state) {
        ReportFilter filter;
        filter.district_ids = {districts[i++ % districts.size()]};
        filter.states = open_states;
        filter.limit = 50;
        page = reports.list_reports(filter);
    }
    report(state, page);
}
BENCHMARK(BM_DistrictOpenNewestFirst)->Unit(benchmark::kMillisecond);

// The town's leadership: everything overdue now in the big town.
void BM_TownOverdue(benchmark::State& state) {
    Store& reports = store();
    okrsek::store::ReportPage page;
    for (auto _ : state) {
        ReportFilter filter;
        filter.municipality_code = towns[0];
        filter.overdue_at = now;
        filter.limit = 50;
        page = reports.list_reports(filter);
    }
    report(state, page);
}
BENCHMARK(BM_TownOverdue)->Unit(benchmark::kMillisecond);

// A staff member with three districts, looking at one category.
void BM_ThreeDistrictsOneCategory(benchmark::State& state) {
    Store& reports = store();
    const Town& town = town_data()[0];
    okrsek::store::ReportPage page;
    std::size_t i = 0;
    for (auto _ : state) {
        ReportFilter filter;
        const std::size_t first = (i * 3) % (town.districts.size() - 3);
        filter.district_ids = {town.districts[first], town.districts[first + 1],
                               town.districts[first + 2]};
        filter.category_ids = {town.categories[i++ % town.categories.size()]};
        filter.limit = 50;
        page = reports.list_reports(filter);
    }
    report(state, page);
}
BENCHMARK(BM_ThreeDistrictsOneCategory)->Unit(benchmark::kMillisecond);

// The escalation sweep's choice (every server, every minute).
void BM_DueForEscalation(benchmark::State& state) {
    Store& reports = store();
    std::size_t due = 0;
    for (auto _ : state) due = reports.reports_due_for_escalation(now, 100).size();
    state.counters["rows"] = static_cast<double>(due);
}
BENCHMARK(BM_DueForEscalation)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
