// The public maps: a choropleth of areas and the published grid.
#include <algorithm>

#include "analytics/cube_grid.hpp"
#include "core/error.hpp"
#include "geo/bbox.hpp"
#include "service/crime/statistics_context.hpp"

namespace okrsek::service {

using core::Error;
using core::ErrorCode;

namespace statistics_detail {

std::optional<geo::BBox> town_bbox(const AreaCatalog& catalog, std::int64_t town) {
    for (const char* layer : {"municipalities", "city_parts", "districts"}) {
        std::optional<geo::BBox> box;
        for (const auto* area : town_areas(catalog, town, layer)) {
            const auto& shape = catalog.find_area(area->id)->shape();
            if (shape.empty() || shape.front().outer.empty()) continue;
            const auto b = geo::bbox_of(shape);
            if (!box) {
                box = b;
                continue;
            }
            box->min_lon = std::min(box->min_lon, b.min_lon);
            box->min_lat = std::min(box->min_lat, b.min_lat);
            box->max_lon = std::max(box->max_lon, b.max_lon);
            box->max_lat = std::max(box->max_lat, b.max_lat);
        }
        if (box) return box;
    }
    return std::nullopt;
}

void refuse_sensitive(const CrimeStatistics::Context& ctx, std::optional<std::int32_t> category) {
    if (!category || !ctx.source) return;
    for (const auto& known : ctx.source->categories) {
        if (known.id == *category && known.sensitive) {
            throw Error(ErrorCode::invalid_argument,
                        "a sensitive category is published only for the whole town", "category");
        }
    }
}

void check_cell(double cell_m) {
    if (!(cell_m >= min_statistics_cell_m && cell_m <= max_statistics_cell_m)) {
        throw Error(ErrorCode::invalid_argument, "cell must be from 50 to 2000 metres", "cell");
    }
}

}  // namespace statistics_detail

namespace detail = statistics_detail;

AreaFigures CrimeStatistics::areas(const AreaFiguresQuery& query) {
    if (query.level == StatisticsLevel::town) {
        throw Error(ErrorCode::invalid_argument, "level must be city_part or district", "level");
    }
    const auto ctx = context(query.scope);
    detail::refuse_sensitive(ctx, query.category_id);
    TableQuery table_query;
    table_query.scope = query.scope;
    table_query.level = query.level;
    if (query.category_id) table_query.category_ids = {*query.category_id};
    const auto table = build_table(ctx, table_query, false);
    AreaFigures figures;
    figures.period = ctx.period;
    figures.keep_alive = ctx.snapshot;
    const auto areas = detail::level_areas(ctx, query.level, m_settings.populations);
    const bool several = table.categories.size() > 1;
    for (std::size_t i = 0; i < table.areas.size(); ++i) {
        AreaFigure figure;
        figure.id = table.areas[i].id;
        figure.name = table.areas[i].name;
        figure.population = table.areas[i].population;
        figure.shape = areas.shapes.at(i);
        figure.status = "shown";
        figure.count = 0;
        for (const auto& row : table.rows) {
            if (row.area_id == figure.id && (!row.category_id) == several) {
                figure.count = row.count;
                figure.status = row.status;
                figure.rate_per_1000 = row.rate_per_1000;
            }
        }
        if (table.rows.empty()) figure.rate_per_1000 = detail::rate(0, figure.population);
        figures.areas.push_back(std::move(figure));
    }
    return figures;
}

GridFigures CrimeStatistics::grid(const GridFiguresQuery& query) {
    detail::check_cell(query.cell_m);
    const auto ctx = context(query.scope);
    detail::refuse_sensitive(ctx, query.category_id);
    GridFigures figures;
    figures.period = ctx.period;
    figures.cell_m = query.cell_m;
    const auto box = detail::town_bbox(*ctx.snapshot->catalog, ctx.town->code);
    if (!box || !ctx.data) {
        figures.total = 0;
        return figures;
    }
    const auto spec = analytics::grid_over(*box, query.cell_m);
    analytics::GridQuery grid_query;
    grid_query.period = detail::to_period(ctx.period);
    if (query.category_id) grid_query.category_ids = {*query.category_id};
    grid_query.exclude_sensitive_incidents = true;
    const auto counts = analytics::grid_counts(ctx.data->cube, spec, grid_query);
    const auto published = analytics::publish_grid(counts, m_settings.rules);
    figures.cell_m = published.spec.cell_size_m;
    figures.total = published.total;
    for (std::uint32_t row = 0; row < published.spec.rows; ++row) {
        for (std::uint32_t column = 0; column < published.spec.columns; ++column) {
            const auto index = std::size_t(row) * published.spec.columns + column;
            const bool hidden = analytics::is_hidden(published.status[index]);
            if (!hidden && published.values[index] == 0) continue;
            GridCell cell;
            cell.bounds = analytics::cell_bounds(published.spec, column, row);
            if (!hidden) cell.count = published.values[index];
            cell.status = status_text(published.status[index]);
            figures.cells.push_back(std::move(cell));
        }
    }
    return figures;
}

}  // namespace okrsek::service
