#include "http/print_handlers.hpp"

#include <charconv>

#include "core/error.hpp"
#include "media/qr_code.hpp"
#include "service/auth/area_targets.hpp"

namespace okrsek::http {
namespace {

using boost::beast::http::verb;
using core::Error;
using core::ErrorCode;

std::int64_t district_id(std::string_view text) {
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc{} || end != text.data() + text.size() || id <= 0) {
        throw Error(ErrorCode::invalid_argument, "district id must be a positive integer", "id");
    }
    return id;
}

// The link always uses the configured public URL, never the request's Host header, so that a
// forged Host cannot put someone else's address on the town's printed leaflets.
Response qr_code(service::Platform& platform, std::string_view id_text) {
    const std::int64_t id = district_id(id_text);
    const auto catalog = platform.catalog();
    const auto area = catalog->find_area(id);
    if (!area || area->info().layer != service::district_layer) {
        throw Error(ErrorCode::not_found, "no district " + std::to_string(id), "id");
    }
    std::string base = platform.auth().settings().public_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    Response response;
    response.content_type = "image/svg+xml";
    response.body = media::qr_code_svg(base + "/districts/" + std::to_string(id), 4);
    response.headers.emplace_back("Cache-Control", "public, max-age=86400");
    return response;
}

}  // namespace

void add_print_routes(Router& router, service::Platform& platform) {
    auto* p = &platform;
    router.add(verb::get, "/api/v1/districts/{id}/qr.svg",
               [p](const Request&, const PathParams& params) { return qr_code(*p, params.at(0)); });
}

}  // namespace okrsek::http
