#include "http/application.hpp"

#include <spdlog/spdlog.h>

#include "core/error.hpp"

namespace okrsek::http {

using boost::beast::http::verb;

Application::Application(service::Platform& platform, const ApiSettings& settings,
                         const std::optional<std::filesystem::path>& web_root)
    : m_platform(platform) {
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
    return m_static->serve(request);
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
