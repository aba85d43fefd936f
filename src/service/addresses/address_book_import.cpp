// AddressBook::import_files: RÚIAN address CSV files into the store (address_import_run.hpp
// reads them; Store::replace_addresses writes them in one transaction).
#include <chrono>

#include "core/error.hpp"
#include "service/addresses/address_book.hpp"
#include "service/addresses/address_import_run.hpp"

namespace okrsek::service {
namespace {

// No role may import over the network: the whole country's addresses come from an operator's
// files on the server.
void require_cli(const AddressImportRequest& request) {
    if (request.actor.kind != Principal::Kind::cli) {
        throw core::Error(core::ErrorCode::forbidden,
                          "addresses are imported only from the command line");
    }
}

}  // namespace

AddressImportReport AddressBook::import_files(const AddressImportRequest& request) {
    require_cli(request);
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

// A town's points are replaced only by an import that holds the town, which records it: so
// when its last record has the points' fingerprint and the town still has that many points
// (none moved to another town since), the stored points are these.
bool AddressBook::import_unchanged(const AddressImportRequest& request) {
    require_cli(request);
    AddressImportRun run(request);
    std::vector<core::AddressPoint> batch;
    while (run.next_batch(batch)) {
    }
    for (const store::AddressTownImport& town : run.towns()) {
        const auto records = m_store.address_imports(town.municipality_code);
        if (records.empty() || records.front().town.fingerprint != town.fingerprint ||
            records.front().town.address_count != town.address_count ||
            m_store.address_count(town.municipality_code) != town.address_count) {
            return false;
        }
    }
    return true;
}

}  // namespace okrsek::service
