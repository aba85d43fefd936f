#pragma once

// Requests and answers of CrimeStatistics (docs/statistics.md): plain values the HTTP layer
// maps to JSON, CSV and GeoJSON.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analytics/cube_query.hpp"
#include "analytics/publication.hpp"
#include "geo/geometry.hpp"

namespace okrsek::service {

/// Limits of a statistics request.
inline constexpr std::int32_t max_statistics_months = 120;
inline constexpr std::size_t max_statistics_categories = 200;
inline constexpr double min_statistics_cell_m = 50.0;
inline constexpr double max_statistics_cell_m = 2000.0;
inline constexpr double max_statistics_bbox_m = 50000.0;
inline constexpr std::size_t max_incident_points = 5000;

enum class StatisticsLevel { town, city_part, district };
/// "town", "city_part", "district".
std::string_view to_string(StatisticsLevel level) noexcept;

/// Whole Prague calendar months, both inclusive, as month keys (analytics::LocalKeys::month).
struct MonthRange {
    std::int32_t from = 0;
    std::int32_t to = 0;
};

/// Parses "YYYY-MM" into a month key; throws invalid_argument naming `field`.
std::int32_t parse_month(std::string_view text, std::string_view field);

/// What every statistics request names: the town, the source, the period.
struct StatisticsScope {
    std::int64_t town = 0;
    std::optional<std::string> source{};
    std::optional<std::int32_t> from_month{};
    std::optional<std::int32_t> to_month{};
};

struct TableQuery {
    StatisticsScope scope{};
    StatisticsLevel level = StatisticsLevel::town;
    std::size_t category_level = 0;
    std::vector<std::int32_t> category_ids{};  ///< empty: every category at category_level
    analytics::TimeBucket bucket = analytics::TimeBucket::whole_period;
    bool compare_year_earlier = false;
};

struct TableArea {
    std::int64_t id = 0;
    std::string name{};
    std::optional<double> population{};
    bool withheld = false;
};

struct TableCategory {
    std::int32_t id = 0;
    std::string name{};
};

struct TableBucket {
    std::string key{};
    std::string label{};
};

/// One cell; an empty area, category or bucket is the total over that dimension.
struct TableRow {
    std::optional<std::int64_t> area_id{};
    std::optional<std::int32_t> category_id{};
    std::optional<std::string> bucket{};
    std::optional<std::int64_t> count{};
    std::string status{};  ///< "shown", "suppressed", "complementary", "withheld"
    std::optional<double> rate_per_1000{};
    std::optional<std::int64_t> previous{};
    std::optional<std::string> previous_status{};
};

struct StatisticsTable {
    MonthRange period{};
    std::optional<MonthRange> previous_period{};
    StatisticsLevel level = StatisticsLevel::town;
    analytics::TimeBucket bucket = analytics::TimeBucket::whole_period;
    std::vector<TableArea> areas{};
    std::vector<TableCategory> categories{};
    std::vector<TableBucket> buckets{};
    std::vector<TableRow> rows{};
    std::vector<std::string> notes{};
    std::vector<std::int32_t> dropped_sensitive_categories{};
    bool exact = false;  ///< staff: unsuppressed counts
};

/// "shown", "suppressed", "complementary", "withheld".
std::string_view status_text(analytics::CellStatus status) noexcept;

struct MetaCategory {
    std::int32_t id = 0;
    std::string code{};
    std::optional<std::int32_t> parent_id{};
    std::size_t level = 0;
    std::string name{};
    bool sensitive = false;
};

struct StatisticsSourceInfo {
    std::string name{};
    std::string attribution{};
    std::string licence{};
    std::int64_t incidents = 0;
};

struct StatisticsMeta {
    std::int64_t town_code = 0;
    std::string town_name{};
    std::string data_version{};
    std::optional<MonthRange> periods{};  ///< first and last month with data
    std::optional<MonthRange> default_period{};
    std::string source{};
    std::vector<MetaCategory> categories{};
    analytics::PublicationRules rules{};
    std::vector<StatisticsSourceInfo> sources{};
};

/// One area of the choropleth, with its shape as the catalog has it.
struct AreaFigure {
    std::int64_t id = 0;
    std::string name{};
    std::optional<std::int64_t> count{};
    std::string status{};
    std::optional<double> rate_per_1000{};
    std::optional<double> population{};
    const geo::MultiPolygon* shape = nullptr;  ///< valid while the answer lives
};

struct AreaFiguresQuery {
    StatisticsScope scope{};
    StatisticsLevel level = StatisticsLevel::district;
    std::optional<std::int32_t> category_id{};
};

struct AreaFigures {
    MonthRange period{};
    std::vector<AreaFigure> areas{};
    std::shared_ptr<const void> keep_alive{};  ///< holds the catalog the shapes are in
};

struct GridFiguresQuery {
    StatisticsScope scope{};
    double cell_m = 250.0;
    std::optional<std::int32_t> category_id{};
};

struct GridCell {
    geo::BBox bounds{};
    std::optional<std::int64_t> count{};
    std::string status{};
};

struct GridFigures {
    MonthRange period{};
    double cell_m = 0.0;  ///< after merging
    std::optional<std::int64_t> total{};
    std::vector<GridCell> cells{};
};

/// One area of the profiles table: population, offences, amenities, prevention workers,
/// citizen reports.
struct ProfileRow {
    std::int64_t id = 0;
    std::string name{};
    std::optional<double> population{};
    std::string population_source{};  ///< "profile", "layer" or "" (unknown)
    std::optional<std::int64_t> offences{};
    std::string offences_status{};
    std::optional<double> offences_rate_per_1000{};
    std::vector<TableRow> by_category{};  ///< category_id, count, status
    std::map<std::string, std::int64_t> amenities{};
    std::map<std::string, std::int64_t> prevention_workers{};
    std::optional<std::int64_t> reports{};
    std::optional<double> reports_rate_per_1000{};
};

struct ProfilesTable {
    MonthRange period{};
    StatisticsLevel level = StatisticsLevel::district;
    std::vector<TableCategory> categories{};
    std::vector<ProfileRow> areas{};
    ProfileRow town{};
};

struct DistrictSummary {
    std::int64_t district_id = 0;
    std::string district_name{};
    std::optional<MonthRange> period{};
    std::optional<std::int64_t> total{};
    std::string total_status{};
    std::optional<std::int64_t> previous_total{};
    std::optional<double> change_percent{};
    std::optional<double> rate_per_1000{};
    std::optional<double> town_rate_per_1000{};
    std::vector<TableRow> top_categories{};  ///< category_id, count, status
    std::map<std::int32_t, std::string> category_names{};
    std::int64_t reports = 0;
};

}  // namespace okrsek::service
