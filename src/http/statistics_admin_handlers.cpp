// Staff statistics: the caller's principal goes to CrimeStatistics, which checks the permission
// for the town and audits every exact access.
#include "core/error.hpp"
#include "http/admin_route.hpp"
#include "http/security_headers.hpp"
#include "http/statistics_handlers.hpp"
#include "http/statistics_json.hpp"
#include "http/statistics_params.hpp"

namespace okrsek::http {
namespace {

using boost::beast::http::verb;

Response answer(std::string body, std::string content_type, std::string_view filename = {}) {
    Response response;
    response.content_type = std::move(content_type);
    response.body = std::move(body);
    if (!filename.empty()) {
        set_header(response, "Content-Disposition",
                   "attachment; filename=\"" + std::string(filename) + "\"");
    }
    return response;
}

Response staff_table(const AdminCall& call) {
    const auto format = format_parameter(call.request(), {"json", "csv"});
    const auto table =
        call.platform().statistics().staff_table(call.principal(), table_query(call.request()));
    if (format == "csv")
        return answer(table_csv(table), "text/csv; charset=utf-8", "statistics.csv");
    return answer(table_json(table), "application/json");
}

Response hotspots(const AdminCall& call) {
    const auto layer =
        call.platform().statistics().hotspots(call.principal(), hotspot_query(call.request()));
    return answer(hotspots_geojson(layer), "application/geo+json");
}

Response incidents(const AdminCall& call) {
    const auto points =
        call.platform().statistics().incidents(call.principal(), points_query(call.request()));
    return answer(points_geojson(points), "application/geo+json");
}

}  // namespace

void add_statistics_admin_routes(Router& router, service::Platform& platform) {
    const AdminRoutes routes(router, platform);
    routes.add(verb::get, "/api/v1/admin/statistics/table", staff_table);
    routes.add(verb::get, "/api/v1/admin/crime/hotspots", hotspots);
    routes.add(verb::get, "/api/v1/admin/crime/incidents", incidents);
}

}  // namespace okrsek::http
