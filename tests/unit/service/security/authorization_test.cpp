#include "service/security/authorization.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "core/error.hpp"

namespace okrsek::service::security {
namespace {

// ---------------------------------------------------------------------------------------
// The expected permissions, written independently of authorization.cpp's grid: per role,
// the action codes it may perform. Any difference from the implementation fails the walk.
const std::map<std::string, std::set<std::string>> expected_actions = {
    {"administrator",
     {"users.read", "users.manage", "roles.grant", "audit.read", "tokens.manage",
      "district_team.read"}},
    {"prevention_manager",
     {"users.read", "district_team.read", "district_team.edit", "reports.read", "reports.escalate",
      "analytics.read", "strategy.read", "strategy.edit", "cameras.read", "cameras.edit",
      "district_card.edit", "reports.configure", "crime_incidents.read", "area_profiles.edit"}},
    {"state_police_leadership",
     {"district_team.read", "district_team.edit", "reports.read", "reports.handle",
      "reports.escalate", "analytics.read", "strategy.read", "cameras.read", "district_card.edit",
      "reports.contact", "reports.configure", "crime_incidents.read"}},
    {"municipal_police_leadership",
     {"district_team.read", "district_team.edit", "reports.read", "reports.handle",
      "reports.escalate", "analytics.read", "strategy.read", "cameras.read", "cameras.edit",
      "district_card.edit", "reports.contact", "reports.configure", "crime_incidents.read"}},
    {"district_state_officer",
     {"district_team.read", "reports.read", "reports.handle", "reports.escalate", "analytics.read",
      "strategy.read", "cameras.read", "district_card.edit", "reports.contact",
      "crime_incidents.read"}},
    {"district_municipal_officer",
     {"district_team.read", "reports.read", "reports.handle", "reports.escalate", "analytics.read",
      "strategy.read", "cameras.read", "district_card.edit", "reports.contact",
      "crime_incidents.read"}},
    {"district_councillor",
     {"district_team.read", "reports.read", "reports.escalate", "analytics.read", "strategy.read",
      "district_card.edit"}},
    {"security_commission_member", {"district_team.read", "analytics.read", "strategy.read"}},
    {"case_worker", {"cases.read", "cases.edit"}},
};

// At which scope kinds each role may hold a grant.
const std::map<std::string, std::set<std::string>> expected_scopes = {
    {"administrator", {"global", "municipality"}},
    {"prevention_manager", {"municipality", "city_part"}},
    {"state_police_leadership", {"global", "municipality", "city_part"}},
    {"municipal_police_leadership", {"municipality", "city_part"}},
    {"district_state_officer", {"district"}},
    {"district_municipal_officer", {"district"}},
    {"district_councillor", {"district", "city_part"}},
    {"security_commission_member", {"municipality", "city_part"}},
    {"case_worker", {"municipality", "city_part"}},
};

// The geography of the walk: town 554782 with city parts 10 (districts 101, 102) and 20
// (district 201); town 500000 with city part 30 (district 301).
constexpr std::int64_t town = 554782;
constexpr std::int64_t other_town = 500000;

// Every relation between a grant's scope and a target the walk covers, by name.
const std::map<std::string, Target> targets = {
    {"same_district", Target::district(town, 10, 101)},
    {"other_district_same_city_part", Target::district(town, 10, 102)},
    {"district_of_other_city_part", Target::district(town, 20, 201)},
    {"district_of_other_town", Target::district(other_town, 30, 301)},
    {"the_city_part_itself", Target::city_part(town, 10)},
    {"other_city_part_itself", Target::city_part(town, 20)},
    {"the_town_itself", Target::municipality(town)},
    {"other_town_itself", Target::municipality(other_town)},
    {"deployment_wide", Target::deployment()},
};

const std::map<std::string, Scope> scopes = {
    {"global", Scope::everything()},
    {"municipality", Scope::municipality(town)},
    {"city_part", Scope::city_part(10)},
    {"district", Scope::district(101)},
};

// Which targets each scope covers, written out.
const std::map<std::string, std::set<std::string>> expected_coverage = {
    {"global",
     {"same_district", "other_district_same_city_part", "district_of_other_city_part",
      "district_of_other_town", "the_city_part_itself", "other_city_part_itself", "the_town_itself",
      "other_town_itself", "deployment_wide"}},
    {"municipality",
     {"same_district", "other_district_same_city_part", "district_of_other_city_part",
      "the_city_part_itself", "other_city_part_itself", "the_town_itself"}},
    {"city_part", {"same_district", "other_district_same_city_part", "the_city_part_itself"}},
    {"district", {"same_district"}},
};

bool expected_allow(Role role, const std::string& scope, Action action, const std::string& target) {
    const std::string role_code(to_code(role));
    return expected_actions.at(role_code).contains(std::string(to_code(action))) &&
           expected_scopes.at(role_code).contains(scope) &&
           expected_coverage.at(scope).contains(target);
}

TEST(Authorization, TheWalkCoversEveryRoleActionAndScope) {
    EXPECT_EQ(expected_actions.size(), all_roles.size());
    EXPECT_EQ(expected_scopes.size(), all_roles.size());
    for (const Role role : all_roles) {
        EXPECT_TRUE(expected_actions.contains(std::string(to_code(role)))) << to_code(role);
    }
    EXPECT_EQ(all_actions.size(), 22U);
}

// Every role × scope kind × action × target relation, one grant at a time, against the tables
// above: 0 unexpected allows and 0 unexpected denies.
TEST(Authorization, WalksEveryRoleActionScopeAndTarget) {
    int checks = 0;
    int allowed_count = 0;
    std::vector<std::string> unexpected_allows;
    std::vector<std::string> unexpected_denies;
    for (const Role role : all_roles) {
        for (const auto& [scope_name, scope] : scopes) {
            const Grant grant{role, scope};
            for (const Action action : all_actions) {
                for (const auto& [target_name, target] : targets) {
                    const auto decision = allows(std::span(&grant, 1), action, target);
                    const bool expected = expected_allow(role, scope_name, action, target_name);
                    const auto what = std::string(to_code(role)) + " @" + scope_name + " " +
                                      std::string(to_code(action)) + " on " + target_name;
                    if (decision.allowed && !expected) unexpected_allows.push_back(what);
                    if (!decision.allowed && expected) unexpected_denies.push_back(what);
                    if (decision.allowed) {
                        ++allowed_count;
                        EXPECT_EQ(decision.grant, grant) << what;
                    } else {
                        EXPECT_FALSE(decision.grant) << what;
                    }
                    ++checks;
                }
            }
        }
    }
    EXPECT_EQ(checks, 9 * 4 * 22 * 9);
    EXPECT_GT(allowed_count, 0);
    EXPECT_TRUE(unexpected_allows.empty())
        << unexpected_allows.size() << " unexpected allows, first: " << unexpected_allows[0];
    EXPECT_TRUE(unexpected_denies.empty())
        << unexpected_denies.size() << " unexpected denies, first: " << unexpected_denies[0];
}

TEST(Authorization, MatrixAndGrantabilityMatchTheTables) {
    for (const Role role : all_roles) {
        const std::string role_code(to_code(role));
        for (const Action action : all_actions) {
            EXPECT_EQ(role_allows(role, action),
                      expected_actions.at(role_code).contains(std::string(to_code(action))))
                << role_code << " " << to_code(action);
        }
        for (const auto& [scope_name, scope] : scopes) {
            EXPECT_EQ(grantable_at(role, scope.kind),
                      expected_scopes.at(role_code).contains(scope_name))
                << role_code << " " << scope_name;
        }
    }
}

TEST(Authorization, DeniesWithoutGrants) {
    for (const Action action : all_actions) {
        for (const auto& [name, target] : targets) {
            EXPECT_FALSE(allows({}, action, target).allowed) << name;
        }
    }
}

TEST(Authorization, LeastPrivilegeCellsThatMatter) {
    const auto allowed = [](Role role, Scope scope, Action action, const Target& target) {
        const Grant grant{role, scope};
        return allows(std::span(&grant, 1), action, target).allowed;
    };
    const auto district = Target::district(town, 10, 101);
    // Administrators manage accounts but read no cases or reports, even globally.
    EXPECT_TRUE(allowed(Role::administrator, Scope::everything(), Action::users_manage, district));
    EXPECT_FALSE(allowed(Role::administrator, Scope::everything(), Action::cases_read, district));
    EXPECT_FALSE(allowed(Role::administrator, Scope::everything(), Action::reports_read, district));
    // Councillors read their district's reports but do not handle them.
    EXPECT_TRUE(
        allowed(Role::district_councillor, Scope::district(101), Action::reports_read, district));
    EXPECT_FALSE(
        allowed(Role::district_councillor, Scope::district(101), Action::reports_handle, district));
    // Case workers see cases and nothing else.
    EXPECT_TRUE(
        allowed(Role::case_worker, Scope::municipality(town), Action::cases_edit, district));
    EXPECT_FALSE(
        allowed(Role::case_worker, Scope::municipality(town), Action::reports_read, district));
    // An officer's district id changed in a URL does not reach the neighbouring district.
    EXPECT_FALSE(allowed(Role::district_state_officer, Scope::district(101), Action::reports_read,
                         Target::district(town, 10, 102)));
}

TEST(Authorization, IgnoresGrantsAtScopesTheirRoleCannotHave) {
    // A case worker granted globally (by a bug or an edited row) gets nothing anywhere.
    const Grant wrong{Role::case_worker, Scope::everything()};
    EXPECT_FALSE(
        allows(std::span(&wrong, 1), Action::cases_read, Target::municipality(town)).allowed);
    const Grant officer_town{Role::district_state_officer, Scope::municipality(town)};
    EXPECT_FALSE(
        allows(std::span(&officer_town, 1), Action::reports_read, Target::district(town, 10, 101))
            .allowed);
    // Nor do grants with an id that is no id.
    const Grant zero{Role::district_state_officer, Scope::district(0)};
    EXPECT_FALSE(allows(std::span(&zero, 1), Action::reports_read, Target{town, {}, 0}).allowed);
}

TEST(Authorization, NamesTheNarrowestAllowingGrant) {
    const std::vector<Grant> grants = {
        {Role::administrator, Scope::everything()},
        {Role::state_police_leadership, Scope::everything()},
        {Role::municipal_police_leadership, Scope::municipality(town)},
        {Role::district_state_officer, Scope::district(101)},
        {Role::district_councillor, Scope::city_part(10)},
    };
    const auto decision = allows(grants, Action::reports_read, Target::district(town, 10, 101));
    ASSERT_TRUE(decision.allowed);
    EXPECT_EQ(decision.grant, grants[3]);
    const auto in_102 = allows(grants, Action::reports_read, Target::district(town, 10, 102));
    EXPECT_EQ(in_102.grant, grants[4]);
    const auto in_201 = allows(grants, Action::reports_handle, Target::district(town, 20, 201));
    EXPECT_EQ(in_201.grant, grants[2]);
    const auto elsewhere = allows(grants, Action::reports_handle, Target::municipality(other_town));
    EXPECT_EQ(elsewhere.grant, grants[1]);
    EXPECT_EQ(allows(grants, Action::users_manage, Target::deployment()).grant, grants[0]);
    EXPECT_FALSE(allows(grants, Action::cases_read, Target::district(town, 10, 101)).allowed);
}

// ---------------------------------------------------------------------------------------
// Property checks over a generated geography with a fixed seed: 3 towns × 4 city parts × 5
// districts, ground truth kept apart from the targets built from it.
struct Place {
    std::int64_t town;
    std::int64_t city_part;
    std::int64_t district;
};

std::vector<Place> geography() {
    std::vector<Place> places;
    std::int64_t area_id = 1;
    for (std::int64_t t = 0; t < 3; ++t) {
        for (int c = 0; c < 4; ++c) {
            const std::int64_t city_part = area_id++;
            for (int d = 0; d < 5; ++d) places.push_back({500001 + t, city_part, area_id++});
        }
    }
    return places;
}

bool inside(const Scope& scope, const Place& place, const std::string& level) {
    switch (scope.kind) {
        case ScopeKind::global:
            return true;
        case ScopeKind::municipality:
            return level != "deployment" && place.town == scope.id;
        case ScopeKind::city_part:
            return (level == "district" || level == "city_part") && place.city_part == scope.id;
        case ScopeKind::district:
            return level == "district" && place.district == scope.id;
    }
    return false;
}

TEST(AuthorizationProperties, AGrantNeverAllowsOutsideItsScope) {
    const auto places = geography();
    std::mt19937 random(4242);
    const auto pick = [&](auto& items) { return items[random() % items.size()]; };
    const std::vector<std::string> levels = {"district", "city_part", "municipality", "deployment"};
    int allowed = 0;
    for (int i = 0; i < 20000; ++i) {
        const Place home = pick(places);
        const Role role = pick(all_roles);
        const ScopeKind kind = static_cast<ScopeKind>(random() % 4);
        const Scope scope = kind == ScopeKind::global         ? Scope::everything()
                            : kind == ScopeKind::municipality ? Scope::municipality(home.town)
                            : kind == ScopeKind::city_part    ? Scope::city_part(home.city_part)
                                                              : Scope::district(home.district);
        const Grant grant{role, scope};
        const Place place = pick(places);
        const std::string level = pick(levels);
        const Target target =
            level == "district"    ? Target::district(place.town, place.city_part, place.district)
            : level == "city_part" ? Target::city_part(place.town, place.city_part)
            : level == "municipality" ? Target::municipality(place.town)
                                      : Target::deployment();
        const Action action = pick(all_actions);
        const auto decision = allows(std::span(&grant, 1), action, target);
        if (!decision.allowed) continue;
        ++allowed;
        ASSERT_TRUE(inside(scope, place, level))
            << to_code(role) << " " << to_string(scope) << " allowed " << to_code(action) << " at "
            << level << " of district " << place.district;
        ASSERT_TRUE(role_allows(role, action));
        ASSERT_TRUE(grantable_at(role, scope.kind));
    }
    EXPECT_GT(allowed, 500);  // the property was exercised, not vacuously true (839 allows)
}

TEST(AuthorizationProperties, MoreGrantsNeverTakeAwayAndOrderDoesNotMatter) {
    const auto places = geography();
    std::mt19937 random(99);
    const auto pick = [&](auto& items) { return items[random() % items.size()]; };
    const auto random_grant = [&] {
        const Place home = pick(places);
        const Role role = pick(all_roles);
        switch (random() % 4) {
            case 0:
                return Grant{role, Scope::everything()};
            case 1:
                return Grant{role, Scope::municipality(home.town)};
            case 2:
                return Grant{role, Scope::city_part(home.city_part)};
            default:
                return Grant{role, Scope::district(home.district)};
        }
    };
    for (int i = 0; i < 3000; ++i) {
        std::vector<Grant> grants;
        for (int g = 0, n = static_cast<int>(random() % 4); g < n; ++g) {
            grants.push_back(random_grant());
        }
        const Place place = pick(places);
        const Target target = Target::district(place.town, place.city_part, place.district);
        const Action action = pick(all_actions);
        const auto before = allows(grants, action, target);
        // The allowing grant alone allows.
        if (before.allowed) {
            ASSERT_TRUE(allows(std::span(&*before.grant, 1), action, target).allowed);
        }
        auto reversed = grants;
        std::reverse(reversed.begin(), reversed.end());
        ASSERT_EQ(allows(reversed, action, target).allowed, before.allowed);
        grants.push_back(random_grant());
        ASSERT_GE(allows(grants, action, target).allowed, before.allowed);
        // Allowed by several grants means allowed by at least one of them alone.
        const bool any_alone = std::any_of(grants.begin(), grants.end(), [&](const Grant& grant) {
            return allows(std::span(&grant, 1), action, target).allowed;
        });
        ASSERT_EQ(allows(grants, action, target).allowed, any_alone);
    }
}

// ---------------------------------------------------------------------------------------

TEST(Authorization, CodesRoundTrip) {
    for (const Role role : all_roles) EXPECT_EQ(role_from_code(to_code(role)), role);
    for (const Action action : all_actions) EXPECT_EQ(action_from_code(to_code(action)), action);
    for (const auto kind :
         {ScopeKind::global, ScopeKind::municipality, ScopeKind::city_part, ScopeKind::district}) {
        EXPECT_EQ(scope_kind_from_code(to_code(kind)), kind);
    }
    EXPECT_EQ(to_code(Action::district_team_edit), "district_team.edit");
    EXPECT_EQ(to_code(Role::security_commission_member), "security_commission_member");
    EXPECT_FALSE(role_from_code("Administrator"));
    EXPECT_FALSE(action_from_code("cases"));
    EXPECT_FALSE(scope_kind_from_code(""));
}

TEST(Authorization, ScopesRoundTripAsText) {
    for (const auto& scope : {Scope::everything(), Scope::municipality(554782),
                              Scope::city_part(17), Scope::district(1234)}) {
        EXPECT_EQ(parse_scope(to_string(scope)), scope);
    }
    EXPECT_EQ(to_string(Scope::municipality(554782)), "municipality:554782");
    EXPECT_EQ(to_string(Scope::everything()), "global");
    for (const auto* bad : {"", "town:1", "district", "district:", "district:0", "district:-3",
                            "district:12x", "global:1", "municipality:99999999999999999999"}) {
        try {
            parse_scope(bad);
            ADD_FAILURE() << "accepted '" << bad << "'";
        } catch (const core::Error& error) {
            EXPECT_EQ(error.code(), core::ErrorCode::invalid_argument);
            EXPECT_EQ(error.field(), "scope");
        }
    }
}

TEST(Authorization, ValidatesGrants) {
    EXPECT_NO_THROW(validate(Grant{Role::district_state_officer, Scope::district(5)}));
    EXPECT_NO_THROW(validate(Grant{Role::administrator, Scope::everything()}));
    for (const auto& grant : {Grant{Role::district_state_officer, Scope::municipality(554782)},
                              Grant{Role::case_worker, Scope::everything()},
                              Grant{Role::district_councillor, Scope::district(0)},
                              Grant{Role::administrator, Scope{ScopeKind::global, 7}}}) {
        try {
            validate(grant);
            ADD_FAILURE() << to_code(grant.role) << " " << to_string(grant.scope);
        } catch (const core::Error& error) {
            EXPECT_EQ(error.field(), "scope");
        }
    }
}

TEST(Authorization, SecondFactorForSensitiveRoles) {
    const auto sensitive = default_sensitive_roles();
    const std::set<Role> expected = {Role::administrator, Role::state_police_leadership,
                                     Role::municipal_police_leadership, Role::case_worker};
    EXPECT_EQ(std::set<Role>(sensitive.begin(), sensitive.end()), expected);
    const std::vector<Grant> officer = {{Role::district_state_officer, Scope::district(5)}};
    EXPECT_FALSE(requires_second_factor(officer, sensitive));
    auto promoted = officer;
    promoted.push_back({Role::case_worker, Scope::municipality(554782)});
    EXPECT_TRUE(requires_second_factor(promoted, sensitive));
    EXPECT_FALSE(requires_second_factor({}, sensitive));
    // An administrator may mark other roles sensitive.
    const std::vector<Role> stricter = {Role::district_state_officer};
    EXPECT_TRUE(requires_second_factor(officer, stricter));
}

}  // namespace
}  // namespace okrsek::service::security
