#pragma once

// One address import in progress: a reading thread turns the files into batches of checked
// address points (parse, S-JTSK → WGS 84, duplicates, per-town tallies and fingerprints)
// while the calling thread writes them through Store::replace_addresses(), which pulls them
// as an AddressFeed.

#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "service/addresses/address_import.hpp"
#include "service/addresses/address_import_queue.hpp"
#include "store/addresses.hpp"

namespace okrsek::geo {
class SjtskToWgs84;
}

namespace okrsek::service {

class AddressImportRun final : public store::AddressFeed {
public:
    /// Checks the request (file count, sizes) and starts reading. Throws core::Error:
    /// invalid_argument for no files or too many, invalid_input for a file that cannot be
    /// read, payload_too_large for one over max_address_file_bytes.
    explicit AddressImportRun(const AddressImportRequest& request);
    /// Stops the reading thread if it still runs.
    ~AddressImportRun() override;
    AddressImportRun(const AddressImportRun&) = delete;
    AddressImportRun& operator=(const AddressImportRun&) = delete;

    bool next_batch(std::vector<core::AddressPoint>& batch) override;
    /// Throws core::Error(invalid_input) when no row could be imported.
    std::vector<store::AddressTownImport> towns() override;
    store::AuditEntry audit_entry() override;

    /// After the import: everything but the store's part (replaced, version, time).
    AddressImportReport report() const;

private:
    struct Town;
    struct Tally;
    struct Filler;

    void read_all() noexcept;
    void read_file(std::size_t index, const geo::SjtskToWgs84& to_wgs84, Filler& filler);
    bool accept(const core::AddressPoint& point, Filler& filler, std::string& reason);
    void reject(const std::string& file, std::uint64_t line, std::string reason);

    const AddressImportRequest& m_request;
    std::uint64_t m_total_bytes = 0;
    AddressImportQueue m_queue;
    std::unique_ptr<Tally> m_tally;  ///< written by the reading thread until it finishes
    std::thread m_reader;
};

}  // namespace okrsek::service
