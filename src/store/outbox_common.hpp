#pragma once

// Helpers shared by the outbox's storage (store/outbox_*.cpp): the columns, the row mapping
// and the checks of a new message.

#include <string>
#include <string_view>

#include "store/outbox.hpp"
#include "store/sql_runner.hpp"

namespace okrsek::store::outbox {

/// The columns record_of() reads, of table outbox_messages.
inline constexpr std::string_view columns =
    "id, created_at, updated_at, kind, municipality_code, recipient, subject, body, reply_to, "
    "message_id, dedupe_key, state, attempts, next_attempt_at, lease_owner, lease_until, "
    "last_error, sent_at";
/// The same columns with NULL for the body (lists carry no bodies).
inline constexpr std::string_view columns_without_body =
    "id, created_at, updated_at, kind, municipality_code, recipient, subject, NULL, reply_to, "
    "message_id, dedupe_key, state, attempts, next_attempt_at, lease_owner, lease_until, "
    "last_error, sent_at";

OutboxRecord record_of(const SqlRows& rows);

/// Throws invalid_argument naming `field` unless `address` is one plain ASCII address
/// (local@domain, no spaces, brackets, quotes or controls, at most 254 bytes). The address
/// itself stays out of the message.
void check_address(std::string_view address, std::string_view field);

/// Throws invalid_argument naming `field` unless `text` is valid UTF-8.
void check_utf8(std::string_view text, std::string_view field);

/// Throws invalid_argument (field "message_id") unless `id` is "<left@right>" in printable
/// ASCII without spaces or further angle brackets, at most 250 bytes.
void check_message_id(std::string_view id);

/// Every rule of append_outbox_message() but uniqueness.
void check_message(const OutboxMessage& message);

}  // namespace okrsek::store::outbox
