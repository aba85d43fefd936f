#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "service/auth/auth_settings.hpp"
#include "service/auth/principal.hpp"
#include "service/security/authorization.hpp"
#include "service/security/clock.hpp"
#include "service/security/csrf.hpp"
#include "service/security/login_throttle_policy.hpp"
#include "service/security/password_hasher.hpp"
#include "service/security/password_policy.hpp"
#include "service/security/recovery_codes.hpp"
#include "service/security/secret_box.hpp"
#include "service/security/server_keys.hpp"
#include "service/security/session_policy.hpp"
#include "service/security/totp.hpp"
#include "store/store.hpp"

namespace okrsek::service {

/// A login attempt refused by throttling: HTTP 429 with Retry-After.
class ThrottledError : public core::Error {
public:
    ThrottledError(std::string message, std::chrono::seconds retry_after)
        : core::Error(core::ErrorCode::rate_limited, std::move(message)),
          m_retry_after(retry_after) {}
    std::chrono::seconds retry_after() const noexcept { return m_retry_after; }

private:
    std::chrono::seconds m_retry_after;
};

/// A refused new password: invalid_input (field "password") listing the reason codes
/// (security::password_reason) for the UI to translate.
class PasswordRejected : public core::Error {
public:
    explicit PasswordRejected(std::vector<std::string> reasons);
    const std::vector<std::string>& reasons() const noexcept { return m_reasons; }

private:
    std::vector<std::string> m_reasons;
};

/// Where a session stands after the password.
enum class SignInState {
    signed_in,                     ///< full session
    second_factor_required,        ///< TOTP (or a recovery code) still to come
    second_factor_setup_required,  ///< a sensitive role and no TOTP yet: enrol first
};

/// "signed_in", "second_factor_required", "second_factor_setup_required".
std::string_view to_string(SignInState state) noexcept;

/// A new or rotated session: `token` goes into the cookie, and only there.
struct SignIn {
    SignInState state = SignInState::signed_in;
    std::string token;
    store::Session session;
};

/// A session found from its cookie: who, and whether the second factor is still pending.
struct SessionPrincipal {
    Principal principal;
    SignInState state = SignInState::signed_in;
};

struct TotpEnrolment {
    std::string secret_base32;  ///< for typing into the app
    std::string otpauth_uri;    ///< for the QR code
};

struct TotpConfirmation {
    std::vector<std::string> recovery_codes;  ///< shown once
    SignIn sign_in;                           ///< the session, rotated
};

/// A one-time link as its form shows it (nothing secret).
struct LinkInfo {
    store::LinkPurpose purpose = store::LinkPurpose::invite;
    std::string email;
    std::string display_name;
    store::TimePoint expires_at{};
};

/// Everything between credentials and a Principal: login with throttling (shared by every
/// server through the store), second factor, sessions with idle and absolute expiry, machine
/// tokens, one-time links, password and TOTP changes of one's own account. Every change is
/// audited in the transaction that makes it; failed logins are audited too. Error messages never
/// say whether an account exists. Thread-safe.
class Authenticator {
public:
    /// `keys`: without them (CLI commands that need none) TOTP, recovery codes and CSRF throw
    /// core::Error internal naming the missing setting. `clock` must outlive this object.
    Authenticator(store::Store& store, const security::Clock& clock, AuthSettings settings,
                  std::optional<security::ServerKeys> keys);
    ~Authenticator();

    const AuthSettings& settings() const noexcept { return m_settings; }
    const security::Clock& clock() const noexcept { return m_clock; }
    const security::CsrfTokens& csrf() const;
    security::PasswordHasher& hasher() { return *m_hasher; }
    const security::PasswordPolicy& password_policy() const { return *m_policy; }

    /// Password login. Throws unauthenticated "wrong e-mail address or password" for every
    /// failure (unknown, inactive, no password yet, wrong password) at the same cost, and
    /// ThrottledError when the account or the address is throttled.
    SignIn login(std::string_view email, std::string_view password, const ClientInfo& client);

    /// Completes a pending session with a TOTP code or (when `recovery`) a recovery code, and
    /// rotates it. Throws unauthenticated for a wrong, reused or expired code or session.
    SignIn complete_second_factor(std::string_view session_token, std::string_view code,
                                  bool recovery, const ClientInfo& client);

    /// The session of a cookie, pending ones included; std::nullopt when unknown, revoked,
    /// idle too long, past its absolute end, or pending for too long. Notes activity at most
    /// once per touch interval.
    std::optional<SessionPrincipal> session_principal(std::string_view session_token,
                                                      const ClientInfo& client);

    /// The machine token of an "Authorization: Bearer okt_…" header; std::nullopt otherwise.
    std::optional<Principal> token_principal(std::string_view token, const ClientInfo& client);

    /// Ends the principal's session (logout).
    void logout(const Principal& principal);
    /// Ends every session of the principal's user, this one included; returns how many.
    std::int64_t logout_everywhere(const Principal& principal);
    /// Ends the user's other sessions; returns how many.
    std::int64_t end_other_sessions(const Principal& principal);
    /// The user's usable sessions, newest first.
    std::vector<store::Session> sessions(const Principal& principal);

    /// Starts TOTP enrolment (a full session without TOTP, or a pending one that must enrol):
    /// stores a new secret, not yet enabled. Throws conflict when TOTP is on already.
    TotpEnrolment begin_totp(const Principal& principal);
    /// Enables TOTP when `code` fits the pending secret, makes recovery codes and rotates the
    /// session (completing it when pending). Throws invalid_input (field "code") otherwise.
    TotpConfirmation confirm_totp(const Principal& principal, std::string_view session_token,
                                  std::string_view code);
    /// Needs the password. Throws conflict when the user's roles require a second factor.
    void disable_totp(const Principal& principal, std::string_view password);
    /// Needs the password; replaces every recovery code.
    std::vector<std::string> regenerate_recovery_codes(const Principal& principal,
                                                       std::string_view password);
    /// Needs the current password; ends the other sessions and rotates this one.
    SignIn change_password(const Principal& principal, std::string_view session_token,
                           std::string_view current_password, std::string_view new_password);

    /// A link's details for its form; throws invalid_input (field "token") when unusable.
    LinkInfo check_link(std::string_view token, store::LinkPurpose purpose);
    /// Sets the password through an invitation or reset link (once).
    void complete_link(std::string_view token, store::LinkPurpose purpose,
                       std::string_view password, const ClientInfo& client);
    /// Makes a link for a user (used by AccountAdmin); returns its URL.
    std::string issue_link(std::int64_t user_id, store::LinkPurpose purpose,
                           const store::AuditEntry& audit);

    /// Throws PasswordRejected when `password` breaks the policy for this owner.
    void check_new_password(std::string_view password, std::string_view email,
                            std::string_view name) const;

    /// Whether the grants hold a role an administrator marked as sensitive.
    bool needs_second_factor(std::span<const security::Grant> grants);

    /// Loads a user's active grants as security::Grant (with their stored ids).
    void load_grants(std::int64_t user_id, Principal& principal);

    /// Marks security::default_sensitive_roles() as sensitive on a database where no one ever
    /// chose (no "role.sensitive." audit row): the first start of a town.
    void seed_sensitive_roles();

    /// Deletes expired sessions, links and throttle counters.
    store::PurgeResult purge_expired();

private:
    const security::ServerKeys& keys() const;
    void count_failure(const std::string& account_key, const std::optional<std::int64_t>& user_id,
                       const ClientInfo& client, std::string_view action);
    std::vector<unsigned char> totp_secret(std::int64_t user_id, const std::string& sealed) const;
    std::string seal_totp(std::int64_t user_id, std::span<const unsigned char> secret) const;
    SignIn rotate(std::string_view old_token, bool completed, const Principal& principal,
                  std::string_view action);
    void verify_own_password(const Principal& principal, std::string_view password);

    store::Store& m_store;
    const security::Clock& m_clock;
    AuthSettings m_settings;
    std::optional<security::ServerKeys> m_keys;
    std::unique_ptr<security::PasswordHasher> m_hasher;
    std::unique_ptr<security::PasswordPolicy> m_policy;
    security::SessionPolicy m_sessions;
    security::LoginThrottlePolicy m_throttle;
    security::TotpVerifier m_totp;
    std::unique_ptr<security::CsrfTokens> m_csrf;
    std::unique_ptr<security::RecoveryCodes> m_recovery;
    std::unique_ptr<security::SecretBox> m_box;
};

/// Converts between the store's and the policy's forms of a grant.
security::Scope to_security_scope(const store::RoleScope& scope);
store::RoleScope to_store_scope(const security::Scope& scope);

/// How long a session may wait for its second factor.
inline constexpr std::chrono::minutes second_factor_timeout{10};

}  // namespace okrsek::service
