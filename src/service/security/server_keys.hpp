#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace okrsek::service::security {

/// Length of the one server master key an operator keeps outside the database (a file
/// readable only by the service), from which every purpose's key is derived.
inline constexpr std::size_t master_key_bytes = 32;

/// The keys of each purpose, derived from the master key with libsodium's crypto_kdf
/// (BLAKE2b, context "okrsek01", one subkey id per purpose), so that one secret in the
/// configuration serves every use and no two uses ever share a key. Adding a purpose takes a
/// new id; changing an existing id invalidates what its key protects.
struct ServerKeys {
    std::vector<unsigned char> recovery_codes;   ///< RecoveryCodes' hashing key (id 1)
    std::vector<unsigned char> secret_box;       ///< SecretBox key for TOTP secrets (id 2)
    std::vector<unsigned char> csrf;             ///< CSRF token MAC key (id 3)
    std::vector<unsigned char> report_contacts;  ///< SecretBox key for reporters' contacts (id 4)
    std::vector<unsigned char> report_keys;  ///< keyed hash of e-mails / client addresses (id 5)

    /// Throws core::Error invalid_argument (field "master_key") unless the master key has
    /// master_key_bytes.
    static ServerKeys derive(std::span<const unsigned char> master_key);
};

}  // namespace okrsek::service::security
