#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "service/auth/authenticator.hpp"
#include "service/auth/principal.hpp"
#include "service/security/authorization.hpp"
#include "store/store.hpp"

namespace okrsek::service {

/// Where an area-based scope lies (its town, its city part); throws core::Error not_found
/// (field "scope") for an unknown area or one of the wrong layer.
using TargetResolver = std::function<security::Target(const security::Scope&)>;

// Members have defaults ("{}"), so that designated initialisers may leave any out.
struct NewAccount {
    std::string email{};
    std::string display_name{};
    std::optional<std::string> password{};  ///< none: an invitation link is issued
    std::optional<security::Role> role{};   ///< a first grant, with `scope`
    security::Scope scope = security::Scope::everything();
    std::optional<std::string> reason{};
};

struct CreatedAccount {
    store::UserWithGrants user;
    std::optional<std::string> invitation_url;  ///< shown once
    std::optional<store::TimePoint> invitation_expires_at;
};

struct IssuedLink {
    std::string url;  ///< shown once
    store::TimePoint expires_at{};
};

struct RoleInfo {
    security::Role role = security::Role::administrator;
    bool sensitive = false;
    std::vector<security::ScopeKind> grantable_at;
    std::vector<security::Action> actions;
};

struct NewMachineToken {
    std::string name{};
    std::string scope{};  ///< e.g. "open311", "import"
    std::optional<std::int64_t> municipality_code{};
    std::optional<store::TimePoint> expires_at{};
};

struct IssuedMachineToken {
    store::ApiToken token;
    std::string secret;  ///< "okt_…", shown once
};

/// Machine token scopes this version knows.
inline constexpr std::array<std::string_view, 2> machine_token_scopes{"open311", "import"};

/// The administration of accounts, roles, machine tokens and the audit log, each operation
/// checked against the role × action × scope matrix (deny by default; objects are located from
/// what is stored, never from the request) and audited, reads of personal data included.
/// Throws core::Error forbidden when the principal may not, unauthenticated for a principal
/// that is not a complete user session or the command line. Thread-safe.
class AccountAdmin {
public:
    AccountAdmin(store::Store& store, Authenticator& authenticator, TargetResolver target_of);

    /// Whether `principal` may do `action` on `target` (the command line may do everything;
    /// machine tokens nothing here).
    bool allowed(const Principal& principal, security::Action action,
                 const security::Target& target) const;
    /// Throws forbidden naming the action when not allowed.
    void require(const Principal& principal, security::Action action,
                 const security::Target& target) const;
    /// Whether the principal may do `action` anywhere at all (to show a menu).
    bool allowed_somewhere(const Principal& principal, security::Action action) const;
    security::Target target_of(const security::Scope& scope) const { return m_target_of(scope); }

    /// Every user the principal may see: all for deployment-wide readers, otherwise those
    /// holding a grant inside the reader's scopes.
    std::vector<store::UserWithGrants> list_users(const Principal& principal);
    store::UserWithGrants user(const Principal& principal, std::int64_t user_id);
    /// The account with this e-mail address (compared case-insensitively); none when there is
    /// none or the principal may not see it (so that it learns nothing about addresses it may
    /// not read). Throws forbidden without users.read anywhere. Audited as "user.read".
    std::optional<store::User> find_by_email(const Principal& principal, std::string_view email);
    CreatedAccount create_user(const Principal& principal, const NewAccount& account);
    void set_active(const Principal& principal, std::int64_t user_id, bool active,
                    const std::string& reason);
    /// A password reset link (or, for a user who never set a password, a new invitation).
    IssuedLink issue_password_reset(const Principal& principal, std::int64_t user_id);

    std::int64_t grant(const Principal& principal, std::int64_t user_id, security::Role role,
                       const security::Scope& scope, const std::string& reason);
    void revoke(const Principal& principal, std::int64_t grant_id, const std::string& reason);

    std::vector<RoleInfo> roles(const Principal& principal);
    void set_sensitive(const Principal& principal, security::Role role, bool sensitive,
                       const std::string& reason);

    /// Deployment-wide readers see every row; a town's reader only rows of that town (the
    /// filter's municipality must be one they read, and is filled in when they read just one).
    std::vector<store::AuditRecord> audit(const Principal& principal, store::AuditFilter filter);

    IssuedMachineToken create_token(const Principal& principal, const NewMachineToken& token);
    std::vector<store::ApiToken> tokens(const Principal& principal);
    void revoke_token(const Principal& principal, std::int64_t token_id, const std::string& reason);

private:
    bool can_see(const Principal& principal, const store::UserWithGrants& user) const;
    security::Target grant_target(const store::RoleGrant& grant) const;
    store::TimePoint now() const;

    store::Store& m_store;
    Authenticator& m_auth;
    TargetResolver m_target_of;
};

/// Throws invalid_argument (field "reason") when empty or over 2000 bytes.
std::string required_reason(std::string_view reason);

}  // namespace okrsek::service
