#pragma once

#include <optional>
#include <string>

#include "http/router.hpp"
#include "service/platform.hpp"

namespace okrsek::http {

/// Background map tiles the page shows; none when the town runs without a tile server.
struct TileSettings {
    std::string url;          ///< e.g. "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    std::string attribution;  ///< HTML-free text
};

struct ApiSettings {
    std::optional<TileSettings> tiles;
    std::string default_layer = "districts";
};

/// Registers every /api/v1 route on `router`. Handlers only parse, call the platform and map
/// the result to JSON.
void add_api_routes(Router& router, service::Platform& platform, const ApiSettings& settings);

/// Largest request body the API accepts (a batch of 10,000 points fits comfortably).
inline constexpr std::size_t max_api_body_bytes = 2u * 1024u * 1024u;

/// Largest photo upload (PUT /api/v1/admin/…/photo), the limit of media::PhotoLimits.
inline constexpr std::size_t max_upload_body_bytes = 10u * 1024u * 1024u;

}  // namespace okrsek::http
