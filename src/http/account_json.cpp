#include "http/account_json.hpp"

#include <algorithm>

#include "core/time.hpp"
#include "service/security/authorization.hpp"

namespace okrsek::http {

using nlohmann::json;
namespace sec = service::security;

json time_json(const std::optional<store::TimePoint>& time) {
    if (!time) return nullptr;
    return core::to_iso8601_utc(*time);
}

std::string AccountJson::scope_name(const store::RoleScope& scope) {
    switch (scope.kind) {
        case store::ScopeKind::global:
            return {};
        case store::ScopeKind::municipality: {
            if (!m_municipalities) m_municipalities = m_platform.municipalities();
            for (const auto& town : *m_municipalities) {
                if (scope.municipality_code && town.code == *scope.municipality_code) {
                    return town.name;
                }
            }
            return {};
        }
        case store::ScopeKind::city_part:
        case store::ScopeKind::district:
            if (scope.area_id) {
                if (const auto area = m_platform.catalog()->find_area(*scope.area_id)) {
                    return area->info().name;
                }
            }
            return {};
    }
    return {};
}

json AccountJson::grant(const store::RoleGrant& grant) {
    return {{"id", grant.id},
            {"role", grant.role},
            {"scope", sec::to_string(service::to_security_scope(grant.scope))},
            {"scope_name", scope_name(grant.scope)},
            {"granted_at", core::to_iso8601_utc(grant.granted_at)}};
}

json AccountJson::grants(const std::vector<store::RoleGrant>& grants) {
    json list = json::array();
    for (const auto& item : grants) list.push_back(grant(item));
    return list;
}

json AccountJson::user(const store::UserWithGrants& user) {
    const auto& u = user.user;
    return {{"id", u.id},
            {"email", u.email},
            {"name", u.display_name},
            {"active", u.active},
            {"has_password", u.has_password},
            {"totp_enabled", u.totp_enabled},
            {"created_at", core::to_iso8601_utc(u.created_at)},
            {"last_login_at", time_json(u.last_login_at)},
            {"grants", grants(user.grants)}};
}

json AccountJson::me(const service::Principal& principal, service::SignInState state) {
    if (principal.kind == service::Principal::Kind::token) {
        return {
            {"token",
             {{"id", principal.id},
              {"name", principal.display_name},
              {"scope", principal.token_scope},
              {"municipality", principal.token_municipality ? json(*principal.token_municipality)
                                                            : json(nullptr)}}}};
    }
    json body;
    body["user"] = {{"id", principal.id},
                    {"email", principal.email},
                    {"name", principal.display_name},
                    {"totp_enabled", principal.totp_enabled}};
    json grant_list = json::array();
    if (state == service::SignInState::signed_in) {
        // The grants as stored, for their ids and names.
        std::vector<store::RoleGrant> stored;
        for (std::size_t i = 0; i < principal.grants.size(); ++i) {
            store::RoleGrant grant;
            grant.id = principal.grant_ids[i];
            grant.role = std::string(sec::to_code(principal.grants[i].role));
            grant.scope = service::to_store_scope(principal.grants[i].scope);
            grant_list.push_back({{"id", grant.id},
                                  {"role", grant.role},
                                  {"scope", sec::to_string(principal.grants[i].scope)},
                                  {"scope_name", scope_name(grant.scope)}});
        }
    }
    body["grants"] = std::move(grant_list);
    json permissions = json::array();
    if (state == service::SignInState::signed_in) {
        for (const auto action : sec::all_actions) {
            if (m_platform.accounts().allowed_somewhere(principal, action)) {
                permissions.push_back(sec::to_code(action));
            }
        }
    }
    body["permissions"] = std::move(permissions);
    if (principal.session_id && principal.session_created_at && principal.session_last_seen_at) {
        const auto& settings = m_platform.auth().settings().session;
        const auto expires = std::min(*principal.session_last_seen_at + settings.idle_timeout,
                                      *principal.session_created_at + settings.absolute_lifetime);
        body["session"] = {{"id", *principal.session_id},
                           {"created_at", core::to_iso8601_utc(*principal.session_created_at)},
                           {"idle_timeout_s", settings.idle_timeout.count()},
                           {"expires_at", core::to_iso8601_utc(expires)}};
    }
    body["second_factor"] = service::to_string(state);
    return body;
}

json AccountJson::session(const store::Session& session, std::optional<std::int64_t> current) {
    return {{"id", session.id},
            {"created_at", core::to_iso8601_utc(session.created_at)},
            {"last_seen_at", core::to_iso8601_utc(session.last_seen_at)},
            {"expires_at", core::to_iso8601_utc(session.expires_at)},
            {"ip", session.ip ? json(*session.ip) : json(nullptr)},
            {"user_agent", session.user_agent ? json(*session.user_agent) : json(nullptr)},
            {"current", current && *current == session.id}};
}

json AccountJson::audit(const store::AuditRecord& record) {
    json details = json::parse(record.details_json, nullptr, false);
    if (details.is_discarded()) details = json::object();
    return {
        {"id", record.id},
        {"occurred_at", core::to_iso8601_utc(record.occurred_at)},
        {"actor_kind", store::to_string(record.actor_kind)},
        {"actor_id", record.actor_id ? json(*record.actor_id) : json(nullptr)},
        {"action", record.action},
        {"object_type", record.object_type},
        {"object_id", record.object_id},
        {"municipality",
         record.municipality_code ? json(*record.municipality_code) : json(nullptr)},
        {"client_address", record.client_address ? json(*record.client_address) : json(nullptr)},
        {"reason", record.reason ? json(*record.reason) : json(nullptr)},
        {"details", std::move(details)},
        {"hash", record.hash}};
}

json AccountJson::token(const store::ApiToken& token) {
    return {
        {"id", token.id},
        {"name", token.name},
        {"scope", token.scope},
        {"municipality", token.municipality_code ? json(*token.municipality_code) : json(nullptr)},
        {"created_at", core::to_iso8601_utc(token.created_at)},
        {"expires_at", time_json(token.expires_at)},
        {"revoked_at", time_json(token.revoked_at)},
        {"last_used_at", time_json(token.last_used_at)}};
}

}  // namespace okrsek::http
