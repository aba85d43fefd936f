// The outbox's plumbing: state spellings, checks of a new message, row mapping, appending.
#include "store/outbox_common.hpp"

#include <sodium.h>

#include <array>
#include <chrono>
#include <utility>

#include "core/error.hpp"
#include "store/account_common.hpp"

namespace okrsek::store {
namespace {

using core::Error;
using core::ErrorCode;

constexpr std::array<std::pair<OutboxState, std::string_view>, 5> states{{
    {OutboxState::queued, "queued"},
    {OutboxState::sending, "sending"},
    {OutboxState::sent, "sent"},
    {OutboxState::failed, "failed"},
    {OutboxState::cancelled, "cancelled"},
}};

[[noreturn]] void invalid(const std::string& message, std::string_view field) {
    throw Error(ErrorCode::invalid_argument, message, std::string(field));
}

bool is_kind_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

// One line of text: no byte below 0x20 (CR and LF above all: they would start a new header)
// and no DEL.
void check_line(std::string_view text, std::size_t max_bytes, std::string_view field) {
    const std::string name(field);
    if (text.empty()) invalid(name + " is empty", field);
    if (text.size() > max_bytes)
        invalid(name + " is longer than " + std::to_string(max_bytes) + " bytes", field);
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f) invalid(name + " contains a control character", field);
    }
    outbox::check_utf8(text, field);
}

void check_body(std::string_view body) {
    if (body.size() > max_outbox_body_bytes) invalid("body is longer than 256 KiB", "body");
    for (const char c : body) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && c != '\n' && c != '\r' && c != '\t') || byte == 0x7f)
            invalid("body contains a control character", "body");
    }
    outbox::check_utf8(body, "body");
}

}  // namespace

std::string_view to_string(OutboxState state) noexcept {
    for (const auto& [value, name] : states) {
        if (value == state) return name;
    }
    return "queued";
}

std::optional<OutboxState> outbox_state_from(std::string_view text) noexcept {
    for (const auto& [value, name] : states) {
        if (name == text) return value;
    }
    return std::nullopt;
}

std::string new_message_id() {
    if (sodium_init() < 0) throw Error(ErrorCode::internal, "libsodium cannot initialise");
    std::array<unsigned char, 16> random{};
    randombytes_buf(random.data(), random.size());
    std::array<char, 33> hex{};
    sodium_bin2hex(hex.data(), hex.size(), random.data(), random.size());
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
    return "<" + std::string(hex.data()) + "." + std::to_string(seconds) + "@okrsek>";
}

namespace outbox {

void check_address(std::string_view address, std::string_view field) {
    const std::string name(field);
    if (address.empty() || address.size() > max_outbox_address_bytes)
        invalid(name + " must be an e-mail address of 1 to 254 bytes", field);
    const auto at = address.find('@');
    if (at == std::string_view::npos || at == 0 || at + 1 == address.size() ||
        address.find('@', at + 1) != std::string_view::npos)
        invalid(name + " is not a valid e-mail address", field);
    for (const char c : address) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte >= 0x7f ||
            std::string_view("<>()[]\\,;:\"").find(c) != std::string_view::npos)
            invalid(name + " is not a valid e-mail address", field);
    }
}

void check_utf8(std::string_view text, std::string_view field) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        std::size_t length = lead < 0x80           ? 1
                             : (lead >> 5) == 0x6  ? 2
                             : (lead >> 4) == 0xe  ? 3
                             : (lead >> 3) == 0x1e ? 4
                                                   : 0;
        if (length == 0 || i + length > text.size() || (length == 2 && lead < 0xc2) ||
            (length == 4 && lead > 0xf4))
            invalid(std::string(field) + " is not valid UTF-8", field);
        for (std::size_t k = 1; k < length; ++k) {
            if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80)
                invalid(std::string(field) + " is not valid UTF-8", field);
        }
        if (length == 3) {
            const auto second = static_cast<unsigned char>(text[i + 1]);
            if ((lead == 0xe0 && second < 0xa0) || (lead == 0xed && second >= 0xa0))
                invalid(std::string(field) + " is not valid UTF-8", field);
        }
        if (length == 4) {
            const auto second = static_cast<unsigned char>(text[i + 1]);
            if ((lead == 0xf0 && second < 0x90) || (lead == 0xf4 && second >= 0x90))
                invalid(std::string(field) + " is not valid UTF-8", field);
        }
        i += length;
    }
}

void check_message_id(std::string_view id) {
    const bool framed = id.size() >= 5 && id.size() <= 250 && id.front() == '<' && id.back() == '>';
    const auto inner = framed ? id.substr(1, id.size() - 2) : std::string_view{};
    const auto at = inner.find('@');
    bool valid = framed && at != std::string_view::npos && at > 0 && at + 1 < inner.size() &&
                 inner.find('@', at + 1) == std::string_view::npos;
    for (const char c : inner) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte >= 0x7f || c == '<' || c == '>') valid = false;
    }
    if (!valid) invalid("message_id must look like <left@right>", "message_id");
}

void check_message(const OutboxMessage& message) {
    if (message.kind.empty() || message.kind.size() > max_outbox_kind_bytes)
        invalid("kind must be 1 to 100 bytes", "kind");
    for (const char c : message.kind) {
        if (!is_kind_char(c)) invalid("kind may hold a-z, 0-9, '.', '_' and '-' only", "kind");
    }
    check_address(message.recipient, "recipient");
    if (message.reply_to) check_address(*message.reply_to, "reply_to");
    check_line(message.subject, max_outbox_subject_bytes, "subject");
    check_body(message.body);
    if (message.dedupe_key)
        check_line(*message.dedupe_key, max_outbox_dedupe_key_bytes, "dedupe_key");
    if (!message.message_id.empty()) check_message_id(message.message_id);
}

OutboxRecord record_of(const SqlRows& rows) {
    using accounts::optional_time;
    using accounts::parse_time;
    OutboxRecord record;
    record.id = rows.int64(0);
    record.created_at = parse_time(rows.text(1));
    record.updated_at = parse_time(rows.text(2));
    record.kind = rows.text(3);
    record.municipality_code = rows.optional_int64(4);
    record.recipient = rows.text(5);
    record.subject = rows.text(6);
    record.body = rows.optional_text(7);
    record.reply_to = rows.optional_text(8);
    record.message_id = rows.text(9);
    record.dedupe_key = rows.optional_text(10);
    const auto state = outbox_state_from(rows.text(11));
    if (!state) throw Error(ErrorCode::internal, "stored outbox state is unknown");
    record.state = *state;
    record.attempts = rows.int64(12);
    record.next_attempt_at = parse_time(rows.text(13));
    record.lease_owner = rows.optional_text(14);
    record.lease_until = optional_time(rows, 15);
    record.last_error = rows.optional_text(16);
    record.sent_at = optional_time(rows, 17);
    return record;
}

}  // namespace outbox

std::int64_t append_outbox_message(SqlRunner& sql, const OutboxMessage& message, TimePoint now) {
    outbox::check_message(message);
    if (message.dedupe_key &&
        accounts::exists(sql, "SELECT 1 FROM outbox_messages WHERE kind = $1 AND dedupe_key = $2",
                         SqlParams().add(message.kind).add(*message.dedupe_key))) {
        throw Error(ErrorCode::conflict, "a message of this kind with this key is queued already",
                    "dedupe_key");
    }
    const std::string at = accounts::time_text(now);
    const std::string message_id =
        message.message_id.empty() ? new_message_id() : message.message_id;
    std::unique_ptr<SqlRows> rows;
    try {
        rows = sql.query(
            "INSERT INTO outbox_messages (created_at, updated_at, kind, municipality_code, "
            "recipient, subject, body, reply_to, message_id, dedupe_key, state, attempts, "
            "next_attempt_at) VALUES ($1, $1, $2, $3, $4, $5, $6, $7, $8, $9, 'queued', 0, $1) "
            "RETURNING id",
            SqlParams()
                .add(at)
                .add(message.kind)
                .add(message.municipality_code)
                .add(message.recipient)
                .add(message.subject)
                .add(message.body)
                .add(message.reply_to)
                .add(message_id)
                .add(message.dedupe_key));
    } catch (const Error& error) {
        // Two transactions that both found no such key: the unique index stops the second.
        if (error.code() != ErrorCode::invalid_input || !message.dedupe_key) throw;
        throw Error(ErrorCode::conflict, "a message of this kind with this key is queued already",
                    "dedupe_key");
    }
    if (!rows->next()) throw Error(ErrorCode::internal, "the outbox insert returned no id");
    return rows->int64(0);
}

}  // namespace okrsek::store
