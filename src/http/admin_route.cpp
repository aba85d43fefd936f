#include "http/admin_route.hpp"

#include "http/caller.hpp"
#include "http/json_body.hpp"

namespace okrsek::http {

const service::Principal& AdminCall::principal() const {
    return caller_of(m_request).principal();
}

std::int64_t AdminCall::id(std::size_t index, std::string_view name) const {
    return path_id(m_params.at(index), name);
}

nlohmann::json AdminCall::body() const {
    return json_object_body(m_request);
}

void AdminRoutes::add(boost::beast::http::verb method, std::string pattern,
                      AdminHandler handler) const {
    service::Platform* platform = &m_platform;
    m_router.add(
        method, std::move(pattern),
        [platform, handler](const Request& request, const PathParams& params) {
            return handler(AdminCall(*platform, request, params));
        },
        Access::session);
}

Response json_answer(const nlohmann::json& body, unsigned status) {
    return json_response(body.dump(), status);
}

}  // namespace okrsek::http
