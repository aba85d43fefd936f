#pragma once

// Query parameters of the statistics routes (docs/statistics.md): each parser throws
// core::Error invalid_argument naming the parameter.

#include <string>
#include <string_view>

#include "http/request.hpp"
#include "service/crime/statistics_staff_types.hpp"
#include "service/crime/statistics_types.hpp"

namespace okrsek::http {

/// town (required), source, from, to.
service::StatisticsScope statistics_scope(const Request& request);
/// level, category_level, categories, bucket, compare, plus the scope.
service::TableQuery table_query(const Request& request);
/// `format`: one of `allowed` (the first is the default).
std::string format_parameter(const Request& request,
                             std::initializer_list<std::string_view> allowed);
/// level=city_part|district (default district).
service::StatisticsLevel map_level(const Request& request);
/// category=ID, optional.
std::optional<std::int32_t> category_parameter(const Request& request);
/// cell=M (default `fallback`).
double cell_parameter(const Request& request, double fallback);
service::HotspotQuery hotspot_query(const Request& request);
service::PointsQuery points_query(const Request& request);

}  // namespace okrsek::http
