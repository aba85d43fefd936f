#include "service/directory/district_agenda.hpp"

namespace okrsek::service {

DistrictAgenda::DistrictAgenda(store::Store& store, const security::Clock& clock,
                               CatalogSource catalog, AccountAdmin& accounts)
    : m_store(store), m_clock(clock), m_catalog(std::move(catalog)), m_accounts(accounts) {}

DistrictAgenda::~DistrictAgenda() = default;

}  // namespace okrsek::service
