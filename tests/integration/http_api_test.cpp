// Every endpoint of the /api/v1 contract and every error case, against a real server.
#include <gtest/gtest.h>

#include "server_fixture.hpp"

namespace okrsek::test {
namespace {

using ApiTest = ServerTest;

TEST_F(ApiTest, HealthReportsEngineAndVersion) {
    const auto result = client->get("/api/v1/health");
    ASSERT_EQ(result.status, 200u);
    const auto body = result.json();
    EXPECT_EQ(body["status"], "ok");
    EXPECT_EQ(body["database"], town.database.engine());  // "sqlite" or "postgresql"
    EXPECT_EQ(body["version"], std::string(service::okrsek_version()));
}

TEST_F(ApiTest, ConfigNamesTilesAndDefaultLayer) {
    const auto body = client->get("/api/v1/config").json();
    EXPECT_EQ(body["tiles"]["url"], "https://tiles.example/{z}/{x}/{y}.png");
    EXPECT_EQ(body["default_layer"], "districts");
    EXPECT_DOUBLE_EQ(body["center"]["lon"].get<double>(), 14.1);
    EXPECT_DOUBLE_EQ(body["center"]["lat"].get<double>(), 50.05);
    EXPECT_EQ(body["zoom"], 11);
}

TEST_F(ApiTest, MunicipalitiesAndLayers) {
    const auto towns = client->get("/api/v1/municipalities").json();
    ASSERT_EQ(towns["municipalities"].size(), 1u);
    EXPECT_EQ(towns["municipalities"][0]["code"], testov_code);
    EXPECT_EQ(towns["municipalities"][0]["name"], "Testov");

    const auto layers = client->get("/api/v1/layers").json()["layers"];
    ASSERT_EQ(layers.size(), 2u);
    EXPECT_EQ(layers[0]["name"], "districts");  // the most detailed layer first
    EXPECT_EQ(layers[0]["area_count"], 2);
    EXPECT_EQ(layers[0]["version"], 1);
    EXPECT_EQ(layers[1]["name"], "municipalities");
}

TEST_F(ApiTest, AreasAsGeoJson) {
    const auto result = client->get("/api/v1/areas?layer=districts");
    ASSERT_EQ(result.status, 200u);
    EXPECT_EQ(result.headers.at("content-type"), "application/geo+json");
    const auto body = result.json();
    EXPECT_EQ(body["type"], "FeatureCollection");
    ASSERT_EQ(body["features"].size(), 2u);
    const auto& west = body["features"][0];
    EXPECT_EQ(west["properties"]["code"], "W");
    EXPECT_EQ(west["properties"]["name"], "Západ");
    EXPECT_EQ(west["properties"]["layer"], "districts");
    EXPECT_EQ(west["properties"]["municipality"], testov_code);
    EXPECT_TRUE(west["properties"]["id"].is_number_integer());
    EXPECT_EQ(west["geometry"]["type"], "Polygon");

    const auto same_town = client->get("/api/v1/areas?layer=districts&municipality=999999");
    EXPECT_EQ(same_town.json()["features"].size(), 2u);
    const auto simplified = client->get("/api/v1/areas?layer=districts&simplify=100");
    EXPECT_EQ(simplified.status, 200u);
    EXPECT_EQ(simplified.json()["features"].size(), 2u);
}

TEST_F(ApiTest, AreasErrors) {
    expect_error(client->get("/api/v1/areas"), 400, "invalid_argument", "layer");
    expect_error(client->get("/api/v1/areas?layer=nope"), 404, "not_found", "layer");
    expect_error(client->get("/api/v1/areas?layer=districts&municipality=1"), 404, "not_found",
                 "municipality");
    expect_error(client->get("/api/v1/areas?layer=districts&municipality=x"), 400,
                 "invalid_argument", "municipality");
    expect_error(client->get("/api/v1/areas?layer=districts&simplify=abc"), 400, "invalid_argument",
                 "simplify");
    expect_error(client->get("/api/v1/areas?layer=districts&simplify=-5"), 400, "invalid_argument",
                 "simplify");
    expect_error(client->get("/api/v1/areas?layer=districts&layer=x"), 400, "invalid_argument",
                 "layer");
}

TEST_F(ApiTest, OneArea) {
    const auto all = client->get("/api/v1/areas?layer=districts").json();
    const auto id = all["features"][1]["properties"]["id"].get<std::int64_t>();
    const auto result = client->get("/api/v1/areas/" + std::to_string(id));
    ASSERT_EQ(result.status, 200u);
    const auto feature = result.json();
    EXPECT_EQ(feature["type"], "Feature");
    EXPECT_EQ(feature["properties"]["code"], "E");
    expect_error(client->get("/api/v1/areas/987654321"), 404, "not_found", "id");
    expect_error(client->get("/api/v1/areas/abc"), 400, "invalid_argument", "id");
}

TEST_F(ApiTest, LookupFindsEveryLayer) {
    const auto result = client->get("/api/v1/lookup?lon=14.05&lat=50.05");
    ASSERT_EQ(result.status, 200u) << result.body;
    const auto body = result.json();
    EXPECT_EQ(body["lon"], 14.05);
    EXPECT_EQ(body["lat"], 50.05);
    ASSERT_EQ(body["areas"].size(), 2u);
    EXPECT_EQ(body["areas"][0]["layer"], "districts");
    EXPECT_EQ(body["areas"][0]["code"], "W");
    EXPECT_EQ(body["areas"][0]["name"], "Západ");
    EXPECT_EQ(body["areas"][1]["layer"], "municipalities");
    EXPECT_EQ(body["areas"][1]["name"], "Testov");
}

TEST_F(ApiTest, LookupOnSharedBorderBelongsToTheEasternArea) {
    const auto body = client->get("/api/v1/lookup?lon=14.1&lat=50.05").json();
    EXPECT_EQ(body["areas"][0]["code"], "E");
    // On the town's northern edge the point is outside (the area to the north wins, and
    // there is none); on the southern edge it is inside.
    expect_error(client->get("/api/v1/lookup?lon=14.05&lat=50.1"), 404, "outside_coverage");
    EXPECT_EQ(client->get("/api/v1/lookup?lon=14.05&lat=50.0").json()["areas"][0]["code"], "W");
}

TEST_F(ApiTest, LookupErrors) {
    expect_error(client->get("/api/v1/lookup?lon=15&lat=49"), 404, "outside_coverage");
    expect_error(client->get("/api/v1/lookup?lon=14.05"), 400, "invalid_argument", "lat");
    expect_error(client->get("/api/v1/lookup?lat=50"), 400, "invalid_argument", "lon");
    expect_error(client->get("/api/v1/lookup?lon=14.05&lat=91"), 400, "invalid_argument", "lat");
    expect_error(client->get("/api/v1/lookup?lon=-181&lat=50"), 400, "invalid_argument", "lon");
    expect_error(client->get("/api/v1/lookup?lon=nan&lat=50"), 400, "invalid_argument", "lon");
    expect_error(client->get("/api/v1/lookup?lon=inf&lat=50"), 400, "invalid_argument", "lon");
    expect_error(client->get("/api/v1/lookup?lon=0x10&lat=50"), 400, "invalid_argument", "lon");
    expect_error(client->get("/api/v1/lookup?lon=14,05&lat=50"), 400, "invalid_argument", "lon");
    expect_error(client->get("/api/v1/lookup?lon=1&lon=2&lat=50"), 400, "invalid_argument", "lon");
    expect_error(client->get("/api/v1/lookup?lon=%zz&lat=50"), 400, "invalid_argument");
}

TEST_F(ApiTest, BatchLookup) {
    const auto result = client->request(
        "POST", "/api/v1/lookup",
        R"({"points":[{"id":"a","lon":14.05,"lat":50.05},{"id":7,"lon":14.15,"lat":50.05},)"
        R"({"id":"out","lon":15,"lat":49}]})");
    ASSERT_EQ(result.status, 200u) << result.body;
    const auto results = result.json()["results"];
    ASSERT_EQ(results.size(), 3u);
    EXPECT_EQ(results[0]["id"], "a");
    EXPECT_EQ(results[0]["areas"][0]["code"], "W");
    EXPECT_EQ(results[1]["id"], 7);
    EXPECT_EQ(results[1]["areas"][0]["code"], "E");
    EXPECT_EQ(results[2]["id"], "out");
    EXPECT_TRUE(results[2]["areas"].empty());
}

TEST_F(ApiTest, BatchLookupErrors) {
    expect_error(client->request("POST", "/api/v1/lookup", "{not json"), 400, "invalid_argument",
                 "body");
    expect_error(client->request("POST", "/api/v1/lookup", R"({"points":5})"), 400,
                 "invalid_argument", "points");
    expect_error(
        client->request("POST", "/api/v1/lookup", R"({"points":[{"lon":14,"lat":50},{"lon":14}]})"),
        400, "invalid_argument", "points[1].lat");
    expect_error(client->request("POST", "/api/v1/lookup", R"({"points":[{"lon":"14","lat":50}]})"),
                 400, "invalid_argument", "points[0].lon");
    expect_error(client->request("POST", "/api/v1/lookup", R"({"points":[{"lon":14,"lat":500}]})"),
                 400, "invalid_argument", "points[0].lat");
    std::string many = R"({"points":[)";
    for (int i = 0; i < 10001; ++i) many += std::string(i ? "," : "") + R"({"lon":14,"lat":50})";
    many += "]}";
    expect_error(client->request("POST", "/api/v1/lookup", many), 413, "payload_too_large",
                 "points");
}

TEST_F(ApiTest, OversizedBodyIs413) {
    const std::string huge(3 * 1024 * 1024, ' ');
    expect_error(client->request("POST", "/api/v1/lookup", huge), 413, "payload_too_large");
    // The server is still there afterwards.
    EXPECT_EQ(client->get("/api/v1/health").status, 200u);
}

TEST_F(ApiTest, WrongMethodIs405WithAllow) {
    const auto result = client->request("DELETE", "/api/v1/lookup");
    expect_error(result, 405, "method_not_allowed");
    EXPECT_EQ(result.headers.at("allow"), "GET, POST");
    expect_error(client->request("PUT", "/api/v1/health"), 405, "method_not_allowed");
}

TEST_F(ApiTest, UnknownEndpointIs404) {
    expect_error(client->get("/api/v1/nothing"), 404, "not_found");
    expect_error(client->get("/api/v2/lookup"), 404, "not_found");
}

TEST_F(ApiTest, ServesTheFrontEnd) {
    const auto index = client->get("/");
    ASSERT_EQ(index.status, 200u);
    EXPECT_EQ(index.headers.at("content-type"), "text/html; charset=utf-8");
    EXPECT_NE(index.body.find("okrsek"), std::string::npos);
    EXPECT_EQ(index.headers.at("cache-control"), "no-cache");
    EXPECT_NE(index.headers.at("content-security-policy")
                  .find("img-src 'self' data: https://tiles.example;"),
              std::string::npos);
    // A shared link with a query answers the page.
    EXPECT_EQ(client->get("/?lat=50.05&lon=14.05").status, 200u);
    const auto asset = client->get("/assets/app-1234.js");
    EXPECT_EQ(asset.status, 200u);
    EXPECT_NE(asset.headers.at("cache-control").find("immutable"), std::string::npos);
    EXPECT_EQ(client->get("/assets/missing.js").status, 404u);
    EXPECT_EQ(client->get("/../../etc/passwd").status, 404u);
    EXPECT_EQ(client->get("/%2e%2e/%2e%2e/etc/passwd").status, 404u);
    EXPECT_EQ(client->request("POST", "/").status, 405u);
}

TEST_F(ApiTest, HeadAnswersHeadersOnly) {
    const auto result = client->request("HEAD", "/api/v1/health");
    EXPECT_EQ(result.status, 200u);
    EXPECT_TRUE(result.body.empty());
}

}  // namespace
}  // namespace okrsek::test
