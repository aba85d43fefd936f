#pragma once

// Storage of imported address points (RÚIAN adresní místa), part of every Store. Written once
// on top of SqlRunner (store/address_store.cpp), so both engines follow the same rules.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/address.hpp"
#include "store/accounts.hpp"

namespace okrsek::store {

class SqlRunner;

/// One town's part of an address import: what address_imports records.
struct AddressTownImport {
    std::int64_t municipality_code = 0;
    std::string municipality_name{};
    std::string fingerprint{};  ///< of the town's imported rows (hex)
    std::int64_t address_count = 0;
    std::int64_t without_position_count = 0;
};

/// A recorded town import, as read back.
struct AddressImportRecord {
    std::int64_t version = 0;  ///< address_version() the import produced
    AddressTownImport town{};
    std::int64_t replaced_count = 0;  ///< the town's points stored before the import
    TimePoint imported_at{};
};

/// Feeds replace_addresses(): the address points in batches, then what to record.
class AddressFeed {
public:
    virtual ~AddressFeed() = default;
    /// Replaces `batch` with the next points; false (and `batch` empty) when none are left.
    /// No code may come twice in one import. Throwing aborts the import: nothing changes.
    virtual bool next_batch(std::vector<core::AddressPoint>& batch) = 0;
    /// After the last batch: every town the points belonged to, each once.
    virtual std::vector<AddressTownImport> towns() = 0;
    /// After the last batch: the import's audit row (counts, never addresses).
    virtual AuditEntry audit_entry() = 0;
};

/// What replace_addresses() did.
struct AddressReplaceResult {
    std::int64_t version = 0;         ///< address_version() after the import
    std::int64_t replaced_count = 0;  ///< points of the imported towns stored before
};

class AddressStore {
public:
    virtual ~AddressStore() = default;

    /// Calls `visit` for every stored address point, by code, from one snapshot (for building
    /// the in-memory search index; must stay fast for 3 million rows).
    void for_each_address(const std::function<void(const core::AddressPoint&)>& visit);

    /// A number that changes whenever stored addresses change (so that servers sharing the
    /// database rebuild their index).
    std::int64_t address_version();

    /// In one transaction: deletes every stored point of each town the feed brings (when its
    /// first point arrives) and writes the feed's points; a code stored under another town
    /// moves to the new one. Then records each town in address_imports, appends the audit row
    /// and grows the version. Readers see all the old points or all the new ones. Points are
    /// streamed: memory does not grow with their number. Throws what the feed throws, and
    /// core::Error(internal) when towns() does not match the points.
    AddressReplaceResult replace_addresses(AddressFeed& feed, TimePoint now);

    /// Stored points in total, or of one town.
    std::int64_t address_count(std::optional<std::int64_t> municipality_code = std::nullopt);

    /// The recorded imports of one town, newest first.
    std::vector<AddressImportRecord> address_imports(std::int64_t municipality_code);

protected:
    // The engine's ways to run SQL (see AccountStore); one override in each engine serves all
    // the storage parts.
    virtual void run_write(const std::function<void(SqlRunner&)>& work) = 0;
    virtual void run_read(const std::function<void(SqlRunner&)>& work) = 0;
    virtual void run_snapshot(const std::function<void(SqlRunner&)>& work) = 0;
};

}  // namespace okrsek::store
