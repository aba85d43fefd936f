#include "service/auth/account_admin.hpp"

#include <algorithm>

#include "service/security/secret_token.hpp"

namespace okrsek::service {

using core::Error;
using core::ErrorCode;
namespace sec = security;

namespace {

std::string id_text_account_admin(std::int64_t id) {
    return std::to_string(id);
}

}  // namespace

std::string required_reason(std::string_view reason) {
    // Browsers send a textarea's line breaks as CR LF: "\r\n" alone is no reason either.
    constexpr std::string_view blank = " \t\r\n";
    std::string_view trimmed = reason;
    while (!trimmed.empty() && blank.find(trimmed.front()) != std::string_view::npos) {
        trimmed.remove_prefix(1);
    }
    while (!trimmed.empty() && blank.find(trimmed.back()) != std::string_view::npos) {
        trimmed.remove_suffix(1);
    }
    if (trimmed.empty()) {
        throw Error(ErrorCode::invalid_argument, "say why (a reason is required)", "reason");
    }
    if (trimmed.size() > 2000) {
        throw Error(ErrorCode::invalid_argument, "the reason is longer than 2000 bytes", "reason");
    }
    return std::string(trimmed);
}

AccountAdmin::AccountAdmin(store::Store& store, Authenticator& authenticator,
                           TargetResolver target_of)
    : m_store(store), m_auth(authenticator), m_target_of(std::move(target_of)) {}

store::TimePoint AccountAdmin::now() const {
    return m_auth.clock().now();
}

bool AccountAdmin::allowed(const Principal& principal, sec::Action action,
                           const sec::Target& target) const {
    if (principal.kind == Principal::Kind::cli) return true;
    if (principal.kind != Principal::Kind::user) return false;
    return sec::allows(principal.grants, action, target).allowed;
}

void AccountAdmin::require(const Principal& principal, sec::Action action,
                           const sec::Target& target) const {
    if (principal.kind == Principal::Kind::token) {
        throw Error(ErrorCode::forbidden, "machine tokens cannot administer accounts");
    }
    if (!allowed(principal, action, target)) {
        throw Error(ErrorCode::forbidden,
                    "your roles do not allow " + std::string(sec::to_code(action)) + " here");
    }
}

bool AccountAdmin::allowed_somewhere(const Principal& principal, sec::Action action) const {
    if (principal.kind == Principal::Kind::cli) return true;
    if (principal.kind != Principal::Kind::user) return false;
    for (const auto& grant : principal.grants) {
        if (sec::role_allows(grant.role, action) &&
            sec::grantable_at(grant.role, grant.scope.kind)) {
            return true;
        }
    }
    return false;
}

sec::Target AccountAdmin::grant_target(const store::RoleGrant& grant) const {
    try {
        return m_target_of(to_security_scope(grant.scope));
    } catch (const Error&) {
        // The area is gone (a later import replaced it): the grant still belongs to its town.
        if (grant.scope.municipality_code) {
            return sec::Target::municipality(*grant.scope.municipality_code);
        }
        return sec::Target::deployment();
    }
}

bool AccountAdmin::can_see(const Principal& principal, const store::UserWithGrants& user) const {
    if (principal.kind == Principal::Kind::user && principal.id == user.user.id) return true;
    if (allowed(principal, sec::Action::users_read, sec::Target::deployment())) return true;
    return std::any_of(user.grants.begin(), user.grants.end(), [&](const store::RoleGrant& grant) {
        return allowed(principal, sec::Action::users_read, grant_target(grant));
    });
}

std::vector<store::UserWithGrants> AccountAdmin::list_users(const Principal& principal) {
    if (!allowed_somewhere(principal, sec::Action::users_read)) {
        require(principal, sec::Action::users_read, sec::Target::deployment());
    }
    auto users = m_store.list_users();
    std::erase_if(users, [&](const auto& user) { return !can_see(principal, user); });
    m_store.append_audit(principal.audit("users.list", "user", "*"), now());
    return users;
}

store::UserWithGrants AccountAdmin::user(const Principal& principal, std::int64_t user_id) {
    const auto found = m_store.find_user(user_id);
    if (!found) {
        // Only someone who may read every account learns that an id is unused.
        require(principal, sec::Action::users_read, sec::Target::deployment());
        throw Error(ErrorCode::not_found, "no user " + id_text_account_admin(user_id), "user");
    }
    store::UserWithGrants result{*found, m_store.grants_of(user_id)};
    if (!can_see(principal, result)) {
        throw Error(ErrorCode::forbidden, "your roles do not allow users.read for this account");
    }
    m_store.append_audit(principal.audit("user.read", "user", id_text_account_admin(user_id)),
                         now());
    return result;
}

std::optional<store::User> AccountAdmin::find_by_email(const Principal& principal,
                                                       std::string_view email) {
    if (!allowed_somewhere(principal, sec::Action::users_read)) {
        require(principal, sec::Action::users_read, sec::Target::deployment());
    }
    const auto found = m_store.find_user_by_email(email);
    if (!found) return std::nullopt;
    if (!can_see(principal, {*found, m_store.grants_of(found->id)})) return std::nullopt;
    m_store.append_audit(principal.audit("user.read", "user", id_text_account_admin(found->id)),
                         now());
    return found;
}

CreatedAccount AccountAdmin::create_user(const Principal& principal, const NewAccount& account) {
    require(principal, sec::Action::users_manage, sec::Target::deployment());
    if (account.role) {
        sec::validate(sec::Grant{*account.role, account.scope});
        require(principal, sec::Action::roles_grant, m_target_of(account.scope));
    }
    std::optional<std::string> hash;
    if (account.password) {
        m_auth.check_new_password(*account.password, account.email, account.display_name);
        hash = m_auth.hasher().hash(*account.password);
    }
    const auto time = now();
    const std::int64_t id =
        m_store.create_user({account.email, account.display_name, hash}, time,
                            principal.audit("user.create", "user", "", account.reason));
    if (account.role) {
        m_store.grant_role(
            id, sec::to_code(*account.role), to_store_scope(account.scope),
            principal.is_user() ? std::optional(principal.id) : std::nullopt, time,
            principal.audit("role.grant", "user", id_text_account_admin(id), account.reason));
    }
    CreatedAccount created;
    created.user = {*m_store.find_user(id), m_store.grants_of(id)};
    if (!hash) {
        created.invitation_url =
            m_auth.issue_link(id, store::LinkPurpose::invite,
                              principal.audit("link.invite", "user", id_text_account_admin(id)));
        created.invitation_expires_at = time + m_auth.settings().invitation_lifetime;
    }
    return created;
}

void AccountAdmin::set_active(const Principal& principal, std::int64_t user_id, bool active,
                              const std::string& reason) {
    require(principal, sec::Action::users_manage, sec::Target::deployment());
    const std::string why = required_reason(reason);
    if (principal.is_user() && principal.id == user_id && !active) {
        throw Error(ErrorCode::conflict, "you cannot deactivate your own account", "user");
    }
    m_store.set_user_active(user_id, active, now(),
                            principal.audit(active ? "user.activate" : "user.deactivate", "user",
                                            id_text_account_admin(user_id), why));
}

IssuedLink AccountAdmin::issue_password_reset(const Principal& principal, std::int64_t user_id) {
    require(principal, sec::Action::users_manage, sec::Target::deployment());
    const auto found = m_store.find_user(user_id);
    if (!found)
        throw Error(ErrorCode::not_found, "no user " + id_text_account_admin(user_id), "user");
    const auto purpose =
        found->has_password ? store::LinkPurpose::password_reset : store::LinkPurpose::invite;
    IssuedLink link;
    link.url = m_auth.issue_link(
        user_id, purpose,
        principal.audit(found->has_password ? "link.password_reset" : "link.invite", "user",
                        id_text_account_admin(user_id)));
    link.expires_at = now() + (found->has_password ? m_auth.settings().password_reset_lifetime
                                                   : m_auth.settings().invitation_lifetime);
    return link;
}

std::int64_t AccountAdmin::grant(const Principal& principal, std::int64_t user_id, sec::Role role,
                                 const sec::Scope& scope, const std::string& reason) {
    const sec::Grant wanted{role, scope};
    sec::validate(wanted);
    require(principal, sec::Action::roles_grant, m_target_of(scope));
    if (principal.is_user() && principal.id == user_id) {
        // Four eyes: an administrator cannot widen their own powers (e.g. take a role that
        // reads police data); another administrator must.
        throw Error(ErrorCode::forbidden, "you cannot grant roles to yourself", "user");
    }
    const std::string why = required_reason(reason);
    return m_store.grant_role(
        user_id, sec::to_code(role), to_store_scope(scope),
        principal.is_user() ? std::optional(principal.id) : std::nullopt, now(),
        principal.audit("role.grant", "user", id_text_account_admin(user_id), why));
}

void AccountAdmin::revoke(const Principal& principal, std::int64_t grant_id,
                          const std::string& reason) {
    // Find the grant through its holder, so its scope comes from the store.
    std::optional<store::RoleGrant> found;
    for (const auto& user : m_store.list_users()) {
        for (const auto& grant : user.grants) {
            if (grant.id == grant_id) found = grant;
        }
    }
    if (!found) {
        require(principal, sec::Action::roles_grant, sec::Target::deployment());
        throw Error(ErrorCode::not_found, "no active grant " + id_text_account_admin(grant_id),
                    "grant");
    }
    require(principal, sec::Action::roles_grant, grant_target(*found));
    const std::string why = required_reason(reason);
    m_store.revoke_role(
        grant_id, principal.is_user() ? std::optional(principal.id) : std::nullopt, now(),
        principal.audit("role.revoke", "user", id_text_account_admin(found->user_id), why));
}

std::vector<RoleInfo> AccountAdmin::roles(const Principal& principal) {
    if (!allowed_somewhere(principal, sec::Action::roles_grant) &&
        !allowed_somewhere(principal, sec::Action::users_read)) {
        require(principal, sec::Action::roles_grant, sec::Target::deployment());
    }
    const auto sensitive = m_store.sensitive_roles();
    std::vector<RoleInfo> result;
    for (const auto role : sec::all_roles) {
        RoleInfo info;
        info.role = role;
        info.sensitive =
            std::find(sensitive.begin(), sensitive.end(), sec::to_code(role)) != sensitive.end();
        for (const auto kind : {sec::ScopeKind::global, sec::ScopeKind::municipality,
                                sec::ScopeKind::city_part, sec::ScopeKind::district}) {
            if (sec::grantable_at(role, kind)) info.grantable_at.push_back(kind);
        }
        for (const auto action : sec::all_actions) {
            if (sec::role_allows(role, action)) info.actions.push_back(action);
        }
        result.push_back(std::move(info));
    }
    return result;
}

void AccountAdmin::set_sensitive(const Principal& principal, sec::Role role, bool sensitive,
                                 const std::string& reason) {
    require(principal, sec::Action::roles_grant, sec::Target::deployment());
    const std::string why = required_reason(reason);
    m_store.set_role_sensitive(
        sec::to_code(role), sensitive, now(),
        principal.audit(sensitive ? "role.sensitive.set" : "role.sensitive.clear", "role",
                        std::string(sec::to_code(role)), why));
}

std::vector<store::AuditRecord> AccountAdmin::audit(const Principal& principal,
                                                    store::AuditFilter filter) {
    if (!allowed(principal, sec::Action::audit_read, sec::Target::deployment())) {
        if (filter.municipality_code) {
            require(principal, sec::Action::audit_read,
                    sec::Target::municipality(*filter.municipality_code));
        } else {
            std::vector<std::int64_t> towns;
            for (const auto& grant : principal.grants) {
                if (grant.scope.kind == sec::ScopeKind::municipality &&
                    sec::role_allows(grant.role, sec::Action::audit_read)) {
                    towns.push_back(grant.scope.id);
                }
            }
            if (towns.size() != 1) {
                require(principal, sec::Action::audit_read, sec::Target::deployment());
            }
            filter.municipality_code = towns.front();
        }
    }
    auto rows = m_store.list_audit(filter);
    m_store.append_audit(principal.audit("audit.read", "audit_log", "*"), now());
    return rows;
}

IssuedMachineToken AccountAdmin::create_token(const Principal& principal,
                                              const NewMachineToken& token) {
    require(principal, sec::Action::tokens_manage,
            token.municipality_code ? sec::Target::municipality(*token.municipality_code)
                                    : sec::Target::deployment());
    if (std::find(machine_token_scopes.begin(), machine_token_scopes.end(), token.scope) ==
        machine_token_scopes.end()) {
        throw Error(ErrorCode::invalid_argument,
                    "unknown token scope '" + token.scope + "' (known: open311, import)", "scope");
    }
    if (token.expires_at && *token.expires_at <= now()) {
        throw Error(ErrorCode::invalid_argument, "the expiry lies in the past", "expires_at");
    }
    IssuedMachineToken issued;
    issued.secret = sec::new_api_token();
    store::NewApiToken stored;
    stored.name = token.name;
    stored.token_hash = sec::token_hash(issued.secret);
    stored.scope = token.scope;
    stored.municipality_code = token.municipality_code;
    stored.expires_at = token.expires_at;
    issued.token = m_store.create_api_token(
        stored, principal.is_user() ? std::optional(principal.id) : std::nullopt, now(),
        principal.audit("api_token.create", "api_token", ""));
    return issued;
}

std::vector<store::ApiToken> AccountAdmin::tokens(const Principal& principal) {
    if (!allowed_somewhere(principal, sec::Action::tokens_manage)) {
        require(principal, sec::Action::tokens_manage, sec::Target::deployment());
    }
    auto tokens = m_store.list_api_tokens();
    std::erase_if(tokens, [&](const store::ApiToken& token) {
        return !allowed(principal, sec::Action::tokens_manage,
                        token.municipality_code
                            ? sec::Target::municipality(*token.municipality_code)
                            : sec::Target::deployment());
    });
    return tokens;
}

void AccountAdmin::revoke_token(const Principal& principal, std::int64_t token_id,
                                const std::string& reason) {
    const auto all = m_store.list_api_tokens();
    const auto found = std::find_if(all.begin(), all.end(),
                                    [&](const auto& token) { return token.id == token_id; });
    if (found == all.end()) {
        require(principal, sec::Action::tokens_manage, sec::Target::deployment());
        throw Error(ErrorCode::not_found, "no machine token " + id_text_account_admin(token_id),
                    "token");
    }
    require(principal, sec::Action::tokens_manage,
            found->municipality_code ? sec::Target::municipality(*found->municipality_code)
                                     : sec::Target::deployment());
    const std::string why = required_reason(reason);
    m_store.revoke_api_token(
        token_id, now(),
        principal.audit("api_token.revoke", "api_token", id_text_account_admin(token_id), why));
}

}  // namespace okrsek::service
