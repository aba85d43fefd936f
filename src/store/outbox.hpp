#pragma once

// The e-mail outbox, part of every Store: messages written in the transaction of the change
// that causes them (append_outbox_message) and sent later by a worker that leases them
// (service/notify/outbox_worker.hpp). Written once on top of SqlRunner (store/outbox_*.cpp).
//
// Several servers may share one database: a message is claimed by one worker at a time with a
// conditional UPDATE (PostgreSQL additionally skips rows another worker has locked), and a
// lease that expires lets another worker take over a message whose worker died.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/accounts.hpp"

namespace okrsek::store {

class SqlRunner;

enum class OutboxState { queued, sending, sent, failed, cancelled };

/// "queued", "sending", "sent", "failed", "cancelled": as stored.
std::string_view to_string(OutboxState state) noexcept;
/// The inverse; std::nullopt for other text.
std::optional<OutboxState> outbox_state_from(std::string_view text) noexcept;

// Limits of what one message may hold (checked by append_outbox_message).
inline constexpr std::size_t max_outbox_kind_bytes = 100;
inline constexpr std::size_t max_outbox_address_bytes = 254;
inline constexpr std::size_t max_outbox_subject_bytes = 500;
inline constexpr std::size_t max_outbox_body_bytes = 256 * 1024;
inline constexpr std::size_t max_outbox_dedupe_key_bytes = 200;

/// A message to be sent. Every member has a default.
struct OutboxMessage {
    std::string kind{};  ///< what caused it, e.g. "report.confirmation" (ASCII, no spaces)
    std::optional<std::int64_t> municipality_code{};  ///< the town it concerns, if one
    std::string recipient{};                          ///< one address, e.g. "jana@example.org"
    std::string subject{};                            ///< UTF-8, one line
    std::string body{};                               ///< UTF-8 text; lines end in "\n"
    std::optional<std::string> reply_to{};            ///< one address
    /// When set, a second message of the same kind with the same key is refused (conflict,
    /// field "dedupe_key"): the same event cannot enqueue two messages.
    std::optional<std::string> dedupe_key{};
    /// "<…@…>"; empty: a new one is made from 128 random bits.
    std::string message_id{};
};

/// A stored message. `body` is std::nullopt once purged (and in lists).
struct OutboxRecord {
    std::int64_t id = 0;
    TimePoint created_at{};
    TimePoint updated_at{};
    std::string kind{};
    std::optional<std::int64_t> municipality_code{};
    std::string recipient{};
    std::string subject{};
    std::optional<std::string> body{};
    std::optional<std::string> reply_to{};
    std::string message_id{};
    std::optional<std::string> dedupe_key{};
    OutboxState state = OutboxState::queued;
    std::int64_t attempts = 0;
    TimePoint next_attempt_at{};
    std::optional<std::string> lease_owner{};
    std::optional<TimePoint> lease_until{};
    std::optional<std::string> last_error{};  ///< SMTP reply code and a generic text only
    std::optional<TimePoint> sent_at{};
};

/// What list_outbox() selects: newest first.
struct OutboxFilter {
    std::optional<OutboxState> state{};
    std::optional<std::string> kind{};
    std::size_t limit = 100;  ///< 1–1000
    std::optional<std::int64_t> before_id{};
};

/// Counts by state (for an overview and tests).
struct OutboxCounts {
    std::int64_t queued = 0;
    std::int64_t sending = 0;
    std::int64_t sent = 0;
    std::int64_t failed = 0;
    std::int64_t cancelled = 0;
};

/// Checks `message` (limits, no control characters in one-line fields, addresses of one
/// shape), makes its Message-ID when it has none and inserts it as queued, due at `now`, in
/// the transaction `sql` is in: it is sent only if that transaction commits. Throws
/// invalid_argument naming the field, conflict (field "dedupe_key") for a duplicate key.
/// Returns the new row's id.
std::int64_t append_outbox_message(SqlRunner& sql, const OutboxMessage& message, TimePoint now);

/// A new Message-ID: "<" 32 hex digits of libsodium randomness "." seconds "@okrsek>".
std::string new_message_id();

/// The outbox's storage. Thread-safe like Store. Operations throw core::Error: not_found
/// (field "id"), conflict when the state does not allow the change (field "state"),
/// unavailable when the database cannot be reached.
class OutboxStore {
public:
    virtual ~OutboxStore() = default;

    /// append_outbox_message() in a transaction of its own.
    std::int64_t enqueue(const OutboxMessage& message, TimePoint now);
    /// append_outbox_message() for each of `messages` in one transaction: all are queued or,
    /// when one is refused, none. Returns their ids in order.
    std::vector<std::int64_t> enqueue_all(std::span<const OutboxMessage> messages, TimePoint now);

    /// Leases up to `limit` (1–1000) messages due at `now` (queued with next_attempt_at <= now,
    /// or sending with an expired lease) to `owner` until now + `lease`; each claim counts an
    /// attempt. A message is claimed by one caller only, whatever other servers do at the same
    /// time. Oldest due first, bodies included.
    std::vector<OutboxRecord> claim_due(std::string_view owner, std::size_t limit, TimePoint now,
                                        std::chrono::seconds lease);
    /// The SMTP server accepted the message: sent at `now`, lease cleared. Recorded even when
    /// the lease was lost meanwhile (the message did go out); false only when the message is
    /// no longer queued or sending (cancelled, or marked sent already).
    bool mark_sent(std::int64_t id, TimePoint now);
    /// A temporary failure: queued again, due at `next_attempt_at`, with `error`. Only while
    /// `owner` still holds the lease; false otherwise (another worker took over).
    bool retry_later(std::int64_t id, std::string_view owner, std::string_view error,
                     TimePoint next_attempt_at, TimePoint now);
    /// A permanent failure (or too many attempts): failed, with `error`. Only while `owner`
    /// holds the lease; false otherwise.
    bool mark_failed(std::int64_t id, std::string_view owner, std::string_view error,
                     TimePoint now);
    /// Gives a claimed message back unsent (a worker stopping): queued, due at once, the
    /// attempt not counted. Only while `owner` holds the lease.
    bool release(std::int64_t id, std::string_view owner, TimePoint now);

    /// One message with its body (if not purged).
    std::optional<OutboxRecord> find_outbox_message(std::int64_t id);
    /// Messages matching `filter`, newest first, without bodies. Throws invalid_argument
    /// (field "limit").
    std::vector<OutboxRecord> list_outbox(const OutboxFilter& filter);
    OutboxCounts count_outbox();

    /// Makes a queued, failed or cancelled message due at `now` (a failed or cancelled one
    /// queued again with its attempts reset). Throws conflict (field "state") for a message
    /// being sent, already sent, or whose body was purged. Default action "outbox.retry".
    void retry_outbox_message(std::int64_t id, TimePoint now, const AuditEntry& audit);
    /// Cancels a queued or failed message. Throws conflict (field "state") otherwise. Default
    /// action "outbox.cancel".
    void cancel_outbox_message(std::int64_t id, TimePoint now, const AuditEntry& audit);
    /// Removes the bodies of messages sent or cancelled before `before` (the rows stay).
    /// Returns how many. Not audited: it only removes what has been delivered.
    std::int64_t purge_outbox_bodies(TimePoint before);

protected:
    // The engine's ways to run SQL (see AccountStore); one override in each engine serves all
    // the storage parts.
    virtual void run_write(const std::function<void(SqlRunner&)>& work) = 0;
    virtual void run_read(const std::function<void(SqlRunner&)>& work) = 0;
    virtual void run_snapshot(const std::function<void(SqlRunner&)>& work) = 0;

private:
    // run_write and run_read with database messages cut to their first line (which holds no
    // row values: no address reaches a log).
    void write(const std::function<void(SqlRunner&)>& work);
    void read(const std::function<void(SqlRunner&)>& work);
};

}  // namespace okrsek::store
