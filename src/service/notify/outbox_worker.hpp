#pragma once

// The background sender of the e-mail outbox: claims due messages in small batches under a
// lease, sends each through SMTP and records the outcome. Several workers (threads or servers
// on one database) may run at once; each message is claimed by one of them at a time.
//
// Exactly-once delivery is impossible over SMTP: a message is marked sent right after the
// server's 250 for DATA. A worker that dies between that 250 and the mark leaves the message
// leased; when the lease runs out another worker sends it again, with the same Message-ID, so
// the recipient's mail system can recognise the duplicate (docs/notifications.md).

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "service/notify/smtp_sender.hpp"
#include "service/security/clock.hpp"
#include "store/outbox.hpp"

namespace okrsek::service::notify {

struct OutboxWorkerSettings {
    std::size_t batch_size = 10;             ///< messages claimed at once (1–1000)
    std::chrono::seconds lease{300};         ///< how long a claim holds
    std::int64_t max_attempts = 10;          ///< then failed
    std::chrono::seconds first_backoff{60};  ///< after the first temporary failure
    std::chrono::seconds max_backoff{6 * 3600};
    std::chrono::milliseconds poll_interval{2000};  ///< how often an idle worker looks
    /// Bodies of messages sent this long ago are removed (0: kept).
    std::chrono::hours retention{30 * 24};
};

/// What one pass did.
struct OutboxRunResult {
    std::size_t claimed = 0;
    std::size_t sent = 0;
    std::size_t retried = 0;   ///< temporary failures, queued again
    std::size_t failed = 0;    ///< permanent failures or out of attempts
    std::size_t released = 0;  ///< given back unsent because the worker was stopping
};

/// The delay before attempt `attempts` + 1 after a temporary failure: first_backoff doubled
/// per earlier attempt, capped at max_backoff, then scaled by `jitter` (0.5–1.0).
std::chrono::seconds backoff_delay(const OutboxWorkerSettings& settings, std::int64_t attempts,
                                   double jitter);

class OutboxWorker {
public:
    /// `store` and `clock` must outlive the worker. Throws invalid_argument for settings
    /// outside their limits (field "lease" unless the lease outlasts the SMTP connect timeout
    /// and timeout together), as SmtpSender does for its own.
    OutboxWorker(store::OutboxStore& store, const security::Clock& clock, SmtpSettings smtp,
                 OutboxWorkerSettings settings);
    ~OutboxWorker();  ///< stops the thread
    OutboxWorker(const OutboxWorker&) = delete;
    OutboxWorker& operator=(const OutboxWorker&) = delete;

    /// This worker's lease owner name (host, process and random bits; no personal data).
    const std::string& owner() const { return m_owner; }

    /// Sends everything due now, batch after batch, until nothing is due (or stop()).
    OutboxRunResult run_once();
    /// One batch: claims up to batch_size due messages and sends them.
    OutboxRunResult run_batch();

    /// Starts the background thread (once).
    void start();
    /// Stops it: the message being sent finishes (its SMTP timeouts bound the wait) and is
    /// recorded; the rest of its batch is released. Idempotent.
    void stop();

private:
    void loop();
    void send_one(const store::OutboxRecord& record, OutboxRunResult& result);
    bool stopping() const;

    store::OutboxStore& m_store;
    const security::Clock& m_clock;
    OutboxWorkerSettings m_settings;
    SmtpSender m_sender;
    std::string m_owner;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::thread m_thread;
    std::chrono::system_clock::time_point m_last_purge{};
};

}  // namespace okrsek::service::notify
