#pragma once

// What every back-office route shares (admin_handlers.cpp, directory_admin_handlers.cpp,
// agenda_admin_handlers.cpp): registration behind a complete session, the caller, the JSON body,
// id path parameters and the JSON answer.

#include <boost/beast/http/verb.hpp>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "http/router.hpp"
#include "service/platform.hpp"

namespace okrsek::http {

/// What a back-office handler is called with.
class AdminCall {
public:
    AdminCall(service::Platform& platform, const Request& request, const PathParams& params)
        : m_platform(platform), m_request(request), m_params(params) {}

    service::Platform& platform() const { return m_platform; }
    const Request& request() const { return m_request; }
    const PathParams& params() const { return m_params; }

    /// The caller: a complete session (the route is registered with Access::session).
    const service::Principal& principal() const;
    /// Path parameter `index` (from 0) as a positive id; throws core::Error invalid_argument
    /// naming `name`.
    std::int64_t id(std::size_t index = 0, std::string_view name = "id") const;
    /// The request body as a JSON object (json_object_body(): throws invalid_argument).
    nlohmann::json body() const;

private:
    service::Platform& m_platform;
    const Request& m_request;
    const PathParams& m_params;
};

using AdminHandler = Response (*)(const AdminCall& call);

/// Registers back-office routes on a router: each needs a complete session (Application checks
/// it and the CSRF token); the handler's service call checks the permission for the object.
class AdminRoutes {
public:
    AdminRoutes(Router& router, service::Platform& platform)
        : m_router(router), m_platform(platform) {}

    void add(boost::beast::http::verb method, std::string pattern, AdminHandler handler) const;

private:
    Router& m_router;
    service::Platform& m_platform;
};

/// `body` as a JSON response: 200, or 201 for something created.
Response json_answer(const nlohmann::json& body, unsigned status = 200);

}  // namespace okrsek::http
