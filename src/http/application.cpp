#include "http/application.hpp"

#include <spdlog/spdlog.h>

#include "core/error.hpp"

namespace okrsek::http {

using boost::beast::http::verb;

std::string content_security_policy(const ApiSettings& settings) {
    std::string images = "'self' data:";
    if (settings.tiles) {
        const std::string& url = settings.tiles->url;
        const auto scheme_end = url.find("://");
        if (scheme_end != std::string::npos) {
            const auto host_end = url.find('/', scheme_end + 3);
            std::string origin = url.substr(0, host_end);
            if (const auto s = origin.find("{s}"); s != std::string::npos)
                origin.replace(s, 3, "*");
            images += " " + origin;
        }
    }
    return "default-src 'self'; img-src " + images +
           "; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; "
           "base-uri 'self'; form-action 'self'";
}

Application::Application(service::Platform& platform, const ApiSettings& settings,
                         const std::optional<std::filesystem::path>& web_root)
    : m_platform(platform), m_content_security_policy(content_security_policy(settings)) {
    add_api_routes(m_router, platform, settings);
    if (web_root) m_static = std::make_unique<StaticFiles>(*web_root);
}

Response Application::dispatch(const Request& request) const {
    if (request.path.starts_with("/api/")) {
        if (auto response = m_router.dispatch(request)) return std::move(*response);
        return error_response(core::ErrorCode::not_found, "no such endpoint", "path");
    }
    if (!m_static) return error_response(core::ErrorCode::not_found, "no such page", "path");
    if (request.method != verb::get && request.method != verb::head) {
        Response response = error_response(405, "method_not_allowed", "use GET");
        response.headers.emplace_back("Allow", "GET, HEAD");
        return response;
    }
    Response response = m_static->serve(request);
    if (response.content_type.starts_with("text/html")) {
        response.headers.emplace_back("Content-Security-Policy", m_content_security_policy);
        response.headers.emplace_back("X-Frame-Options", "DENY");
    }
    return response;
}

Response Application::handle(const Request& request) const noexcept {
    try {
        return dispatch(request);
    } catch (const core::Error& error) {
        if (error.code() == core::ErrorCode::internal) {
            spdlog::error("internal error on {}: {}", request.path, error.what());
        }
        return error_response(error);
    } catch (const std::exception& error) {
        // Only the path is logged: queries may hold a citizen's position.
        spdlog::error("unexpected error on {}: {}", request.path, error.what());
        return error_response(core::ErrorCode::internal, "internal error");
    }
}

}  // namespace okrsek::http
