// The e-mail outbox on either engine ($OKRSEK_BENCH_DB, a SQLite path or a postgresql:// URI of
// a database okrsek may fill; without it a fresh SQLite file in the temporary folder): how fast
// messages are queued, and how many per second one worker sends to a real SMTP server on
// loopback (support/smtp_sink.hpp), claim → build → SMTP → mark sent.
#include <benchmark/benchmark.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "bench_database.hpp"
#include "service/notify/outbox_worker.hpp"
#include "service/security/clock.hpp"
#include "store/store.hpp"
#include "support/smtp_sink.hpp"

namespace {

namespace fs = std::filesystem;
using okrsek::store::OutboxMessage;
using okrsek::store::Store;

const std::string& database() {
    static const std::string setting =
        okrsek::bench::database_setting("OKRSEK_BENCH_DB", "okrsek-bench-outbox.db");
    return setting;
}

Store& store() {
    static const auto instance = okrsek::bench::open_migrated_store(database());
    return *instance;
}

OutboxMessage message(std::int64_t i) {
    OutboxMessage m;
    m.kind = "bench.message";
    m.recipient = "obcan" + std::to_string(i) + "@example.org";
    m.subject = "Hlášení č. " + std::to_string(i) + ": přijato";
    m.body = std::string(
                 "Dobrý den,\nděkujeme za vaše hlášení. Okrsková skupina se mu bude věnovat.\n") +
             std::string(20, '.') + "\n";
    return m;
}

void BM_Enqueue(benchmark::State& state) {
    std::int64_t i = 0;
    for (auto _ : state) store().enqueue(message(++i), std::chrono::system_clock::now());
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Enqueue)->Unit(benchmark::kMicrosecond);

// One worker draining `range(0)` queued messages into the sink, batch size `range(1)`.
void BM_WorkerToSmtpSink(benchmark::State& state) {
    okrsek::test::SmtpSink sink;
    okrsek::service::security::SystemClock clock;
    okrsek::service::notify::SmtpSettings smtp;
    smtp.url = sink.url();
    smtp.from = "noreply@example.org";
    smtp.tls = okrsek::service::notify::SmtpTls::off;
    okrsek::service::notify::OutboxWorker worker(
        store(), clock, smtp, {.batch_size = static_cast<std::size_t>(state.range(1))});
    worker.run_once();  // whatever an earlier benchmark left
    const auto count = state.range(0);
    std::int64_t sent = 0;
    for (auto _ : state) {
        state.PauseTiming();
        std::vector<OutboxMessage> messages;
        for (std::int64_t i = 0; i < count; ++i) messages.push_back(message(i));
        store().enqueue_all(messages, clock.now());
        state.ResumeTiming();
        sent += static_cast<std::int64_t>(worker.run_once().sent);
    }
    if (sent != count * static_cast<std::int64_t>(state.iterations()))
        state.SkipWithError("not every message was sent");
    state.SetItemsProcessed(sent);
}
BENCHMARK(BM_WorkerToSmtpSink)
    ->Args({1000, 10})
    ->Args({1000, 100})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(3);

}  // namespace

int main(int argc, char** argv) {
    spdlog::set_level(spdlog::level::warn);  // a line per message sent would be measured too
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
