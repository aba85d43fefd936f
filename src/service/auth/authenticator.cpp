#include "service/auth/authenticator.hpp"

#include <sodium.h>

#include <algorithm>

#include "service/security/base32.hpp"
#include "service/security/secret_token.hpp"

namespace okrsek::service {

using core::Error;
using core::ErrorCode;
namespace sec = security;

namespace {

constexpr std::string_view wrong_credentials = "wrong e-mail address or password";
constexpr std::string_view bad_link = "this link is invalid, used or expired";

std::string join(const std::vector<std::string>& parts) {
    std::string text;
    for (const auto& part : parts) text += (text.empty() ? "" : ", ") + part;
    return text;
}

std::optional<sec::ThrottleCounter> counter(const std::optional<store::ThrottleState>& state) {
    if (!state) return std::nullopt;
    return sec::ThrottleCounter{state->count, state->window_start, state->locked_until};
}

std::string user_id_text(std::int64_t id) {
    return std::to_string(id);
}

std::string secret_context(std::int64_t user_id) {
    return "totp:user:" + std::to_string(user_id);
}

}  // namespace

PasswordRejected::PasswordRejected(std::vector<std::string> reasons)
    : Error(ErrorCode::invalid_input, "the new password is not acceptable: " + join(reasons),
            "password"),
      m_reasons(std::move(reasons)) {}

std::string_view to_string(SignInState state) noexcept {
    switch (state) {
        case SignInState::signed_in:
            return "signed_in";
        case SignInState::second_factor_required:
            return "second_factor_required";
        case SignInState::second_factor_setup_required:
            return "second_factor_setup_required";
    }
    return "signed_in";
}

sec::Scope to_security_scope(const store::RoleScope& scope) {
    switch (scope.kind) {
        case store::ScopeKind::global:
            return sec::Scope::everything();
        case store::ScopeKind::municipality:
            return sec::Scope::municipality(scope.municipality_code.value_or(0));
        case store::ScopeKind::city_part:
            return sec::Scope::city_part(scope.area_id.value_or(0));
        case store::ScopeKind::district:
            return sec::Scope::district(scope.area_id.value_or(0));
    }
    return sec::Scope::everything();
}

store::RoleScope to_store_scope(const sec::Scope& scope) {
    switch (scope.kind) {
        case sec::ScopeKind::global:
            return {store::ScopeKind::global, {}, {}};
        case sec::ScopeKind::municipality:
            return {store::ScopeKind::municipality, scope.id, {}};
        case sec::ScopeKind::city_part:
            return {store::ScopeKind::city_part, {}, scope.id};
        case sec::ScopeKind::district:
            return {store::ScopeKind::district, {}, scope.id};
    }
    return {};
}

Authenticator::Authenticator(store::Store& store, const sec::Clock& clock, AuthSettings settings,
                             std::optional<sec::ServerKeys> keys)
    : m_store(store),
      m_clock(clock),
      m_settings(std::move(settings)),
      m_keys(std::move(keys)),
      m_sessions(m_settings.session),
      m_throttle(m_settings.throttle),
      m_totp(clock, m_settings.totp) {
    validate(m_settings);
    m_hasher = std::make_unique<sec::PasswordHasher>(m_settings.hashing);
    m_policy = std::make_unique<sec::PasswordPolicy>(sec::CommonPasswords::embedded(),
                                                     m_settings.password);
    if (m_keys) {
        m_csrf = std::make_unique<sec::CsrfTokens>(m_keys->csrf);
        m_recovery = std::make_unique<sec::RecoveryCodes>(m_keys->recovery_codes);
        m_box = std::make_unique<sec::SecretBox>(m_keys->secret_box);
    }
}

Authenticator::~Authenticator() = default;

const sec::ServerKeys& Authenticator::keys() const {
    if (!m_keys) {
        throw Error(ErrorCode::internal,
                    "no secret key configured (--secret-key-file): second factors and CSRF "
                    "tokens need one",
                    "secret_key_file");
    }
    return *m_keys;
}

const sec::CsrfTokens& Authenticator::csrf() const {
    keys();
    return *m_csrf;
}

void Authenticator::check_new_password(std::string_view password, std::string_view email,
                                       std::string_view name) const {
    auto reasons = m_policy->check(password, {email, name});
    if (!reasons.empty()) throw PasswordRejected(std::move(reasons));
}

bool Authenticator::needs_second_factor(std::span<const sec::Grant> grants) {
    if (grants.empty()) return false;
    std::vector<sec::Role> sensitive;
    for (const auto& code : m_store.sensitive_roles()) {
        if (auto role = sec::role_from_code(code)) sensitive.push_back(*role);
    }
    return sec::requires_second_factor(grants, sensitive);
}

void Authenticator::load_grants(std::int64_t user_id, Principal& principal) {
    principal.grants.clear();
    principal.grant_ids.clear();
    for (const auto& grant : m_store.grants_of(user_id)) {
        const auto role = sec::role_from_code(grant.role);
        if (!role) continue;  // a role of a later version: grants nothing here
        principal.grants.push_back({*role, to_security_scope(grant.scope)});
        principal.grant_ids.push_back(grant.id);
    }
}

void Authenticator::seed_sensitive_roles() {
    if (!m_store.sensitive_roles().empty()) return;
    if (!m_store.list_audit({.action = "role.sensitive.", .limit = 1}).empty()) return;
    const auto now = m_clock.now();
    for (const auto role : sec::default_sensitive_roles()) {
        store::AuditEntry audit;
        audit.actor_kind = store::ActorKind::system;
        audit.reason = "default of a new installation";
        m_store.set_role_sensitive(sec::to_code(role), true, now, audit);
    }
}

store::PurgeResult Authenticator::purge_expired() {
    const auto now = m_clock.now();
    // Sessions past their absolute end go; idle ones are refused on use.
    return m_store.purge_expired(
        now, std::max(m_settings.throttle.account_window, m_settings.throttle.ip_window));
}

void Authenticator::count_failure(const std::string& account_key,
                                  const std::optional<std::int64_t>& user_id,
                                  const ClientInfo& client, std::string_view action) {
    const auto now = m_clock.now();
    const auto counted = m_store.throttle_hit(account_key, m_settings.throttle.account_window, now);
    if (const auto until = m_throttle.account_lock_after(
            {counted.count, counted.window_start, counted.locked_until}, now)) {
        m_store.throttle_lock(account_key, *until);
    }
    store::AuditEntry audit;
    audit.actor_kind = user_id ? store::ActorKind::user : store::ActorKind::system;
    audit.actor_id = user_id;
    audit.action = std::string(action);
    audit.object_type = "account";
    // Not the address typed: an unknown account is recorded as such.
    audit.object_id = user_id ? user_id_text(*user_id) : "unknown";
    if (!client.address.empty()) audit.client_address = client.address;
    m_store.append_audit(audit, now);
}

SignIn Authenticator::login(std::string_view email, std::string_view password,
                            const ClientInfo& client) {
    if (email.empty() || email.size() > 320) {
        throw Error(ErrorCode::unauthenticated, std::string(wrong_credentials), "email");
    }
    if (password.size() > sec::max_password_bytes) {
        throw Error(ErrorCode::unauthenticated, std::string(wrong_credentials), "password");
    }
    const auto now = m_clock.now();
    const std::string account_key = sec::account_throttle_key(email);
    std::optional<std::string> ip_key;
    if (!client.address.empty()) ip_key = sec::ip_throttle_key(client.address);

    const auto decision =
        m_throttle.decide(counter(m_store.throttle_state(account_key)),
                          ip_key ? counter(m_store.throttle_state(*ip_key)) : std::nullopt, now);
    if (!decision.allowed) {
        store::AuditEntry audit;
        audit.action = "auth.login.throttled";
        audit.object_type = "account";
        audit.object_id = decision.limit == sec::ThrottleLimit::ip ? "address" : "account";
        if (!client.address.empty()) audit.client_address = client.address;
        m_store.append_audit(audit, now);
        throw ThrottledError("too many login attempts; try again later", decision.retry_after);
    }
    if (ip_key) m_store.throttle_hit(*ip_key, m_settings.throttle.ip_window, now);

    const auto user = m_store.find_user_by_email(email);
    std::optional<store::UserCredentials> credentials;
    if (user) credentials = m_store.user_credentials(user->id);
    const bool usable = credentials && credentials->active && credentials->password_hash;
    const auto check =
        m_hasher->verify(password, usable ? credentials->password_hash : std::nullopt);
    if (!usable || !check.matches) {
        count_failure(account_key, user ? std::optional(user->id) : std::nullopt, client,
                      "auth.login.failed");
        throw Error(ErrorCode::unauthenticated, std::string(wrong_credentials));
    }
    m_store.throttle_reset(account_key);

    Principal principal;
    principal.kind = Principal::Kind::user;
    principal.id = user->id;
    principal.client = client;
    load_grants(user->id, principal);

    SignIn result;
    if (credentials->totp_enabled) {
        result.state = SignInState::second_factor_required;
    } else if (needs_second_factor(principal.grants)) {
        result.state = SignInState::second_factor_setup_required;
    }
    result.token = sec::new_secret_token();
    store::NewSession session;
    session.user_id = user->id;
    session.token_hash = sec::token_hash(result.token);
    session.expires_at = now + m_settings.session.absolute_lifetime;
    if (!client.address.empty()) session.ip = client.address;
    if (!client.user_agent.empty()) session.user_agent = client.user_agent;
    session.second_factor_pending = result.state != SignInState::signed_in;
    result.session = m_store.create_session(
        session, now,
        principal.audit(session.second_factor_pending ? "auth.login.password" : "auth.login",
                        "session", ""));
    if (check.needs_rehash) {
        // Same password, current cost; the user's other sessions go on.
        m_store.replace_password_hash(user->id, *credentials->password_hash,
                                      m_hasher->hash(password), now,
                                      principal.audit("user.password.rehash", "user", ""));
    }
    return result;
}

std::optional<SessionPrincipal> Authenticator::session_principal(std::string_view session_token,
                                                                 const ClientInfo& client) {
    if (!sec::is_well_formed_token(session_token)) return std::nullopt;
    const auto now = m_clock.now();
    const auto session = m_store.find_session(sec::token_hash(session_token), now);
    if (!session) return std::nullopt;
    if (m_sessions.is_expired(session->created_at, session->last_seen_at, now)) {
        return std::nullopt;
    }
    if (session->second_factor_pending && now - session->created_at >= second_factor_timeout) {
        return std::nullopt;
    }
    const auto user = m_store.find_user(session->user_id);
    if (!user || !user->active) return std::nullopt;

    SessionPrincipal result;
    Principal& principal = result.principal;
    principal.kind = Principal::Kind::user;
    principal.id = user->id;
    principal.email = user->email;
    principal.display_name = user->display_name;
    principal.totp_enabled = user->totp_enabled;
    principal.session_id = session->id;
    principal.session_created_at = session->created_at;
    principal.session_last_seen_at = session->last_seen_at;
    principal.client = client;
    if (session->second_factor_pending) {
        result.state = user->totp_enabled ? SignInState::second_factor_required
                                          : SignInState::second_factor_setup_required;
        // A pending session holds no powers: its grants stay empty.
        return result;
    }
    load_grants(user->id, principal);
    if (m_sessions.should_touch(session->last_seen_at, now)) {
        m_store.touch_session(session->id, now);
        principal.session_last_seen_at = now;
    }
    return result;
}

std::optional<Principal> Authenticator::token_principal(std::string_view token,
                                                        const ClientInfo& client) {
    if (!sec::is_well_formed_token(token, sec::api_token_prefix)) return std::nullopt;
    const auto now = m_clock.now();
    const auto found = m_store.find_api_token(sec::token_hash(token), now);
    if (!found) return std::nullopt;
    if (!found->last_used_at || now - *found->last_used_at >= m_settings.session.touch_interval) {
        m_store.touch_api_token(found->id, now);
    }
    Principal principal;
    principal.kind = Principal::Kind::token;
    principal.id = found->id;
    principal.display_name = found->name;
    principal.token_scope = found->scope;
    principal.token_municipality = found->municipality_code;
    principal.client = client;
    return principal;
}

SignIn Authenticator::rotate(std::string_view old_token, bool completed, const Principal& principal,
                             std::string_view action) {
    SignIn result;
    result.token = sec::new_secret_token();
    const auto rotated =
        m_store.rotate_session(sec::token_hash(old_token), sec::token_hash(result.token), completed,
                               m_clock.now(), principal.audit(std::string(action), "session", ""));
    if (!rotated) throw Error(ErrorCode::unauthenticated, "the session has ended; sign in again");
    result.session = *rotated;
    result.state = rotated->second_factor_pending
                       ? (principal.totp_enabled ? SignInState::second_factor_required
                                                 : SignInState::second_factor_setup_required)
                       : SignInState::signed_in;
    return result;
}

std::vector<unsigned char> Authenticator::totp_secret(std::int64_t user_id,
                                                      const std::string& sealed) const {
    keys();
    return m_box->open(sealed, secret_context(user_id));
}

std::string Authenticator::seal_totp(std::int64_t user_id,
                                     std::span<const unsigned char> secret) const {
    keys();
    return m_box->seal(secret, secret_context(user_id));
}

SignIn Authenticator::complete_second_factor(std::string_view session_token, std::string_view code,
                                             bool recovery, const ClientInfo& client) {
    keys();
    auto found = session_principal(session_token, client);
    if (!found || found->state != SignInState::second_factor_required) {
        throw Error(ErrorCode::unauthenticated,
                    "no sign-in is waiting for a second factor; sign in again");
    }
    Principal& principal = found->principal;
    const std::string account_key = sec::account_throttle_key(principal.email);
    const auto now = m_clock.now();
    const auto decision =
        m_throttle.decide(counter(m_store.throttle_state(account_key)), std::nullopt, now);
    if (!decision.allowed) {
        throw ThrottledError("too many wrong codes; try again later", decision.retry_after);
    }
    const auto credentials = m_store.user_credentials(principal.id);
    bool accepted = false;
    if (credentials && credentials->totp_enabled && credentials->totp_secret) {
        if (recovery) {
            auto stored = m_store.recovery_codes(principal.id);
            std::vector<sec::StoredRecoveryCode> codes;
            for (const auto& item : stored)
                codes.push_back({item.code_hash, item.used_at.has_value()});
            if (const auto index = m_recovery->verify_and_consume(code, codes)) {
                accepted = m_store.consume_recovery_code(
                    principal.id, stored[*index].id, now,
                    principal.audit("user.recovery_code.use", "user", user_id_text(principal.id)));
            }
        } else {
            const auto secret = totp_secret(principal.id, *credentials->totp_secret);
            if (const auto step = m_totp.verify(secret, code, credentials->totp_last_step)) {
                accepted = m_store.record_totp_step(principal.id, *step);
            }
        }
    }
    if (!accepted) {
        count_failure(account_key, principal.id, client, "auth.second_factor.failed");
        throw Error(ErrorCode::unauthenticated, "wrong or already used code", "code");
    }
    m_store.throttle_reset(account_key);
    return rotate(session_token, true, principal,
                  recovery ? "auth.login.recovery_code" : "auth.login.totp");
}

void Authenticator::logout(const Principal& principal) {
    if (!principal.session_id) return;
    m_store.revoke_session(*principal.session_id, m_clock.now(),
                           principal.audit("auth.logout", "session", ""));
}

std::int64_t Authenticator::logout_everywhere(const Principal& principal) {
    return m_store.revoke_user_sessions(principal.id, std::nullopt, m_clock.now(),
                                        principal.audit("auth.logout_everywhere", "user", ""));
}

std::int64_t Authenticator::end_other_sessions(const Principal& principal) {
    return m_store.revoke_user_sessions(principal.id, principal.session_id, m_clock.now(),
                                        principal.audit("session.revoke_others", "user", ""));
}

std::vector<store::Session> Authenticator::sessions(const Principal& principal) {
    return m_store.sessions_of(principal.id, m_clock.now());
}

TotpEnrolment Authenticator::begin_totp(const Principal& principal) {
    keys();
    const auto credentials = m_store.user_credentials(principal.id);
    if (!credentials) throw Error(ErrorCode::not_found, "no such user", "user");
    if (credentials->totp_enabled) {
        throw Error(ErrorCode::conflict, "two-factor login is on already; turn it off first");
    }
    const auto secret = sec::new_totp_secret();
    m_store.set_totp(principal.id, seal_totp(principal.id, secret), false, m_clock.now(),
                     principal.audit("user.totp.begin", "user", user_id_text(principal.id)));
    return {sec::base32_encode(secret), m_totp.uri(principal.email, secret)};
}

TotpConfirmation Authenticator::confirm_totp(const Principal& principal,
                                             std::string_view session_token,
                                             std::string_view code) {
    keys();
    const auto credentials = m_store.user_credentials(principal.id);
    if (!credentials || !credentials->totp_secret || credentials->totp_enabled) {
        throw Error(ErrorCode::conflict, "no two-factor setup is waiting; start it again");
    }
    const auto secret = totp_secret(principal.id, *credentials->totp_secret);
    const auto step = m_totp.verify(secret, code, credentials->totp_last_step);
    if (!step || !m_store.record_totp_step(principal.id, *step)) {
        throw Error(ErrorCode::invalid_input, "the code does not match; check the phone's time",
                    "code");
    }
    const auto now = m_clock.now();
    const std::string object = user_id_text(principal.id);
    m_store.set_totp(principal.id, *credentials->totp_secret, true, now,
                     principal.audit("user.totp.enable", "user", object));
    // The step just used stays recorded: set_totp keeps it with the same secret bytes.
    m_store.record_totp_step(principal.id, *step);
    TotpConfirmation result;
    auto set = m_recovery->generate();
    m_store.replace_recovery_codes(principal.id, set.hashes, now,
                                   principal.audit("user.recovery_codes.replace", "user", object));
    result.recovery_codes = std::move(set.codes);
    Principal enabled = principal;
    enabled.totp_enabled = true;
    result.sign_in = rotate(session_token, true, enabled, "auth.session.rotate");
    return result;
}

void Authenticator::verify_own_password(const Principal& principal, std::string_view password) {
    const std::string account_key = sec::account_throttle_key(principal.email);
    const auto now = m_clock.now();
    const auto decision =
        m_throttle.decide(counter(m_store.throttle_state(account_key)), std::nullopt, now);
    if (!decision.allowed) {
        throw ThrottledError("too many wrong passwords; try again later", decision.retry_after);
    }
    const auto credentials = m_store.user_credentials(principal.id);
    const auto check =
        m_hasher->verify(password.size() > sec::max_password_bytes ? std::string_view() : password,
                         credentials ? credentials->password_hash : std::nullopt);
    if (!check.matches) {
        count_failure(account_key, principal.id, principal.client, "auth.password.failed");
        throw Error(ErrorCode::invalid_input, "the current password is wrong", "current_password");
    }
}

void Authenticator::disable_totp(const Principal& principal, std::string_view password) {
    verify_own_password(principal, password);
    // The stored grants, not the principal's: a session still waiting for its second factor
    // carries none, and must not be able to switch the factor off with the password alone.
    Principal current;
    load_grants(principal.id, current);
    if (needs_second_factor(current.grants)) {
        throw Error(ErrorCode::conflict,
                    "your roles require two-factor login; it cannot be turned off");
    }
    const auto now = m_clock.now();
    const std::string object = user_id_text(principal.id);
    m_store.set_totp(principal.id, std::nullopt, false, now,
                     principal.audit("user.totp.disable", "user", object));
    m_store.replace_recovery_codes(principal.id, {}, now,
                                   principal.audit("user.recovery_codes.replace", "user", object));
}

std::vector<std::string> Authenticator::regenerate_recovery_codes(const Principal& principal,
                                                                  std::string_view password) {
    keys();
    verify_own_password(principal, password);
    if (!principal.totp_enabled) {
        throw Error(ErrorCode::conflict, "recovery codes need two-factor login to be on");
    }
    auto set = m_recovery->generate();
    m_store.replace_recovery_codes(
        principal.id, set.hashes, m_clock.now(),
        principal.audit("user.recovery_codes.replace", "user", user_id_text(principal.id)));
    return std::move(set.codes);
}

SignIn Authenticator::change_password(const Principal& principal, std::string_view session_token,
                                      std::string_view current_password,
                                      std::string_view new_password) {
    verify_own_password(principal, current_password);
    check_new_password(new_password, principal.email, principal.display_name);
    m_store.set_password_hash(
        principal.id, m_hasher->hash(new_password), m_clock.now(), principal.session_id,
        principal.audit("user.password.change", "user", user_id_text(principal.id)));
    return rotate(session_token, false, principal, "auth.session.rotate");
}

LinkInfo Authenticator::check_link(std::string_view token, store::LinkPurpose purpose) {
    const auto invalid = [] {
        return Error(ErrorCode::invalid_input, std::string(bad_link), "token");
    };
    if (!sec::is_well_formed_token(token)) throw invalid();
    const auto link = m_store.find_one_time_link(sec::token_hash(token), purpose, m_clock.now());
    if (!link) throw invalid();
    const auto user = m_store.find_user(link->user_id);
    if (!user) throw invalid();
    return {link->purpose, user->email, user->display_name, link->expires_at};
}

void Authenticator::complete_link(std::string_view token, store::LinkPurpose purpose,
                                  std::string_view password, const ClientInfo& client) {
    const LinkInfo info = check_link(token, purpose);
    check_new_password(password, info.email, info.display_name);
    const auto link = m_store.find_one_time_link(sec::token_hash(token), purpose, m_clock.now());
    if (!link) throw Error(ErrorCode::invalid_input, std::string(bad_link), "token");
    Principal actor;
    actor.kind = Principal::Kind::user;
    actor.id = link->user_id;
    actor.client = client;
    const auto used = m_store.consume_one_time_link(
        sec::token_hash(token), purpose, m_clock.now(), m_hasher->hash(password),
        actor.audit(purpose == store::LinkPurpose::invite ? "auth.invitation.accept"
                                                          : "auth.password_reset.complete",
                    "user", user_id_text(link->user_id)));
    if (!used) throw Error(ErrorCode::invalid_input, std::string(bad_link), "token");
}

std::string Authenticator::issue_link(std::int64_t user_id, store::LinkPurpose purpose,
                                      const store::AuditEntry& audit) {
    const std::string token = sec::new_secret_token();
    const auto now = m_clock.now();
    store::NewOneTimeLink link;
    link.token_hash = sec::token_hash(token);
    link.user_id = user_id;
    link.purpose = purpose;
    link.expires_at =
        now + (purpose == store::LinkPurpose::invite ? m_settings.invitation_lifetime
                                                     : m_settings.password_reset_lifetime);
    m_store.create_one_time_link(link, now, audit);
    std::string url = m_settings.public_url;
    while (!url.empty() && url.back() == '/') url.pop_back();
    // In the fragment: browsers send no fragment to servers or in Referer headers.
    url += purpose == store::LinkPurpose::invite ? "/admin/#invite=" : "/admin/#reset=";
    return url + token;
}

}  // namespace okrsek::service
