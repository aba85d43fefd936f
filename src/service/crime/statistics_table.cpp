// Tables of counts (public: through analytics::publish; staff: exact) and the district card.
#include <algorithm>
#include <map>

#include "core/error.hpp"
#include "service/crime/statistics_context.hpp"

namespace okrsek::service {

using core::Error;
using core::ErrorCode;
namespace detail = statistics_detail;

namespace {

/// At most this many cells (totals included) in one answer.
constexpr std::size_t max_answer_cells = 200'000;

analytics::AreaLevel area_level(StatisticsLevel level) {
    switch (level) {
        case StatisticsLevel::town:
            return analytics::AreaLevel::town;
        case StatisticsLevel::city_part:
            return analytics::AreaLevel::city_part;
        case StatisticsLevel::district:
            return analytics::AreaLevel::district;
    }
    return analytics::AreaLevel::town;
}

// An aggregated table as a "published" one with every cell shown and totals added.
analytics::PublishedTable exact_table(const analytics::AggregateTable& table) {
    analytics::ExtendedTable extended;
    const std::array<std::size_t, 3> entries{table.areas.size(), table.categories.size(),
                                             table.buckets.size()};
    for (std::size_t d = 0; d < 3; ++d) {
        extended.has_total[d] = entries[d] > 1;
        extended.extent[d] = entries[d] + (extended.has_total[d] ? 1 : 0);
    }
    const auto cells = extended.extent[0] * extended.extent[1] * extended.extent[2];
    extended.values.assign(cells, 0);
    extended.status.assign(cells, analytics::CellStatus::shown);
    for (std::size_t a = 0; a < entries[0]; ++a) {
        for (std::size_t c = 0; c < entries[1]; ++c) {
            for (std::size_t b = 0; b < entries[2]; ++b) {
                extended.values[extended.index(a, c, b)] = table.at(a, c, b);
            }
        }
    }
    analytics::fill_totals(extended);
    analytics::PublishedTable out;
    out.area_level = table.area_level;
    out.areas = table.areas;
    out.categories = table.categories;
    out.bucket = table.bucket;
    out.buckets = table.buckets;
    out.has_total = extended.has_total;
    out.extent = extended.extent;
    out.values = std::move(extended.values);
    out.status = std::move(extended.status);
    return out;
}

std::optional<std::int64_t> shown_value(const analytics::PublishedTable& table, std::size_t index) {
    if (analytics::is_hidden(table.status.at(index))) return std::nullopt;
    return table.values.at(index);
}

std::size_t category_count(const StatisticsSource& source, const TableQuery& query) {
    if (!query.category_ids.empty()) return query.category_ids.size();
    return static_cast<std::size_t>(std::count_if(
        source.categories.begin(), source.categories.end(),
        [&](const auto& category) { return category.level == query.category_level; }));
}

std::size_t bucket_count(analytics::TimeBucket bucket, const MonthRange& period) {
    const auto months = static_cast<std::size_t>(period.to - period.from + 1);
    switch (bucket) {
        case analytics::TimeBucket::whole_period:
            return 1;
        case analytics::TimeBucket::month:
            return months;
        case analytics::TimeBucket::iso_week:
            return months * 5 + 1;
        case analytics::TimeBucket::hour_of_day:
            return 24;
        case analytics::TimeBucket::day_of_week:
            return 7;
    }
    return 1;
}

void check_query_statistics_table(const TableQuery& query) {
    if (query.category_level >= analytics::CategoryTree::max_levels) {
        throw Error(ErrorCode::invalid_argument, "category_level must be from 0 to 3",
                    "category_level");
    }
    if (query.category_ids.size() > max_statistics_categories) {
        throw Error(ErrorCode::invalid_argument, "at most 200 categories", "categories");
    }
}

}  // namespace

StatisticsTable CrimeStatistics::build_table(const Context& ctx, const TableQuery& query,
                                             bool exact) {
    check_query_statistics_table(query);
    StatisticsTable out;
    out.period = ctx.period;
    out.level = query.level;
    out.bucket = query.bucket;
    out.exact = exact;
    if (query.compare_year_earlier) {
        out.previous_period = MonthRange{ctx.period.from - 12, ctx.period.to - 12};
    }
    const auto areas = detail::level_areas(ctx, query.level, m_settings.populations);
    for (std::size_t i = 0; i < areas.ids.size(); ++i) {
        out.areas.push_back({areas.ids[i], areas.names[i], areas.populations[i], false});
    }
    if (!ctx.data || !ctx.source || areas.ids.empty() || category_count(*ctx.source, query) == 0) {
        out.notes.push_back("no data for this selection");
        return out;
    }
    const auto extent = (areas.ids.size() + 1) * (category_count(*ctx.source, query) + 1) *
                        (bucket_count(query.bucket, ctx.period) + 1);
    if (extent > max_answer_cells) {
        throw Error(ErrorCode::invalid_argument,
                    "the table would have more than 200,000 cells: choose fewer areas, "
                    "categories or a coarser bucket",
                    "bucket");
    }

    analytics::CubeQuery cube_query;
    cube_query.period = detail::to_period(ctx.period);
    cube_query.area_level = area_level(query.level);
    cube_query.categories = {query.category_level, query.category_ids};
    cube_query.bucket = query.bucket;
    cube_query.exclude_sensitive_incidents = !exact && query.level != StatisticsLevel::town;
    const auto& cube = ctx.data->cube;
    analytics::TrendTables tables;
    if (query.compare_year_earlier) {
        tables = analytics::aggregate_with_year_earlier(cube, cube_query);
    } else {
        tables.current = analytics::aggregate(cube, cube_query);
    }
    auto publish = [&](const analytics::AggregateTable& table) {
        return exact ? exact_table(table)
                     : analytics::publish(table, cube.categories(), m_settings.rules, areas.sizes);
    };
    const auto current = publish(tables.current);
    std::optional<analytics::PublishedTable> previous;
    if (query.compare_year_earlier) previous = publish(tables.previous);

    std::map<std::int32_t, const StatisticsCategory*> names;
    for (const auto& category : ctx.source->categories) names[category.id] = &category;
    for (const auto id : current.categories) {
        const auto found = names.find(id);
        out.categories.push_back(
            {id, found == names.end() ? std::to_string(id) : found->second->name});
    }
    const bool whole = query.bucket == analytics::TimeBucket::whole_period;
    if (!whole) {
        for (const auto key : current.buckets) {
            const auto label = analytics::bucket_label(query.bucket, key);
            out.buckets.push_back({label, label});
        }
    }
    for (const auto slot : current.withheld_areas) {
        out.areas.at(static_cast<std::size_t>(slot)).withheld = true;
    }
    out.dropped_sensitive_categories = current.dropped_sensitive_categories;

    std::optional<double> total_population = 0.0;
    for (const auto& population : areas.populations) {
        if (!population) total_population.reset();
        if (total_population) *total_population += *population;
    }
    if (query.level == StatisticsLevel::town) total_population = areas.town_population;

    for (std::size_t a = 0; a < current.extent[0]; ++a) {
        const bool area_total = a == current.areas.size();
        const auto slot = area_total ? 0 : static_cast<std::size_t>(current.areas[a]);
        const auto population = area_total ? total_population : areas.populations.at(slot);
        for (std::size_t c = 0; c < current.extent[1]; ++c) {
            for (std::size_t b = 0; b < current.extent[2]; ++b) {
                const auto index = current.index(a, c, b);
                TableRow row;
                if (!area_total) row.area_id = areas.ids.at(slot);
                if (c < current.categories.size()) row.category_id = current.categories[c];
                if (!whole && b < current.buckets.size()) row.bucket = out.buckets[b].key;
                row.count = shown_value(current, index);
                row.status = status_text(current.status.at(index));
                row.rate_per_1000 = detail::rate(row.count, population);
                // A year earlier may have one ISO week more or less: buckets pair by position,
                // totals with totals.
                const bool bucket_total = b == current.buckets.size();
                const auto pb = bucket_total ? previous ? previous->buckets.size() : 0 : b;
                if (previous && pb < previous->extent[2] &&
                    (bucket_total || pb < previous->buckets.size())) {
                    const auto previous_index = previous->index(a, c, pb);
                    row.previous = shown_value(*previous, previous_index);
                    row.previous_status = status_text(previous->status.at(previous_index));
                }
                out.rows.push_back(std::move(row));
            }
        }
    }
    if (cube_query.exclude_sensitive_incidents) {
        out.notes.push_back(
            "incidents of sensitive categories are left out of every figure below town level");
    }
    if (!exact) {
        out.notes.push_back("counts from 1 to " + std::to_string(m_settings.rules.min_count - 1) +
                            " are hidden, and other cells where a total would reveal them");
    }
    if (tables.current.incidents_without_area > 0) {
        out.notes.push_back(exact ? std::to_string(tables.current.incidents_without_area) +
                                        " incidents of the period lie in no area of this level"
                                  : "incidents that lie in no area of this level are left out");
    }
    if (!current.suppression_fully_checked) {
        out.notes.push_back("complementary suppression was checked slice by slice only");
    }
    return out;
}

DistrictSummary CrimeStatistics::district_summary(std::int64_t district_id) {
    const auto catalog = m_catalog();
    const auto area = catalog->find_area(district_id);
    if (!area || area->layer->info.name != "districts") {
        throw Error(ErrorCode::not_found, "no such district", "id");
    }
    DistrictSummary summary;
    summary.district_id = district_id;
    summary.district_name = area->info().name;
    TableQuery query;
    query.scope.town = area->info().municipality_code;
    query.level = StatisticsLevel::district;
    query.compare_year_earlier = true;
    const auto ctx = context(query.scope);
    const auto table = build_table(ctx, query, false);
    summary.period = ctx.period;
    for (const auto& category : table.categories)
        summary.category_names[category.id] = category.name;
    const bool several_categories = table.categories.size() > 1;
    for (const auto& row : table.rows) {
        if (!row.area_id && (!row.category_id) == several_categories) {
            summary.town_rate_per_1000 = row.rate_per_1000;
        }
        if (row.area_id != district_id) continue;
        if ((!row.category_id) == several_categories) {
            summary.total = row.count;
            summary.total_status = row.status;
            summary.previous_total = row.previous;
            summary.rate_per_1000 = row.rate_per_1000;
        }
        if (row.category_id && row.count && *row.count > 0) summary.top_categories.push_back(row);
    }
    if (summary.total && summary.previous_total && *summary.previous_total > 0) {
        summary.change_percent = detail::round_to(
            (static_cast<double>(*summary.total) / static_cast<double>(*summary.previous_total) -
             1.0) *
                100.0,
            0.1);
    }
    std::stable_sort(summary.top_categories.begin(), summary.top_categories.end(),
                     [](const auto& a, const auto& b) { return *a.count > *b.count; });
    if (summary.top_categories.size() > 5) summary.top_categories.resize(5);
    if (m_settings.reports) {
        const auto period = detail::to_period(ctx.period);
        const auto counts = m_settings.reports(query.scope.town, store::TimePoint{period.from},
                                               store::TimePoint{period.to});
        const auto found = counts.find(district_id);
        if (found != counts.end()) summary.reports = found->second;
    }
    return summary;
}

}  // namespace okrsek::service
