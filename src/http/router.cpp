#include "http/router.hpp"

#include <boost/beast/http/verb.hpp>

namespace okrsek::http {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> segments;
    std::size_t start = 0;
    while (start <= path.size()) {
        auto slash = path.find('/', start);
        if (slash == std::string_view::npos) slash = path.size();
        if (slash > start) segments.push_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    return segments;
}

}  // namespace

std::string_view to_string(Access access) noexcept {
    switch (access) {
        case Access::open:
            return "open";
        case Access::visitor:
            return "visitor";
        case Access::pending:
            return "pending";
        case Access::session:
            return "session";
        case Access::session_or_token:
            return "session_or_token";
    }
    return "open";
}

void Router::add(boost::beast::http::verb method, std::string pattern, Handler handler,
                 Access access) {
    Route route{method, pattern, {}, std::move(handler), access};
    for (auto segment : split_path(pattern)) {
        const bool placeholder =
            segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
        route.segments.emplace_back(placeholder ? "{}" : std::string(segment));
    }
    m_routes.push_back(std::move(route));
}

bool Router::match(const Route& route, const std::vector<std::string_view>& path,
                   PathParams& params) {
    if (route.segments.size() != path.size()) return false;
    params.clear();
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (route.segments[i] == "{}") {
            params.emplace_back(path[i]);
        } else if (route.segments[i] != path[i]) {
            return false;
        }
    }
    return true;
}

std::vector<RouteInfo> Router::routes() const {
    std::vector<RouteInfo> result;
    for (const auto& route : m_routes)
        result.push_back({route.method, route.pattern, route.access});
    return result;
}

std::optional<Response> Router::dispatch(const Request& request) const {
    auto found = find(request);
    if (!found) return std::nullopt;
    if (auto* response = std::get_if<Response>(&*found)) return std::move(*response);
    const auto& match = std::get<RouteMatch>(*found);
    return (*match.handler)(request, match.params);
}

std::optional<std::variant<RouteMatch, Response>> Router::find(const Request& request) const {
    const auto path = split_path(request.path);
    PathParams params;
    std::string allowed;
    for (const auto& route : m_routes) {
        if (!match(route, path, params)) continue;
        if (route.method == request.method || (request.method == boost::beast::http::verb::head &&
                                               route.method == boost::beast::http::verb::get)) {
            return RouteMatch{&route.handler, route.access, params};
        }
        if (!allowed.empty()) allowed += ", ";
        allowed += std::string(boost::beast::http::to_string(route.method));
    }
    if (allowed.empty()) return std::nullopt;
    const std::string method(boost::beast::http::to_string(request.method));
    Response response = error_response(405, "method_not_allowed",
                                       "method " + method + " is not allowed here; use " + allowed);
    response.headers.emplace_back("Allow", allowed);
    return response;
}

}  // namespace okrsek::http
