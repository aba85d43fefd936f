// `okrsek user …`: staff accounts from the command line. The command line acts as
// Principal::cli() (it may do everything and is audited as actor kind "cli"); it needs no master
// key, so the first administrator of a new town can be created before any server has started.
// Passwords are never printed; one-time links go to standard output, once.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/text_table.hpp"
#include "core/error.hpp"
#include "core/time.hpp"

namespace okrsek::cli {
namespace {

namespace sec = service::security;
using core::Error;
using core::ErrorCode;

// Errors with field "role" or "scope" get "--role: " / "--scope: " in front (command_group).
sec::Role parse_role(const std::string& code) {
    if (const auto role = sec::role_from_code(code)) return *role;
    std::string known;
    for (const auto role : sec::all_roles) {
        known += (known.empty() ? "" : ", ") + std::string(sec::to_code(role));
    }
    throw Error(ErrorCode::invalid_argument, "unknown role '" + code + "' (known: " + known + ")",
                "role");
}

// --role without --scope: "global" where the role may be granted so, else the caller must say.
sec::Scope default_scope(sec::Role role) {
    if (sec::grantable_at(role, sec::ScopeKind::global)) return sec::Scope::everything();
    std::string kinds;
    for (const auto kind :
         {sec::ScopeKind::municipality, sec::ScopeKind::city_part, sec::ScopeKind::district}) {
        if (sec::grantable_at(role, kind)) {
            kinds += (kinds.empty() ? "" : ", ") + std::string(sec::to_code(kind)) + ":ID";
        }
    }
    throw Error(ErrorCode::invalid_argument,
                "role " + std::string(sec::to_code(role)) +
                    " cannot be granted globally; name where (" + kinds + ")",
                "scope");
}

// A role and scope as given, checked before the database is opened.
sec::Grant parse_grant(const std::string& role_code, const std::string& scope_text) {
    const sec::Grant grant{parse_role(role_code), sec::parse_scope(scope_text)};
    sec::validate(grant);
    return grant;
}

// Only the address the operator typed is known to them: say nothing else about other accounts.
store::User find_user(service::Platform& platform, const std::string& email) {
    auto found = platform.accounts().find_by_email(service::Principal::cli(), email);
    if (!found) throw Error(ErrorCode::not_found, "no user with that e-mail address", "email");
    return *found;
}

std::string grant_text(const store::RoleGrant& grant) {
    return grant.role + " (" + sec::to_string(service::to_security_scope(grant.scope)) + ")";
}

void print_link(const std::string& what, const std::string& url, store::TimePoint expires_at) {
    std::cout << what << ", valid until " << core::to_iso8601_utc(expires_at)
              << " (shown only this once):\n"
              << url << '\n';
}

nlohmann::json user_json(const store::UserWithGrants& entry) {
    const auto& user = entry.user;
    nlohmann::json roles = nlohmann::json::array();
    for (const auto& grant : entry.grants) {
        roles.push_back({{"grant_id", grant.id},
                         {"role", grant.role},
                         {"scope", sec::to_string(service::to_security_scope(grant.scope))},
                         {"granted_at", core::to_iso8601_utc(grant.granted_at)}});
    }
    return {{"id", user.id},
            {"email", user.email},
            {"name", user.display_name},
            {"active", user.active},
            {"has_password", user.has_password},
            {"totp_enabled", user.totp_enabled},
            {"created_at", core::to_iso8601_utc(user.created_at)},
            {"last_login_at", user.last_login_at
                                  ? nlohmann::json(core::to_iso8601_utc(*user.last_login_at))
                                  : nlohmann::json(nullptr)},
            {"roles", std::move(roles)}};
}

void print_users(const std::vector<store::UserWithGrants>& users) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& entry : users) {
        std::string roles;
        for (const auto& grant : entry.grants) {
            roles += (roles.empty() ? "" : ", ") + grant_text(grant);
        }
        rows.push_back({std::to_string(entry.user.id), entry.user.email, entry.user.display_name,
                        entry.user.active ? "yes" : "no", entry.user.totp_enabled ? "yes" : "no",
                        roles.empty() ? "-" : roles});
    }
    print_table(std::cout, {"id", "email", "name", "active", "2FA", "roles"}, rows);
}

struct AddArguments {
    std::string email;
    std::string name;
    std::string role;
    std::string scope;
    std::string reason;
    bool password_stdin = false;
};

Command add_add(CLI::App& user, const GlobalOptions& options) {
    auto args = std::make_shared<AddArguments>();
    auto* sub = user.add_subcommand("add", "create a staff account (with an invitation link)");
    sub->add_option("EMAIL", args->email, "the person's e-mail address (their sign-in name)")
        ->required();
    sub->add_option("--name", args->name, "the name shown to colleagues")->required();
    auto* role = sub->add_option("--role", args->role, "a first role (e.g. administrator)");
    auto* scope = sub->add_option("--scope", args->scope,
                                  "where the role applies: global, municipality:CODE, "
                                  "city_part:ID, district:ID (default global where allowed)");
    sub->add_option("--reason", args->reason, "why (kept in the audit log)");
    sub->add_flag("--password-stdin", args->password_stdin,
                  "read the password from standard input instead of issuing an invitation");
    return {sub, [&options, args, role, scope] {
                service::NewAccount account;
                account.email = args->email;
                account.display_name = args->name;
                if (scope->count() && !role->count()) {
                    throw Error(ErrorCode::invalid_argument, "needs --role", "scope");
                }
                if (role->count()) {
                    account.role = parse_role(args->role);
                    account.scope = scope->count() ? sec::parse_scope(args->scope)
                                                   : default_scope(*account.role);
                    sec::validate({*account.role, account.scope});
                }
                if (!args->reason.empty()) account.reason = args->reason;
                if (args->password_stdin) account.password = read_password_stdin();
                auto platform = open_platform(options);
                const auto created =
                    platform->accounts().create_user(service::Principal::cli(), account);
                std::cout << "created user " << created.user.user.id << " "
                          << created.user.user.email << '\n';
                for (const auto& grant : created.user.grants) {
                    std::cout << "granted " << grant_text(grant) << '\n';
                }
                if (created.invitation_url && created.invitation_expires_at) {
                    print_link("invitation link for setting the password", *created.invitation_url,
                               *created.invitation_expires_at);
                }
            }};
}

Command add_user_list(CLI::App& user, const GlobalOptions& options) {
    auto json = std::make_shared<bool>(false);
    auto* sub = user.add_subcommand("list", "list staff accounts with their roles");
    sub->add_flag("--json", *json, "print a JSON array instead of a table");
    return {sub, [&options, json] {
                auto platform = open_platform(options);
                const auto users = platform->accounts().list_users(service::Principal::cli());
                if (*json) {
                    nlohmann::json out = nlohmann::json::array();
                    for (const auto& entry : users) out.push_back(user_json(entry));
                    std::cout << out.dump(2) << '\n';
                } else {
                    print_users(users);
                }
            }};
}

struct GrantArguments {
    std::string email;
    std::string role;
    std::string scope;
    std::string reason;
};

Command add_grant_or_revoke(CLI::App& user, const GlobalOptions& options, bool grant) {
    auto args = std::make_shared<GrantArguments>();
    auto* sub = user.add_subcommand(
        grant ? "grant" : "revoke",
        grant ? "give a user a role for a scope" : "take a role for a scope away from a user");
    sub->add_option("EMAIL", args->email, "the user's e-mail address")->required();
    sub->add_option("--role", args->role, "role code (e.g. district_state_officer)")->required();
    sub->add_option("--scope", args->scope,
                    "global, municipality:CODE, city_part:ID or district:ID")
        ->required();
    sub->add_option("--reason", args->reason, "why (kept in the audit log)")->required();
    return {sub, [&options, args, grant] {
                const auto wanted = parse_grant(args->role, args->scope);
                service::required_reason(args->reason);
                auto platform = open_platform(options);
                auto& accounts = platform->accounts();
                const auto cli = service::Principal::cli();
                const auto user_id = find_user(*platform, args->email).id;
                const std::string what = args->role + " (" + sec::to_string(wanted.scope) + ")";
                if (grant) {
                    const auto grant_id =
                        accounts.grant(cli, user_id, wanted.role, wanted.scope, args->reason);
                    std::cout << "granted " << what << " to user " << user_id << " (grant "
                              << grant_id << ")\n";
                    return;
                }
                for (const auto& held : accounts.user(cli, user_id).grants) {
                    if (held.role == sec::to_code(wanted.role) &&
                        service::to_security_scope(held.scope) == wanted.scope) {
                        accounts.revoke(cli, held.id, args->reason);
                        std::cout << "revoked " << what << " from user " << user_id << '\n';
                        return;
                    }
                }
                throw Error(ErrorCode::not_found,
                            "user " + std::to_string(user_id) + " holds no active grant of " + what,
                            "grant");
            }};
}

Command add_set_active(CLI::App& user, const GlobalOptions& options, bool active) {
    auto args = std::make_shared<GrantArguments>();
    auto* sub = user.add_subcommand(
        active ? "activate" : "deactivate",
        active ? "let a deactivated user sign in again"
               : "stop a user from signing in (ends their sessions; roles are kept)");
    sub->add_option("EMAIL", args->email, "the user's e-mail address")->required();
    sub->add_option("--reason", args->reason, "why (kept in the audit log)")->required();
    return {sub, [&options, args, active] {
                service::required_reason(args->reason);
                auto platform = open_platform(options);
                const auto user_id = find_user(*platform, args->email).id;
                platform->accounts().set_active(service::Principal::cli(), user_id, active,
                                                args->reason);
                std::cout << (active ? "activated user " : "deactivated user ") << user_id
                          << (active ? "" : "; their sessions are ended") << '\n';
            }};
}

Command add_reset_password(CLI::App& user, const GlobalOptions& options) {
    auto email = std::make_shared<std::string>();
    auto* sub = user.add_subcommand(
        "reset-password",
        "issue a one-time link to set a new password (an invitation if none was ever set)");
    sub->add_option("EMAIL", *email, "the user's e-mail address")->required();
    return {sub, [&options, email] {
                auto platform = open_platform(options);
                const auto found = find_user(*platform, *email);
                const auto link =
                    platform->accounts().issue_password_reset(service::Principal::cli(), found.id);
                print_link(found.has_password
                               ? "password reset link for user " + std::to_string(found.id)
                               : "user " + std::to_string(found.id) +
                                     " never set a password: new invitation link",
                           link.url, link.expires_at);
            }};
}

}  // namespace

Command add_user_command(CLI::App& app, const GlobalOptions& options) {
    auto* user = app.add_subcommand("user", "staff accounts and their roles");
    user->require_subcommand(1);
    return command_group(
        user, {add_add(*user, options), add_user_list(*user, options),
               add_grant_or_revoke(*user, options, true),
               add_grant_or_revoke(*user, options, false), add_set_active(*user, options, false),
               add_set_active(*user, options, true), add_reset_password(*user, options)});
}

}  // namespace okrsek::cli
