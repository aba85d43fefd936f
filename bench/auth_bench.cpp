// The security service layer's per-request hot path on either engine: what every back-office
// request pays to turn its cookie or bearer token into a Principal and to check a permission,
// and what one login costs (Argon2id at the default settings, 64 MiB, t = 2). The database
// comes from $OKRSEK_BENCH_DB (a SQLite path or a postgresql:// URI of a database okrsek may
// fill with the demo town); without it, a fresh SQLite file in the temporary folder. Time runs
// on a manual clock, so "with a touch" means every request is a minute after the last one.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "bench_database.hpp"
#include "service/demo_town.hpp"
#include "service/platform.hpp"
#include "service/security/clock.hpp"
#include "store/store.hpp"

namespace {

namespace fs = std::filesystem;
using okrsek::service::ClientInfo;
using okrsek::service::Principal;
namespace sec = okrsek::service::security;
using namespace std::chrono_literals;

const fs::path demo = fs::path(OKRSEK_SOURCE_DIR) / "data" / "demo";
const std::string password = "modra-zirafa-pije-caj-42";
// No address: the per-address login limit (20 a minute) would stop the login benchmark.
const ClientInfo client{"", "okrsek-bench"};

const std::string& database() {
    static const std::string setting =
        okrsek::bench::database_setting("OKRSEK_BENCH_DB", "okrsek-bench-auth.db");
    return setting;
}

// 2026-03-02 08:00:00 UTC, moved on by the benchmarks.
sec::ManualClock& clock() {
    static const auto instance = std::make_shared<sec::ManualClock>(
        std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + 8h);
    return *instance;
}

struct World {
    std::unique_ptr<okrsek::service::Platform> platform;
    std::string email;  ///< a user with six grants in the demo town
    std::int64_t user_id = 0;
    std::string token;  ///< an open311 machine token
};

// The demo town (Prague), one user holding several grants in it, and a machine token; the
// platform uses the default security settings (Argon2id 64 MiB, t = 2).
World& world() {
    static World* instance = [] {
        auto* created = new World;
        okrsek::service::PlatformOptions options;
        options.master_key = std::vector<unsigned char>(32, 7);
        options.clock = std::shared_ptr<const sec::Clock>(&clock(), [](const sec::Clock*) {});
        created->platform = std::make_unique<okrsek::service::Platform>(
            okrsek::store::open_store(database()), std::move(options));
        auto& platform = *created->platform;
        okrsek::service::build_demo_town(platform, demo);
        std::fprintf(stderr, "engine: %s\n", std::string(platform.engine()).c_str());

        // A fresh address per run, so that a reused PostgreSQL database works too.
        const auto run = std::chrono::system_clock::now().time_since_epoch().count();
        created->email = "bench." + std::to_string(run) + "@example.org";
        okrsek::service::NewAccount account{
            created->email,           "Benchmark Testová", password, {},
            sec::Scope::everything(), "benchmark"};
        const auto cli = Principal::cli();
        created->user_id = platform.accounts().create_user(cli, account).user.user.id;
        const auto* districts = platform.catalog()->find_layer("districts");
        const auto* parts = platform.catalog()->find_layer("city_parts");
        for (const std::size_t i : {std::size_t{0}, std::size_t{50}, std::size_t{100}}) {
            platform.accounts().grant(cli, created->user_id, sec::Role::district_state_officer,
                                      sec::Scope::district(districts->areas[i].id), "benchmark");
        }
        platform.accounts().grant(cli, created->user_id, sec::Role::district_councillor,
                                  sec::Scope::city_part(parts->areas[3].id), "benchmark");
        platform.accounts().grant(cli, created->user_id, sec::Role::prevention_manager,
                                  sec::Scope::city_part(parts->areas[5].id), "benchmark");
        platform.accounts().grant(cli, created->user_id, sec::Role::security_commission_member,
                                  sec::Scope::municipality(okrsek::service::demo_town_code),
                                  "benchmark");
        created->token = platform.accounts()
                             .create_token(cli, {"bench", "open311", std::nullopt, std::nullopt})
                             .secret;
        return created;
    }();
    return *instance;
}

okrsek::service::Platform& platform() {
    return *world().platform;
}

std::string new_session() {
    return platform().auth().login(world().email, password, client).token;
}

// A request within a minute of the last one: find the session, load the user and the grants.
void BM_SessionPrincipal(benchmark::State& state) {
    const std::string token = new_session();
    for (auto _ : state) {
        auto found = platform().auth().session_principal(token, client);
        if (!found) state.SkipWithError("the session ended");
        benchmark::DoNotOptimize(found);
    }
}
BENCHMARK(BM_SessionPrincipal)->Unit(benchmark::kMicrosecond);

// A request a minute after the last one: the same plus writing last_seen_at. Sessions end
// after 12 h, so a new one is made (untimed) every 11 h of clock time.
void BM_SessionPrincipalWithTouch(benchmark::State& state) {
    std::string token = new_session();
    int minutes = 0;
    for (auto _ : state) {
        clock().advance(1min);
        if (++minutes == 11 * 60) {
            state.PauseTiming();
            token = new_session();
            minutes = 0;
            state.ResumeTiming();
        }
        auto found = platform().auth().session_principal(token, client);
        if (!found || found->principal.session_last_seen_at != clock().now()) {
            state.SkipWithError("no touch");
        }
        benchmark::DoNotOptimize(found);
    }
}
BENCHMARK(BM_SessionPrincipalWithTouch)->Unit(benchmark::kMicrosecond);

// An Open311 request with a bearer token (noted as used at most once a minute).
void BM_TokenPrincipal(benchmark::State& state) {
    const std::string& token = world().token;
    for (auto _ : state) {
        auto found = platform().auth().token_principal(token, client);
        if (!found) state.SkipWithError("the token was refused");
        benchmark::DoNotOptimize(found);
    }
}
BENCHMARK(BM_TokenPrincipal)->Unit(benchmark::kMicrosecond);

// The permission check alone (no database), for a user with six grants: reports.read on a
// district, which makes every grant be looked at.
void BM_Allowed(benchmark::State& state) {
    const auto found = platform().auth().session_principal(new_session(), client);
    const auto* districts = platform().catalog()->find_layer("districts");
    const sec::Target target =
        platform().accounts().target_of(sec::Scope::district(districts->areas[200].id));
    for (auto _ : state) {
        benchmark::DoNotOptimize(
            platform().accounts().allowed(found->principal, sec::Action::reports_read, target));
    }
}
BENCHMARK(BM_Allowed)->Unit(benchmark::kNanosecond);

// The same, with the target resolved from the catalog first (the district's town and city
// part, found at a point inside it), as a handler does for an object it loaded.
void BM_AllowedWithTargetOfDistrict(benchmark::State& state) {
    const auto found = platform().auth().session_principal(new_session(), client);
    const auto* districts = platform().catalog()->find_layer("districts");
    const auto scope = sec::Scope::district(districts->areas[200].id);
    for (auto _ : state) {
        const sec::Target target = platform().accounts().target_of(scope);
        benchmark::DoNotOptimize(
            platform().accounts().allowed(found->principal, sec::Action::reports_read, target));
    }
}
BENCHMARK(BM_AllowedWithTargetOfDistrict)->Unit(benchmark::kMicrosecond);

// One password login: throttle counters, Argon2id at the default settings, the session row
// and its audit row.
void BM_Login(benchmark::State& state) {
    world();
    for (auto _ : state) {
        benchmark::DoNotOptimize(platform().auth().login(world().email, password, client));
    }
}
BENCHMARK(BM_Login)->Unit(benchmark::kMillisecond)->Iterations(20);

}  // namespace

BENCHMARK_MAIN();
