#pragma once

// Schema migration 6: the e-mail outbox (owned by store/outbox_*.cpp).

#include <array>
#include <string_view>

namespace okrsek::store {

// One row per e-mail. Messages are written in the transaction of the change that causes them
// and sent later by a worker (service/notify/). `state` moves queued → sending (a lease:
// lease_owner until lease_until) → sent | queued again (retry at next_attempt_at) | failed;
// staff may cancel a queued or failed one. A message belongs to a town when it concerns one
// (no foreign key: a message must not stop a town's removal). `body` becomes NULL when the
// retention purge removes it; the row stays as the record that the message was sent.
// (kind, dedupe_key) is unique: NULL keys never collide, on both engines.
inline constexpr std::string_view v6_outbox_sql = R"sql(
CREATE TABLE outbox_messages (
    id ${ID},
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind <> ''),
    municipality_code BIGINT,
    recipient TEXT NOT NULL CHECK (recipient <> ''),
    subject TEXT NOT NULL,
    body TEXT,
    reply_to TEXT,
    message_id TEXT NOT NULL UNIQUE,
    dedupe_key TEXT,
    state TEXT NOT NULL
        CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
    attempts BIGINT NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at TEXT NOT NULL,
    lease_owner TEXT,
    lease_until TEXT,
    last_error TEXT,
    sent_at TEXT,
    UNIQUE (kind, dedupe_key),
    CHECK (state <> 'sending' OR (lease_owner IS NOT NULL AND lease_until IS NOT NULL))
);
CREATE INDEX outbox_messages_due ON outbox_messages (state, next_attempt_at);
CREATE INDEX outbox_messages_lease ON outbox_messages (state, lease_until);
)sql";

inline constexpr std::array<std::string_view, 1> v6_tables{"outbox_messages"};

}  // namespace okrsek::store
