// Staff answers on exact data: hotspot layers and incident points, each call audited.
#include <cmath>
#include <nlohmann/json.hpp>

#include "analytics/cube_grid.hpp"
#include "analytics/fdr.hpp"
#include "analytics/getis_ord.hpp"
#include "analytics/kde.hpp"
#include "analytics/local_moran.hpp"
#include "core/error.hpp"
#include "core/lon_lat.hpp"
#include "core/time.hpp"
#include "service/crime/statistics_context.hpp"

namespace okrsek::service {

using core::Error;
using core::ErrorCode;
namespace detail = statistics_detail;

namespace {

constexpr double degree = 3.14159265358979323846 / 180.0;
/// Hotspot statistics run on at most this many cells.
constexpr std::size_t max_hotspot_cells = 250'000;

std::optional<double> finite(double value) {
    if (!std::isfinite(value)) return std::nullopt;
    return value;
}

const char* quadrant_label(analytics::Quadrant quadrant) {
    switch (quadrant) {
        case analytics::Quadrant::high_high:
            return "HH";
        case analytics::Quadrant::low_high:
            return "LH";
        case analytics::Quadrant::low_low:
            return "LL";
        case analytics::Quadrant::high_low:
            return "HL";
        case analytics::Quadrant::none:
            return "";
    }
    return "";
}

std::string utc_text(std::int64_t seconds) {
    return core::to_iso8601_utc(
        std::chrono::system_clock::time_point{std::chrono::seconds{seconds}});
}

void check_bbox_statistics_staff(const geo::BBox& box) {
    const bool valid = box.min_lon >= -180 && box.max_lon <= 180 && box.min_lat >= -90 &&
                       box.max_lat <= 90 && box.min_lon < box.max_lon && box.min_lat < box.max_lat;
    if (!valid) {
        throw Error(ErrorCode::invalid_argument,
                    "bbox must be minlon,minlat,maxlon,maxlat in WGS 84", "bbox");
    }
    const double middle = (box.min_lat + box.max_lat) / 2.0 * degree;
    const double width =
        (box.max_lon - box.min_lon) * degree * core::earth_radius_m * std::cos(middle);
    const double height = (box.max_lat - box.min_lat) * degree * core::earth_radius_m;
    if (width > max_statistics_bbox_m || height > max_statistics_bbox_m) {
        throw Error(ErrorCode::invalid_argument, "bbox must be at most 50 km across", "bbox");
    }
}

std::vector<double> kde_cells(const analytics::IncidentCube& cube, const analytics::GridSpec& spec,
                              const analytics::Period& period,
                              std::optional<std::uint16_t> category, HotspotLayer& layer,
                              std::optional<double> band_m) {
    const double scale = core::earth_radius_m * degree;
    const double cos_lat = std::cos(spec.scale_lat * degree);
    std::vector<analytics::PlanarPoint> points;
    const auto times = cube.times_s();
    const auto positions = cube.positions();
    const auto begin = cube.type_begin();
    const auto codes = cube.type_codes();
    for (std::size_t i = 0; i < cube.size(); ++i) {
        if (times[i] < period.from.time_since_epoch().count() ||
            times[i] >= period.to.time_since_epoch().count()) {
            continue;
        }
        bool wanted = !category;
        for (auto t = begin[i]; !wanted && t < begin[i + 1]; ++t) {
            wanted = cube.categories().within(codes[t], *category);
        }
        if (!wanted) continue;
        points.push_back({(positions[i].x / 1e7 - spec.south_west.lon) * scale * cos_lat,
                          (positions[i].y / 1e7 - spec.south_west.lat) * scale});
    }
    if (points.size() < 2) return {};
    const double bandwidth = band_m.value_or(analytics::default_bandwidth_m(points));
    layer.bandwidth_m = bandwidth;
    const analytics::PlanarGrid grid{0.0, 0.0, spec.cell_size_m, spec.columns, spec.rows};
    auto density = analytics::quartic_kde(grid, points, {}, bandwidth);
    for (auto& value : density) value *= 1e6;
    return density;
}

}  // namespace

HotspotLayer CrimeStatistics::hotspots(const Principal& principal, const HotspotQuery& query) {
    detail::check_cell(query.cell_m);
    if (query.band_m && !(*query.band_m > 0.0 && *query.band_m <= 10000.0)) {
        throw Error(ErrorCode::invalid_argument, "band must be from 1 to 10000 metres", "band");
    }
    if (!(query.fdr > 0.0 && query.fdr < 1.0)) {
        throw Error(ErrorCode::invalid_argument, "fdr must be between 0 and 1", "fdr");
    }
    const auto ctx = context(query.scope);
    m_accounts.require(principal, security::Action::crime_incidents_read,
                       security::Target::municipality(ctx.town->code));
    HotspotLayer layer;
    layer.period = ctx.period;
    layer.method = query.method;
    layer.cell_m = query.cell_m;
    layer.alpha = query.fdr;
    const auto box = detail::town_bbox(*ctx.snapshot->catalog, ctx.town->code);
    if (box && ctx.data) {
        const auto spec = analytics::grid_over(*box, query.cell_m);
        const std::size_t n = std::size_t(spec.columns) * spec.rows;
        if (n > max_hotspot_cells) {
            throw Error(ErrorCode::invalid_argument, "too many cells: choose a larger cell",
                        "cell");
        }
        layer.grid_cells = n;
        analytics::GridQuery grid_query;
        grid_query.period = detail::to_period(ctx.period);
        std::optional<std::uint16_t> category_code;
        if (query.category_id) {
            grid_query.category_ids = {*query.category_id};
            category_code = ctx.data->cube.categories().code_of(*query.category_id);
            if (!category_code)
                throw Error(ErrorCode::invalid_argument, "unknown category", "category");
        }
        const auto counts = analytics::grid_counts(ctx.data->cube, spec, grid_query);
        std::vector<double> values(counts.counts.begin(), counts.counts.end());
        std::vector<analytics::PlanarPoint> centres(n);
        for (std::size_t i = 0; i < n; ++i) {
            centres[i] = {(double(i % spec.columns) + 0.5) * query.cell_m,
                          (double(i / spec.columns) + 0.5) * query.cell_m};
        }
        std::vector<HotspotCell> cells(n);
        for (std::size_t i = 0; i < n; ++i) {
            cells[i].bounds = analytics::cell_bounds(spec, std::uint32_t(i % spec.columns),
                                                     std::uint32_t(i / spec.columns));
            cells[i].count = counts.counts[i];
            layer.total += counts.counts[i];
        }
        auto mark = [&](const std::vector<double>& z, const std::vector<double>& p) {
            const auto q = analytics::benjamini_hochberg(p);
            for (std::size_t i = 0; i < n; ++i) {
                cells[i].z = finite(z[i]);
                cells[i].p = finite(p[i]);
                cells[i].significant = std::isfinite(q[i]) && q[i] <= query.fdr;
            }
        };
        if (query.method == HotspotMethod::gi || query.method == HotspotMethod::localmoran) {
            layer.band_m = query.band_m.value_or(query.cell_m * 1.5);
            auto neighbours = analytics::distance_band(centres, *layer.band_m);
            const bool gi = query.method == HotspotMethod::gi;
            const analytics::SpatialWeights weights(
                std::move(neighbours),
                gi ? analytics::WeightStyle::binary : analytics::WeightStyle::row_standardised, gi);
            std::vector<double> z(n), p(n);
            if (gi) {
                const auto results = analytics::local_g(values, weights);
                for (std::size_t i = 0; i < n; ++i)
                    z[i] = results[i].z, p[i] = results[i].p_two_sided;
                mark(z, p);
                for (auto& cell : cells) {
                    if (cell.significant) cell.label = *cell.z > 0 ? "hot" : "cold";
                }
            } else {
                const auto results = analytics::local_moran(values, weights);
                for (std::size_t i = 0; i < n; ++i)
                    z[i] = results[i].z, p[i] = results[i].p_two_sided;
                mark(z, p);
                for (std::size_t i = 0; i < n; ++i)
                    cells[i].label = quadrant_label(results[i].quadrant);
            }
        } else if (query.method == HotspotMethod::kde) {
            const auto density = kde_cells(ctx.data->cube, spec, grid_query.period, category_code,
                                           layer, query.band_m);
            for (std::size_t i = 0; i < density.size(); ++i) {
                if (density[i] > 0.0) cells[i].density_km2 = density[i];
            }
        }
        for (auto& cell : cells) {
            if (cell.count > 0 || cell.significant || cell.density_km2) {
                layer.cells.push_back(std::move(cell));
            }
        }
    }
    const nlohmann::json details = {{"what", "hotspots"},
                                    {"method", to_string(query.method)},
                                    {"cell_m", query.cell_m},
                                    {"from", analytics::month_label(ctx.period.from)},
                                    {"to", analytics::month_label(ctx.period.to)},
                                    {"cells", layer.cells.size()}};
    audit_exact(principal, ctx.town->code, "crime.hotspots.read", details.dump());
    return layer;
}

IncidentPoints CrimeStatistics::incidents(const Principal& principal, const PointsQuery& query) {
    check_bbox_statistics_staff(query.bbox);
    if (query.limit < 1 || query.limit > max_incident_points) {
        throw Error(ErrorCode::invalid_argument, "limit must be from 1 to 5000", "limit");
    }
    const auto ctx = context(query.scope);
    m_accounts.require(principal, security::Action::crime_incidents_read,
                       security::Target::municipality(ctx.town->code));
    IncidentPoints out;
    out.period = ctx.period;
    if (ctx.data) {
        const auto& cube = ctx.data->cube;
        std::optional<std::uint16_t> category;
        if (query.category_id) {
            category = cube.categories().code_of(*query.category_id);
            if (!category) throw Error(ErrorCode::invalid_argument, "unknown category", "category");
        }
        const auto period = detail::to_period(ctx.period);
        const auto box = query.bbox;
        const auto times = cube.times_s();
        const auto positions = cube.positions();
        const auto begin = cube.type_begin();
        const auto codes = cube.type_codes();
        const auto districts = cube.area_slots(analytics::AreaLevel::district);
        for (std::size_t i = 0; i < cube.size(); ++i) {
            if (times[i] < period.from.time_since_epoch().count() ||
                times[i] >= period.to.time_since_epoch().count()) {
                continue;
            }
            const double lon = positions[i].x / 1e7, lat = positions[i].y / 1e7;
            if (lon < box.min_lon || lon > box.max_lon || lat < box.min_lat || lat > box.max_lat) {
                continue;
            }
            bool wanted = !category;
            for (auto t = begin[i]; !wanted && t < begin[i + 1]; ++t) {
                wanted = cube.categories().within(codes[t], *category);
            }
            if (!wanted) continue;
            if (out.points.size() == query.limit) {
                out.truncated = true;
                break;
            }
            IncidentPoint point{cube.ids()[i], utc_text(times[i]), {lon, lat}, {}, {}};
            for (auto t = begin[i]; t < begin[i + 1]; ++t) {
                point.types.push_back(cube.categories().id_of(codes[t]));
            }
            if (districts[i] != analytics::IncidentCube::no_slot) {
                point.district_id = ctx.data->district_ids.at(districts[i]);
            }
            out.points.push_back(std::move(point));
        }
    }
    const nlohmann::json details = {
        {"what", "incidents"},
        {"bbox", {query.bbox.min_lon, query.bbox.min_lat, query.bbox.max_lon, query.bbox.max_lat}},
        {"from", analytics::month_label(ctx.period.from)},
        {"to", analytics::month_label(ctx.period.to)},
        {"category", query.category_id ? nlohmann::json(*query.category_id) : nlohmann::json()},
        {"returned", out.points.size()}};
    audit_exact(principal, ctx.town->code, "crime.incidents.read", details.dump());
    return out;
}

}  // namespace okrsek::service
