#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "core/area.hpp"
#include "service/platform.hpp"

namespace okrsek::http {

/// Renders accounts, grants, sessions and audit rows as the back-office API's JSON. Names of
/// scopes come from the catalog and the municipalities (read once per instance).
class AccountJson {
public:
    explicit AccountJson(service::Platform& platform) : m_platform(platform) {}

    nlohmann::json grant(const store::RoleGrant& grant);
    nlohmann::json grants(const std::vector<store::RoleGrant>& grants);
    nlohmann::json user(const store::UserWithGrants& user);
    /// GET /api/v1/me for a session (pending ones show the user alone) or a machine token.
    nlohmann::json me(const service::Principal& principal, service::SignInState state);
    nlohmann::json session(const store::Session& session, std::optional<std::int64_t> current);
    nlohmann::json audit(const store::AuditRecord& record);
    nlohmann::json token(const store::ApiToken& token);

private:
    std::string scope_name(const store::RoleScope& scope);

    service::Platform& m_platform;
    std::optional<std::vector<core::Municipality>> m_municipalities;
};

/// ISO 8601 UTC, or null.
nlohmann::json time_json(const std::optional<store::TimePoint>& time);

}  // namespace okrsek::http
