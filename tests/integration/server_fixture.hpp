#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <memory>

#include "http/application.hpp"
#include "http/server.hpp"
#include "http_client.hpp"
#include "testov.hpp"

namespace okrsek::test {

/// The Testov town served by a real server on 127.0.0.1 at a free port, with a tiny web root.
class ServerTest : public ::testing::Test {
protected:
    void SetUp() override { start({}); }

    void start(http::ServerSettings settings) {
        web_root = town.dir.path() / "web";
        std::filesystem::create_directories(web_root / "assets");
        std::ofstream(web_root / "index.html") << "<!doctype html><title>okrsek</title>";
        std::ofstream(web_root / "assets" / "app-1234.js") << "console.log(1)";
        http::ApiSettings api;
        api.tiles = http::TileSettings{"https://tiles.example/{z}/{x}/{y}.png", "© test"};
        application = std::make_unique<http::Application>(*town.platform, api, web_root);
        settings.address = "127.0.0.1";
        settings.port = 0;
        settings.threads = 2;
        if (settings.rate_per_second == 50.0) settings.rate_per_second = 0.0;
        server = std::make_unique<http::Server>(*application, settings);
        server->start();
        client = std::make_unique<HttpClient>(server->port());
    }

    void TearDown() override {
        client.reset();
        if (server) server->stop();
    }

    Testov town;
    std::filesystem::path web_root;
    std::unique_ptr<http::Application> application;
    std::unique_ptr<http::Server> server;
    std::unique_ptr<HttpClient> client;
};

/// Asserts an error answer: status, code and (when given) field.
inline void expect_error(const HttpResult& result, unsigned status, const std::string& code,
                         const std::string& field = {}) {
    EXPECT_EQ(result.status, status) << result.body;
    ASSERT_EQ(result.headers.at("content-type"), "application/json");
    const auto body = result.json();
    ASSERT_TRUE(body.contains("error")) << result.body;
    EXPECT_EQ(body["error"]["code"], code) << result.body;
    EXPECT_FALSE(body["error"]["message"].get<std::string>().empty());
    if (!field.empty()) {
        EXPECT_EQ(body["error"].value("field", ""), field) << result.body;
    }
}

}  // namespace okrsek::test
