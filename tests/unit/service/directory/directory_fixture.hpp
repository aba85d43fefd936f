#pragma once

// The auth fixture's two towns (Testov: city parts T1 west and T2 east, districts W in T1 and
// E in T2; Jinov: district J) with staff of several roles, for DistrictDirectory's tests.
// Everyone here is invented.

#include "unit/service/auth/auth_fixture.hpp"

namespace okrsek::service::test_auth {

class DirectoryTest : public AuthTest {
protected:
    DirectoryTest() {
        import_towns();
        w = area_id("districts", "W");
        e = area_id("districts", "E");
        j = area_id("districts", "J");
        t1 = area_id("city_parts", "T1");
    }

    DistrictDirectory& directory() { return platform.directory(); }

    /// A signed-in person holding one role in one scope.
    Principal staff(const std::string& email, sec::Role role, sec::Scope scope) {
        return as_user(add_user(email, "Pracovník Úřadu", role, scope));
    }

    /// The id of the town's role with this code (seeding the defaults first).
    std::int64_t role_id(std::int64_t town, const std::string& code) {
        for (const auto& role : directory().team_roles(town, true)) {
            if (role.code == code) return role.id;
        }
        throw std::runtime_error("no role " + code);
    }

    static store::HolderProfile person(const std::string& name) {
        store::HolderProfile profile;
        profile.name = name;
        profile.bio = "Slouží v okrsku od roku 2020.";
        profile.office_hours = {{2, "14:00", "16:00", "služebna Hlavní 1"}};
        profile.contact = {"osoba@example.org", "+420 100 200 300"};
        return profile;
    }

    static store::PlaceFields place_at(const std::string& name, double lon, double lat) {
        store::PlaceFields fields;
        fields.name = name;
        fields.address = "Hlavní 1";
        fields.position = {lon, lat};
        return fields;
    }

    std::int64_t w = 0;
    std::int64_t e = 0;
    std::int64_t j = 0;
    std::int64_t t1 = 0;
};

}  // namespace okrsek::service::test_auth
