// `okrsek outbox …` and `okrsek serve` with SMTP, with the real binary and a real SMTP server
// (support/smtp_sink.hpp) on both engines: list without addresses unless asked (audited),
// retry, cancel, a test message, run-once, the server's worker, and no recipient address in
// any log.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>

#include "okrsek_command.hpp"
#include "server_process.hpp"
#include "service/platform.hpp"
#include "store/store.hpp"
#include "support/smtp_sink.hpp"
#include "support/test_database.hpp"
#include "support/test_paths.hpp"

namespace okrsek::test {
namespace {

using namespace std::chrono_literals;

// An invented address that must reach no log.
const std::string recipient = "zvonek.kanarek@example.org";

class CliOutboxTest : public ::testing::Test {
protected:
    CommandResult okrsek(const std::string& arguments) const {
        return run_okrsek("--db '" + database.setting() + "' " + arguments);
    }

    std::string smtp_options() const {
        return "--smtp-url " + sink.url() + " --smtp-from noreply@example.org --smtp-tls off";
    }

    store::OutboxRecord record(std::int64_t id) const {
        return *store::open_store(database.setting())->find_outbox_message(id);
    }

    TempDir dir;
    TestDatabase database{dir.path(), "outbox.db"};
    SmtpSink sink;
};

TEST_F(CliOutboxTest, SendTestListRunOnceRetryAndCancel) {
    const auto queued = okrsek("outbox send-test " + recipient);
    ASSERT_EQ(queued.exit_code, 0) << queued.output;
    EXPECT_NE(queued.output.find("test message 1 queued"), std::string::npos) << queued.output;
    ASSERT_EQ(okrsek("outbox send-test druhy@example.org").exit_code, 0);

    const auto list = okrsek("outbox list");
    ASSERT_EQ(list.exit_code, 0) << list.output;
    EXPECT_NE(list.output.find("outbox.test"), std::string::npos) << list.output;
    EXPECT_NE(list.output.find("queued"), std::string::npos);
    EXPECT_EQ(list.output.find("@"), std::string::npos) << list.output;
    const auto shown = okrsek("outbox list --show-recipients");
    EXPECT_NE(shown.output.find(recipient), std::string::npos) << shown.output;
    {
        service::Platform platform(store::open_store(database.setting()));
        store::AuditFilter filter;
        filter.action = "outbox.recipients_read";
        EXPECT_EQ(platform.accounts().audit(service::Principal::cli(), filter).size(), 1u);
    }

    const auto cancelled = okrsek("outbox cancel 2");
    ASSERT_EQ(cancelled.exit_code, 0) << cancelled.output;
    EXPECT_EQ(okrsek("outbox cancel 2").exit_code, 1);
    EXPECT_EQ(okrsek("outbox retry 99").exit_code, 1);
    EXPECT_NE(okrsek("outbox list --state cancelled").output.find("cancelled"), std::string::npos);
    EXPECT_EQ(okrsek("outbox list --state bogus").exit_code, 2);

    const auto run = okrsek("outbox run-once " + smtp_options());
    ASSERT_EQ(run.exit_code, 0) << run.output;
    EXPECT_NE(run.output.find("sent 1, to retry 0, failed 0"), std::string::npos) << run.output;
    ASSERT_EQ(sink.message_count(), 1u);
    EXPECT_EQ(sink.messages()[0].recipients.at(0), recipient);
    EXPECT_EQ(record(1).state, store::OutboxState::sent);
    EXPECT_EQ(record(2).state, store::OutboxState::cancelled);

    ASSERT_EQ(okrsek("outbox retry 2").exit_code, 0);
    sink.fail_next(1, SinkFailure::reply_550);
    const auto failing = okrsek("outbox run-once " + smtp_options());
    EXPECT_NE(failing.output.find("failed 1"), std::string::npos) << failing.output;
    const auto failed = okrsek("outbox list --state failed");
    EXPECT_NE(failed.output.find("SMTP 550"), std::string::npos) << failed.output;
    for (const auto* output : {&queued.output, &list.output, &run.output, &failing.output}) {
        EXPECT_EQ(output->find(recipient), std::string::npos) << *output;
    }
}

TEST_F(CliOutboxTest, RunOnceNeedsAnSmtpUrl) {
    const auto result = okrsek("outbox run-once");
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_NE(result.output.find("--smtp-url"), std::string::npos) << result.output;
}

TEST_F(CliOutboxTest, TheServersWorkerSendsAndLogsNoAddress) {
    ASSERT_EQ(okrsek("outbox send-test " + recipient).exit_code, 0);
    std::string log;
    {
        ServerProcess server(okrsek_binary(), database.setting(), dir.path() / "server.log",
                             {"--smtp-url", sink.url(), "--smtp-from", "noreply@example.org",
                              "--smtp-tls", "off", "--outbox-poll-seconds", "0.1"},
                             "trace");
        EXPECT_TRUE(sink.wait_for(1, 20s));
        // A message queued while the server runs (as by another process) goes out as well.
        sink.fail_next(1, SinkFailure::reply_451);
        ASSERT_EQ(okrsek("outbox send-test " + recipient).exit_code, 0);
        // It meets a 451 and waits for its next attempt, a minute or so later.
        for (int i = 0; i < 200 && record(2).last_error == std::nullopt; ++i)
            std::this_thread::sleep_for(100ms);
        EXPECT_EQ(record(2).state, store::OutboxState::queued);
        EXPECT_EQ(record(2).attempts, 1);
        log = server.log();
    }
    ASSERT_EQ(sink.message_count(), 1u);
    EXPECT_EQ(record(1).state, store::OutboxState::sent);
    EXPECT_NE(log.find("outbox: message 1 (outbox.test) sent"), std::string::npos) << log;
    EXPECT_NE(log.find("SMTP 451"), std::string::npos) << log;
    EXPECT_EQ(log.find(recipient), std::string::npos) << log;
    EXPECT_EQ(log.find("zkušební"), std::string::npos) << log;  // the subject
    EXPECT_EQ(log.find("@example.org"), std::string::npos) << log;
}

// The crash the outbox exists for: a server dies while it sends (SIGKILL the moment the SMTP
// server has the message, before the sender hears a reply). Nothing is lost: the message stays
// claimed until its lease runs out, a restarted server sends it again with the same
// Message-ID, and the SMTP server accepts it exactly once.
TEST_F(CliOutboxTest, AServerKilledWhileSendingLosesNothingAndTheRestartSendsOnce) {
    const std::vector<std::string> options = {"--smtp-url",
                                              sink.url(),
                                              "--smtp-from",
                                              "noreply@example.org",
                                              "--smtp-tls",
                                              "off",
                                              "--smtp-connect-timeout-s",
                                              "1",
                                              "--smtp-timeout-s",
                                              "2",
                                              "--outbox-lease-s",
                                              "4",
                                              "--outbox-poll-seconds",
                                              "0.1"};
    {
        ServerProcess first(okrsek_binary(), database.setting(), dir.path() / "first.log", options);
        std::atomic<bool> killed = false;
        sink.fail_next(1, SinkFailure::drop_after_data);
        sink.on_message([&](const SinkMessage&) {
            first.kill_now();
            killed = true;
        });
        ASSERT_EQ(okrsek("outbox send-test " + recipient).exit_code, 0);
        ASSERT_TRUE(sink.wait_for(1, 20s));
        for (int i = 0; i < 200 && !killed; ++i) std::this_thread::sleep_for(50ms);
        ASSERT_TRUE(killed);
        sink.on_message({});
    }
    // Committed and claimed, never marked: still "sending" under the dead server's lease.
    EXPECT_EQ(record(1).state, store::OutboxState::sending);
    EXPECT_EQ(record(1).attempts, 1);
    {
        ServerProcess second(okrsek_binary(), database.setting(), dir.path() / "second.log",
                             options);
        ASSERT_TRUE(sink.wait_for(2, 30s));
        for (int i = 0; i < 100 && record(1).state != store::OutboxState::sent; ++i)
            std::this_thread::sleep_for(100ms);
        std::this_thread::sleep_for(1s);  // time for a wrong second send to show
    }
    const auto messages = sink.messages();
    ASSERT_EQ(messages.size(), 2u);
    EXPECT_FALSE(messages[0].answered);
    EXPECT_TRUE(messages[1].answered);
    ASSERT_TRUE(messages[0].header("Message-ID"));
    EXPECT_EQ(messages[0].header("Message-ID"), messages[1].header("Message-ID"));
    EXPECT_EQ(record(1).state, store::OutboxState::sent);
    EXPECT_EQ(record(1).attempts, 2);
}

TEST_F(CliOutboxTest, AnSmtpPasswordComesFromAFileAndStaysOutOfTheDatabase) {
    SmtpSink guarded("okrsek", "Heslo-Postaka-Zustava-Doma");
    const auto file = dir.path() / "smtp-password";
    {
        std::ofstream out(file);
        out << "Heslo-Postaka-Zustava-Doma\n";
    }
    ASSERT_EQ(okrsek("outbox send-test " + recipient).exit_code, 0);
    const auto run = okrsek("outbox run-once --smtp-url " + guarded.url() +
                            " --smtp-from noreply@example.org --smtp-tls off --smtp-user okrsek "
                            "--smtp-password-file " +
                            file.string());
    ASSERT_EQ(run.exit_code, 0) << run.output;
    EXPECT_NE(run.output.find("sent 1"), std::string::npos) << run.output;
    EXPECT_EQ(guarded.message_count(), 1u);
    EXPECT_EQ(run.output.find("Heslo-Postaka"), std::string::npos);
    const auto dump = run_shell("OKRSEK --db '" + database.setting() + "' backup -");
    EXPECT_EQ(dump.exit_code, 0);
    EXPECT_EQ(dump.output.find("Heslo-Postaka"), std::string::npos);
}

}  // namespace
}  // namespace okrsek::test
