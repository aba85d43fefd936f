#include "http/security_headers.hpp"

#include <algorithm>
#include <cctype>

namespace okrsek::http {
namespace {

bool same_name(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

void set_default(Response& response, std::string_view name, std::string_view value) {
    if (!has_header(response, name)) response.headers.emplace_back(name, value);
}

}  // namespace

bool has_header(const Response& response, std::string_view name) {
    return std::any_of(response.headers.begin(), response.headers.end(),
                       [&](const auto& header) { return same_name(header.first, name); });
}

void set_header(Response& response, std::string_view name, std::string value) {
    std::erase_if(response.headers,
                  [&](const auto& header) { return same_name(header.first, name); });
    response.headers.emplace_back(name, std::move(value));
}

void add_security_headers(Response& response, bool secure) {
    set_default(response, "X-Content-Type-Options", "nosniff");
    // Tile servers (OpenStreetMap's among them) want to know the site asking; the origin is
    // enough.
    set_default(response, "Referrer-Policy", "strict-origin-when-cross-origin");
    set_default(response, "X-Frame-Options", "DENY");
    set_default(response, "Cross-Origin-Opener-Policy", "same-origin");
    set_default(response, "Cross-Origin-Resource-Policy", "same-origin");
    set_default(response, "Permissions-Policy",
                "geolocation=(self), camera=(), microphone=(), payment=(), usb=()");
    set_default(response, "Content-Security-Policy", api_content_security_policy);
    if (secure) {
        set_default(response, "Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
}

}  // namespace okrsek::http
