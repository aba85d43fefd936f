#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>

#include "service/addresses/address_import.hpp"
#include "service/addresses/address_search.hpp"
#include "service/area_catalog.hpp"
#include "service/security/clock.hpp"
#include "store/store.hpp"

namespace okrsek::service {

/// The current area catalog (the platform swaps it after each import).
using CatalogSource = std::function<std::shared_ptr<const AreaCatalog>()>;

/// Address points: RÚIAN import and the "find my district" search. Thread-safe.
class AddressBook {
public:
    AddressBook(store::Store& store, const security::Clock& clock, CatalogSource catalog);
    ~AddressBook();

    /// Reads RÚIAN address CSV files and replaces the addresses of every town they contain,
    /// atomically per import (address_book_import.cpp).
    AddressImportReport import_files(const AddressImportRequest& request);

    /// True when import_files(request) would store exactly the points already stored: every
    /// town the files hold was last imported with the same points (fingerprint and count) and
    /// still has them all. Reads the files, writes nothing; throws what import_files() throws
    /// before it writes (address_book_import.cpp).
    bool import_unchanged(const AddressImportRequest& request);

    /// The best matches for a typed address (address_book.cpp).
    AddressSearchResult search(const AddressQuery& query) const;

    /// Starts building the search index in the background (when not built yet); returns at
    /// once.
    void warm_up();

private:
    store::Store& m_store;
    const security::Clock& m_clock;
    CatalogSource m_catalog;
    /// Grows with every import through this object, so that its index is rebuilt at once.
    std::atomic<std::uint64_t> m_local_changes{0};
    /// The search index and its lifecycle (address_index_holder.hpp).
    std::unique_ptr<class AddressIndexHolder> m_index;
};

}  // namespace okrsek::service
