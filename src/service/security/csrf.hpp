#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace okrsek::service::security {

inline constexpr std::size_t csrf_key_bytes = 32;

/// CSRF tokens bound to what the browser holds, so no table is needed and every server with the
/// same key accepts them: the MAC (libsodium crypto_auth, HMAC-SHA-512-256) of the session
/// token, or before login of a random pre-session value kept in its own cookie. A page of
/// another site can make the browser send the cookies but cannot read the token (the answer
/// of GET /api/v1/auth/csrf is same-origin), so it cannot send the header. A new session (after
/// login, second factor, password change) gets a new token. Thread-safe.
class CsrfTokens {
public:
    /// Throws core::Error invalid_argument (field "csrf_key") unless csrf_key_bytes long.
    explicit CsrfTokens(std::span<const unsigned char> key);

    /// The token for the session whose cookie holds `session_token`.
    std::string for_session(std::string_view session_token) const;
    /// The token for a visitor without a session whose pre-session cookie holds `nonce`.
    std::string for_pre_session(std::string_view nonce) const;

    /// Constant-time comparisons with what the request's header says.
    bool matches_session(std::string_view session_token, std::string_view header) const;
    bool matches_pre_session(std::string_view nonce, std::string_view header) const;

private:
    std::string mac(std::string_view kind, std::string_view value) const;
    std::vector<unsigned char> m_key;
};

}  // namespace okrsek::service::security
