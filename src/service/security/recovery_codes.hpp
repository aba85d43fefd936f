#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace okrsek::service::security {

/// Codes per set, and symbols per code (shown as "xxxxx-xxxxx").
inline constexpr std::size_t recovery_code_count = 10;
inline constexpr std::size_t recovery_code_symbols = 10;

/// The symbols of a recovery code: digits and lower-case letters without those read or typed
/// as one another (0/o, 1/l/i). 31 symbols, so a code holds 10 × log2(31) ≈ 49.5 bits.
inline constexpr std::string_view recovery_code_alphabet = "23456789abcdefghjkmnpqrstuvwxyz";

/// Length of the server key (BLAKE2b key).
inline constexpr std::size_t recovery_code_key_bytes = 32;

/// A freshly generated set: the codes, shown to the user once, and their hashes, which are
/// all the database keeps, in the same order.
struct RecoveryCodeSet {
    std::vector<std::string> codes;   ///< "k7m2p-x9qrt"
    std::vector<std::string> hashes;  ///< 64 hex digits each
};

/// One stored code, as a row holds it.
struct StoredRecoveryCode {
    std::string hash;
    bool used = false;
};

/// Recovery codes for an account whose authenticator is lost: each replaces one TOTP code,
/// once. Stored as keyed BLAKE2b-256 (a server-side key, the "pepper"), not Argon2: a code
/// has ~49.5 random bits, not a human-chosen password, so a slow hash gains little; without
/// the key a stolen table cannot even be attacked offline; and a login with a code then
/// compares against all ten hashes in microseconds instead of running Argon2 (64 MiB, tens
/// of milliseconds) ten times. A code is only a second factor: the password is needed as well.
/// Thread-safe.
class RecoveryCodes {
public:
    /// `server_key`: recovery_code_key_bytes of secret random data kept outside the database,
    /// normally ServerKeys::recovery_codes (changing it invalidates every stored code). Throws
    /// core::Error invalid_argument (field "recovery_code_key") for another length.
    explicit RecoveryCodes(std::span<const unsigned char> server_key);

    /// A new set of recovery_code_count codes from the system's random source.
    RecoveryCodeSet generate() const;

    /// The stored form of a code, as typed: case, spaces and hyphens do not matter
    /// ("K7M2P X9QRT" = "k7m2p-x9qrt"). Throws invalid_argument (field "code") for text
    /// that is not a code.
    std::string hash(std::string_view code) const;

    /// Finds the unused code that `entered` is, marks it used and returns its index;
    /// std::nullopt when none matches (wrong, used or malformed). Compares in constant time
    /// against every stored hash. The caller persists the change with a conditional update
    /// ("… SET used_at = now WHERE id = ? AND used_at IS NULL") and treats zero updated rows
    /// as no match, so two servers cannot both accept one code.
    std::optional<std::size_t> verify_and_consume(std::string_view entered,
                                                  std::span<StoredRecoveryCode> codes) const;

private:
    std::vector<unsigned char> m_key;
};

}  // namespace okrsek::service::security
