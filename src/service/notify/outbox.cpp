#include "service/notify/outbox.hpp"

#include "core/error.hpp"
#include "service/security/authorization.hpp"

namespace okrsek::service::notify {
namespace {

using security::Action;
using security::Target;

}  // namespace

Outbox::Outbox(store::Store& store, const security::Clock& clock, AccountAdmin& accounts)
    : m_store(store), m_clock(clock), m_accounts(accounts) {}

std::vector<store::OutboxRecord> Outbox::list(const Principal& principal,
                                              const store::OutboxFilter& filter,
                                              bool show_recipients) {
    m_accounts.require(principal, Action::users_read, Target::deployment());
    auto records = m_store.list_outbox(filter);
    if (show_recipients) {
        auto entry = principal.audit("outbox.recipients_read", "outbox", "list");
        entry.details_json = "{\"messages\":" + std::to_string(records.size()) + "}";
        m_store.append_audit(entry, m_clock.now());
    } else {
        for (auto& record : records) record.recipient.clear();
    }
    return records;
}

store::OutboxCounts Outbox::counts(const Principal& principal) {
    m_accounts.require(principal, Action::users_read, Target::deployment());
    return m_store.count_outbox();
}

void Outbox::retry(const Principal& principal, std::int64_t id) {
    m_accounts.require(principal, Action::users_manage, Target::deployment());
    m_store.retry_outbox_message(
        id, m_clock.now(), principal.audit("outbox.retry", "outbox_message", std::to_string(id)));
}

void Outbox::cancel(const Principal& principal, std::int64_t id) {
    m_accounts.require(principal, Action::users_manage, Target::deployment());
    m_store.cancel_outbox_message(
        id, m_clock.now(), principal.audit("outbox.cancel", "outbox_message", std::to_string(id)));
}

std::int64_t Outbox::send_test(const Principal& principal, const std::string& address) {
    m_accounts.require(principal, Action::users_manage, Target::deployment());
    store::OutboxMessage message;
    message.kind = "outbox.test";
    message.recipient = address;
    message.subject = "okrsek: zkušební zpráva / test message";
    message.body =
        "Tato zpráva ověřuje, že okrsek umí odesílat e-maily.\n"
        "This message checks that okrsek can send e-mail.\n";
    const auto now = m_clock.now();
    const auto id = m_store.enqueue(message, now);
    m_store.append_audit(principal.audit("outbox.test", "outbox_message", std::to_string(id)), now);
    return id;
}

}  // namespace okrsek::service::notify
