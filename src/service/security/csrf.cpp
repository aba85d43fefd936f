#include "service/security/csrf.hpp"

#include <sodium.h>

#include "core/error.hpp"
#include "service/security/random.hpp"
#include "service/security/secret_token.hpp"

namespace okrsek::service::security {

static_assert(csrf_key_bytes == crypto_auth_KEYBYTES);

CsrfTokens::CsrfTokens(std::span<const unsigned char> key) : m_key(key.begin(), key.end()) {
    if (m_key.size() != csrf_key_bytes) {
        throw core::Error(core::ErrorCode::invalid_argument, "the CSRF key must be 32 bytes",
                          "csrf_key");
    }
    ensure_sodium();
}

std::string CsrfTokens::mac(std::string_view kind, std::string_view value) const {
    std::string message = "okrsek-csrf:";
    message += kind;
    message += ':';
    message += value;
    unsigned char tag[crypto_auth_BYTES];
    crypto_auth(tag, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                m_key.data());
    char text[sodium_base64_ENCODED_LEN(crypto_auth_BYTES,
                                        sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(text, sizeof text, tag, sizeof tag, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return text;
}

std::string CsrfTokens::for_session(std::string_view session_token) const {
    return mac("session", session_token);
}

std::string CsrfTokens::for_pre_session(std::string_view nonce) const {
    return mac("pre", nonce);
}

bool CsrfTokens::matches_session(std::string_view session_token, std::string_view header) const {
    return !header.empty() && constant_time_equal(for_session(session_token), header);
}

bool CsrfTokens::matches_pre_session(std::string_view nonce, std::string_view header) const {
    return !header.empty() && constant_time_equal(for_pre_session(nonce), header);
}

}  // namespace okrsek::service::security
