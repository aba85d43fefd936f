#include "http/client_address.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace okrsek::http {
namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

}  // namespace

bool is_trusted(const boost::asio::ip::address& address,
                const std::vector<boost::asio::ip::address>& trusted) {
    return std::find(trusted.begin(), trusted.end(), address) != trusted.end();
}

std::string client_address(const boost::asio::ip::address& peer, std::string_view forwarded_for,
                           const std::vector<boost::asio::ip::address>& trusted_proxies) {
    if (forwarded_for.empty() || !is_trusted(peer, trusted_proxies)) return peer.to_string();
    // Walk from the right: each trusted hop appended the address it saw.
    while (!forwarded_for.empty()) {
        const auto comma = forwarded_for.rfind(',');
        const std::string_view entry =
            trim(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
        forwarded_for =
            comma == std::string_view::npos ? std::string_view{} : forwarded_for.substr(0, comma);
        boost::system::error_code ec;
        const auto address = boost::asio::ip::make_address(std::string(entry), ec);
        if (ec) break;  // garbage: fall back to the proxy itself rather than trust it
        if (!is_trusted(address, trusted_proxies)) return address.to_string();
    }
    return peer.to_string();
}

std::vector<boost::asio::ip::address> parse_addresses(const std::vector<std::string>& texts) {
    std::vector<boost::asio::ip::address> addresses;
    for (const auto& text : texts) {
        boost::system::error_code ec;
        addresses.push_back(boost::asio::ip::make_address(text, ec));
        if (ec) {
            throw core::Error(core::ErrorCode::invalid_argument,
                              "not an IP address: '" + text + "'", "trusted-proxy");
        }
    }
    return addresses;
}

}  // namespace okrsek::http
