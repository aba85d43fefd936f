#pragma once

// Appending to the audit log inside the transaction of the change it records: the one code
// path that inserts audit rows (no code updates or deletes them).

#include <cstdint>

#include "store/accounts.hpp"
#include "store/sql_runner.hpp"

namespace okrsek::store::accounts {

/// Appends `entry` (checked with check_audit_entry()) as the next row of the chain, in the
/// transaction `sql` is in, and moves the head. Appends are serialized: PostgreSQL locks the
/// head row until the transaction ends; SQLite's write transaction already excludes every
/// other writer. Call it last in a transaction, so the lock is held briefly. Returns the id.
std::int64_t append_audit_row(SqlRunner& sql, const AuditEntry& entry, TimePoint now);

}  // namespace okrsek::store::accounts
