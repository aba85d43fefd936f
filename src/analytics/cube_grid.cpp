#include "analytics/cube_grid.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "analytics/cube_parallel.hpp"
#include "core/error.hpp"
#include "core/lon_lat.hpp"

namespace okrsek::analytics {

namespace {

constexpr double radians_per_degree_cube_grid = std::numbers::pi / 180.0;

double metres_per_degree_lat() {
    return core::earth_radius_m * radians_per_degree_cube_grid;
}

double metres_per_degree_lon(double scale_lat) {
    return core::earth_radius_m * radians_per_degree_cube_grid *
           std::cos(scale_lat * radians_per_degree_cube_grid);
}

void check_spec(const GridSpec& spec) {
    if (!std::isfinite(spec.cell_size_m) || spec.cell_size_m < 1.0) {
        throw core::Error(core::ErrorCode::invalid_argument, "a cell must be at least 1 m",
                          "cell_size_m");
    }
    if (std::uint64_t(spec.columns) * spec.rows > max_grid_cells ||
        !core::is_valid_wgs84(spec.south_west) || !(std::fabs(spec.scale_lat) < 85.0)) {
        throw core::Error(core::ErrorCode::invalid_argument, "the grid is too large or invalid",
                          "cell_size_m");
    }
}

// Incidents matching the query's categories: a flag per type code.
std::vector<std::uint8_t> wanted_types(const CategoryTree& tree, const GridQuery& query) {
    std::vector<std::uint8_t> wanted(tree.size(), query.category_ids.empty() ? 1 : 0);
    for (const std::int32_t id : query.category_ids) {
        const auto code = tree.code_of(id);
        if (!code) {
            throw core::Error(core::ErrorCode::invalid_argument,
                              "unknown category " + std::to_string(id), "categories");
        }
        for (std::size_t t = 0; t < tree.size(); ++t) {
            if (tree.within(static_cast<std::uint16_t>(t), *code)) wanted[t] = 1;
        }
    }
    if (query.exclude_sensitive_incidents) {
        // Marked 2: the whole incident is left out, whatever its other types.
        for (std::size_t t = 0; t < tree.size(); ++t) {
            if (tree.sensitive(static_cast<std::uint16_t>(t))) wanted[t] = 2;
        }
    }
    return wanted;
}

}  // namespace

GridSpec grid_over(const geo::BBox& box, double cell_size_m) {
    GridSpec spec;
    spec.south_west = {box.min_lon, box.min_lat};
    spec.scale_lat = (box.min_lat + box.max_lat) / 2.0;
    spec.cell_size_m = cell_size_m;
    check_spec(spec);
    const double width_m = (box.max_lon - box.min_lon) * metres_per_degree_lon(spec.scale_lat);
    const double height_m = (box.max_lat - box.min_lat) * metres_per_degree_lat();
    const double columns = std::max(1.0, std::ceil(width_m / cell_size_m));
    const double rows = std::max(1.0, std::ceil(height_m / cell_size_m));
    if (!(columns * rows <= double(max_grid_cells))) {
        throw core::Error(core::ErrorCode::invalid_argument, "the grid would have too many cells",
                          "cell_size_m");
    }
    spec.columns = static_cast<std::uint32_t>(columns);
    spec.rows = static_cast<std::uint32_t>(rows);
    return spec;
}

geo::BBox cell_bounds(const GridSpec& spec, std::uint32_t column, std::uint32_t row) {
    const double lon_step = spec.cell_size_m / metres_per_degree_lon(spec.scale_lat);
    const double lat_step = spec.cell_size_m / metres_per_degree_lat();
    return {spec.south_west.lon + column * lon_step, spec.south_west.lat + row * lat_step,
            spec.south_west.lon + (column + 1) * lon_step,
            spec.south_west.lat + (row + 1) * lat_step};
}

GridCounts grid_counts(const IncidentCube& cube, const GridSpec& spec, const GridQuery& query) {
    check_period(query.period);
    check_spec(spec);
    const std::vector<std::uint8_t> wanted = wanted_types(cube.categories(), query);
    GridCounts grid;
    grid.spec = spec;
    grid.sensitive_incidents_excluded = query.exclude_sensitive_incidents;
    grid.counts.assign(std::size_t(spec.columns) * spec.rows, 0);

    // Cells per fixed-point unit (1e-7 degree) in each direction.
    const double x_scale =
        metres_per_degree_lon(spec.scale_lat) / geo::fixed_units_per_degree / spec.cell_size_m;
    const double y_scale = metres_per_degree_lat() / geo::fixed_units_per_degree / spec.cell_size_m;
    const double x0 = spec.south_west.lon * geo::fixed_units_per_degree;
    const double y0 = spec.south_west.lat * geo::fixed_units_per_degree;
    const std::int64_t from = query.period.from.time_since_epoch().count();
    const std::int64_t to = query.period.to.time_since_epoch().count();

    const unsigned chunks = detail::thread_count(query.threads, cube.size());
    std::vector<std::vector<std::int64_t>> partial(chunks);
    std::vector<std::int64_t> outside(chunks, 0);
    detail::for_chunks(cube.size(), chunks, [&](std::size_t begin, std::size_t end, unsigned k) {
        auto& cells = partial[k];
        cells.assign(grid.counts.size(), 0);
        const auto times = cube.times_s();
        const auto positions = cube.positions();
        const auto type_begin = cube.type_begin();
        const auto codes = cube.type_codes();
        for (std::size_t i = begin; i < end; ++i) {
            if (times[i] < from || times[i] >= to) continue;
            std::uint8_t match = 0;
            for (std::uint32_t t = type_begin[i]; t < type_begin[i + 1]; ++t) {
                match = std::max(match, wanted[codes[t]]);
            }
            if (match != 1) continue;
            const double cx = std::floor((positions[i].x - x0) * x_scale);
            const double cy = std::floor((positions[i].y - y0) * y_scale);
            if (cx < 0.0 || cy < 0.0 || cx >= spec.columns || cy >= spec.rows) {
                ++outside[k];
                continue;
            }
            ++cells[static_cast<std::size_t>(cy) * spec.columns + static_cast<std::size_t>(cx)];
        }
    });
    for (unsigned k = 0; k < chunks; ++k) {
        for (std::size_t c = 0; c < grid.counts.size(); ++c) grid.counts[c] += partial[k][c];
        grid.incidents_outside += outside[k];
    }
    return grid;
}

GridCounts coarsen(const GridCounts& grid, std::uint32_t factor) {
    GridCounts result;
    result.spec = grid.spec;
    result.spec.cell_size_m = grid.spec.cell_size_m * factor;
    result.spec.columns = (grid.spec.columns + factor - 1) / factor;
    result.spec.rows = (grid.spec.rows + factor - 1) / factor;
    result.sensitive_incidents_excluded = grid.sensitive_incidents_excluded;
    result.incidents_outside = grid.incidents_outside;
    result.counts.assign(std::size_t(result.spec.columns) * result.spec.rows, 0);
    for (std::uint32_t row = 0; row < grid.spec.rows; ++row) {
        for (std::uint32_t column = 0; column < grid.spec.columns; ++column) {
            result.counts[std::size_t(row / factor) * result.spec.columns + column / factor] +=
                grid.at(column, row);
        }
    }
    return result;
}

}  // namespace okrsek::analytics
