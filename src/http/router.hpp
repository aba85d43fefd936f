#pragma once

#include <boost/beast/http/verb.hpp>
#include <functional>
#include <optional>
#include <ostream>  // boost/core/detail/string_view.hpp in Boost 1.81 needs it
#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"

namespace okrsek::http {

/// Values of the {placeholders} of a route pattern, in order.
using PathParams = std::vector<std::string>;

/// A pure handler: no sockets, no globals. Throws core::Error for failures.
using Handler = std::function<Response(const Request&, const PathParams&)>;

/// The route table: method + pattern ("/api/v1/areas/{id}") → handler.
class Router {
public:
    void add(boost::beast::http::verb method, std::string pattern, Handler handler);

    /// The matching route's response; a 405 with an Allow header when the path matches only
    /// other methods; std::nullopt when no pattern matches the path.
    std::optional<Response> dispatch(const Request& request) const;

private:
    struct Route {
        boost::beast::http::verb method;
        std::vector<std::string> segments;  // "{}" marks a placeholder
        Handler handler;
    };
    static bool match(const Route& route, const std::vector<std::string_view>& path,
                      PathParams& params);

    std::vector<Route> m_routes;
};

}  // namespace okrsek::http
