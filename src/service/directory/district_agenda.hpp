#pragma once

#include "service/addresses/address_book.hpp"
#include "service/auth/account_admin.hpp"
#include "service/security/clock.hpp"
#include "store/store.hpp"

namespace okrsek::service {

/// District priorities (as police.uk: what the community raised, the action taken, the later
/// evaluation) and public meetings and events with their iCalendar feeds: public reading, and
/// editing checked against the role × action × scope matrix and audited. Thread-safe.
class DistrictAgenda {
public:
    DistrictAgenda(store::Store& store, const security::Clock& clock, CatalogSource catalog,
                   AccountAdmin& accounts);
    ~DistrictAgenda();

private:
    store::Store& m_store;
    const security::Clock& m_clock;
    CatalogSource m_catalog;
    AccountAdmin& m_accounts;
};

}  // namespace okrsek::service
