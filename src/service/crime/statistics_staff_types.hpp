#pragma once

// Staff requests of CrimeStatistics: hotspot layers and exact incident points.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/lon_lat.hpp"
#include "geo/geometry.hpp"
#include "service/crime/statistics_types.hpp"

namespace okrsek::service {

enum class HotspotMethod { grid, gi, kde, localmoran };
/// "grid", "gi", "kde", "localmoran".
std::string_view to_string(HotspotMethod method) noexcept;

struct HotspotQuery {
    StatisticsScope scope{};
    HotspotMethod method = HotspotMethod::grid;
    double cell_m = 100.0;
    std::optional<double> band_m{};  ///< gi, localmoran: distance band; kde: bandwidth
    double fdr = 0.05;               ///< false discovery rate of "significant"
    std::optional<std::int32_t> category_id{};
};

struct HotspotCell {
    geo::BBox bounds{};
    std::int64_t count = 0;
    std::optional<double> z{};
    std::optional<double> p{};
    bool significant = false;
    std::string label{};  ///< gi: "hot", "cold" or ""; localmoran: "HH", "LH", "LL", "HL" or ""
    std::optional<double> density_km2{};  ///< kde: incidents per km²
};

struct HotspotLayer {
    MonthRange period{};
    HotspotMethod method = HotspotMethod::grid;
    double cell_m = 0.0;
    std::optional<double> band_m{};
    std::optional<double> bandwidth_m{};
    double alpha = 0.05;
    std::int64_t total = 0;
    std::size_t grid_cells = 0;
    /// Cells with incidents, a significant statistic or a density; empty ones are left out.
    std::vector<HotspotCell> cells{};
};

struct PointsQuery {
    StatisticsScope scope{};
    geo::BBox bbox{};
    std::optional<std::int32_t> category_id{};
    std::size_t limit = max_incident_points;
};

struct IncidentPoint {
    std::int64_t id = 0;
    std::string occurred_at{};  ///< UTC ISO 8601
    core::LonLat position{};
    std::vector<std::int32_t> types{};
    std::optional<std::int64_t> district_id{};
};

struct IncidentPoints {
    MonthRange period{};
    std::vector<IncidentPoint> points{};
    bool truncated = false;  ///< more incidents matched than the limit
};

}  // namespace okrsek::service
