#pragma once

// The staff's view of the e-mail outbox (okrsek outbox …): listing, retrying, cancelling and
// a test message, each checked against the permission matrix and audited. Messages of the
// portal's own features are written by their stores (store::append_outbox_message) in the
// transaction of the change that causes them; the OutboxWorker sends them.

#include <cstdint>
#include <string>
#include <vector>

#include "service/auth/account_admin.hpp"
#include "service/auth/principal.hpp"
#include "service/security/clock.hpp"
#include "store/store.hpp"

namespace okrsek::service::notify {

/// Thread-safe. Operations throw core::Error forbidden without the permission, not_found /
/// conflict as store::OutboxStore does.
class Outbox {
public:
    Outbox(store::Store& store, const security::Clock& clock, AccountAdmin& accounts);

    /// Messages matching `filter`, newest first, without bodies. Needs users.read across the
    /// deployment (the outbox serves every town). Recipients are blanked unless
    /// `show_recipients`, which is audited as "outbox.recipients_read".
    std::vector<store::OutboxRecord> list(const Principal& principal,
                                          const store::OutboxFilter& filter, bool show_recipients);
    store::OutboxCounts counts(const Principal& principal);
    /// Needs users.manage across the deployment. Audited ("outbox.retry", "outbox.cancel").
    void retry(const Principal& principal, std::int64_t id);
    void cancel(const Principal& principal, std::int64_t id);
    /// Queues a short test message to `address` (kind "outbox.test"); audited as
    /// "outbox.test" in the same transaction. Returns the message's id.
    std::int64_t send_test(const Principal& principal, const std::string& address);

    /// The storage the worker claims from.
    store::OutboxStore& store() { return m_store; }
    const security::Clock& clock() const { return m_clock; }

private:
    store::Store& m_store;
    const security::Clock& m_clock;
    AccountAdmin& m_accounts;
};

}  // namespace okrsek::service::notify
