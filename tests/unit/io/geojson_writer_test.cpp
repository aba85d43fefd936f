#include "io/geojson_writer.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace okrsek::io {
namespace {

geo::Polygon unit_square(double lon, double lat) {
    return {
        {{lon, lat}, {lon + 0.01, lat}, {lon + 0.01, lat + 0.01}, {lon, lat + 0.01}, {lon, lat}},
        {}};
}

TEST(GeojsonWriter, OnePolygonIsAPolygon) {
    std::string out;
    append_geometry(out, {unit_square(14.4213, 50.0875)});
    auto json = nlohmann::json::parse(out);
    EXPECT_EQ(json["type"], "Polygon");
    ASSERT_EQ(json["coordinates"].size(), 1u);
    ASSERT_EQ(json["coordinates"][0].size(), 5u);
    EXPECT_EQ(json["coordinates"][0][0][0].get<double>(), 14.4213);
    EXPECT_EQ(json["coordinates"][0][0][1].get<double>(), 50.0875);
    EXPECT_NE(out.find("[14.4213,50.0875]"), std::string::npos) << out;
}

TEST(GeojsonWriter, SeveralPolygonsAreAMultiPolygonWithHoles) {
    auto with_hole = unit_square(14.0, 50.0);
    with_hole.holes.push_back(
        {{14.002, 50.002}, {14.002, 50.004}, {14.004, 50.004}, {14.004, 50.002}, {14.002, 50.002}});
    std::string out;
    append_geometry(out, {with_hole, unit_square(15.0, 49.0)});
    auto json = nlohmann::json::parse(out);
    EXPECT_EQ(json["type"], "MultiPolygon");
    ASSERT_EQ(json["coordinates"].size(), 2u);
    EXPECT_EQ(json["coordinates"][0].size(), 2u);
    EXPECT_EQ(json["coordinates"][1].size(), 1u);
    EXPECT_EQ(json["coordinates"][1][0][0][0].get<double>(), 15.0);
}

TEST(GeojsonWriter, PositionsHaveSevenDecimalsTrimmed) {
    std::string out;
    geo::Polygon polygon{{{14.123456789, -0.00000001},
                          {-179.99999996, 89.5},
                          {1e-7, 0.1234567},
                          {14.123456789, -0.00000001}},
                         {}};
    append_geometry(out, {polygon});
    EXPECT_NE(out.find("[14.1234568,0]"), std::string::npos) << out;
    EXPECT_NE(out.find("[-180,89.5]"), std::string::npos) << out;
    EXPECT_NE(out.find("[0.0000001,0.1234567]"), std::string::npos) << out;
    EXPECT_EQ(out.find("-0,"), std::string::npos) << out;
}

TEST(GeojsonWriter, FeatureCarriesAreaProperties) {
    core::AreaInfo area;
    area.id = 42;
    area.layer = "districts";
    area.municipality_code = 554782;
    area.code = "5";
    area.name = "Okrsek \"Staré Město\" – Žižkov";
    area.properties_json = R"({"OKRSEK":"5","MC_PRAHA":1})";
    std::string out;
    append_area_feature(out, area, {unit_square(14.42, 50.08)});
    auto json = nlohmann::json::parse(out);
    EXPECT_EQ(json["type"], "Feature");
    EXPECT_EQ(json["id"], 42);
    const auto& properties = json["properties"];
    EXPECT_EQ(properties["id"], 42);
    EXPECT_EQ(properties["code"], "5");
    EXPECT_EQ(properties["name"], "Okrsek \"Staré Město\" – Žižkov");
    EXPECT_EQ(properties["layer"], "districts");
    EXPECT_EQ(properties["municipality"], 554782);
    EXPECT_EQ(properties["attributes"]["MC_PRAHA"], 1);
    EXPECT_EQ(properties["attributes"]["OKRSEK"], "5");
    EXPECT_EQ(json["geometry"]["type"], "Polygon");
}

TEST(GeojsonWriter, EmptyAttributesBecomeAnEmptyObject) {
    core::AreaInfo area;
    area.properties_json.clear();
    std::string out;
    append_area_feature(out, area, {unit_square(14.42, 50.08)});
    EXPECT_TRUE(nlohmann::json::parse(out)["properties"]["attributes"].empty());
}

TEST(GeojsonWriter, JsonStringEscaping) {
    std::string text = "Praha \"1\" \\ Nové Město\n\ttab\x01\x1f end ěščřžýáíé";
    std::string out;
    append_json_string(out, text);
    EXPECT_EQ(nlohmann::json::parse(out).get<std::string>(), text);
    EXPECT_NE(out.find("\\u0001"), std::string::npos) << out;
    EXPECT_NE(out.find("\\u001f"), std::string::npos) << out;
    EXPECT_NE(out.find("\\u000a"), std::string::npos) << out;
    EXPECT_NE(out.find("\\\""), std::string::npos) << out;
    EXPECT_NE(out.find("ěščřžýáíé"), std::string::npos) << out;  // UTF-8 kept as is
}

TEST(GeojsonWriter, AppendsToExistingText) {
    std::string out = "[";
    append_json_string(out, "");
    out += "]";
    EXPECT_EQ(out, R"([""])");
}

}  // namespace
}  // namespace okrsek::io
