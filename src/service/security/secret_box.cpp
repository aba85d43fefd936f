#include "service/security/secret_box.hpp"

#include <sodium.h>

#include "core/error.hpp"
#include "service/security/random.hpp"

namespace okrsek::service::security {
namespace {

constexpr std::size_t nonce_bytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t tag_bytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
static_assert(secret_box_key_bytes == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);

const unsigned char* bytes_of(std::string_view text) {
    return reinterpret_cast<const unsigned char*>(text.data());
}

}  // namespace

SecretBox::SecretBox(std::span<const unsigned char> key) : m_key(key.begin(), key.end()) {
    if (m_key.size() != secret_box_key_bytes) {
        throw core::Error(core::ErrorCode::invalid_argument, "the secret box key must be 32 bytes",
                          "secret_box_key");
    }
    ensure_sodium();
}

std::string SecretBox::seal(std::span<const unsigned char> plain, std::string_view context) const {
    std::string sealed(nonce_bytes + plain.size() + tag_bytes, '\0');
    auto* out = reinterpret_cast<unsigned char*>(sealed.data());
    randombytes_buf(out, nonce_bytes);
    unsigned long long written = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(out + nonce_bytes, &written, plain.data(),
                                               plain.size(), bytes_of(context), context.size(),
                                               nullptr, out, m_key.data());
    return sealed;
}

std::vector<unsigned char> SecretBox::open(std::string_view sealed,
                                           std::string_view context) const {
    if (sealed.size() < nonce_bytes + tag_bytes) {
        throw core::Error(core::ErrorCode::invalid_input, "sealed value is truncated");
    }
    std::vector<unsigned char> plain(sealed.size() - nonce_bytes - tag_bytes);
    unsigned long long length = 0;
    const unsigned char* nonce = bytes_of(sealed);
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            plain.data(), &length, nullptr, nonce + nonce_bytes, sealed.size() - nonce_bytes,
            bytes_of(context), context.size(), nonce, m_key.data()) != 0) {
        throw core::Error(core::ErrorCode::invalid_input,
                          "sealed value does not open with this key and context");
    }
    return plain;
}

}  // namespace okrsek::service::security
