// target_of_scope: where a role's scope lies, from the area catalog, on small test layers and
// on the real demo town (Prague's 57 city parts and 226 municipal police districts).
#include "service/auth/area_targets.hpp"

#include <gtest/gtest.h>

#include <set>

#include "service/demo_town.hpp"
#include "unit/service/auth/auth_fixture.hpp"

namespace okrsek::service::test_auth {
namespace {

using core::ErrorCode;
using sec::Scope;

class AuthAreaTargets : public AuthTest {
protected:
    AuthAreaTargets() { import_towns(); }

    sec::Target target(const Scope& scope) { return target_of_scope(*platform.catalog(), scope); }
};

void expect_target(const sec::Target& actual, std::optional<std::int64_t> town,
                   std::optional<std::int64_t> part, std::optional<std::int64_t> district) {
    EXPECT_EQ(actual.municipality_code, town);
    EXPECT_EQ(actual.city_part_id, part);
    EXPECT_EQ(actual.district_id, district);
}

TEST_F(AuthAreaTargets, ADistrictLiesInItsTownAndCityPart) {
    const auto w = area_id("districts", "W");
    const auto e = area_id("districts", "E");
    expect_target(target(Scope::district(w)), testov, area_id("city_parts", "T1"), w);
    expect_target(target(Scope::district(e)), testov, area_id("city_parts", "T2"), e);
}

TEST_F(AuthAreaTargets, ADistrictOfATownWithoutCityPartsHasNone) {
    const auto j = area_id("districts", "J");
    expect_target(target(Scope::district(j)), jinov, std::nullopt, j);
}

TEST_F(AuthAreaTargets, CityPartsTownsAndEverything) {
    const auto t2 = area_id("city_parts", "T2");
    expect_target(target(Scope::city_part(t2)), testov, t2, std::nullopt);
    expect_target(target(Scope::municipality(jinov)), jinov, std::nullopt, std::nullopt);
    expect_target(target(Scope::everything()), std::nullopt, std::nullopt, std::nullopt);
}

TEST_F(AuthAreaTargets, AnAreaOfAnotherLayerOrNoneIsNotFound) {
    const auto w = area_id("districts", "W");
    const auto t1 = area_id("city_parts", "T1");
    const auto town_area = area_id("municipalities", "999999");
    for (const Scope& scope : {Scope::district(t1), Scope::city_part(w), Scope::district(987654),
                               Scope::city_part(town_area), Scope::district(town_area)}) {
        const auto error = error_of([&] { target(scope); });
        EXPECT_EQ(error.code(), ErrorCode::not_found) << sec::to_string(scope);
        EXPECT_EQ(error.field(), "scope") << sec::to_string(scope);
    }
    EXPECT_NE(std::string(error_of([&] { target(Scope::district(t1)); }).what())
                  .find("no district " + std::to_string(t1)),
              std::string::npos);
}

// A district shaped like a U with a V-shaped notch, whose ring starts at the notch: the first
// triangles of its fan lie in the notch, outside the district, where another city part is.
// The city part is the one found at a point inside the district itself.
TEST_F(AuthAreaTargets, TheCityPartIsFoundAtAPointInsideAConcaveDistrict) {
    const auto at = [](double x, double y) {
        return "[" + std::to_string(15.1 + x * 0.02) + "," + std::to_string(50.0 + y * 0.02) + "]";
    };
    const std::string ring = "[" + at(3, 4) + "," + at(2, 1) + "," + at(1, 4) + "," + at(0, 5) +
                             "," + at(0, 0) + "," + at(4, 0) + "," + at(4, 4) + "," + at(3, 4) +
                             "]";
    const std::string notch =
        "[" + at(3, 4) + "," + at(1, 4) + "," + at(2, 1) + "," + at(3, 4) + "]";
    const auto feature = [](const std::string& code, const std::string& ring_json) {
        return R"({"type":"Feature","properties":{"kod":")" + code + R"(","nazev":")" + code +
               R"("},"geometry":{"type":"Polygon","coordinates":[)" + ring_json + "]}}";
    };
    import_text("parts.geojson",
                R"({"type":"FeatureCollection","features":[)" + feature("A", ring) + "," +
                    feature("B", notch) + "]}",
                "city_parts", jinov);
    import_text("districts.geojson",
                R"({"type":"FeatureCollection","features":[)" + feature("U", ring) + "]}",
                "districts", jinov);
    const auto u = area_id("districts", "U");
    const auto a = area_id("city_parts", "A");
    // The notch really is city part B.
    const auto in_notch = platform.lookup({15.1 + 2 * 0.02, 50.0 + 3 * 0.02});
    std::set<std::string> codes;
    for (const auto& area : in_notch.areas) codes.insert(area.info().code);
    EXPECT_EQ(codes, (std::set<std::string>{"B", "888888"}));
    expect_target(target(Scope::district(u)), jinov, a, u);
}

TEST(AuthAreaTargetsPrague, EveryDemoDistrictLiesInPragueAndOneOfItsCityParts) {
    test::TempDir dir;
    test::TestDatabase database{dir.path(), "prague.db"};
    Platform platform(store::open_store(database.setting()));
    build_demo_town(platform, test::source_dir() / "data" / "demo");
    const auto catalog = platform.catalog();
    const CatalogLayer* districts = catalog->find_layer("districts");
    const CatalogLayer* parts = catalog->find_layer("city_parts");
    ASSERT_TRUE(districts && parts);
    ASSERT_EQ(districts->areas.size(), 226u);
    std::set<std::int64_t> part_ids;
    std::int64_t praha_1 = 0;
    for (const auto& part : parts->areas) {
        part_ids.insert(part.id);
        if (part.name == "Praha 1") praha_1 = part.id;
    }
    ASSERT_NE(praha_1, 0);

    std::set<std::int64_t> parts_used;
    for (const auto& district : districts->areas) {
        const sec::Target found = target_of_scope(*catalog, Scope::district(district.id));
        EXPECT_EQ(found.municipality_code, demo_town_code) << district.code;
        EXPECT_EQ(found.district_id, district.id) << district.code;
        ASSERT_TRUE(found.city_part_id) << district.code;
        EXPECT_TRUE(part_ids.contains(*found.city_part_id)) << district.code;
        parts_used.insert(*found.city_part_id);
        if (district.code == "1-5") {
            // Okrsek 5 of OŘ MP Praha 1 (Old Town Square) lies in Praha 1.
            EXPECT_EQ(found.city_part_id, praha_1);
        }
    }
    // 226 districts spread over most of the 57 city parts, not all piled into one.
    EXPECT_GT(parts_used.size(), 40u);
    const auto praha_1_target = target_of_scope(*catalog, Scope::city_part(praha_1));
    expect_target(praha_1_target, demo_town_code, praha_1, std::nullopt);
    // A district id named as a city part is refused.
    EXPECT_EQ(error_of([&] {
                  target_of_scope(*catalog, Scope::city_part(districts->areas.front().id));
              }).code(),
              ErrorCode::not_found);
}

}  // namespace
}  // namespace okrsek::service::test_auth
