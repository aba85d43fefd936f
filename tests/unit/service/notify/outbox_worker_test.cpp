// The outbox worker against a real SMTP server (support/smtp_sink.hpp) on both engines:
// headers and body as received, retries with back-off, permanent failures, the crash window
// (same Message-ID again), several workers on one database, and the staff's operations.
#include "service/notify/outbox_worker.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <mutex>
#include <thread>

#include "core/error.hpp"
#include "service/notify/mail_message.hpp"
#include "service/platform.hpp"
#include "support/smtp_sink.hpp"
#include "support/test_database.hpp"
#include "support/test_paths.hpp"

namespace okrsek::service::notify {
namespace {

using namespace std::chrono_literals;
using okrsek::test::SinkFailure;
using okrsek::test::SmtpSink;
using store::OutboxState;

const store::TimePoint t0 = std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + 7h;

const std::string czech_subject = "Hlášení č. 7: přijato — děkujeme, že vám záleží na okolí";
const std::string czech_body =
    "Dobrý den,\n"
    "žluťoučký kůň úpěl ďábelské ódy.\n"
    ".\n"
    ".tečka na začátku řádku\n"
    "..dvě tečky\n"
    "Velmi dlouhý řádek, který přesahuje sedmdesát šest znaků a musí být proto zalomen "
    "měkkým zalomením quoted-printable = rovnítko.\n"
    "mezera na konci \n"
    "\n"
    "S pozdravem\n"
    "okrsková skupina\n";

store::OutboxMessage citizen_message(std::string subject = czech_subject) {
    store::OutboxMessage message;
    message.kind = "report.confirmation";
    message.recipient = "obcan.novak@example.org";
    message.reply_to = "okrsek-7@example.org";
    message.subject = std::move(subject);
    message.body = czech_body;
    return message;
}

std::string lf(std::string text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
        out += text[i];
    }
    return out;
}

PlatformOptions with_clock(std::shared_ptr<const security::Clock> clock) {
    PlatformOptions options;
    options.clock = std::move(clock);
    return options;
}

class OutboxWorkerTest : public ::testing::Test {
protected:
    OutboxWorkerTest()
        : clock(std::make_shared<security::ManualClock>(t0)),
          platform(store::open_store(database.setting()), with_clock(clock)) {}

    SmtpSettings smtp() const {
        SmtpSettings settings;
        settings.url = sink.url();
        settings.from = "noreply@okrsek.example.org";
        settings.from_name = "Okrsek Testov";
        settings.tls = SmtpTls::off;
        settings.connect_timeout = 5s;
        settings.timeout = 10s;
        return settings;
    }

    std::unique_ptr<OutboxWorker> worker(OutboxWorkerSettings settings = {}) {
        return std::make_unique<OutboxWorker>(platform.outbox().store(), *clock, smtp(), settings);
    }

    store::OutboxRecord record(std::int64_t id) {
        return *platform.outbox().store().find_outbox_message(id);
    }

    okrsek::test::TempDir dir;
    okrsek::test::TestDatabase database{dir.path(), "outbox.db"};
    std::shared_ptr<security::ManualClock> clock;
    Platform platform;
    SmtpSink sink;
};

TEST_F(OutboxWorkerTest, TheSinkReceivesEncodedHeadersAndTheExactBody) {
    const auto id = platform.outbox().store().enqueue(citizen_message(), clock->now());
    const auto result = worker()->run_once();
    EXPECT_EQ(result.sent, 1u);
    ASSERT_EQ(sink.message_count(), 1u);
    const auto received = sink.messages().front();
    EXPECT_EQ(received.mail_from, "noreply@okrsek.example.org");
    ASSERT_EQ(received.recipients.size(), 1u);
    EXPECT_EQ(received.recipients.front(), "obcan.novak@example.org");
    const auto subject = received.header("Subject");
    ASSERT_TRUE(subject);
    EXPECT_TRUE(subject->starts_with("=?UTF-8?B?")) << *subject;
    EXPECT_EQ(okrsek::test::decode_header_words(*subject), czech_subject);
    EXPECT_EQ(received.header("Message-ID"), record(id).message_id);
    EXPECT_EQ(received.header("Date"), rfc5322_date(t0));
    EXPECT_EQ(received.header("Date"), "Mon, 23 Nov 2026 07:00:00 +0000");
    EXPECT_EQ(received.header("To"), "obcan.novak@example.org");
    EXPECT_EQ(received.header("Reply-To"), "okrsek-7@example.org");
    EXPECT_EQ(received.header("MIME-Version"), "1.0");
    EXPECT_EQ(received.header("Content-Type"), "text/plain; charset=UTF-8");
    EXPECT_EQ(received.header("Content-Transfer-Encoding"), "quoted-printable");
    EXPECT_EQ(received.header("X-Okrsek-Kind"), "report.confirmation");
    EXPECT_EQ(okrsek::test::decode_header_words(*received.header("From")),
              "\"Okrsek Testov\" <noreply@okrsek.example.org>");
    EXPECT_EQ(lf(okrsek::test::decode_quoted_printable(received.body())), czech_body);
    // Every line ends in CRLF and fits in 78 characters; lines starting with a dot arrive.
    std::size_t start = 0;
    while (start < received.data.size()) {
        const auto end = received.data.find("\r\n", start);
        ASSERT_NE(end, std::string::npos);
        EXPECT_LE(end - start, 78u);
        EXPECT_EQ(received.data.substr(start, end - start).find('\n'), std::string::npos);
        start = end + 2;
    }
    EXPECT_NE(received.data.find("\r\n.\r\n"), std::string::npos);
    EXPECT_NE(received.data.find("\r\n..dv"), std::string::npos);
    const auto sent = record(id);
    EXPECT_EQ(sent.state, OutboxState::sent);
    EXPECT_EQ(sent.sent_at, t0);
    EXPECT_EQ(sent.attempts, 1);
}

TEST_F(OutboxWorkerTest, ATemporaryFailureIsRetriedAfterABackOffThenSent) {
    const auto id = platform.outbox().store().enqueue(citizen_message(), clock->now());
    sink.fail_next(1, SinkFailure::reply_451);
    sink.fail_next(1, SinkFailure::reply_421);
    auto w = worker();
    EXPECT_EQ(w->run_once().retried, 1u);
    auto queued = record(id);
    EXPECT_EQ(queued.state, OutboxState::queued);
    EXPECT_EQ(queued.attempts, 1);
    ASSERT_TRUE(queued.last_error);
    EXPECT_TRUE(queued.last_error->starts_with("SMTP 451")) << *queued.last_error;
    // First back-off: 30 to 60 s.
    EXPECT_GE(queued.next_attempt_at, t0 + 30s);
    EXPECT_LE(queued.next_attempt_at, t0 + 60s);
    EXPECT_EQ(w->run_once().claimed, 0u);
    clock->advance(61s);
    EXPECT_EQ(w->run_once().retried, 1u);
    queued = record(id);
    EXPECT_TRUE(queued.last_error->starts_with("SMTP 421")) << *queued.last_error;
    // Second back-off: 60 to 120 s.
    EXPECT_GE(queued.next_attempt_at, t0 + 61s + 60s);
    EXPECT_LE(queued.next_attempt_at, t0 + 61s + 120s);
    clock->advance(121s);
    EXPECT_EQ(w->run_once().sent, 1u);
    EXPECT_EQ(record(id).state, OutboxState::sent);
    EXPECT_EQ(record(id).attempts, 3);
    EXPECT_EQ(sink.message_count(), 1u);
}

TEST_F(OutboxWorkerTest, APermanentFailureFailsWithItsCode) {
    const auto id = platform.outbox().store().enqueue(citizen_message(), clock->now());
    sink.fail_next(1, SinkFailure::reply_550);
    EXPECT_EQ(worker()->run_once().failed, 1u);
    const auto failed = record(id);
    EXPECT_EQ(failed.state, OutboxState::failed);
    ASSERT_TRUE(failed.last_error);
    EXPECT_TRUE(failed.last_error->starts_with("SMTP 550")) << *failed.last_error;
    // The error carries no address.
    EXPECT_EQ(failed.last_error->find('@'), std::string::npos);
    EXPECT_EQ(sink.message_count(), 0u);
}

TEST_F(OutboxWorkerTest, AfterTheLastAttemptAMessageFails) {
    const auto id = platform.outbox().store().enqueue(citizen_message(), clock->now());
    sink.fail_next(2, SinkFailure::reply_451);
    auto w = worker({.max_attempts = 2});
    EXPECT_EQ(w->run_once().retried, 1u);
    clock->advance(1h);
    EXPECT_EQ(w->run_once().failed, 1u);
    EXPECT_EQ(record(id).state, OutboxState::failed);
    EXPECT_EQ(record(id).attempts, 2);
}

TEST_F(OutboxWorkerTest, NoServerIsATemporaryFailure) {
    const auto id = platform.outbox().store().enqueue(citizen_message(), clock->now());
    auto settings = smtp();
    settings.url = "smtp://127.0.0.1:1";
    OutboxWorker w(platform.outbox().store(), *clock, settings, {});
    EXPECT_EQ(w.run_once().retried, 1u);
    EXPECT_EQ(record(id).state, OutboxState::queued);
    EXPECT_TRUE(record(id).last_error);
}

TEST_F(OutboxWorkerTest, AConnectionDroppedAfterDataIsResentWithTheSameMessageId) {
    const auto id = platform.outbox().store().enqueue(citizen_message(), clock->now());
    sink.fail_next(1, SinkFailure::drop_after_data);
    auto w = worker();
    EXPECT_EQ(w->run_once().retried, 1u);
    clock->advance(2min);
    EXPECT_EQ(w->run_once().sent, 1u);
    const auto messages = sink.messages();
    ASSERT_EQ(messages.size(), 2u);
    EXPECT_FALSE(messages[0].answered);
    EXPECT_TRUE(messages[1].answered);
    EXPECT_EQ(messages[0].header("Message-ID"), record(id).message_id);
    EXPECT_EQ(messages[1].header("Message-ID"), record(id).message_id);
}

TEST_F(OutboxWorkerTest, AWorkerThatDiedAfterSendingLeavesTheMessageToTheLeaseExpiry) {
    auto& outbox = platform.outbox().store();
    const auto id = outbox.enqueue(citizen_message(), clock->now());
    // A worker claims the message, the server accepts it, and the worker dies before it can
    // mark it sent.
    const auto claimed = outbox.claim_due("dead-worker", 10, clock->now(), 300s);
    ASSERT_EQ(claimed.size(), 1u);
    SmtpSender dead(smtp());
    MailMessage mail{.from = smtp().from,
                     .to = claimed[0].recipient,
                     .subject = claimed[0].subject,
                     .body = *claimed[0].body,
                     .message_id = claimed[0].message_id,
                     .date = clock->now()};
    ASSERT_EQ(dead.send(claimed[0].recipient, build_mail(mail)).outcome, SendOutcome::sent);
    auto w = worker({.lease = 300s});
    clock->advance(299s);
    EXPECT_EQ(w->run_once().claimed, 0u);
    clock->advance(1s);
    EXPECT_EQ(w->run_once().sent, 1u);
    const auto messages = sink.messages();
    ASSERT_EQ(messages.size(), 2u);
    EXPECT_EQ(messages[0].header("Message-ID"), messages[1].header("Message-ID"));
    EXPECT_EQ(record(id).state, OutboxState::sent);
    EXPECT_EQ(record(id).attempts, 2);
}

TEST_F(OutboxWorkerTest, TwoServersSendEveryMessageExactlyOnce) {
    constexpr int count = 120;
    std::vector<store::OutboxMessage> messages;
    for (int i = 0; i < count; ++i)
        messages.push_back(citizen_message("zpráva " + std::to_string(i)));
    platform.outbox().store().enqueue_all(messages, clock->now());
    Platform second(store::open_store(database.setting()), with_clock(clock));
    OutboxWorker a(platform.outbox().store(), *clock, smtp(), {.batch_size = 5});
    OutboxWorker b(second.outbox().store(), *clock, smtp(), {.batch_size = 5});
    std::thread ta([&] { a.run_once(); });
    std::thread tb([&] { b.run_once(); });
    ta.join();
    tb.join();
    std::map<std::string, int> by_id;
    for (const auto& message : sink.messages()) ++by_id[*message.header("Message-ID")];
    EXPECT_EQ(by_id.size(), static_cast<std::size_t>(count));
    for (const auto& [message_id, times] : by_id) EXPECT_EQ(times, 1) << message_id;
    EXPECT_EQ(platform.outbox().store().count_outbox().sent, count);
}

TEST_F(OutboxWorkerTest, TheBackgroundThreadSendsAndStopsCleanly) {
    auto w = worker({.poll_interval = 50ms});
    w->start();
    platform.outbox().store().enqueue(citizen_message(), clock->now());
    EXPECT_TRUE(sink.wait_for(1, 10s));
    w->stop();
    w->stop();
    platform.outbox().store().enqueue(citizen_message(), clock->now());
    std::this_thread::sleep_for(200ms);
    EXPECT_EQ(sink.message_count(), 1u);
    EXPECT_EQ(platform.outbox().store().count_outbox().queued, 1);
}

// A clock that moves on by a step whenever it is read: time passes while a batch is sent.
class TickingClock final : public security::Clock {
public:
    explicit TickingClock(time_point start, std::chrono::seconds step)
        : m_now(start), m_step(step) {}
    time_point now() const override {
        std::lock_guard lock(m_mutex);
        m_now += m_step;
        return m_now;
    }

private:
    mutable std::mutex m_mutex;
    mutable time_point m_now;
    std::chrono::seconds m_step;
};

TEST_F(OutboxWorkerTest, MessagesWhoseLeaseWouldRunOutBeforeTheSendAreGivenBack) {
    std::vector<store::OutboxMessage> messages(4, citizen_message());
    platform.outbox().store().enqueue_all(messages, t0);
    // Sends may take 15 s, the lease is 20 s, and every reading of the clock moves it 2 s on:
    // the first message of the batch is sent, the later ones are given back unsent.
    TickingClock ticking(t0, 2s);
    OutboxWorker w(platform.outbox().store(), ticking, smtp(), {.batch_size = 4, .lease = 20s});
    const auto first = w.run_batch();
    EXPECT_EQ(first.claimed, 4u);
    EXPECT_GE(first.sent, 1u);
    EXPECT_GE(first.released, 1u);
    EXPECT_EQ(first.sent + first.released, 4u);
    EXPECT_EQ(sink.message_count(), first.sent);
    // The rest go out in later passes, each once.
    for (int pass = 0; pass < 10 && sink.message_count() < 4; ++pass) w.run_batch();
    std::map<std::string, int> by_id;
    for (const auto& message : sink.messages()) ++by_id[*message.header("Message-ID")];
    EXPECT_EQ(by_id.size(), 4u);
    for (const auto& [message_id, times] : by_id) EXPECT_EQ(times, 1) << message_id;
}

TEST_F(OutboxWorkerTest, ALeaseShorterThanASendMayTakeIsRefused) {
    try {
        OutboxWorker w(platform.outbox().store(), *clock, smtp(), {.lease = 15s});
        ADD_FAILURE() << "a 15 s lease with 15 s of SMTP timeouts was accepted";
    } catch (const core::Error& error) {
        EXPECT_EQ(error.field(), "lease");
    }
}

TEST_F(OutboxWorkerTest, AuthPlainIsUsedWhenConfigured) {
    SmtpSink guarded("okrsek", "Tajne-Heslo-Postaku");
    auto settings = smtp();
    settings.url = guarded.url();
    settings.user = "okrsek";
    settings.password = "spatne";
    const auto id = platform.outbox().store().enqueue(citizen_message(), clock->now());
    OutboxWorker wrong(platform.outbox().store(), *clock, settings, {});
    EXPECT_EQ(wrong.run_once().retried, 1u);  // a refused login is the configuration's fault
    EXPECT_EQ(guarded.message_count(), 0u);
    settings.password = "Tajne-Heslo-Postaku";
    OutboxWorker right(platform.outbox().store(), *clock, settings, {});
    clock->advance(1h);
    EXPECT_EQ(right.run_once().sent, 1u);
    EXPECT_EQ(guarded.message_count(), 1u);
    EXPECT_EQ(record(id).state, OutboxState::sent);
}

TEST_F(OutboxWorkerTest, TheStaffListRetryCancelAndTest) {
    auto& outbox = platform.outbox();
    const auto cli = Principal::cli();
    const auto test_id = outbox.send_test(cli, "spravce@example.org");
    const auto other = outbox.store().enqueue(citizen_message(), clock->now());
    const auto hidden = outbox.list(cli, {}, false);
    ASSERT_EQ(hidden.size(), 2u);
    for (const auto& record : hidden) EXPECT_TRUE(record.recipient.empty());
    const auto shown = outbox.list(cli, {}, true);
    EXPECT_EQ(shown.back().recipient, "spravce@example.org");
    EXPECT_EQ(shown.back().kind, "outbox.test");
    outbox.cancel(cli, other);
    EXPECT_EQ(worker()->run_once().sent, 1u);
    EXPECT_EQ(sink.message_count(), 1u);
    outbox.retry(cli, other);
    EXPECT_EQ(worker()->run_once().sent, 1u);
    EXPECT_EQ(record(test_id).state, OutboxState::sent);
    EXPECT_EQ(record(other).state, OutboxState::sent);
    store::AuditFilter filter;
    filter.action = "outbox.";
    std::vector<std::string> actions;
    for (const auto& row : platform.accounts().audit(cli, filter)) actions.push_back(row.action);
    EXPECT_EQ(actions, (std::vector<std::string>{"outbox.retry", "outbox.cancel",
                                                 "outbox.recipients_read", "outbox.test"}));
}

TEST(OutboxBackoffTest, DoublesFromAMinuteUpToSixHoursWithJitter) {
    const OutboxWorkerSettings settings;
    EXPECT_EQ(backoff_delay(settings, 1, 1.0), 60s);
    EXPECT_EQ(backoff_delay(settings, 1, 0.5), 30s);
    EXPECT_EQ(backoff_delay(settings, 3, 1.0), 240s);
    EXPECT_EQ(backoff_delay(settings, 20, 1.0), 6h);
    EXPECT_EQ(backoff_delay(settings, 20, 0.5), 3h);
    EXPECT_EQ(backoff_delay(settings, 1000, 2.0), 6h);
}

}  // namespace
}  // namespace okrsek::service::notify
