#pragma once

#include <boost/beast/http/verb.hpp>
#include <functional>
#include <optional>
#include <ostream>  // boost/core/detail/string_view.hpp in Boost 1.81 needs it
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"

namespace okrsek::http {

/// Values of the {placeholders} of a route pattern, in order.
using PathParams = std::vector<std::string>;

/// A pure handler: no sockets, no globals. Throws core::Error for failures.
using Handler = std::function<Response(const Request&, const PathParams&)>;

/// Who may call a route; Application enforces it before the handler runs (the handler's
/// service call then checks the permission for the object).
enum class Access {
    open,              ///< anyone; no CSRF token (public portal, batch lookup)
    visitor,           ///< anyone, but a state-changing request needs the CSRF token (login, links)
    pending,           ///< a session, also one still waiting for its second factor (TOTP setup)
    session,           ///< a complete session (no machine token)
    session_or_token,  ///< a complete session or a machine token
};

/// "open", "visitor", "pending", "session", "session_or_token".
std::string_view to_string(Access access) noexcept;

/// A route as registered (for tests that walk every route).
struct RouteInfo {
    boost::beast::http::verb method;
    std::string pattern;
    Access access;
};

/// The route a request matched.
struct RouteMatch {
    const Handler* handler = nullptr;
    Access access = Access::open;
    PathParams params;
};

/// The route table: method + pattern ("/api/v1/areas/{id}") → handler.
class Router {
public:
    void add(boost::beast::http::verb method, std::string pattern, Handler handler,
             Access access = Access::open);

    /// The matching route's response; a 405 with an Allow header when the path matches only
    /// other methods; std::nullopt when no pattern matches the path. Ignores access rules.
    std::optional<Response> dispatch(const Request& request) const;

    /// The matching route, or the 405 answer, or std::nullopt (no pattern matches).
    std::optional<std::variant<RouteMatch, Response>> find(const Request& request) const;

    std::vector<RouteInfo> routes() const;

private:
    struct Route {
        boost::beast::http::verb method;
        std::string pattern;
        std::vector<std::string> segments;  // "{}" marks a placeholder
        Handler handler;
        Access access;
    };
    static bool match(const Route& route, const std::vector<std::string_view>& path,
                      PathParams& params);

    std::vector<Route> m_routes;
};

}  // namespace okrsek::http
