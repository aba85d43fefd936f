#pragma once

#include <filesystem>
#include <memory>
#include <optional>

#include "http/api_handlers.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "service/platform.hpp"

namespace okrsek::http {

/// The Content-Security-Policy of the pages: only our own scripts, styles and API, plus images
/// from the tile server's origin ("{s}" subdomains become a wildcard).
std::string content_security_policy(const ApiSettings& settings);

/// Everything the server answers, as one pure function of a request: the API routes under
/// /api/, the front end's files elsewhere. Never throws: failures become JSON errors.
class Application {
public:
    Application(service::Platform& platform, const ApiSettings& settings,
                const std::optional<std::filesystem::path>& web_root);

    Response handle(const Request& request) const noexcept;

    service::Platform& platform() const noexcept { return m_platform; }

    /// Every API route with its access rule (for tests that walk them all).
    std::vector<RouteInfo> routes() const { return m_router.routes(); }

private:
    Response dispatch(const Request& request) const;
    Response dispatch_api(const Request& request) const;

    service::Platform& m_platform;
    std::string m_content_security_policy;
    Router m_router;
    std::unique_ptr<StaticFiles> m_static;
};

}  // namespace okrsek::http
