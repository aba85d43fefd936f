#pragma once

#include <boost/asio/ip/address.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace okrsek::http {

/// The address a request really comes from, for per-client rate limits. Behind a reverse
/// proxy every connection comes from the proxy, so when the peer is one of the trusted proxies
/// the X-Forwarded-For header names the client: its rightmost address that is not itself a
/// trusted proxy (entries further left are whatever the client chose to send, so they are
/// never believed). Without a trusted peer, or without a usable header, it is the peer.
std::string client_address(const boost::asio::ip::address& peer, std::string_view forwarded_for,
                           const std::vector<boost::asio::ip::address>& trusted_proxies);

/// Whether `peer` is one of the trusted proxies.
bool is_trusted(const boost::asio::ip::address& peer,
                const std::vector<boost::asio::ip::address>& trusted_proxies);

/// Parses trusted proxy addresses (IPv4 or IPv6, no ranges). Throws core::Error
/// (invalid_argument, field "trusted-proxy") naming the first bad one.
std::vector<boost::asio::ip::address> parse_addresses(const std::vector<std::string>& texts);

}  // namespace okrsek::http
