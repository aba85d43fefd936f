// Security building blocks: Argon2id through the concurrency limiter (1, 2 and 4 callers at
// once, default settings: 64 MiB, t = 2, two hashes at a time), TOTP verification (three steps
// of HMAC-SHA1 each) and an authorization check. Fixed seeds throughout.
#include <benchmark/benchmark.h>

#include <chrono>
#include <random>
#include <vector>

#include "service/security/authorization.hpp"
#include "service/security/password_hasher.hpp"
#include "service/security/password_policy.hpp"
#include "service/security/secret_token.hpp"
#include "service/security/totp.hpp"

namespace {

using namespace okrsek::service::security;

// One hasher shared by every benchmark thread, as one server shares it between requests.
PasswordHasher& shared_hasher() {
    static PasswordHasher hasher(PasswordHashSettings{.queue_timeout = std::chrono::minutes(5)});
    return hasher;
}

// Latency of one login-sized verification as each caller sees it (waiting for a turn
// included) with 1, 2 or 4 callers at once; items/s is the server's total rate.
void BM_Argon2idVerify(benchmark::State& state) {
    static const std::string hash = shared_hasher().hash("kocour prede na okne");
    double waited_and_hashed_ms = 0.0;
    for (auto _ : state) {
        const auto start = std::chrono::steady_clock::now();
        benchmark::DoNotOptimize(shared_hasher().verify("kocour prede na okne", hash));
        waited_and_hashed_ms +=
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count();
    }
    state.SetItemsProcessed(state.iterations());
    // What one caller waits for its answer, averaged over the callers ("Time" is the wall
    // time per verification of all callers together, i.e. the inverse of the server's rate).
    state.counters["caller_ms"] =
        benchmark::Counter(waited_and_hashed_ms / static_cast<double>(state.iterations()),
                           benchmark::Counter::kAvgThreads);
}
BENCHMARK(BM_Argon2idVerify)
    ->Threads(1)
    ->Threads(2)
    ->Threads(4)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0);

void BM_Argon2idHash(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(shared_hasher().hash("kocour prede na okne"));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Argon2idHash)->UseRealTime()->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_TotpVerify(benchmark::State& state) {
    const ManualClock clock(
        std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000)));
    const TotpVerifier verifier(clock);
    const auto secret = new_totp_secret();
    const auto code = hotp_code(
        secret, static_cast<std::uint64_t>(totp_step(clock.now(), std::chrono::seconds(30))), 6);
    for (auto _ : state) benchmark::DoNotOptimize(verifier.verify(secret, code, std::nullopt));
}
BENCHMARK(BM_TotpVerify)->Unit(benchmark::kMicrosecond);

// A district officer who is also a councillor of the city part, checked against random
// districts of a town with 226 districts in 57 city parts (the demo town's sizes).
void BM_AuthorizationCheck(benchmark::State& state) {
    const std::vector<Grant> grants = {
        {Role::district_state_officer, Scope::district(1042)},
        {Role::district_councillor, Scope::city_part(17)},
        {Role::security_commission_member, Scope::municipality(554782)},
    };
    std::mt19937 random(7);
    std::vector<Target> targets;
    for (int i = 0; i < 1024; ++i) {
        const std::int64_t district = 1000 + static_cast<std::int64_t>(random() % 226);
        targets.push_back(Target::district(554782, 1 + (district % 57), district));
    }
    std::size_t next = 0;
    std::int64_t allowed = 0;
    for (auto _ : state) {
        const auto decision = allows(grants, Action::reports_read, targets[next++ & 1023]);
        allowed += decision.allowed;
        benchmark::DoNotOptimize(decision);
    }
    state.counters["allowed_share"] =
        static_cast<double>(allowed) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_AuthorizationCheck)->Unit(benchmark::kNanosecond);

void BM_PasswordPolicyCheck(benchmark::State& state) {
    const PasswordPolicy policy;
    const PasswordOwner owner{"jiri.novak@praha.example", "Jiří Novák"};
    for (auto _ : state) {
        benchmark::DoNotOptimize(policy.check("žluťoučký kůň úpěl ďábelské ódy", owner));
    }
}
BENCHMARK(BM_PasswordPolicyCheck)->Unit(benchmark::kMicrosecond);

void BM_TokenHash(benchmark::State& state) {
    const auto token = new_api_token();
    for (auto _ : state) benchmark::DoNotOptimize(token_hash(token));
}
BENCHMARK(BM_TokenHash)->Unit(benchmark::kNanosecond);

}  // namespace

BENCHMARK_MAIN();
