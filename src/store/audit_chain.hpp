#pragma once

// The audit log's hash chain, free of any database: how a row is hashed, and the walk that
// checks stored rows one after another (store/audit_log.cpp feeds it from SQL).
//
// hash(row) = BLAKE2b-256("okrsek.audit.v1" ‖ field(prev_hash) ‖ field(id) ‖ field(occurred_at)
//             ‖ field(actor_kind) ‖ field(actor_id) ‖ field(action) ‖ field(object_type)
//             ‖ field(object_id) ‖ field(municipality_code) ‖ field(client_address)
//             ‖ field(reason) ‖ field(details)), as 64 lower-case hex digits,
// where field(NULL) = 0x00 and field(v) = 0x01 ‖ length of v as 8 bytes big-endian ‖ v, with
// integers written in decimal. Every field has a fixed place and its length in front, so no
// two different rows serialize alike (moving bytes from one field to the next, or NULL versus
// an empty text, changes the hash); the id and the previous hash make each row's place part
// of what is hashed.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/accounts.hpp"

namespace okrsek::store {

/// The previous hash of the first row.
inline constexpr std::string_view audit_genesis_hash =
    "0000000000000000000000000000000000000000000000000000000000000000";

/// An audit row's stored text, exactly as hashed.
struct AuditFields {
    std::int64_t id = 0;
    std::string occurred_at;
    std::string actor_kind;
    std::optional<std::int64_t> actor_id;
    std::string action;
    std::string object_type;
    std::string object_id;
    std::optional<std::int64_t> municipality_code;
    std::optional<std::string> client_address;
    std::optional<std::string> reason;
    std::string details;
    std::string prev_hash;
};

/// The row's hash (see above).
std::string audit_hash(const AuditFields& row);

/// The head: the last row's id and hash, kept in its own table and updated with every append,
/// so that deleting rows at the end shows.
struct AuditHead {
    std::int64_t last_id = 0;
    std::string last_hash;
};

/// Checks rows fed in ascending id order; stops at the first problem.
class AuditChainCheck {
public:
    /// Checks the next row (with its stored hash). False once a problem was found; later
    /// rows are then ignored.
    bool add(const AuditFields& row, std::string_view stored_hash);
    /// The verdict after the last row, given the stored head (std::nullopt: no head row).
    AuditVerification finish(const std::optional<AuditHead>& head);
    /// The id of the last row checked, 0 before the first.
    std::int64_t last_id() const noexcept { return m_last_id; }

private:
    void fail(AuditProblem problem, std::int64_t id, std::string message);

    std::int64_t m_last_id = 0;
    std::string m_last_hash{audit_genesis_hash};
    AuditVerification m_result;
};

}  // namespace okrsek::store
