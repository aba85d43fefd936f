// The profiles table: every area of a level with its published offences and its profile.
#include "core/error.hpp"
#include "service/auth/area_targets.hpp"
#include "service/crime/statistics_context.hpp"

namespace okrsek::service {

using core::Error;
using core::ErrorCode;
namespace detail = statistics_detail;

namespace {

// Fills offences and by_category of `row` from the published table's rows of `area`.
void fill_offences(ProfileRow& row, const StatisticsTable& table,
                   std::optional<std::int64_t> area) {
    const bool several = table.categories.size() > 1;
    row.offences_status = "shown";
    row.offences = 0;
    for (const auto& cell : table.rows) {
        if (cell.area_id != area) continue;
        if ((!cell.category_id) == several) {
            row.offences = cell.count;
            row.offences_status = cell.status;
            row.offences_rate_per_1000 = cell.rate_per_1000;
        }
        if (cell.category_id) row.by_category.push_back(cell);
    }
}

void fill_profile(ProfileRow& row, const AreaProfile& profile) {
    row.population = profile.population;
    row.population_source = profile.population_source;
    row.amenities = profile.amenities;
    row.prevention_workers = profile.prevention_workers;
}

}  // namespace

ProfilesTable CrimeStatistics::profiles(const AreaFiguresQuery& query) {
    if (query.level == StatisticsLevel::town) {
        throw Error(ErrorCode::invalid_argument, "level must be city_part or district", "level");
    }
    const auto ctx = context(query.scope);
    const auto& catalog = *ctx.snapshot->catalog;
    const std::string_view layer =
        query.level == StatisticsLevel::district ? "districts" : "city_parts";
    TableQuery table_query;
    table_query.scope = query.scope;
    table_query.level = query.level;
    const auto table = build_table(ctx, table_query, false);

    ProfilesTable out;
    out.period = ctx.period;
    out.level = query.level;
    out.categories = table.categories;
    std::vector<AreaProfile> profiles;
    if (m_settings.profiles) profiles = m_settings.profiles(catalog, ctx.town->code, layer);

    std::map<std::int64_t, std::int64_t> reports;
    std::int64_t town_reports = 0;
    if (m_settings.reports) {
        const auto period = detail::to_period(ctx.period);
        for (const auto& [district, count] : m_settings.reports(
                 ctx.town->code, store::TimePoint{period.from}, store::TimePoint{period.to})) {
            town_reports += count;
            if (query.level == StatisticsLevel::district) {
                reports[district] += count;
            } else if (const auto part =
                           target_of_scope(catalog, security::Scope::district(district))
                               .city_part_id) {
                reports[*part] += count;
            }
        }
    }
    for (std::size_t i = 0; i < table.areas.size(); ++i) {
        const auto& area = table.areas[i];
        ProfileRow row;
        row.id = area.id;
        row.name = area.name;
        row.population = area.population;
        if (area.population) row.population_source = "layer";
        if (i < profiles.size()) fill_profile(row, profiles[i]);
        fill_offences(row, table, area.id);
        row.reports = reports.contains(area.id) ? reports[area.id] : 0;
        row.reports_rate_per_1000 = detail::rate(row.reports, row.population);
        out.areas.push_back(std::move(row));
    }
    // The town row is the level's total row (sensitive incidents left out as in the areas),
    // so that its rate compares with theirs.
    out.town.id = ctx.town->code;
    out.town.name = ctx.town->name;
    out.town.population =
        detail::level_areas(ctx, query.level, m_settings.populations).town_population;
    if (m_settings.profiles) {
        const auto towns = m_settings.profiles(catalog, ctx.town->code, "municipalities");
        const auto population = out.town.population;
        if (!towns.empty()) fill_profile(out.town, towns.front());
        if (!out.town.population) out.town.population = population;
    }
    const std::optional<std::int64_t> total_row =
        table.areas.size() == 1 ? std::optional<std::int64_t>(table.areas.front().id)
                                : std::nullopt;
    fill_offences(out.town, table, total_row);
    out.town.reports = town_reports;
    out.town.reports_rate_per_1000 = detail::rate(town_reports, out.town.population);
    return out;
}

}  // namespace okrsek::service
