#include "http/client_address.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace okrsek::http {
namespace {

using boost::asio::ip::make_address;

const std::vector<boost::asio::ip::address> proxies{make_address("127.0.0.1"),
                                                    make_address("10.0.0.2")};

TEST(ClientAddress, IsThePeerWithoutATrustedProxy) {
    EXPECT_EQ(client_address(make_address("192.0.2.7"), "", proxies), "192.0.2.7");
    // A client cannot pick its own rate-limit bucket by sending the header itself.
    EXPECT_EQ(client_address(make_address("192.0.2.7"), "198.51.100.1", proxies), "192.0.2.7");
    EXPECT_EQ(client_address(make_address("192.0.2.7"), "198.51.100.1", {}), "192.0.2.7");
}

TEST(ClientAddress, BehindATrustedProxyIsTheRightmostUntrustedEntry) {
    EXPECT_EQ(client_address(make_address("127.0.0.1"), "203.0.113.5", proxies), "203.0.113.5");
    // Entries left of the real client are whatever it sent: never believed.
    EXPECT_EQ(client_address(make_address("127.0.0.1"), "1.2.3.4, 203.0.113.5", proxies),
              "203.0.113.5");
    // Two trusted hops: skip the inner proxy's own address.
    EXPECT_EQ(client_address(make_address("127.0.0.1"), "203.0.113.5 ,10.0.0.2", proxies),
              "203.0.113.5");
    EXPECT_EQ(client_address(make_address("127.0.0.1"), "2001:db8::1", proxies), "2001:db8::1");
}

TEST(ClientAddress, GarbageOrOnlyProxiesFallBackToThePeer) {
    EXPECT_EQ(client_address(make_address("127.0.0.1"), "unknown", proxies), "127.0.0.1");
    EXPECT_EQ(client_address(make_address("127.0.0.1"), "203.0.113.5, bad", proxies), "127.0.0.1");
    EXPECT_EQ(client_address(make_address("127.0.0.1"), "10.0.0.2", proxies), "127.0.0.1");
    EXPECT_EQ(client_address(make_address("127.0.0.1"), ",", proxies), "127.0.0.1");
}

TEST(ClientAddress, ParsesTrustedProxiesAndNamesABadOne) {
    EXPECT_EQ(parse_addresses({"127.0.0.1", "::1"}).size(), 2u);
    try {
        parse_addresses({"127.0.0.1", "10.0.0.0/8"});
        FAIL() << "a range was accepted";
    } catch (const core::Error& error) {
        EXPECT_EQ(error.field(), "trusted-proxy");
        EXPECT_NE(std::string(error.what()).find("10.0.0.0/8"), std::string::npos);
    }
}

}  // namespace
}  // namespace okrsek::http
