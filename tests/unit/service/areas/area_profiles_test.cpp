// AreaProfiles on the test's engine: population from the edited value, else the layer's
// "obyvatel" / "population" property; edits with limits, permission on the area as stored and
// an audit row in the same transaction.
#include "service/areas/area_profiles.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "unit/service/auth/auth_fixture.hpp"

namespace okrsek::service::test_auth {
namespace {

using core::ErrorCode;
using sec::Role;
using sec::Scope;
using CountsAreaProfiles = std::map<std::string, std::int64_t>;

class AreaProfilesTest : public AuthTest {
protected:
    AreaProfilesTest() {
        import_towns();
        // Testov's city parts again, with populations as layers carry them.
        import_text("parts.geojson", R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"kod":"T1","nazev":"Testov 1","obyvatel":1200},
 "geometry":{"type":"Polygon","coordinates":[[[14.0,50.0],[14.1,50.0],[14.1,50.1],[14.0,50.1],[14.0,50.0]]]}},
{"type":"Feature","properties":{"kod":"T2","nazev":"Testov 2","obyvatel":-5,"population":"3400.5"},
 "geometry":{"type":"Polygon","coordinates":[[[14.1,50.0],[14.2,50.0],[14.2,50.1],[14.1,50.1],[14.1,50.0]]]}}]})",
                    "city_parts", testov);
        w = area_id("districts", "W");
        j = area_id("districts", "J");
        t1 = area_id("city_parts", "T1");
        t2 = area_id("city_parts", "T2");
        testov_area = area_id("municipalities", "999999");
        manager = add_user("martin.prevence@example.org", "Martin Prevence",
                           Role::prevention_manager, Scope::municipality(testov));
        part_manager = add_user("pavla.cast@example.org", "Pavla Částečná",
                                Role::prevention_manager, Scope::city_part(t1));
        officer = add_user("tomas.okrskar@example.org", "Tomáš Okrskář",
                           Role::district_state_officer, Scope::district(w));
        leader = add_user("lenka.vedouci@example.org", "Lenka Vedoucí",
                          Role::state_police_leadership, Scope::municipality(testov));
    }

    AreaProfiles& profiles() { return platform.area_profiles(); }

    static AreaProfileEdit full_edit() {
        AreaProfileEdit edit;
        edit.population = std::optional<double>(5400);
        edit.amenities = CountsAreaProfiles{{"schools", 3}, {"bars_open_late", 7}};
        edit.prevention_workers = CountsAreaProfiles{{"street_workers", 2}};
        return edit;
    }

    std::int64_t w = 0, j = 0, t1 = 0, t2 = 0, testov_area = 0;
    std::int64_t manager = 0, part_manager = 0, officer = 0, leader = 0;
};

TEST_F(AreaProfilesTest, PopulationComesFromTheLayerUntilEdited) {
    const auto catalog = platform.catalog();
    const auto parts = profiles().of_layer(*catalog, testov, "city_parts");
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(parts[0].area_id, t1);
    EXPECT_EQ(parts[0].population, 1200.0);
    EXPECT_EQ(parts[0].population_source, "layer");
    // A negative "obyvatel" is no population; "population" as numeric text is.
    EXPECT_EQ(parts[1].population, 3400.5);
    EXPECT_EQ(parts[1].population_source, "layer");
    const auto district = profiles().of_area(*catalog, w);
    EXPECT_FALSE(district.population);
    EXPECT_EQ(district.population_source, "");
    EXPECT_TRUE(district.amenities.empty());

    AreaProfileEdit edit;
    edit.population = std::optional<double>(1500);
    profiles().edit(Principal::cli(), t1, edit);
    auto edited = profiles().of_area(*catalog, t1);
    EXPECT_EQ(edited.population, 1500.0);
    EXPECT_EQ(edited.population_source, "profile");
    // null removes the edited value: the layer's counts again.
    edit.population = std::optional<double>();
    profiles().edit(Principal::cli(), t1, edit);
    edited = profiles().of_area(*catalog, t1);
    EXPECT_EQ(edited.population, 1200.0);
    EXPECT_EQ(edited.population_source, "layer");

    // Other towns' areas and unknown layers are not listed; an unknown area is not found.
    EXPECT_EQ(profiles().of_layer(*catalog, testov, "districts").size(), 2u);
    EXPECT_EQ(profiles().of_layer(*catalog, jinov, "districts").size(), 1u);
    EXPECT_TRUE(profiles().of_layer(*catalog, testov, "nonsense").empty());
    const auto missing = error_of([&] { profiles().of_area(*catalog, 987654); });
    EXPECT_EQ(missing.code(), ErrorCode::not_found);
    EXPECT_EQ(missing.field(), "id");
}

TEST_F(AreaProfilesTest, EditsChangeOnlyWhatTheyNameAndAreAudited) {
    const auto after = profiles().edit(as_user(manager), w, full_edit());
    EXPECT_EQ(after.population, 5400.0);
    EXPECT_EQ(after.amenities, (CountsAreaProfiles{{"bars_open_late", 7}, {"schools", 3}}));

    AreaProfileEdit workers;
    workers.prevention_workers = CountsAreaProfiles{{"social_workers", 1}, {"street_workers", 4}};
    profiles().edit(as_user(manager), w, workers);
    const auto stored = profiles().of_area(*platform.catalog(), w);
    EXPECT_EQ(stored.population, 5400.0);
    EXPECT_EQ(stored.amenities.at("schools"), 3);
    EXPECT_EQ(stored.prevention_workers,
              (CountsAreaProfiles{{"social_workers", 1}, {"street_workers", 4}}));
    // An empty map clears it.
    AreaProfileEdit clear;
    clear.amenities = CountsAreaProfiles{};
    EXPECT_TRUE(profiles().edit(as_user(manager), w, clear).amenities.empty());

    const auto rows = audit_rows("area_profile.update");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows.back().actor_id, manager);
    EXPECT_EQ(rows.back().object_type, "area");
    EXPECT_EQ(rows.back().object_id, std::to_string(w));
    EXPECT_EQ(rows.back().municipality_code, testov);
    const auto details = nlohmann::json::parse(rows.back().details_json);
    EXPECT_EQ(details["population"], 5400);
    EXPECT_EQ(details["amenities"]["schools"], 3);
    EXPECT_FALSE(nlohmann::json::parse(rows.front().details_json).contains("population"));
    EXPECT_EQ(peek->area_profile(w)->updated_by, manager);
}

TEST_F(AreaProfilesTest, OnlyThePreventionManagerOfTheAreaMayEdit) {
    // The town's manager: every area of Testov, not Jinov's.
    EXPECT_NO_THROW(profiles().edit(as_user(manager), w, full_edit()));
    EXPECT_NO_THROW(profiles().edit(as_user(manager), t2, full_edit()));
    EXPECT_NO_THROW(profiles().edit(as_user(manager), testov_area, full_edit()));
    EXPECT_EQ(error_of([&] { profiles().edit(as_user(manager), j, full_edit()); }).code(),
              ErrorCode::forbidden);
    // A city part's manager: the part and its districts only.
    EXPECT_NO_THROW(profiles().edit(as_user(part_manager), t1, full_edit()));
    EXPECT_NO_THROW(profiles().edit(as_user(part_manager), w, full_edit()));
    EXPECT_EQ(error_of([&] { profiles().edit(as_user(part_manager), t2, full_edit()); }).code(),
              ErrorCode::forbidden);
    EXPECT_EQ(
        error_of([&] { profiles().edit(as_user(part_manager), testov_area, full_edit()); }).code(),
        ErrorCode::forbidden);
    // Officers and police leadership read statistics but do not edit profiles.
    for (const auto user : {officer, leader}) {
        EXPECT_EQ(error_of([&] { profiles().edit(as_user(user), w, full_edit()); }).code(),
                  ErrorCode::forbidden);
    }
    EXPECT_EQ(error_of([&] { profiles().edit(as_user(manager), 987654, full_edit()); }).code(),
              ErrorCode::not_found);
    // Refusals change nothing and write no audit row.
    EXPECT_FALSE(peek->area_profile(j));
    EXPECT_EQ(audit_rows("area_profile.update").size(), 5u);
}

TEST_F(AreaProfilesTest, LimitsNameTheField) {
    const auto field_of = [&](const AreaProfileEdit& edit) {
        const auto error = error_of([&] { profiles().edit(Principal::cli(), w, edit); });
        EXPECT_EQ(error.code(), ErrorCode::invalid_argument);
        return std::string(error.field());
    };
    AreaProfileEdit edit;
    edit.population = std::optional<double>(-1);
    EXPECT_EQ(field_of(edit), "population");
    edit.population = std::optional<double>(100'000'001);
    EXPECT_EQ(field_of(edit), "population");
    edit.population = std::optional<double>(12.5);
    EXPECT_EQ(field_of(edit), "population");
    edit.population = std::optional<double>(std::nan(""));
    EXPECT_EQ(field_of(edit), "population");

    edit = {};
    edit.amenities = CountsAreaProfiles{{"Schools", 1}};
    EXPECT_EQ(field_of(edit), "amenities");
    edit.amenities = CountsAreaProfiles{{std::string(41, 'a'), 1}};
    EXPECT_EQ(field_of(edit), "amenities");
    edit.amenities = CountsAreaProfiles{{"", 1}};
    EXPECT_EQ(field_of(edit), "amenities");
    edit.amenities = CountsAreaProfiles{{"schools", 1'000'001}};
    EXPECT_EQ(field_of(edit), "amenities.schools");
    edit = {};
    edit.prevention_workers = CountsAreaProfiles{{"street_workers", -1}};
    EXPECT_EQ(field_of(edit), "prevention_workers.street_workers");
    CountsAreaProfiles many;
    for (char c = 'a'; c < 'a' + 31 - 26; ++c) many[std::string(1, c)] = 1;
    for (char c = 'a'; c <= 'z'; ++c) many[std::string(2, c)] = 1;
    ASSERT_EQ(many.size(), 31u);
    edit.prevention_workers = many;
    EXPECT_EQ(field_of(edit), "prevention_workers");
    many.erase(many.begin());
    edit.prevention_workers = many;
    EXPECT_NO_THROW(profiles().edit(Principal::cli(), w, edit));

    // The limits themselves are allowed.
    AreaProfileEdit edge;
    edge.population = std::optional<double>(100'000'000);
    edge.amenities = CountsAreaProfiles{{std::string(40, 'z'), 1'000'000}, {"a_b", 0}};
    EXPECT_NO_THROW(profiles().edit(Principal::cli(), w, edge));
    EXPECT_EQ(profiles().of_area(*platform.catalog(), w).population, 100'000'000.0);
    EXPECT_EQ(audit_rows("area_profile.update").size(), 2u);
}

}  // namespace
}  // namespace okrsek::service::test_auth
