#pragma once

// Backups that restore into either engine: `okrsek backup` / `okrsek restore`.
// The format is described in service/dump_format.hpp.

#include <cstdint>
#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "store/store.hpp"

namespace okrsek::service {

/// What a backup wrote or a restore read.
struct BackupSummary {
    std::string engine;      ///< the engine the dump was taken from
    int schema_version = 0;  ///< the dump's schema version
    std::vector<store::TableRowCount> tables;
    std::uint64_t bytes = 0;  ///< size of the dump
};

/// Writes every portable table of `store` to `out`, from one snapshot. Throws core::Error:
/// invalid_argument when the database has no schema (never migrated) or one newer than this
/// build knows (the dump would miss its newer tables), internal when writing fails, and what
/// the store throws.
BackupSummary backup(store::Store& store, std::ostream& out);

/// backup() into `path` ("-": standard output). Writes PATH.tmp and renames it to PATH only
/// once complete and synced, so PATH never holds half a dump; a failure removes PATH.tmp.
BackupSummary backup_to_file(store::Store& store, const std::string& path);

/// Restores a dump into `store`, which must hold no rows: brings the schema to the dump's
/// version, inserts every row with its id in one transaction, then applies the remaining
/// migrations. Throws core::Error: invalid_input naming `source_name` and the line for a
/// malformed dump or rows the database rejects (nothing is restored then); invalid_input for
/// a dump of a newer schema than this build knows; invalid_argument when the database holds
/// rows or its schema is newer than the dump's.
BackupSummary restore(store::Store& store, std::istream& in, const std::string& source_name);

/// restore() from `path` ("-": standard input). Throws invalid_argument when it cannot be read.
BackupSummary restore_from_file(store::Store& store, const std::string& path);

}  // namespace okrsek::service
