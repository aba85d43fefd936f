// Handlers without sockets: Application::handle is a pure function of a Request.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/application.hpp"
#include "http/rate_limiter.hpp"
#include "store/store.hpp"
#include "support/test_paths.hpp"

namespace okrsek::http {
namespace {

using boost::beast::http::verb;

class HandlerTest : public ::testing::Test {
protected:
    HandlerTest()
        : platform(store::open_store((dir.path() / "h.db").string())),
          application(platform, ApiSettings{}, std::nullopt) {}

    Response call(verb method, std::string_view target, std::string body = {}) {
        Request request;
        request.method = method;
        parse_target(target, request);
        request.body = std::move(body);
        return application.handle(request);
    }

    test::TempDir dir;
    service::Platform platform;
    Application application;
};

TEST_F(HandlerTest, HealthWithoutTiles) {
    const auto health = call(verb::get, "/api/v1/health");
    EXPECT_EQ(health.status, 200u);
    EXPECT_EQ(nlohmann::json::parse(health.body)["database"], "sqlite");
    EXPECT_TRUE(nlohmann::json::parse(call(verb::get, "/api/v1/config").body)["tiles"].is_null());
}

TEST_F(HandlerTest, EmptyCatalogMeansOutsideCoverage) {
    const auto response = call(verb::get, "/api/v1/lookup?lon=14&lat=50");
    EXPECT_EQ(response.status, 404u);
    EXPECT_NE(response.body.find("outside_coverage"), std::string::npos);
}

TEST_F(HandlerTest, PagesWithoutWebRootAre404Json) {
    const auto response = call(verb::get, "/");
    EXPECT_EQ(response.status, 404u);
    EXPECT_EQ(response.content_type, "application/json");
}

TEST_F(HandlerTest, BatchWithNonObjectPointNamesIt) {
    const auto response = call(verb::post, "/api/v1/lookup", R"({"points":[1]})");
    EXPECT_EQ(response.status, 400u);
    EXPECT_NE(response.body.find(R"("field":"points[0]")"), std::string::npos);
}

TEST(RateLimiter, RefillsOverTime) {
    RateLimiter limiter(2.0, 2.0);
    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_TRUE(limiter.allow("a", t0));
    EXPECT_TRUE(limiter.allow("a", t0));
    EXPECT_FALSE(limiter.allow("a", t0));
    EXPECT_TRUE(limiter.allow("b", t0));  // clients are independent
    EXPECT_TRUE(limiter.allow("a", t0 + std::chrono::milliseconds(600)));
    RateLimiter off(0.0, 1.0);
    for (int i = 0; i < 100; ++i) EXPECT_TRUE(off.allow("a", t0));
}

}  // namespace
}  // namespace okrsek::http

namespace okrsek::http {
namespace {

TEST(ContentSecurityPolicy, AllowsImagesOnlyFromTheTileOrigin) {
    ApiSettings settings;
    EXPECT_NE(content_security_policy(settings).find("img-src 'self' data:;"), std::string::npos);
    settings.tiles = TileSettings{"https://{s}.tile.example.org/{z}/{x}/{y}.png", "x"};
    EXPECT_NE(
        content_security_policy(settings).find("img-src 'self' data: https://*.tile.example.org;"),
        std::string::npos);
    settings.tiles = TileSettings{"http://10.0.0.5:8081/tiles/{z}/{x}/{y}.png", "x"};
    EXPECT_NE(content_security_policy(settings).find("http://10.0.0.5:8081;"), std::string::npos);
}

}  // namespace
}  // namespace okrsek::http
