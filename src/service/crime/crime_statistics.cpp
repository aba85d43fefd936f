#include "service/crime/crime_statistics.hpp"

#include <nlohmann/json.hpp>

#include "analytics/cube_time.hpp"
#include "core/error.hpp"
#include "service/crime/statistics_context.hpp"

namespace okrsek::service {

using core::Error;
using core::ErrorCode;
namespace detail = statistics_detail;

CrimeStatistics::CrimeStatistics(store::Store& store, const security::Clock& clock,
                                 std::function<std::shared_ptr<const AreaCatalog>()> catalog,
                                 AccountAdmin& accounts, StatisticsSettings settings)
    : m_store(store),
      m_clock(clock),
      m_catalog(std::move(catalog)),
      m_accounts(accounts),
      m_settings(std::move(settings)) {
    if (!m_settings.populations) m_settings.populations = layer_populations;
}

std::shared_ptr<const StatisticsSnapshot> CrimeStatistics::snapshot() {
    const auto catalog = m_catalog();
    const auto version = m_store.crime_version();
    auto current_if_fresh = [&]() -> std::shared_ptr<const StatisticsSnapshot> {
        std::lock_guard lock(m_current_mutex);
        if (m_current && m_current->crime_version == version &&
            m_current->catalog_version == catalog->version()) {
            return m_current;
        }
        return nullptr;
    };
    if (auto fresh = current_if_fresh()) return fresh;
    std::unique_lock build(m_build_mutex, std::try_to_lock);
    if (!build.owns_lock()) {
        // Someone is building: answer from the previous snapshot rather than wait for minutes.
        {
            std::lock_guard lock(m_current_mutex);
            if (m_current) return m_current;
        }
        build.lock();
        if (auto fresh = current_if_fresh()) return fresh;
    }
    auto built = build_statistics_snapshot(m_store, catalog, version);
    std::lock_guard lock(m_current_mutex);
    m_current = built;
    return built;
}

std::string CrimeStatistics::data_version(const StatisticsSnapshot& snapshot) {
    return std::to_string(snapshot.crime_version) + "-" + std::to_string(snapshot.catalog_version);
}

CrimeStatistics::Context CrimeStatistics::context(const StatisticsScope& scope) {
    Context context;
    context.snapshot = snapshot();
    context.town = context.snapshot->find_town(scope.town);
    if (!context.town) throw Error(ErrorCode::not_found, "no such town", "town");
    context.source = detail::pick_source(*context.snapshot, scope.source);
    if (context.source) {
        const auto found = context.source->towns.find(scope.town);
        if (found != context.source->towns.end()) context.data = found->second.get();
    }
    context.period = detail::resolve_period(scope, context.data, m_clock.now());
    return context;
}

StatisticsMeta CrimeStatistics::meta(std::int64_t town, const std::optional<std::string>& source) {
    const auto ctx = context(StatisticsScope{town, source, {}, {}});
    StatisticsMeta meta;
    meta.town_code = ctx.town->code;
    meta.town_name = ctx.town->name;
    meta.data_version = data_version(*ctx.snapshot);
    meta.rules = m_settings.rules;
    if (ctx.data && ctx.data->first_month) {
        meta.periods = MonthRange{*ctx.data->first_month, *ctx.data->last_month};
        meta.default_period = ctx.period;
    }
    if (ctx.source) {
        meta.source = ctx.source->name;
        for (const auto& category : ctx.source->categories) {
            meta.categories.push_back({category.id, std::to_string(category.id), category.parent_id,
                                       category.level, category.name, category.sensitive});
        }
    }
    for (const auto& known : ctx.snapshot->sources) {
        StatisticsSourceInfo info{known.name, known.name, "", known.incidents};
        if (known.name == "policie-cz") {
            info.attribution = "Policie České republiky, kriminalita.policie.cz";
            info.licence = "open data of Policie ČR (see kriminalita.policie.cz)";
        }
        meta.sources.push_back(std::move(info));
    }
    return meta;
}

StatisticsTable CrimeStatistics::table(const TableQuery& query) {
    return build_table(context(query.scope), query, false);
}

StatisticsTable CrimeStatistics::staff_table(const Principal& principal, const TableQuery& query) {
    const auto ctx = context(query.scope);
    const auto target = security::Target::municipality(ctx.town->code);
    m_accounts.require(principal, security::Action::analytics_read, target);
    if (!m_accounts.allowed(principal, security::Action::crime_incidents_read, target)) {
        return build_table(ctx, query, false);
    }
    auto table = build_table(ctx, query, true);
    const nlohmann::json details = {{"what", "table"},
                                    {"level", to_string(query.level)},
                                    {"source", ctx.source ? ctx.source->name : ""},
                                    {"from", analytics::month_label(ctx.period.from)},
                                    {"to", analytics::month_label(ctx.period.to)},
                                    {"rows", table.rows.size()}};
    audit_exact(principal, ctx.town->code, "crime.statistics.exact_read", details.dump());
    return table;
}

void CrimeStatistics::audit_exact(const Principal& principal, std::int64_t town, std::string action,
                                  const std::string& details_json) {
    auto entry = principal.audit(std::move(action), "crime_incidents", std::to_string(town));
    entry.municipality_code = town;
    entry.details_json = details_json;
    m_store.append_audit(entry, m_clock.now());
}

}  // namespace okrsek::service
