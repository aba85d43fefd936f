#include "io/geojson_reader.hpp"

#include <gtest/gtest.h>

#include <ctime>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <string>

#include "core/error.hpp"
#include "geo/bbox.hpp"
#include "support/test_paths.hpp"

namespace okrsek::io {
namespace {

// Praha, Old Town Square and a little square north-east of it.
const std::string k_ring =
    "[[14.42,50.08],[14.43,50.08],[14.43,50.09],[14.42,50.09],[14.42,50.08]]";
const std::string k_square = R"({"type":"Polygon","coordinates":[)" + k_ring + "]}";

std::string feature(const std::string& properties, const std::string& geometry) {
    return R"({"type":"Feature","properties":)" + properties + R"(,"geometry":)" + geometry + "}";
}

std::string polygon(const std::string& rings) {
    return R"({"type":"Polygon","coordinates":[)" + rings + "]}";
}

std::string collection(const std::string& features, const std::string& extra = "") {
    return R"({"type":"FeatureCollection")" + extra + R"(,"features":[)" + features + "]}";
}

std::string coded(const std::string& code, const std::string& geometry = k_square) {
    return feature(R"({"code":")" + code + R"("})", geometry);
}

struct Failure {
    std::string message;
    std::string field;
};

Failure failure_of(const std::string& text, const AreaReadOptions& options = {}) {
    try {
        read_area_features(text, options);
    } catch (const core::Error& error) {
        EXPECT_EQ(error.code(), core::ErrorCode::invalid_input) << error.what();
        return {error.what(), error.field()};
    }
    ADD_FAILURE() << "no error for " << text;
    return {};
}

std::string message_of(const std::string& text, const AreaReadOptions& options = {}) {
    return failure_of(text, options).message;
}

// ---------------------------------------------------------------- the document

TEST(ReadAreaFeatures, RejectsTextThatIsNotJson) {
    const Failure f = failure_of(R"({"type": "FeatureCollection", "features": [)");
    EXPECT_EQ(f.message.rfind("not valid JSON at byte 44: ", 0), 0u) << f.message;
    EXPECT_EQ(message_of("").rfind("not valid JSON at byte 1: ", 0), 0u);
    EXPECT_EQ(message_of(collection(coded("A", polygon("[[NaN, 50]]")))).rfind("not valid JSON", 0),
              0u);
    EXPECT_EQ(message_of(collection(coded("A", polygon("[[1e999, 50]]")))),
              "not valid JSON: number overflow parsing '1e999'");
}

TEST(ReadAreaFeatures, RequiresAFeatureCollectionWithFeatures) {
    EXPECT_EQ(message_of("[]"), "not a GeoJSON object");
    const Failure f = failure_of(coded("A"));
    EXPECT_EQ(f.message, R"(not a GeoJSON FeatureCollection (type is "Feature"))");
    EXPECT_EQ(f.field, "type");
    EXPECT_EQ(message_of(R"({"type":"FeatureCollection"})"),
              "the FeatureCollection has no features array");
    EXPECT_EQ(message_of(collection("")), "the FeatureCollection has no features");
}

TEST(ReadAreaFeatures, RequiresFeatureObjects) {
    const Failure f = failure_of(collection(coded("A") + "," + k_square));
    EXPECT_EQ(f.message, "feature 1: not a GeoJSON Feature object");
    EXPECT_EQ(f.field, "features[1]");
}

// ---------------------------------------------------------------- geometry

TEST(ReadAreaFeatures, RequiresPolygonOrMultiPolygon) {
    const std::string line = R"({"type":"LineString","coordinates":[[14.42,50.08],[14.43,50.08]]})";
    const Failure f = failure_of(
        collection(coded("A") + "," + coded("B") + "," + coded("C") + "," + coded("D", line)));
    EXPECT_EQ(f.message, "feature 3 (D): geometry type LineString is not Polygon or MultiPolygon");
    EXPECT_EQ(f.field, "features[3].geometry.type");
    EXPECT_EQ(message_of(collection(coded("A", "null"))), "feature 0 (A): geometry is missing");
    EXPECT_EQ(message_of(collection(R"({"type":"Feature","properties":{"code":"A"}})")),
              "feature 0 (A): geometry is missing");
    EXPECT_EQ(message_of(collection(coded("A", R"({"type":"Polygon"})"))),
              "feature 0 (A): geometry has no coordinates array");
    EXPECT_EQ(message_of(collection(coded("A", R"({"coordinates":[]})"))),
              "feature 0 (A): geometry has no type");
    EXPECT_EQ(message_of(collection(coded("A", R"({"type":"Polygon","coordinates":[]})"))),
              "feature 0 (A): polygon has no rings");
    EXPECT_EQ(message_of(collection(coded("A", R"({"type":"MultiPolygon","coordinates":[]})"))),
              "feature 0 (A): MultiPolygon has no polygons");
}

TEST(ReadAreaFeatures, RequiresPositionsOfTwoOrMoreFiniteNumbers) {
    const Failure short_position = failure_of(
        collection(coded("A", polygon("[[14.42,50.08],[14.43],[14.43,50.09],[14.42,50.08]]"))));
    EXPECT_EQ(short_position.message,
              "feature 0 (A): position 1 of ring 0 is not an array of 2 or more numbers");
    EXPECT_EQ(short_position.field, "features[0].geometry.coordinates[0][1]");
    EXPECT_EQ(
        message_of(collection(
            coded("A", polygon(R"([[14.42,50.08],[14.43,"50.08"],[14.43,50.09],[14.42,50.08]])")))),
        R"(feature 0 (A): position 1 of ring 0 has a value that is not a finite number: "50.08")");
    EXPECT_EQ(message_of(collection(
                  coded("A", polygon("[[14.42,50.08],[14.43,null],[14.43,50.09],[14.42,50.08]]")))),
              "feature 0 (A): position 1 of ring 0 has a value that is not a finite number: null");
    EXPECT_EQ(message_of(collection(coded("A", polygon("[[14.42,50.08],7,[14.43,50.09]]")))),
              "feature 0 (A): position 1 of ring 0 is not an array of 2 or more numbers");
}

TEST(ReadAreaFeatures, IgnoresHeights) {
    const auto result = read_area_features(
        collection(coded("A", polygon("[[14.42,50.08,200],[14.43,50.08,210.5],[14.43,50.09,0],"
                                      "[14.42,50.08,200]]"))),
        {});
    EXPECT_EQ(result.features[0].geometry[0].outer.size(), 4u);
}

TEST(ReadAreaFeatures, RequiresClosedRingsOfFourPositions) {
    const Failure open = failure_of(collection(
        coded("A", polygon("[[14.42,50.08],[14.43,50.08],[14.43,50.09],[14.42,50.09]]"))));
    EXPECT_EQ(open.message,
              "feature 0 (A): ring 0 is not closed: it starts at 14.42 50.08 and ends at 14.42 "
              "50.09");
    EXPECT_EQ(open.field, "features[0].geometry.coordinates[0]");
    EXPECT_EQ(
        message_of(collection(coded("A", polygon("[[14.42,50.08],[14.43,50.08],[14.42,50.08]]")))),
        "feature 0 (A): ring 0 has 3 positions, at least 4 are needed");
    const std::string bad_hole =
        "[[14.425,50.085],[14.426,50.085],[14.426,50.086],[14.425,50.0851]]";
    EXPECT_EQ(message_of(collection(coded("A", polygon(k_ring + "," + bad_hole)))),
              "feature 0 (A): ring 1 is not closed: it starts at 14.425 50.085 and ends at 14.425 "
              "50.0851");
    const std::string multi = R"({"type":"MultiPolygon","coordinates":[[)" + k_ring + "],[" +
                              "[[15.42,50.08],[15.43,50.08],[15.43,50.09],[15.42,50.09]]" + "]]}";
    const Failure f = failure_of(collection(coded("A", multi)));
    EXPECT_EQ(f.message.rfind("feature 0 (A): polygon 1 ring 0 is not closed", 0), 0u) << f.message;
    EXPECT_EQ(f.field, "features[0].geometry.coordinates[1][0]");
}

TEST(ReadAreaFeatures, RejectsInvalidPolygons) {
    const std::string bow_tie =
        polygon("[[14.42,50.08],[14.43,50.09],[14.43,50.08],[14.42,50.09],[14.42,50.08]]");
    const Failure f = failure_of(collection(coded("A") + "," + coded("B", bow_tie)));
    EXPECT_EQ(f.message, "feature 1 (B): self-intersection near 14.4250000 50.0850000");
    EXPECT_EQ(f.field, "features[1].geometry");
    const std::string overlap =
        R"({"type":"MultiPolygon","coordinates":[[)" + k_ring + "],[" +
        "[[14.425,50.085],[14.435,50.085],[14.435,50.095],[14.425,50.095],[14.425,50.085]]" + "]]}";
    EXPECT_EQ(
        message_of(collection(coded("A", overlap))).rfind("feature 0 (A): polygons 0 and 1", 0),
        0u);
}

TEST(ReadAreaFeatures, RejectsCoordinatesOutOfRange) {
    const Failure f = failure_of(
        collection(coded("A", polygon("[[14.42,50.08],[14.43,50.08],[14.43,95],[14.42,50.08]]"))));
    EXPECT_EQ(f.message,
              "feature 0 (A): position 14.43 95 is outside longitude [-180, 180] / latitude "
              "[-90, 90]");
    AreaReadOptions wgs84;
    wgs84.crs = geo::Crs::wgs84;
    const std::string sjtsk = polygon(
        "[[-742805.88,-1043009.48],[-742705.88,-1043009.48],[-742705.88,-1042909.48],"
        "[-742805.88,-1043009.48]]");
    EXPECT_EQ(message_of(collection(coded("A", sjtsk)), wgs84),
              "feature 0 (A): position -742805.88 -1043009.48 is outside longitude [-180, 180] / "
              "latitude [-90, 90]; it looks like S-JTSK (EPSG:5514) metres");
}

// ---------------------------------------------------------------- CRS

const std::string k_sjtsk_square = polygon(
    "[[-742805.88,-1043009.48],[-742705.88,-1043009.48],[-742705.88,-1042909.48],"
    "[-742805.88,-1042909.48],[-742805.88,-1043009.48]]");

std::string named_crs(const std::string& name) {
    return R"(,"crs":{"type":"name","properties":{"name":")" + name + R"("}})";
}

TEST(ReadAreaFeatures, RejectsAnUndetectableCrs) {
    const Failure f = failure_of(
        collection(coded("A", polygon("[[1000,2000],[1100,2000],[1100,2100],[1000,2000]]"))));
    EXPECT_EQ(f.message,
              "feature 0 (A): cannot tell the CRS from the first position 1000 2000 (neither WGS "
              "84 degrees nor S-JTSK metres); name it in a crs member");
}

TEST(ReadAreaFeatures, RejectsAnUnknownCrsMember) {
    const Failure f = failure_of(collection(coded("A"), named_crs("EPSG:3035")));
    EXPECT_EQ(f.message,
              R"(crs "EPSG:3035" is not one okrsek reads (EPSG:4326, CRS84 or EPSG:5514))");
    EXPECT_EQ(f.field, "crs");
    EXPECT_EQ(message_of(collection(coded("A"), R"(,"crs":{"type":"link"})")),
              R"(crs member is not {"type": "name", ...}: {"type":"link"})");
}

TEST(ReadAreaFeatures, ConvertsSjtskNamedInTheFile) {
    const auto result = read_area_features(
        collection(coded("A", k_sjtsk_square), named_crs("urn:ogc:def:crs:EPSG::5514")), {});
    EXPECT_EQ(result.crs, geo::Crs::sjtsk);
    EXPECT_EQ(result.crs_source, "file");
    // The control point PRAHA-STAROMESTSKE-NAM: S-JTSK -742805.88 -1043009.48 is 14.4213 50.0875.
    const core::LonLat corner = result.features[0].geometry[0].outer[0];
    EXPECT_NEAR(corner.lon, 14.4213, 2e-7);
    EXPECT_NEAR(corner.lat, 50.0875, 2e-7);
}

TEST(ReadAreaFeatures, RejectsSjtskInTheWrongAxisOrder) {
    // EPSG:5513 writes positive west/south values; read as EPSG:5514 they leave the country.
    const std::string positive = polygon(
        "[[742805.88,1043009.48],[742705.88,1043009.48],[742705.88,1042909.48],"
        "[742805.88,1043009.48]]");
    const Failure f = failure_of(collection(coded("A", positive), named_crs("EPSG:5514")));
    EXPECT_EQ(f.message,
              "feature 0 (A): S-JTSK position 742805.880 1043009.480 cannot be converted to WGS "
              "84: it lies outside Czechia and Slovakia");
    EXPECT_EQ(f.field, "features[0].geometry.coordinates");
}

TEST(ReadAreaFeatures, DetectsSjtskFromTheFirstPosition) {
    const auto result = read_area_features(collection(coded("A", k_sjtsk_square)), {});
    EXPECT_EQ(result.crs, geo::Crs::sjtsk);
    EXPECT_EQ(result.crs_source, "detected");
    const auto wgs84 = read_area_features(collection(coded("A")), {});
    EXPECT_EQ(wgs84.crs, geo::Crs::wgs84);
    EXPECT_EQ(wgs84.crs_source, "detected");
}

TEST(ReadAreaFeatures, OptionOverridesTheFile) {
    AreaReadOptions options;
    options.crs = geo::Crs::wgs84;
    const auto result = read_area_features(collection(coded("A"), named_crs("EPSG:5514")), options);
    EXPECT_EQ(result.crs, geo::Crs::wgs84);
    EXPECT_EQ(result.crs_source, "option");
    EXPECT_EQ(result.features[0].geometry[0].outer[0], (core::LonLat{14.42, 50.08}));
}

// ---------------------------------------------------------------- properties

TEST(ReadAreaFeatures, RequiresACode) {
    const Failure none = failure_of(collection(feature(R"({"nazev":"X"})", k_square)));
    EXPECT_EQ(none.message,
              "feature 0: no code property (none of code, kod, KOD, id, ID, OBJECTID); choose one");
    EXPECT_EQ(none.field, "features[0].properties");
    AreaReadOptions options;
    options.code_property = "{MC_PRAHA}-{OKRSEK}";
    const std::string text = collection(feature(R"({"MC_PRAHA":4,"OKRSEK":"12"})", k_square) + "," +
                                        feature(R"({"MC_PRAHA":4})", k_square));
    EXPECT_EQ(message_of(text, options), "feature 1: code: property 'OKRSEK' is missing");
    EXPECT_EQ(message_of(collection(coded(""))), "feature 0: code is empty");
    EXPECT_EQ(message_of(collection(feature(R"({"kod":[1]})", k_square))),
              "feature 0: code: property 'kod' is not a string or number");
}

TEST(ReadAreaFeatures, RejectsRepeatedCodes) {
    std::string features;
    for (const char* code : {"A", "B", "X", "C", "D", "E", "F", "G", "H", "X"}) {
        features += (features.empty() ? "" : ",") + coded(code);
    }
    const Failure f = failure_of(collection(features));
    EXPECT_EQ(f.message, "feature 9 (X): code X repeats feature 2");
    EXPECT_EQ(f.field, "features[9].properties");
}

TEST(ReadAreaFeatures, RejectsAMissingNameProperty) {
    AreaReadOptions options;
    options.name_property = "Okrsek {OKRSEK}";
    EXPECT_EQ(message_of(collection(coded("A")), options),
              "feature 0 (A): name: property 'OKRSEK' is missing");
}

TEST(ReadAreaFeatures, RejectsPropertiesThatAreNotAnObject) {
    EXPECT_EQ(message_of(collection(feature("[1]", k_square))),
              "feature 0: properties is not an object");
}

TEST(ReadAreaFeatures, ReadsCodesNamesAndProperties) {
    const std::string text =
        collection(feature(R"({"kod":500054,"nazev":"Praha 1","obyvatel":30202})", k_square) + "," +
                   feature(R"({"OBJECTID":7.0})",
                           R"({"type":"MultiPolygon","coordinates":[[)" + k_ring + "]]}"));
    const auto result = read_area_features(text, {});
    ASSERT_EQ(result.features.size(), 2u);
    EXPECT_EQ(result.features[0].index, 0u);
    EXPECT_EQ(result.features[0].code, "500054");
    EXPECT_EQ(result.features[0].name, "Praha 1");
    EXPECT_EQ(result.features[0].properties["obyvatel"], 30202);
    EXPECT_EQ(result.features[1].index, 1u);
    EXPECT_EQ(result.features[1].code, "7");
    EXPECT_EQ(result.features[1].name, "7");  // no name property: the code
}

TEST(ReadAreaFeatures, NullPropertiesBecomeAnEmptyObject) {
    AreaReadOptions options;
    options.code_property = "code";
    const std::string text = R"({"type":"FeatureCollection","features":[{"type":"Feature",
        "properties":null,"geometry":)" +
                             k_square + "}]}";
    EXPECT_EQ(message_of(text, options), "feature 0: code: property 'code' is missing");
    const auto result = read_area_features(
        R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"A",
            "nested":{"x":[1,2]},"empty":null},"geometry":)" +
            k_square + "}]}",
        {});
    EXPECT_EQ(result.features[0].properties,
              nlohmann::json::parse(R"({"code":"A","nested":{"x":[1,2]},"empty":null})"));
}

// ---------------------------------------------------------------- normalisation

TEST(ReadAreaFeatures, RoundsRemovesRepeatsAndOrients) {
    // Clockwise, with a repeated position and more than 7 decimals.
    const std::string text = collection(
        coded("A", polygon("[[14.420000004,50.08],[14.42,50.09],[14.42,50.09],[14.43,50.09],"
                           "[14.43,50.0800000449],[14.420000004,50.08]]")));
    const auto result = read_area_features(text, {});
    const geo::Ring expected{
        {14.42, 50.08}, {14.43, 50.08}, {14.43, 50.09}, {14.42, 50.09}, {14.42, 50.08}};
    EXPECT_EQ(result.features[0].geometry[0].outer, expected);
}

TEST(ReadAreaFeatures, KeepsHolesClockwise) {
    const std::string hole =
        "[[14.425,50.085],[14.426,50.085],[14.426,50.086],[14.425,50.086],"
        "[14.425,50.085]]";
    const auto result =
        read_area_features(collection(coded("A", polygon(k_ring + "," + hole))), {});
    const geo::Ring expected{
        {14.425, 50.085}, {14.425, 50.086}, {14.426, 50.086}, {14.426, 50.085}, {14.425, 50.085}};
    ASSERT_EQ(result.features[0].geometry[0].holes.size(), 1u);
    EXPECT_EQ(result.features[0].geometry[0].holes[0], expected);
}

// ---------------------------------------------------------------- real data

// Real boundary files from data/demo/ or tests/support/data/boundaries/.
std::string boundary_file(const std::string& name) {
    return test::read_file(test::boundary_file(name));
}

TEST(ReadAreaFeaturesRealData, ReadsThe226PragueMunicipalPoliceDistricts) {
    AreaReadOptions options;
    options.code_property = "{MC_PRAHA}-{OKRSEK}";
    options.name_property = "Okrsek {OKRSEK} · OŘ MP Praha {MC_PRAHA}";
    const auto result =
        read_area_features(boundary_file("praha-okrsky-mestske-policie-226.geojson"), options);
    ASSERT_EQ(result.features.size(), 226u);
    EXPECT_EQ(result.crs_source, "detected");
    EXPECT_EQ(result.features[0].code, "4-12");
    EXPECT_EQ(result.features[0].name, "Okrsek 12 · OŘ MP Praha 4");
    EXPECT_EQ(result.features[0].properties["OBJECTID"], 1);
}

std::map<std::string, geo::BBox> boxes_by(const AreaReadResult& result, const std::string& key) {
    std::map<std::string, geo::BBox> boxes;
    for (const AreaFeature& feature : result.features) {
        boxes[feature.properties.at(key).dump()] = geo::bbox_of(feature.geometry);
    }
    return boxes;
}

// Both files are the IPR Praha city-part layer, published by IPR in S-JTSK and in WGS 84. Where
// the editions share a vertex ours lies about 2.5 mm from IPR's; the largest box difference,
// 0.8 m at the south of Praha 1, is a boundary edit between the 2016 WGS 84 edition and the
// 2018 S-JTSK one (the vertex itself differs), still well within 2e-5 degrees.
TEST(ReadAreaFeaturesRealData, SjtskCityPartsMatchTheWgs84Edition) {
    AreaReadOptions options;
    options.code_property = "KOD_MC";
    const auto sjtsk =
        read_area_features(boundary_file("praha-mestske-casti-57-sjtsk.geojson"), options);
    const auto wgs84 =
        read_area_features(boundary_file("praha-mestske-casti-57-wgs84.geojson"), options);
    EXPECT_EQ(sjtsk.crs, geo::Crs::sjtsk);
    EXPECT_EQ(sjtsk.crs_source, "file");
    const auto ours = boxes_by(sjtsk, "KOD_MC");
    const auto theirs = boxes_by(wgs84, "KOD_MC");
    ASSERT_EQ(ours.size(), 57u);
    ASSERT_EQ(theirs.size(), 57u);
    for (const auto& [code, box] : ours) {
        const geo::BBox& other = theirs.at(code);
        EXPECT_NEAR(box.min_lon, other.min_lon, 2e-5) << code;
        EXPECT_NEAR(box.min_lat, other.min_lat, 2e-5) << code;
        EXPECT_NEAR(box.max_lon, other.max_lon, 2e-5) << code;
        EXPECT_NEAR(box.max_lat, other.max_lat, 2e-5) << code;
    }
}

// The ORP layer in S-JTSK and its WGS 84 edition, which was made with EPSG:1623 and 6 decimals.
TEST(ReadAreaFeaturesRealData, SjtskOrpMatchesItsEpsg1623Transformation) {
    AreaReadOptions options;
    options.code_property = "KOD";
    const auto sjtsk = read_area_features(boundary_file("orp-cr-206-sjtsk.geojson"), options);
    const auto wgs84 = read_area_features(boundary_file("orp-cr-206-wgs84.geojson"), options);
    EXPECT_EQ(sjtsk.crs_source, "file");
    const auto ours = boxes_by(sjtsk, "KOD");
    const auto theirs = boxes_by(wgs84, "KOD");
    ASSERT_EQ(ours.size(), 206u);
    for (const auto& [code, box] : ours) {
        const geo::BBox& other = theirs.at(code);
        EXPECT_NEAR(box.min_lon, other.min_lon, 1e-6) << code;
        EXPECT_NEAR(box.min_lat, other.min_lat, 1e-6) << code;
        EXPECT_NEAR(box.max_lon, other.max_lon, 1e-6) << code;
        EXPECT_NEAR(box.max_lat, other.max_lat, 1e-6) << code;
    }
}

// 6,279 municipalities, about 100k positions (its speed: bench/import_bench.cpp).
TEST(ReadAreaFeaturesRealData, ReadsAllCzechMunicipalities) {
    const std::string text = boundary_file("obce-cr-simplified-wgs84.geojson");
    const auto result = read_area_features(text, {});
    ASSERT_EQ(result.features.size(), 6279u);
    std::set<std::string> codes;
    std::size_t multi = 0;
    for (const AreaFeature& feature : result.features) {
        codes.insert(feature.code);
        if (feature.geometry.size() > 1) ++multi;
    }
    EXPECT_EQ(codes.size(), 6279u);
    EXPECT_EQ(result.features[0].code, "500011");
    EXPECT_EQ(result.features[0].name, "Želechovice nad Dřevnicí");
    EXPECT_GT(multi, 0u);
}

}  // namespace
}  // namespace okrsek::io
