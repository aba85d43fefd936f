#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace okrsek::service::security {

/// Back-office roles. Stable codes (to_code) are stored in the database and shown in the UI.
enum class Role : std::uint8_t {
    administrator,                ///< accounts, roles, tokens, audit; no police or case data
    prevention_manager,           ///< the town's (or city part's) crime-prevention manager
    state_police_leadership,      ///< leadership of the state police (Policie ČR)
    municipal_police_leadership,  ///< leadership of the municipal police (městská policie)
    district_state_officer,       ///< the district's state police officer (okrskář)
    district_municipal_officer,   ///< the district's municipal police officer (okrskář MP)
    district_councillor,          ///< the district team's councillor or city-part mayor
    security_commission_member,   ///< member of the town's security commission
    case_worker,                  ///< early-intervention case worker
};

inline constexpr std::array all_roles{
    Role::administrator,
    Role::prevention_manager,
    Role::state_police_leadership,
    Role::municipal_police_leadership,
    Role::district_state_officer,
    Role::district_municipal_officer,
    Role::district_councillor,
    Role::security_commission_member,
    Role::case_worker,
};

/// What someone may want to do. Stable codes ("reports.read"); extend at the end.
enum class Action : std::uint8_t {
    users_read,
    users_manage,
    roles_grant,
    audit_read,
    tokens_manage,
    district_team_read,
    district_team_edit,
    reports_read,
    reports_handle,
    reports_escalate,
    analytics_read,
    strategy_read,
    strategy_edit,
    cases_read,
    cases_edit,
    cameras_read,
    cameras_edit,
    district_card_edit,
    reports_contact,
    reports_configure,
    crime_incidents_read,  ///< exact incident points and unsuppressed crime tables (audited)
    area_profiles_edit,    ///< population, amenities and prevention workers of an area
};

inline constexpr std::array all_actions{
    Action::users_read,         Action::users_manage,      Action::roles_grant,
    Action::audit_read,         Action::tokens_manage,     Action::district_team_read,
    Action::district_team_edit, Action::reports_read,      Action::reports_handle,
    Action::reports_escalate,   Action::analytics_read,    Action::strategy_read,
    Action::strategy_edit,      Action::cases_read,        Action::cases_edit,
    Action::cameras_read,       Action::cameras_edit,      Action::district_card_edit,
    Action::reports_contact,    Action::reports_configure, Action::crime_incidents_read,
    Action::area_profiles_edit,
};

/// Where a grant applies. Stable codes: "global", "municipality", "city_part", "district".
enum class ScopeKind : std::uint8_t { global, municipality, city_part, district };

/// A grant's scope: everything, one town (by RÚIAN code), or one area (by area id; area ids
/// are unique across all layers and towns).
struct Scope {
    ScopeKind kind = ScopeKind::global;
    std::int64_t id = 0;  ///< municipality: RÚIAN code; city_part/district: area id; global: 0

    static Scope everything() { return {ScopeKind::global, 0}; }
    static Scope municipality(std::int64_t ruian_code) {
        return {ScopeKind::municipality, ruian_code};
    }
    static Scope city_part(std::int64_t area_id) { return {ScopeKind::city_part, area_id}; }
    static Scope district(std::int64_t area_id) { return {ScopeKind::district, area_id}; }

    friend bool operator==(const Scope&, const Scope&) = default;
};

/// A role held for a scope. A person holds any number of grants.
struct Grant {
    Role role = Role::administrator;
    Scope scope;

    friend bool operator==(const Grant&, const Grant&) = default;
};

/// Where the object acted on lies, taken from the object as stored (never from the request:
/// an id changed in a URL must not move the object into the caller's district). A field left
/// empty means the object belongs to no such area: a town-wide strategy has no district, a
/// deployment-wide object (an account list, the audit log of all towns) has no municipality.
/// A district's target names the city part the district lies in (as the town's data say).
struct Target {
    std::optional<std::int64_t> municipality_code;
    std::optional<std::int64_t> city_part_id;
    std::optional<std::int64_t> district_id;

    static Target deployment() { return {}; }
    static Target municipality(std::int64_t ruian_code) { return {ruian_code, {}, {}}; }
    static Target city_part(std::int64_t ruian_code, std::int64_t city_part_id) {
        return {ruian_code, city_part_id, {}};
    }
    static Target district(std::int64_t ruian_code, std::optional<std::int64_t> city_part_id,
                           std::int64_t district_id) {
        return {ruian_code, city_part_id, district_id};
    }
};

/// The outcome of a check, with the grant that allowed it (for the audit log): of several
/// allowing grants the one of narrowest scope, then the first given.
struct Decision {
    bool allowed = false;
    std::optional<Grant> grant;
};

/// Whether any of `grants` lets its holder perform `action` on `target`. Deny by default: a
/// grant allows only when its role's row of the matrix allows the action, its scope kind is
/// one the role may be granted at (see grantable_at), and its scope covers the target:
///  - global covers every target;
///  - municipality M covers every target of town M;
///  - city_part C covers C and every target whose city_part_id is C (its districts);
///  - district D covers only targets whose district_id is D.
Decision allows(std::span<const Grant> grants, Action action, const Target& target);

/// The role × action matrix alone (no scope).
bool role_allows(Role role, Action action);

/// Whether `scope` contains `target` (the rules above).
bool covers(const Scope& scope, const Target& target);

/// Whether `role` may be granted at scope kind `kind` (a district officer only for a
/// district, an administrator only globally or for a town…).
bool grantable_at(Role role, ScopeKind kind);

/// Throws core::Error invalid_argument (field "scope") when grantable_at is false or the
/// scope's id is not positive (or not 0 for global).
void validate(const Grant& grant);

/// Roles whose holders must use a second factor, by default: administrator, both police
/// leaderships, case_worker (accounts, police data, people's cases). An administrator can
/// change the set later (stored elsewhere).
std::vector<Role> default_sensitive_roles();

/// Whether any grant's role is in `sensitive`.
bool requires_second_factor(std::span<const Grant> grants, std::span<const Role> sensitive);

std::string_view to_code(Role role) noexcept;
std::string_view to_code(Action action) noexcept;
std::string_view to_code(ScopeKind kind) noexcept;
std::optional<Role> role_from_code(std::string_view code) noexcept;
std::optional<Action> action_from_code(std::string_view code) noexcept;
std::optional<ScopeKind> scope_kind_from_code(std::string_view code) noexcept;

/// "global", "municipality:554782", "city_part:17", "district:1234".
std::string to_string(const Scope& scope);

/// Reads the form to_string writes. Throws invalid_argument (field "scope").
Scope parse_scope(std::string_view text);

}  // namespace okrsek::service::security
