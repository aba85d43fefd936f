#include "service/security/authorization.hpp"

#include <algorithm>
#include <charconv>

#include "core/error.hpp"

namespace okrsek::service::security {
namespace {

constexpr std::size_t role_count = all_roles.size();
constexpr std::size_t action_count = all_actions.size();

// The permission matrix: one row per action (in the order of enum Action), one column per
// role (in the order of enum Role), 'x' allows, '.' denies. Scope is checked separately.
//
// Columns: ad administrator, pm prevention_manager, sp state_police_leadership,
// mp municipal_police_leadership, so district_state_officer, mo district_municipal_officer,
// dc district_councillor, sc security_commission_member, cw case_worker.
//
// Choices worth a word:
// - Administrators run accounts, roles, tokens and the audit log, and see district teams
//   (to set accounts up), but read no reports, analytics, strategy, cases or cameras:
//   least privilege, an administrator's account is the one most worth stealing.
// - District teams are appointed by the prevention manager and both police leaderships
//   (holders, role contacts, the town's roles and place kinds: district_team.edit). The
//   district card's content (holders' profiles and photos, places, priorities, meetings:
//   district_card.edit) is edited by the team's own members too, for their district only.
// - Reports (citizens' reports to a district) are read and escalated by everyone working on
//   the district, handled only by the police: councillors read their district's reports but
//   do not handle police matters; the prevention manager escalates what needs the town.
//   A reporter's contact is revealed (audited) only to those who handle reports; the town's
//   categories, escalation levels and answer templates are configured by the prevention
//   manager and the police leaderships.
// - Exact crime data (incident points, unsuppressed tables) is for the police and the
//   prevention manager who plans with it; every access is audited. Councillors and the
//   commission see what the public sees, aggregated and suppressed (analytics.read).
// - Area profiles (population, amenities, prevention workers) are kept by the prevention
//   manager.
// - The security commission sees aggregates (analytics) and the strategy, not individual
//   reports, which hold reporters' personal data.
// - The strategy is the town's document: only the prevention manager edits it.
// - Cases (early intervention, people's lives) are for case workers alone, and case workers
//   see nothing else.
// - Cameras: the police read the camera register; the prevention manager (who plans them) and
//   the municipal police (who run them) edit it. Councillors and the commission need no map
//   of camera positions.
struct MatrixRow {
    Action action;
    std::string_view cells;
};
// clang-format off
constexpr std::array<MatrixRow, action_count> matrix{{
    //                                  ad pm sp mp so mo dc sc cw
    {Action::users_read,               "x  x  .  .  .  .  .  .  ."},
    {Action::users_manage,             "x  .  .  .  .  .  .  .  ."},
    {Action::roles_grant,              "x  .  .  .  .  .  .  .  ."},
    {Action::audit_read,               "x  .  .  .  .  .  .  .  ."},
    {Action::tokens_manage,            "x  .  .  .  .  .  .  .  ."},
    {Action::district_team_read,       "x  x  x  x  x  x  x  x  ."},
    {Action::district_team_edit,       ".  x  x  x  .  .  .  .  ."},
    {Action::reports_read,             ".  x  x  x  x  x  x  .  ."},
    {Action::reports_handle,           ".  .  x  x  x  x  .  .  ."},
    {Action::reports_escalate,         ".  x  x  x  x  x  x  .  ."},
    {Action::analytics_read,           ".  x  x  x  x  x  x  x  ."},
    {Action::strategy_read,            ".  x  x  x  x  x  x  x  ."},
    {Action::strategy_edit,            ".  x  .  .  .  .  .  .  ."},
    {Action::cases_read,               ".  .  .  .  .  .  .  .  x"},
    {Action::cases_edit,               ".  .  .  .  .  .  .  .  x"},
    {Action::cameras_read,             ".  x  x  x  x  x  .  .  ."},
    {Action::cameras_edit,             ".  x  .  x  .  .  .  .  ."},
    {Action::district_card_edit,       ".  x  x  x  x  x  x  .  ."},
    {Action::reports_contact,          ".  .  x  x  x  x  .  .  ."},
    {Action::reports_configure,        ".  x  x  x  .  .  .  .  ."},
    {Action::crime_incidents_read,     ".  x  x  x  x  x  .  .  ."},
    {Action::area_profiles_edit,       ".  x  .  .  .  .  .  .  ."},
}};
// clang-format on

// At which scope kinds each role may be granted, columns as above: a district officer serves
// one district; a councillor one district, or a whole city part as its mayor; managers,
// commissions and case workers serve a town or a city part (Prague's city parts have their
// own); police leadership also regions spanning towns (global) or a directorate (city part).
struct ScopeRow {
    ScopeKind kind;
    std::string_view cells;
};
// clang-format off
constexpr std::array<ScopeRow, 4> grantable{{
    //                                  ad pm sp mp so mo dc sc cw
    {ScopeKind::global,                "x  .  x  .  .  .  .  .  ."},
    {ScopeKind::municipality,          "x  x  x  x  .  .  .  x  x"},
    {ScopeKind::city_part,             ".  x  x  x  .  .  x  x  x"},
    {ScopeKind::district,              ".  .  .  .  x  x  x  .  ."},
}};
// clang-format on

// The cell of `column` in a row written as above: 'x' or '.' every third character.
constexpr bool cell(std::string_view cells, std::size_t column) {
    return cells[column * 3] == 'x';
}

constexpr bool well_formed(std::string_view cells) {
    if (cells.size() != role_count * 3 - 2) return false;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const char expected_gap = ' ';
        if (i % 3 == 0 ? (cells[i] != 'x' && cells[i] != '.') : cells[i] != expected_gap) {
            return false;
        }
    }
    return true;
}

constexpr bool matrix_well_formed() {
    for (std::size_t i = 0; i < matrix.size(); ++i) {
        if (matrix[i].action != all_actions[i] || !well_formed(matrix[i].cells)) return false;
    }
    for (std::size_t i = 0; i < grantable.size(); ++i) {
        if (static_cast<std::size_t>(grantable[i].kind) != i || !well_formed(grantable[i].cells)) {
            return false;
        }
    }
    return true;
}
static_assert(matrix_well_formed(), "a matrix row is out of order or malformed");

constexpr std::array<std::string_view, role_count> role_codes{
    "administrator",
    "prevention_manager",
    "state_police_leadership",
    "municipal_police_leadership",
    "district_state_officer",
    "district_municipal_officer",
    "district_councillor",
    "security_commission_member",
    "case_worker",
};
constexpr std::array<std::string_view, action_count> action_codes{
    "users.read",           "users.manage",       "roles.grant",        "audit.read",
    "tokens.manage",        "district_team.read", "district_team.edit", "reports.read",
    "reports.handle",       "reports.escalate",   "analytics.read",     "strategy.read",
    "strategy.edit",        "cases.read",         "cases.edit",         "cameras.read",
    "cameras.edit",         "district_card.edit", "reports.contact",    "reports.configure",
    "crime_incidents.read", "area_profiles.edit",
};
constexpr std::array<std::string_view, 4> scope_kind_codes{"global", "municipality", "city_part",
                                                           "district"};

template <typename Enum, std::size_t N>
std::optional<Enum> from_code(const std::array<std::string_view, N>& codes, std::string_view code) {
    const auto found = std::find(codes.begin(), codes.end(), code);
    if (found == codes.end()) return {};
    return static_cast<Enum>(found - codes.begin());
}

std::size_t index(Role role) {
    return static_cast<std::size_t>(role);
}
std::size_t index(Action action) {
    return static_cast<std::size_t>(action);
}
std::size_t index(ScopeKind kind) {
    return static_cast<std::size_t>(kind);
}

// Narrower scopes explain a decision better in the audit log.
int breadth(ScopeKind kind) {
    return 3 - static_cast<int>(index(kind));
}

bool valid_id(const Scope& scope) {
    return scope.kind == ScopeKind::global ? scope.id == 0 : scope.id > 0;
}

core::Error scope_error(std::string message) {
    return core::Error(core::ErrorCode::invalid_argument, std::move(message), "scope");
}

}  // namespace

bool role_allows(Role role, Action action) {
    if (index(role) >= role_count || index(action) >= action_count) return false;
    return cell(matrix[index(action)].cells, index(role));
}

bool grantable_at(Role role, ScopeKind kind) {
    if (index(role) >= role_count || index(kind) >= grantable.size()) return false;
    return cell(grantable[index(kind)].cells, index(role));
}

bool covers(const Scope& scope, const Target& target) {
    switch (scope.kind) {
        case ScopeKind::global:
            return true;
        case ScopeKind::municipality:
            return target.municipality_code == scope.id;
        case ScopeKind::city_part:
            return target.city_part_id == scope.id;
        case ScopeKind::district:
            return target.district_id == scope.id;
    }
    return false;
}

Decision allows(std::span<const Grant> grants, Action action, const Target& target) {
    Decision decision;
    for (const Grant& grant : grants) {
        const bool applies = valid_id(grant.scope) && grantable_at(grant.role, grant.scope.kind) &&
                             role_allows(grant.role, action) && covers(grant.scope, target);
        if (!applies) continue;
        if (!decision.allowed || breadth(grant.scope.kind) < breadth(decision.grant->scope.kind)) {
            decision = {true, grant};
        }
    }
    return decision;
}

void validate(const Grant& grant) {
    if (!grantable_at(grant.role, grant.scope.kind)) {
        throw scope_error("role " + std::string(to_code(grant.role)) +
                          " cannot be granted for scope " + std::string(to_code(grant.scope.kind)));
    }
    if (!valid_id(grant.scope)) throw scope_error("scope id must be a positive number");
}

std::vector<Role> default_sensitive_roles() {
    return {Role::administrator, Role::state_police_leadership, Role::municipal_police_leadership,
            Role::case_worker};
}

bool requires_second_factor(std::span<const Grant> grants, std::span<const Role> sensitive) {
    return std::any_of(grants.begin(), grants.end(), [&](const Grant& grant) {
        return std::find(sensitive.begin(), sensitive.end(), grant.role) != sensitive.end();
    });
}

std::string_view to_code(Role role) noexcept {
    return index(role) < role_count ? role_codes[index(role)] : "unknown";
}

std::string_view to_code(Action action) noexcept {
    return index(action) < action_count ? action_codes[index(action)] : "unknown";
}

std::string_view to_code(ScopeKind kind) noexcept {
    return index(kind) < scope_kind_codes.size() ? scope_kind_codes[index(kind)] : "unknown";
}

std::optional<Role> role_from_code(std::string_view code) noexcept {
    return from_code<Role>(role_codes, code);
}

std::optional<Action> action_from_code(std::string_view code) noexcept {
    return from_code<Action>(action_codes, code);
}

std::optional<ScopeKind> scope_kind_from_code(std::string_view code) noexcept {
    return from_code<ScopeKind>(scope_kind_codes, code);
}

std::string to_string(const Scope& scope) {
    if (scope.kind == ScopeKind::global) return "global";
    return std::string(to_code(scope.kind)) + ":" + std::to_string(scope.id);
}

Scope parse_scope(std::string_view text) {
    const auto colon = text.find(':');
    const auto kind = scope_kind_from_code(text.substr(0, colon));
    if (!kind) {
        throw scope_error("unknown scope '" + std::string(text.substr(0, colon)) +
                          "'; expected global, municipality:CODE, city_part:ID or district:ID");
    }
    if (*kind == ScopeKind::global) {
        if (colon != std::string_view::npos) throw scope_error("scope global takes no id");
        return Scope::everything();
    }
    if (colon == std::string_view::npos) {
        throw scope_error("scope " + std::string(text) + " needs an id, e.g. " + std::string(text) +
                          ":42");
    }
    const auto digits = text.substr(colon + 1);
    std::int64_t id = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (error != std::errc() || end != digits.data() + digits.size() || id <= 0) {
        throw scope_error("scope id '" + std::string(digits) + "' is not a positive number");
    }
    return {*kind, id};
}

}  // namespace okrsek::service::security
