#include "service/directory/district_directory.hpp"

namespace okrsek::service {

DistrictDirectory::DistrictDirectory(store::Store& store, const security::Clock& clock,
                                     CatalogSource catalog, AccountAdmin& accounts)
    : m_store(store), m_clock(clock), m_catalog(std::move(catalog)), m_accounts(accounts) {}

DistrictDirectory::~DistrictDirectory() = default;

}  // namespace okrsek::service
