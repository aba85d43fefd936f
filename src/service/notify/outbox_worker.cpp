#include "service/notify/outbox_worker.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "core/error.hpp"
#include "service/notify/mail_message.hpp"
#include "service/security/random.hpp"

namespace okrsek::service::notify {
namespace {

using core::Error;
using core::ErrorCode;

constexpr auto purge_interval = std::chrono::hours(1);

std::string make_owner() {
    std::array<char, 64> host{};
    if (gethostname(host.data(), host.size() - 1) != 0) host[0] = '\0';
    static constexpr char hex[] = "0123456789abcdef";
    std::string random;
    for (const auto byte : security::random_bytes(4)) {
        random += hex[byte >> 4];
        random += hex[byte & 15];
    }
    std::string name = std::string(host.data()).substr(0, 60);
    return name + ":" + std::to_string(getpid()) + ":" + random;
}

void check(const OutboxWorkerSettings& settings) {
    if (settings.batch_size == 0 || settings.batch_size > 1000)
        throw Error(ErrorCode::invalid_argument, "the batch size must be 1 to 1000", "batch_size");
    if (settings.lease.count() < 1)
        throw Error(ErrorCode::invalid_argument, "the lease must be at least a second", "lease");
    if (settings.max_attempts < 1 || settings.max_attempts > 100)
        throw Error(ErrorCode::invalid_argument, "max attempts must be 1 to 100", "max_attempts");
}

}  // namespace

std::chrono::seconds backoff_delay(const OutboxWorkerSettings& settings, std::int64_t attempts,
                                   double jitter) {
    const double doublings = static_cast<double>(std::clamp<std::int64_t>(attempts - 1, 0, 40));
    const double full =
        std::min(static_cast<double>(settings.first_backoff.count()) * std::pow(2.0, doublings),
                 static_cast<double>(settings.max_backoff.count()));
    const double scaled = full * std::clamp(jitter, 0.5, 1.0);
    return std::chrono::seconds(std::max<std::int64_t>(1, std::llround(scaled)));
}

OutboxWorker::OutboxWorker(store::OutboxStore& store, const security::Clock& clock,
                           SmtpSettings smtp, OutboxWorkerSettings settings)
    : m_store(store),
      m_clock(clock),
      m_settings(settings),
      m_sender(std::move(smtp)),
      m_owner(make_owner()) {
    check(m_settings);
    const auto budget = m_sender.settings().connect_timeout + m_sender.settings().timeout;
    if (m_settings.lease <= budget)
        throw Error(ErrorCode::invalid_argument,
                    "the lease must be longer than the SMTP connect timeout and timeout together",
                    "lease");
}

OutboxWorker::~OutboxWorker() {
    stop();
}

bool OutboxWorker::stopping() const {
    std::lock_guard lock(m_mutex);
    return m_stop;
}

void OutboxWorker::send_one(const store::OutboxRecord& record, OutboxRunResult& result) {
    const auto now = m_clock.now();
    SendResult outcome;
    if (!record.body) {
        outcome = {SendOutcome::permanent_failure, 0, "the body was purged"};
    } else {
        MailMessage mail;
        mail.from = m_sender.settings().from;
        mail.from_name = m_sender.settings().from_name;
        mail.to = record.recipient;
        mail.reply_to = record.reply_to;
        mail.subject = record.subject;
        mail.body = *record.body;
        mail.message_id = record.message_id;
        mail.date = now;
        mail.kind = record.kind;
        try {
            outcome = m_sender.send(record.recipient, build_mail(mail));
        } catch (const Error& error) {
            // Checked at enqueue, so only a row changed behind the code's back gets here.
            outcome = {SendOutcome::permanent_failure, 0, "invalid message: " + error.field()};
        }
    }
    const auto done = m_clock.now();
    if (outcome.outcome == SendOutcome::sent) {
        m_store.mark_sent(record.id, done);
        ++result.sent;
        spdlog::info("outbox: message {} ({}) sent, attempt {}", record.id, record.kind,
                     record.attempts);
        return;
    }
    const bool permanent = outcome.outcome == SendOutcome::permanent_failure ||
                           record.attempts >= m_settings.max_attempts;
    if (permanent) {
        m_store.mark_failed(record.id, m_owner, outcome.error, done);
        ++result.failed;
        spdlog::warn("outbox: message {} ({}) failed after {} attempt(s): {}", record.id,
                     record.kind, record.attempts, outcome.error);
        return;
    }
    const double jitter = 0.5 + security::random_below(501) / 1000.0;
    const auto next = done + backoff_delay(m_settings, record.attempts, jitter);
    m_store.retry_later(record.id, m_owner, outcome.error, next, done);
    ++result.retried;
    spdlog::info("outbox: message {} ({}) to be retried, attempt {}: {}", record.id, record.kind,
                 record.attempts, outcome.error);
}

OutboxRunResult OutboxWorker::run_batch() {
    OutboxRunResult result;
    const auto claimed =
        m_store.claim_due(m_owner, m_settings.batch_size, m_clock.now(), m_settings.lease);
    result.claimed = claimed.size();
    // A message is only sent while its lease outlasts the longest a send may take, so that no
    // other worker can take it over meanwhile; a slow server leaves the rest of a batch to the
    // next pass.
    const auto budget = m_sender.settings().connect_timeout + m_sender.settings().timeout;
    for (const auto& record : claimed) {
        const bool lease_too_short =
            record.lease_until && m_clock.now() + budget >= *record.lease_until;
        if (stopping() || lease_too_short) {
            if (m_store.release(record.id, m_owner, m_clock.now())) ++result.released;
            continue;
        }
        send_one(record, result);
    }
    return result;
}

OutboxRunResult OutboxWorker::run_once() {
    OutboxRunResult total;
    while (!stopping()) {
        const auto batch = run_batch();
        total.claimed += batch.claimed;
        total.sent += batch.sent;
        total.retried += batch.retried;
        total.failed += batch.failed;
        total.released += batch.released;
        if (batch.claimed < m_settings.batch_size) break;
    }
    const auto now = m_clock.now();
    if (m_settings.retention.count() > 0 && now - m_last_purge >= purge_interval) {
        m_last_purge = now;
        const auto purged = m_store.purge_outbox_bodies(now - m_settings.retention);
        if (purged > 0) spdlog::info("outbox: bodies of {} old message(s) removed", purged);
    }
    return total;
}

void OutboxWorker::start() {
    std::lock_guard lock(m_mutex);
    if (m_thread.joinable() || m_stop) return;
    m_thread = std::thread([this] { loop(); });
}

void OutboxWorker::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void OutboxWorker::loop() {
    spdlog::info("outbox: worker {} started", m_owner);
    while (!stopping()) {
        try {
            run_once();
        } catch (const std::exception& error) {
            // The database may be away for a while; the next pass tries again.
            spdlog::warn("outbox: pass failed: {}", error.what());
        }
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, m_settings.poll_interval, [this] { return m_stop; });
    }
    spdlog::info("outbox: worker stopped");
}

}  // namespace okrsek::service::notify
