#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace okrsek::service::security {

inline constexpr std::size_t secret_box_key_bytes = 32;

/// Encrypts the few secrets that must be read back, TOTP secrets above all, before they go
/// into the database, with a server key kept outside it: a stolen database or backup then
/// reveals no second factor. XChaCha20-Poly1305 (libsodium AEAD) with a random 192-bit nonce
/// per message, so one key can seal any number of values. `context` is authenticated with the
/// value ("totp:user:17"): a sealed value copied onto another row no longer opens.
/// Thread-safe.
class SecretBox {
public:
    /// Throws core::Error invalid_argument (field "secret_box_key") unless the key has
    /// secret_box_key_bytes.
    explicit SecretBox(std::span<const unsigned char> key);

    /// Nonce, ciphertext and tag as bytes (plain.size() + 40), for a blob column.
    std::string seal(std::span<const unsigned char> plain, std::string_view context) const;

    /// The plain bytes of a value seal() made with this key and context. Throws
    /// invalid_input when the value was altered, truncated, or sealed with another key or
    /// context (the message says which row class failed, never its content).
    std::vector<unsigned char> open(std::string_view sealed, std::string_view context) const;

private:
    std::vector<unsigned char> m_key;
};

}  // namespace okrsek::service::security
