#pragma once

// The statistics answers as JSON, CSV (RFC 4180, UTF-8, header row) and GeoJSON
// (docs/statistics.md has every shape).

#include <string>

#include "service/crime/statistics_staff_types.hpp"
#include "service/crime/statistics_types.hpp"

namespace okrsek::http {

std::string meta_json(const service::StatisticsMeta& meta);
std::string table_json(const service::StatisticsTable& table);
std::string table_csv(const service::StatisticsTable& table);
std::string areas_geojson(const service::AreaFigures& figures);
std::string areas_csv(const service::AreaFigures& figures);
std::string grid_geojson(const service::GridFigures& grid);
std::string summary_json(const service::DistrictSummary& summary);
std::string profiles_json(const service::ProfilesTable& table);
std::string profiles_csv(const service::ProfilesTable& table);
std::string hotspots_geojson(const service::HotspotLayer& layer);
std::string points_geojson(const service::IncidentPoints& points);

}  // namespace okrsek::http
