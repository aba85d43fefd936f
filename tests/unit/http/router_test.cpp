#include "http/router.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace okrsek::http {
namespace {

using boost::beast::http::verb;

Request make(verb method, std::string_view target) {
    Request request;
    request.method = method;
    parse_target(target, request);
    return request;
}

Router sample_router() {
    Router router;
    router.add(verb::get, "/api/v1/areas",
               [](const Request&, const PathParams&) { return json_response("list"); });
    router.add(verb::get, "/api/v1/areas/{id}", [](const Request&, const PathParams& params) {
        return json_response("area " + params.at(0));
    });
    router.add(verb::post, "/api/v1/areas/{id}",
               [](const Request&, const PathParams&) { return json_response("post"); });
    return router;
}

TEST(Router, MatchesLiteralAndPlaceholderRoutes) {
    const auto router = sample_router();
    EXPECT_EQ(router.dispatch(make(verb::get, "/api/v1/areas"))->body, "list");
    EXPECT_EQ(router.dispatch(make(verb::get, "/api/v1/areas/42"))->body, "area 42");
    EXPECT_EQ(router.dispatch(make(verb::get, "/api/v1/areas/42/"))->body, "area 42");
    EXPECT_EQ(router.dispatch(make(verb::post, "/api/v1/areas/1"))->body, "post");
}

TEST(Router, HeadUsesTheGetRoute) {
    EXPECT_EQ(sample_router().dispatch(make(verb::head, "/api/v1/areas"))->body, "list");
}

TEST(Router, WrongMethodIs405NamingAllowedMethods) {
    const auto response = sample_router().dispatch(make(verb::delete_, "/api/v1/areas/1"));
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 405u);
    EXPECT_EQ(response->headers.at(0).second, "GET, POST");
    EXPECT_NE(response->body.find("method_not_allowed"), std::string::npos);
}

TEST(Router, UnknownPathIsNotMatched) {
    EXPECT_FALSE(sample_router().dispatch(make(verb::get, "/api/v1/areas/1/x")));
    EXPECT_FALSE(sample_router().dispatch(make(verb::get, "/api/v1")));
}

TEST(ParseTarget, DecodesPathAndQuery) {
    const auto request = make(verb::get, "/a%20b?x=1&name=Praha+1&empty=&flag&q=%C5%A1");
    EXPECT_EQ(request.path, "/a b");
    ASSERT_EQ(request.query.size(), 5u);
    EXPECT_EQ(*query_value(request, "name"), "Praha 1");
    EXPECT_EQ(*query_value(request, "empty"), "");
    EXPECT_EQ(*query_value(request, "flag"), "");
    EXPECT_EQ(*query_value(request, "q"), "š");
    EXPECT_FALSE(query_value(request, "missing"));
}

TEST(ParseTarget, RejectsBadEncoding) {
    Request request;
    EXPECT_THROW(parse_target("/x?a=%4", request), core::Error);
    EXPECT_THROW(parse_target("/x?a=%zz", request), core::Error);
    EXPECT_THROW(parse_target("/x%00", request), core::Error);
}

TEST(Numbers, StrictDecimalParsing) {
    EXPECT_EQ(parse_number("14.4213"), 14.4213);
    EXPECT_EQ(parse_number("-0.5"), -0.5);
    EXPECT_EQ(parse_number("+3"), 3.0);
    EXPECT_EQ(parse_number("1e2"), 100.0);
    EXPECT_FALSE(parse_number(""));
    EXPECT_FALSE(parse_number("14,42"));
    EXPECT_FALSE(parse_number("nan"));
    EXPECT_FALSE(parse_number("inf"));
    EXPECT_FALSE(parse_number("1e999"));
    EXPECT_FALSE(parse_number("12abc"));
    EXPECT_FALSE(parse_number(" 1"));
}

TEST(Numbers, RequiredNumberNamesTheParameter) {
    const auto request = make(verb::get, "/x?lat=abc");
    try {
        required_number(request, "lat");
        FAIL();
    } catch (const core::Error& error) {
        EXPECT_EQ(error.field(), "lat");
        EXPECT_EQ(error.code(), core::ErrorCode::invalid_argument);
    }
    try {
        required_number(request, "lon");
        FAIL();
    } catch (const core::Error& error) {
        EXPECT_EQ(error.field(), "lon");
        EXPECT_NE(std::string(error.what()).find("missing"), std::string::npos);
    }
}

TEST(ErrorResponse, MapsEveryCodeToItsStatus) {
    EXPECT_EQ(status_for(core::ErrorCode::invalid_argument), 400u);
    EXPECT_EQ(status_for(core::ErrorCode::invalid_input), 422u);
    EXPECT_EQ(status_for(core::ErrorCode::not_found), 404u);
    EXPECT_EQ(status_for(core::ErrorCode::outside_coverage), 404u);
    EXPECT_EQ(status_for(core::ErrorCode::conflict), 409u);
    EXPECT_EQ(status_for(core::ErrorCode::payload_too_large), 413u);
    EXPECT_EQ(status_for(core::ErrorCode::rate_limited), 429u);
    EXPECT_EQ(status_for(core::ErrorCode::unavailable), 503u);
    EXPECT_EQ(status_for(core::ErrorCode::internal), 500u);
    const auto response = error_response(core::Error(core::ErrorCode::not_found, "no \"x\"", "id"));
    EXPECT_EQ(response.body, R"({"error":{"code":"not_found","message":"no \"x\"","field":"id"}})");
}

}  // namespace
}  // namespace okrsek::http
