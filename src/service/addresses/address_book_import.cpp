// AddressBook::import_files: RÚIAN address CSV files into the store (address_import_run.hpp
// reads them; Store::replace_addresses writes them in one transaction).
#include <chrono>

#include "core/error.hpp"
#include "service/addresses/address_book.hpp"
#include "service/addresses/address_import_run.hpp"

namespace okrsek::service {

AddressImportReport AddressBook::import_files(const AddressImportRequest& request) {
    // No role may import over the network: the whole country's addresses come from an
    // operator's files on the server.
    if (request.actor.kind != Principal::Kind::cli) {
        throw core::Error(core::ErrorCode::forbidden,
                          "addresses are imported only from the command line");
    }
    const auto started = std::chrono::steady_clock::now();
    AddressImportRun run(request);
    const store::AddressReplaceResult result = m_store.replace_addresses(run, m_clock.now());
    ++m_local_changes;
    AddressImportReport report = run.report();
    report.replaced = result.replaced_count;
    report.address_version = result.version;
    report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

}  // namespace okrsek::service
