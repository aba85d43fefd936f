#include "store/audit_chain.hpp"

#include <sodium.h>

#include <array>

#include "core/error.hpp"

namespace okrsek::store {
namespace {

// Names the scheme inside the hashed bytes, so a later format can never collide with this one.
constexpr std::string_view domain = "okrsek.audit.v1";

class Hasher {
public:
    Hasher() {
        // sodium_init() is idempotent and thread-safe; it picks the fastest implementation.
        if (sodium_init() < 0 ||
            crypto_generichash_init(&m_state, nullptr, 0, crypto_generichash_BYTES) != 0) {
            throw core::Error(core::ErrorCode::internal, "libsodium failed to initialise");
        }
        raw(domain);
    }

    void field(std::string_view value) {
        std::array<unsigned char, 9> prefix{1};
        const auto length = static_cast<std::uint64_t>(value.size());
        for (int i = 0; i < 8; ++i) {
            prefix[static_cast<std::size_t>(8 - i)] = static_cast<unsigned char>(length >> (8 * i));
        }
        crypto_generichash_update(&m_state, prefix.data(), prefix.size());
        raw(value);
    }

    void field(const std::string& value) { field(std::string_view(value)); }

    void field(const std::optional<std::string>& value) {
        if (value) {
            field(std::string_view(*value));
        } else {
            null();
        }
    }

    void field(const std::optional<std::int64_t>& value) {
        if (value) {
            field(std::to_string(*value));
        } else {
            null();
        }
    }

    std::string hex() {
        std::array<unsigned char, crypto_generichash_BYTES> digest{};
        crypto_generichash_final(&m_state, digest.data(), digest.size());
        std::array<char, crypto_generichash_BYTES * 2 + 1> text{};
        sodium_bin2hex(text.data(), text.size(), digest.data(), digest.size());
        return std::string(text.data(), crypto_generichash_BYTES * 2);
    }

private:
    void null() {
        const unsigned char tag = 0;
        crypto_generichash_update(&m_state, &tag, 1);
    }

    void raw(std::string_view bytes) {
        crypto_generichash_update(&m_state, reinterpret_cast<const unsigned char*>(bytes.data()),
                                  bytes.size());
    }

    crypto_generichash_state m_state{};
};

}  // namespace

std::string audit_hash(const AuditFields& row) {
    Hasher hasher;
    hasher.field(row.prev_hash);
    hasher.field(std::to_string(row.id));
    hasher.field(row.occurred_at);
    hasher.field(row.actor_kind);
    hasher.field(row.actor_id);
    hasher.field(row.action);
    hasher.field(row.object_type);
    hasher.field(row.object_id);
    hasher.field(row.municipality_code);
    hasher.field(row.client_address);
    hasher.field(row.reason);
    hasher.field(row.details);
    return hasher.hex();
}

bool AuditChainCheck::add(const AuditFields& row, std::string_view stored_hash) {
    if (!m_result.intact()) return false;
    const std::int64_t expected = m_last_id + 1;
    if (row.id != expected) {
        // Ids come in ascending order, so a different id is a higher one: rows are missing.
        fail(AuditProblem::missing_row, expected,
             row.id == expected + 1 ? "row " + std::to_string(expected) + " is missing"
                                    : "rows " + std::to_string(expected) + " to " +
                                          std::to_string(row.id - 1) + " are missing");
        return false;
    }
    if (row.prev_hash != m_last_hash) {
        fail(AuditProblem::broken_link, row.id,
             "row " + std::to_string(row.id) + " does not follow row " + std::to_string(m_last_id) +
                 " (its previous hash differs)");
        return false;
    }
    if (audit_hash(row) != stored_hash) {
        fail(
            AuditProblem::altered_row, row.id,
            "row " + std::to_string(row.id) + " was altered (its content does not match its hash)");
        return false;
    }
    m_last_id = row.id;
    m_last_hash = std::string(stored_hash);
    ++m_result.rows_checked;
    return true;
}

AuditVerification AuditChainCheck::finish(const std::optional<AuditHead>& head) {
    if (!m_result.intact()) return m_result;
    m_result.head_hash = m_last_hash;
    if (!head) {
        if (m_last_id > 0) {
            fail(AuditProblem::head_missing, m_last_id,
                 "the audit head is missing while the log holds " + std::to_string(m_last_id) +
                     " rows");
        }
        return m_result;
    }
    if (head->last_id > m_last_id) {
        fail(AuditProblem::missing_tail, m_last_id + 1,
             "rows " + std::to_string(m_last_id + 1) + " to " + std::to_string(head->last_id) +
                 " at the end are missing");
    } else if (head->last_id < m_last_id) {
        fail(AuditProblem::unrecorded_rows, head->last_id + 1,
             "rows " + std::to_string(head->last_id + 1) + " to " + std::to_string(m_last_id) +
                 " were added without updating the head");
    } else if (head->last_hash != m_last_hash) {
        fail(AuditProblem::head_mismatch, m_last_id,
             "the head's hash is not the hash of row " + std::to_string(m_last_id));
    }
    return m_result;
}

void AuditChainCheck::fail(AuditProblem problem, std::int64_t id, std::string message) {
    m_result.problem = problem;
    m_result.first_bad_id = id;
    m_result.message = std::move(message);
}

}  // namespace okrsek::store
