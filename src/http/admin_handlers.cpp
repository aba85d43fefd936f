#include "core/error.hpp"
#include "core/time.hpp"
#include "http/account_json.hpp"
#include "http/admin_route.hpp"
#include "http/auth_handlers.hpp"
#include "http/json_body.hpp"

namespace okrsek::http {
namespace {

using boost::beast::http::verb;
using core::Error;
using core::ErrorCode;
using nlohmann::json;
namespace sec = service::security;

constexpr std::size_t max_reason = 2000;

service::AccountAdmin& accounts(const AdminCall& call) {
    return call.platform().accounts();
}

std::string reason_of(const json& body) {
    return required_string(body, "reason", max_reason);
}

sec::Role role_of(std::string_view code) {
    const auto role = sec::role_from_code(code);
    if (!role) {
        throw Error(ErrorCode::invalid_argument, "unknown role '" + std::string(code) + "'",
                    "role");
    }
    return *role;
}

Response list_users(const AdminCall& call) {
    AccountJson renderer(call.platform());
    json list = json::array();
    for (const auto& user : accounts(call).list_users(call.principal())) {
        list.push_back(renderer.user(user));
    }
    return json_answer({{"users", std::move(list)}});
}

Response get_user(const AdminCall& call) {
    AccountJson renderer(call.platform());
    return json_answer(renderer.user(accounts(call).user(call.principal(), call.id())));
}

Response create_user(const AdminCall& call) {
    const json body = call.body();
    service::NewAccount account;
    account.email = required_string(body, "email", 320);
    account.display_name = required_string(body, "name", 200);
    account.reason = optional_string(body, "reason", max_reason);
    const auto role = optional_string(body, "role", 64);
    const auto scope = optional_string(body, "scope", 64);
    if (role) {
        account.role = role_of(*role);
        account.scope = sec::parse_scope(scope.value_or("global"));
    } else if (scope) {
        throw Error(ErrorCode::invalid_argument, "a scope needs a role", "scope");
    }
    const auto created = accounts(call).create_user(call.principal(), account);
    AccountJson renderer(call.platform());
    json answer = {{"user", renderer.user(created.user)}};
    if (created.invitation_url) {
        answer["invitation_url"] = *created.invitation_url;
        answer["invitation_expires_at"] = time_json(created.invitation_expires_at);
    }
    return json_answer(answer, 201);
}

Response set_active(const AdminCall& call, bool active) {
    const json body = call.body();
    const auto id = call.id();
    accounts(call).set_active(call.principal(), id, active, reason_of(body));
    AccountJson renderer(call.platform());
    return json_answer(renderer.user(accounts(call).user(call.principal(), id)));
}

Response password_reset(const AdminCall& call) {
    const auto link = accounts(call).issue_password_reset(call.principal(), call.id());
    return json_answer({{"url", link.url}, {"expires_at", time_json(link.expires_at)}});
}

Response grant(const AdminCall& call) {
    const json body = call.body();
    const auto user_id = call.id();
    const auto role = role_of(required_string(body, "role", 64));
    const auto scope = sec::parse_scope(required_string(body, "scope", 64));
    const auto grant_id =
        accounts(call).grant(call.principal(), user_id, role, scope, reason_of(body));
    AccountJson renderer(call.platform());
    for (const auto& stored : accounts(call).user(call.principal(), user_id).grants) {
        if (stored.id == grant_id) return json_answer({{"grant", renderer.grant(stored)}}, 201);
    }
    return json_answer({{"grant", {{"id", grant_id}}}}, 201);
}

Response revoke(const AdminCall& call) {
    const json body = call.body();
    accounts(call).revoke(call.principal(), call.id(), reason_of(body));
    return json_answer({{"status", "revoked"}});
}

Response roles(const AdminCall& call) {
    json list = json::array();
    for (const auto& info : accounts(call).roles(call.principal())) {
        json scopes = json::array();
        for (const auto kind : info.grantable_at) scopes.push_back(sec::to_code(kind));
        json actions = json::array();
        for (const auto action : info.actions) actions.push_back(sec::to_code(action));
        list.push_back({{"role", sec::to_code(info.role)},
                        {"sensitive", info.sensitive},
                        {"grantable_at", std::move(scopes)},
                        {"actions", std::move(actions)}});
    }
    return json_answer({{"roles", std::move(list)}});
}

Response set_sensitive(const AdminCall& call) {
    const json body = call.body();
    const auto sensitive = optional_bool(body, "sensitive");
    if (!sensitive) throw Error(ErrorCode::invalid_argument, "sensitive is missing", "sensitive");
    accounts(call).set_sensitive(call.principal(), role_of(call.params().at(0)), *sensitive,
                                 reason_of(body));
    return roles(call);
}

std::optional<store::TimePoint> time_parameter(const Request& request, std::string_view name) {
    const auto text = query_value(request, name);
    if (!text) return std::nullopt;
    const auto time = core::parse_iso8601_utc(*text);
    if (!time) {
        throw Error(
            ErrorCode::invalid_argument,
            std::string(name) + " must be a UTC time such as 2026-11-22T08:00:00Z or a date",
            std::string(name));
    }
    return time;
}

Response audit(const AdminCall& call) {
    const Request& request = call.request();
    store::AuditFilter filter;
    if (const auto action = query_value(request, "action")) filter.action = std::string(*action);
    if (const auto kind = query_value(request, "actor_kind")) {
        static constexpr std::array kinds{store::ActorKind::user, store::ActorKind::token,
                                          store::ActorKind::system, store::ActorKind::cli};
        for (const auto candidate : kinds) {
            if (store::to_string(candidate) == *kind) filter.actor_kind = candidate;
        }
        if (!filter.actor_kind) {
            throw Error(ErrorCode::invalid_argument,
                        "actor_kind must be user, token, system or cli", "actor_kind");
        }
    }
    filter.actor_id = optional_integer(request, "actor_id");
    if (const auto type = query_value(request, "object_type"))
        filter.object_type = std::string(*type);
    if (const auto id = query_value(request, "object_id")) filter.object_id = std::string(*id);
    filter.municipality_code = optional_integer(request, "municipality");
    filter.from = time_parameter(request, "from");
    filter.until = time_parameter(request, "until");
    filter.before_id = optional_integer(request, "before_id");
    if (const auto limit = optional_integer(request, "limit")) {
        if (*limit < 1 || *limit > 1000) {
            throw Error(ErrorCode::invalid_argument, "limit must be from 1 to 1000", "limit");
        }
        filter.limit = static_cast<std::size_t>(*limit);
    }
    const auto rows = accounts(call).audit(call.principal(), filter);
    AccountJson renderer(call.platform());
    json entries = json::array();
    for (const auto& row : rows) entries.push_back(renderer.audit(row));
    json next = nullptr;
    if (rows.size() == filter.limit && !rows.empty()) next = rows.back().id;
    return json_answer({{"entries", std::move(entries)}, {"next_before_id", next}});
}

Response list_tokens(const AdminCall& call) {
    AccountJson renderer(call.platform());
    json list = json::array();
    for (const auto& token : accounts(call).tokens(call.principal())) {
        list.push_back(renderer.token(token));
    }
    return json_answer({{"tokens", std::move(list)}});
}

Response create_token(const AdminCall& call) {
    const json body = call.body();
    service::NewMachineToken token;
    token.name = required_string(body, "name", 200);
    token.scope = required_string(body, "scope", 64);
    token.municipality_code = optional_int(body, "municipality");
    if (const auto expires = optional_string(body, "expires_at", 32)) {
        token.expires_at = core::parse_iso8601_utc(*expires);
        if (!token.expires_at) {
            throw Error(ErrorCode::invalid_argument, "expires_at must be a UTC time or a date",
                        "expires_at");
        }
    }
    const auto issued = accounts(call).create_token(call.principal(), token);
    AccountJson renderer(call.platform());
    return json_answer({{"token", renderer.token(issued.token)}, {"secret", issued.secret}}, 201);
}

Response revoke_token(const AdminCall& call) {
    const json body = call.body();
    accounts(call).revoke_token(call.principal(), call.id(), reason_of(body));
    return json_answer({{"status", "revoked"}});
}

}  // namespace

void add_admin_routes(Router& router, service::Platform& platform) {
    const AdminRoutes routes(router, platform);
    routes.add(verb::get, "/api/v1/admin/users", list_users);
    routes.add(verb::post, "/api/v1/admin/users", create_user);
    routes.add(verb::get, "/api/v1/admin/users/{id}", get_user);
    routes.add(verb::post, "/api/v1/admin/users/{id}/deactivate",
               [](const AdminCall& call) { return set_active(call, false); });
    routes.add(verb::post, "/api/v1/admin/users/{id}/activate",
               [](const AdminCall& call) { return set_active(call, true); });
    routes.add(verb::post, "/api/v1/admin/users/{id}/password-reset", password_reset);
    routes.add(verb::post, "/api/v1/admin/users/{id}/grants", grant);
    routes.add(verb::post, "/api/v1/admin/grants/{id}/revoke", revoke);
    routes.add(verb::get, "/api/v1/admin/roles", roles);
    routes.add(verb::post, "/api/v1/admin/roles/{role}/sensitive", set_sensitive);
    routes.add(verb::get, "/api/v1/admin/audit", audit);
    routes.add(verb::get, "/api/v1/admin/tokens", list_tokens);
    routes.add(verb::post, "/api/v1/admin/tokens", create_token);
    routes.add(verb::post, "/api/v1/admin/tokens/{id}/revoke", revoke_token);
}

}  // namespace okrsek::http
