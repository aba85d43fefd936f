// Server behaviour beyond single answers: limits, rates, concurrency, reloads, shutdown.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "server_fixture.hpp"

namespace okrsek::test {
namespace {

class RateLimitedServerTest : public ServerTest {
protected:
    void SetUp() override {
        http::ServerSettings settings;
        settings.rate_per_second = 1.0;
        settings.rate_burst = 5.0;
        start(settings);
    }
};

TEST_F(RateLimitedServerTest, TooManyRequestsAre429) {
    unsigned limited = 0;
    for (int i = 0; i < 8; ++i) {
        const auto result = client->get("/api/v1/health");
        if (result.status == 429) {
            ++limited;
            expect_error(result, 429, "rate_limited");
            EXPECT_EQ(result.headers.at("retry-after"), "1");
        }
    }
    EXPECT_GE(limited, 2u);
    // Static files are not limited.
    EXPECT_EQ(client->get("/").status, 200u);
}

// Behind a trusted reverse proxy (here: the test itself on 127.0.0.1), each client named by
// X-Forwarded-For has a bucket of its own; without trust, the header changes nothing.
class ProxiedServerTest : public ServerTest {
protected:
    void SetUp() override {
        http::ServerSettings settings;
        settings.rate_per_second = 1.0;
        settings.rate_burst = 3.0;
        settings.trusted_proxies = {boost::asio::ip::make_address("127.0.0.1")};
        start(settings);
    }

    unsigned limited_out_of(int requests, const std::string& forwarded_for) {
        unsigned limited = 0;
        for (int i = 0; i < requests; ++i) {
            const auto result =
                client->request("GET", "/api/v1/health", {}, {{"X-Forwarded-For", forwarded_for}});
            if (result.status == 429) ++limited;
        }
        return limited;
    }
};

TEST_F(ProxiedServerTest, EachForwardedClientHasItsOwnRateLimit) {
    EXPECT_GE(limited_out_of(6, "203.0.113.1"), 2u);
    // Another citizen behind the same proxy is not slowed down by the first one.
    EXPECT_EQ(limited_out_of(3, "203.0.113.2"), 0u);
    // Whatever a client puts left of the proxy's entry is ignored: still 203.0.113.1's bucket.
    EXPECT_GE(limited_out_of(2, "198.51.100.9, 203.0.113.1"), 1u);
}

TEST_F(RateLimitedServerTest, AnUntrustedPeerCannotChooseItsBucket) {
    unsigned limited = 0;
    for (int i = 0; i < 8; ++i) {
        const auto forwarded = "203.0.113." + std::to_string(i);
        const auto result =
            client->request("GET", "/api/v1/health", {}, {{"X-Forwarded-For", forwarded}});
        if (result.status == 429) ++limited;
    }
    EXPECT_GE(limited, 2u);
}

using ServerBehaviourTest = ServerTest;

TEST_F(ServerBehaviourTest, OversizedHeadersAreRefused) {
    const auto result =
        client->request("GET", "/api/v1/health", {}, {{"X-Padding", std::string(20000, 'a')}});
    EXPECT_EQ(result.status, 431u);
    EXPECT_EQ(client->get("/api/v1/health").status, 200u);
}

TEST_F(ServerBehaviourTest, ManyClientsAtOnceGetCorrectAnswers) {
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([this, t, &wrong] {
            HttpClient own(server->port());
            for (int i = 0; i < 50; ++i) {
                const bool west = (i + t) % 2 == 0;
                const auto result = own.get(west ? "/api/v1/lookup?lon=14.05&lat=50.05"
                                                 : "/api/v1/lookup?lon=14.15&lat=50.05");
                if (result.status != 200 ||
                    result.json()["areas"][0]["code"] != (west ? "W" : "E")) {
                    ++wrong;
                }
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(wrong.load(), 0);
}

TEST_F(ServerBehaviourTest, ReimportIsServedAtOnceAndKeepsIds) {
    const auto before = client->get("/api/v1/lookup?lon=14.05&lat=50.05").json();
    // Swap the names: same codes, so the ids stay.
    auto request = testov_request("testov-districts.geojson", "districts", testov_code);
    request.read_options.name_property = "Okrsek {kod}";
    const auto report = town.platform->import_areas(request);
    EXPECT_EQ(report.result.updated, 2u);
    EXPECT_EQ(report.result.inserted, 0u);
    EXPECT_EQ(report.result.layer_version, 2);
    const auto after = client->get("/api/v1/lookup?lon=14.05&lat=50.05").json();
    EXPECT_EQ(after["areas"][0]["name"], "Okrsek W");
    EXPECT_EQ(after["areas"][0]["id"], before["areas"][0]["id"]);
}

TEST_F(ServerBehaviourTest, StopEndsIdleKeepAliveConnectionsPromptly) {
    EXPECT_EQ(client->get("/api/v1/health").status, 200u);  // a kept-alive idle connection
    const auto started = std::chrono::steady_clock::now();
    server->stop();
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
    server.reset();
}

}  // namespace
}  // namespace okrsek::test
