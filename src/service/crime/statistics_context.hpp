#pragma once

// Private to the statistics service (crime_statistics*.cpp, statistics_*.cpp): the resolved
// request (snapshot, town, source, period) and helpers the answers share.

#include <memory>
#include <optional>
#include <vector>

#include "analytics/cube_time.hpp"
#include "service/crime/crime_statistics.hpp"

namespace okrsek::service {

struct CrimeStatistics::Context {
    std::shared_ptr<const StatisticsSnapshot> snapshot{};
    const core::Municipality* town = nullptr;
    const StatisticsSource* source = nullptr;
    const StatisticsTown* data = nullptr;  ///< the source's incidents of the town
    MonthRange period{};
};

namespace statistics_detail {

/// The half-open UTC period of whole Prague months.
analytics::Period to_period(const MonthRange& months);
/// The month `months` earlier or later.
std::int32_t add_months(std::int32_t month, std::int32_t months);
/// The period a request asks for: given bounds, else the last 12 months with data (ending at
/// the last incident's month), else the 12 months ending with `now`'s month. Throws
/// invalid_argument ("from", "to") for a reversed or too long period.
MonthRange resolve_period(const StatisticsScope& scope, const StatisticsTown* data,
                          store::TimePoint now);
/// Picks the source (the contract's rule) or throws invalid_argument / not_found "source".
const StatisticsSource* pick_source(const StatisticsSnapshot& snapshot,
                                    const std::optional<std::string>& name);
/// The area of a shape in m² (equirectangular around its middle; good to well under 1 %).
double area_m2(const geo::MultiPolygon& shape);
double round_to(double value, double step);
/// count · 1000 / population, to two decimals; none unless both are known and positive.
std::optional<double> rate(std::optional<std::int64_t> count, std::optional<double> population);

/// The areas of a level: ids, names, shapes, populations and sizes by slot.
struct LevelAreas {
    std::vector<std::int64_t> ids;
    std::vector<std::string> names;
    std::vector<const geo::MultiPolygon*> shapes;
    std::vector<std::optional<double>> populations;
    std::vector<analytics::AreaSize> sizes;
    std::optional<double> town_population;
};
/// The bounding box of the town's areas (its outline, else its city parts or districts).
std::optional<geo::BBox> town_bbox(const AreaCatalog& catalog, std::int64_t town);
/// Throws invalid_argument ("category") when the category is sensitive (public maps).
void refuse_sensitive(const CrimeStatistics::Context& ctx, std::optional<std::int32_t> category);
/// Throws invalid_argument ("cell") outside 50–2000 m.
void check_cell(double cell_m);

LevelAreas level_areas(const CrimeStatistics::Context& context, StatisticsLevel level,
                       const PopulationSource& populations);

}  // namespace statistics_detail
}  // namespace okrsek::service
