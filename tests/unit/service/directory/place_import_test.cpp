// Places from GeoJSON points: reading (templates, S-JTSK, features named in errors, warnings
// for missing optional fields) and DistrictDirectory::import_places (idempotent by code,
// districts derived from positions, atomic, for the whole town's editors only); on both engines.
#include "service/directory/place_import.hpp"

#include <gtest/gtest.h>

#include "unit/service/directory/directory_fixture.hpp"

namespace okrsek::service::test_auth {
namespace {

using core::ErrorCode;

std::string point(const std::string& properties, double x, double y) {
    return R"({"type":"Feature","properties":)" + properties +
           R"(,"geometry":{"type":"Point","coordinates":[)" + std::to_string(x) + "," +
           std::to_string(y) + "]}}";
}

std::string collection(const std::vector<std::string>& features, const std::string& extra = {}) {
    std::string text = R"({"type":"FeatureCollection",)" + extra + R"("features":[)";
    for (std::size_t i = 0; i < features.size(); ++i) text += (i ? "," : "") + features[i];
    return text + "]}";
}

// Three stations of Testov: two in W, one in E; and one outside every district.
std::string stations(const std::string& name_of_second = "Náměstí") {
    return collection(
        {point(R"({"ID":1,"NAZEV":"Hlavní","ULICE":"Hlavní","CP":1})", 14.05, 50.05),
         point(R"({"ID":2,"NAZEV":")" + name_of_second + R"(","ULICE":"Náměstí","CP":12})", 14.06,
               50.02),
         point(R"({"ID":3,"NAZEV":"Východní","ULICE":"Dlouhá","CP":null})", 14.15, 50.05),
         point(R"({"ID":4,"NAZEV":"Za městem","ULICE":"Polní","CP":7})", 14.5, 50.5)});
}

PlaceImportRequest request(const std::string& geojson) {
    PlaceImportRequest result;
    result.source_name = "stanice.geojson";
    result.geojson = geojson;
    result.municipality_code = testov;
    result.kind = "police_station";
    result.read_options.code_property = "ID";
    result.read_options.name_property = "Služebna {NAZEV}";
    result.read_options.address_property = "{ULICE} {CP}";
    return result;
}

TEST(PlaceRead, TemplatesGiveTheFieldsAndMissingOptionalsAreWarnings) {
    PlaceReadOptions options;
    options.code_property = "ID";
    options.name_property = "Služebna {NAZEV}";
    options.address_property = "{ULICE} {CP}";
    const auto read = read_place_features(stations(), options);
    ASSERT_EQ(read.places.size(), 4u);
    EXPECT_EQ(read.crs, geo::Crs::wgs84);
    EXPECT_EQ(read.places[0].code, "1");
    EXPECT_EQ(read.places[0].fields.name, "Služebna Hlavní");
    EXPECT_EQ(read.places[0].fields.address, "Hlavní 1");
    EXPECT_EQ(read.places[0].fields.position.lon, 14.05);
    EXPECT_FALSE(read.places[2].fields.address);
    ASSERT_EQ(read.warnings.size(), 1u);
    EXPECT_NE(read.warnings[0].find("feature 2 (3): no address"), std::string::npos);
    EXPECT_FALSE(read.places[0].fields.opening_hours);
}

TEST(PlaceRead, DefaultsFindCodeAndName) {
    const auto read = read_place_features(
        collection({point(R"({"kod":"A7","nazev":"Info-schránka U Lípy"})", 14.05, 50.05)}), {});
    ASSERT_EQ(read.places.size(), 1u);
    EXPECT_EQ(read.places[0].code, "A7");
    EXPECT_EQ(read.places[0].fields.name, "Info-schránka U Lípy");
}

TEST(PlaceRead, SjtskPointsAreConverted) {
    const auto read = read_place_features(
        collection({point(R"({"id":1,"name":"Staroměstské náměstí"})", -742805.88, -1043009.48)},
                   R"("crs":{"type":"name","properties":{"name":"EPSG:5514"}},)"),
        {});
    EXPECT_EQ(read.crs, geo::Crs::sjtsk);
    EXPECT_NEAR(read.places[0].fields.position.lon, 14.42, 0.02);
    EXPECT_NEAR(read.places[0].fields.position.lat, 50.08, 0.02);
    // Detected without a crs member, too.
    const auto detected = read_place_features(
        collection({point(R"({"id":1,"name":"X"})", -742805.88, -1043009.48)}), {});
    EXPECT_EQ(detected.crs, geo::Crs::sjtsk);
}

TEST(PlaceRead, BadFeaturesAreNamed) {
    const auto error_for = [](const std::string& geojson, const PlaceReadOptions& options = {}) {
        return error_of([&] { read_place_features(geojson, options); });
    };
    auto error = error_for(collection({point(R"({"name":"Bez kódu"})", 14.05, 50.05)}));
    EXPECT_EQ(error.code(), ErrorCode::invalid_input);
    EXPECT_EQ(error.field(), "features[0].properties");
    EXPECT_NE(std::string(error.what()).find("no code"), std::string::npos);
    error = error_for(collection({point(R"({"id":1,"name":"A"})", 14.05, 50.05),
                                  point(R"({"id":1,"name":"B"})", 14.06, 50.05)}));
    EXPECT_NE(std::string(error.what()).find("feature 1 (1): code 1 repeats feature 0"),
              std::string::npos);
    error = error_for(collection(
        {R"({"type":"Feature","properties":{"id":1,"name":"A"},"geometry":{"type":"Polygon",)"
         R"("coordinates":[[[14,50],[14.1,50],[14.1,50.1],[14,50]]]}})"}));
    EXPECT_EQ(error.field(), "features[0].geometry");
    error = error_for(collection({point(R"({"id":1,"name":"A"})", 14.05, 95.0)}));
    EXPECT_EQ(error.field(), "features[0].geometry.coordinates");
    PlaceReadOptions missing;
    missing.name_property = "{NAZEV}";
    error = error_for(collection({point(R"({"id":1,"name":"A"})", 14.05, 50.05)}), missing);
    EXPECT_NE(std::string(error.what()).find("property 'NAZEV' is missing"), std::string::npos);
    EXPECT_EQ(error_for("{}").field(), "type");
    EXPECT_EQ(error_for(R"({"type":"FeatureCollection","features":[]})").field(), "features");
    EXPECT_EQ(error_for("not json").code(), ErrorCode::invalid_input);
}

TEST_F(DirectoryTest, ImportIsIdempotentByCodeAndDerivesDistricts) {
    const auto report = directory().import_places(Principal::cli(), request(stations()));
    EXPECT_EQ(report.kind, "police_station");
    EXPECT_EQ(report.feature_count, 4u);
    EXPECT_EQ(report.counts.inserted, 4u);
    EXPECT_EQ(report.outside_districts, 1u);
    EXPECT_EQ(report.crs, "EPSG:4326");
    EXPECT_EQ(report.warnings.size(), 1u);
    EXPECT_EQ(directory().district_places(w, 10, 0).total, 2u);
    EXPECT_EQ(directory().district_places(e, 10, 0).total, 1u);
    const auto imports = audit_rows("place.import");
    ASSERT_EQ(imports.size(), 1u);
    EXPECT_EQ(imports[0].actor_kind, store::ActorKind::cli);
    EXPECT_EQ(imports[0].municipality_code, testov);

    const auto again = directory().import_places(Principal::cli(), request(stations()));
    EXPECT_EQ(again.counts.unchanged, 4u);
    EXPECT_EQ(again.counts.inserted + again.counts.updated + again.counts.deleted, 0u);
    EXPECT_EQ(audit_rows("place.import").size(), 1u);

    const auto renamed = directory().import_places(Principal::cli(), request(stations("Nové")));
    EXPECT_EQ(renamed.counts.updated, 1u);
    const auto page = directory().district_places(w, 10, 0);
    ASSERT_EQ(page.places.size(), 2u);
    EXPECT_EQ(page.places[1].place.fields.name, "Služebna Nové");

    // A file without station 3: it goes; a place made by hand stays.
    directory().create_place(Principal::cli(), testov, "police_station",
                             place_at("Ruční", 14.07, 50.07));
    auto shorter = request(
        collection({point(R"({"ID":1,"NAZEV":"Hlavní","ULICE":"Hlavní","CP":1})", 14.05, 50.05)}));
    const auto removed = directory().import_places(Principal::cli(), shorter);
    EXPECT_EQ(removed.counts.deleted, 3u);
    EXPECT_EQ(removed.counts.kept_manual, 1u);
    EXPECT_EQ(directory().district_places(e, 10, 0).total, 0u);
    EXPECT_EQ(directory().district_places(w, 10, 0).total, 2u);
}

TEST_F(DirectoryTest, ABadFileOrAForbiddenImportChangesNothing) {
    directory().import_places(Principal::cli(), request(stations()));
    const Principal part =
        as_user(add_user("manazer.t1@example.org", "Manažerka", sec::Role::prevention_manager,
                         sec::Scope::city_part(t1)));
    const auto rows = audit_rows().size();
    auto broken =
        request(collection({point(R"({"ID":9,"NAZEV":"Nová","ULICE":"U","CP":1})", 14.05, 50.05),
                            point(R"({"NAZEV":"Bez kódu"})", 14.06, 50.05)}));
    const auto bad = error_of([&] { directory().import_places(Principal::cli(), broken); });
    EXPECT_EQ(bad.field(), "features[1].properties");
    EXPECT_TRUE(std::string(bad.what()).starts_with("stanice.geojson: feature 1")) << bad.what();
    EXPECT_EQ(error_of([&] { directory().import_places(part, request(stations("Jiné"))); }).code(),
              ErrorCode::forbidden);
    auto unknown_kind = request(stations());
    unknown_kind.kind = "helipad";
    EXPECT_EQ(error_of([&] { directory().import_places(Principal::cli(), unknown_kind); }).field(),
              "kind");
    EXPECT_EQ(audit_rows().size(), rows);
    EXPECT_EQ(directory().town_places({testov, std::nullopt, std::nullopt}).size(), 4u);
    EXPECT_EQ(directory().district_places(w, 10, 0).places.at(1).place.fields.name,
              "Služebna Náměstí");
}

}  // namespace
}  // namespace okrsek::service::test_auth
