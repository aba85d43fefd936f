#include "service/addresses/address_book.hpp"

namespace okrsek::service {

AddressBook::AddressBook(store::Store& store, const security::Clock& clock, CatalogSource catalog)
    : m_store(store), m_clock(clock), m_catalog(std::move(catalog)) {}

AddressBook::~AddressBook() = default;

}  // namespace okrsek::service
