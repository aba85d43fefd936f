#pragma once

// Crime statistics (issue 7): the public, suppressed figures and the staff's exact ones, over
// an in-memory snapshot of the incidents (statistics_snapshot.hpp). Design and what each
// answer can reveal: docs/statistics.md.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "analytics/publication.hpp"
#include "service/area_catalog.hpp"
#include "service/areas/area_profiles.hpp"
#include "service/auth/account_admin.hpp"
#include "service/auth/principal.hpp"
#include "service/crime/statistics_snapshot.hpp"
#include "service/crime/statistics_staff_types.hpp"
#include "service/crime/statistics_types.hpp"
#include "service/security/clock.hpp"
#include "store/store.hpp"

namespace okrsek::service {

/// Populations of a town's areas of one layer, in the order of town_areas(); std::nullopt
/// where unknown. The platform answers from the area profiles.
using PopulationSource = std::function<std::vector<std::optional<double>>(
    const AreaCatalog&, std::int64_t town, std::string_view layer)>;
/// Citizen reports per district of a town over [from, to) (public ones).
using ReportCountSource = std::function<std::map<std::int64_t, std::int64_t>(
    std::int64_t town, store::TimePoint from, store::TimePoint to)>;

/// The profiles of a town's areas of one layer, in the order of town_areas().
using ProfileSource = std::function<std::vector<AreaProfile>(const AreaCatalog&, std::int64_t town,
                                                             std::string_view layer)>;

/// Populations from the areas' own properties ("obyvatel", "population").
std::vector<std::optional<double>> layer_populations(const AreaCatalog& catalog, std::int64_t town,
                                                     std::string_view layer);

struct StatisticsSettings {
    analytics::PublicationRules rules{};
    PopulationSource populations{};  ///< empty: layer_populations
    ReportCountSource reports{};     ///< empty: no reports
    ProfileSource profiles{};        ///< empty: populations only
};

/// Thread-safe. Errors (core::Error): not_found for an unknown town, district or source (field
/// "town", "id", "source"); invalid_argument naming the parameter; forbidden for staff calls
/// without the permission.
class CrimeStatistics {
public:
    CrimeStatistics(store::Store& store, const security::Clock& clock,
                    std::function<std::shared_ptr<const AreaCatalog>()> catalog,
                    AccountAdmin& accounts, StatisticsSettings settings);

    const analytics::PublicationRules& rules() const noexcept { return m_settings.rules; }

    /// The current snapshot: rebuilt when the incidents or the catalog changed since (one
    /// build at a time; meanwhile others keep answering from the previous snapshot).
    std::shared_ptr<const StatisticsSnapshot> snapshot();
    /// "crime version-catalog version" of a snapshot, for ETags.
    static std::string data_version(const StatisticsSnapshot& snapshot);

    // -- Public: every figure through analytics::publish() / publish_grid().
    StatisticsMeta meta(std::int64_t town, const std::optional<std::string>& source);
    StatisticsTable table(const TableQuery& query);
    AreaFigures areas(const AreaFiguresQuery& query);
    GridFigures grid(const GridFiguresQuery& query);
    /// The last 12 months with data against the year before. Throws not_found (field "id").
    DistrictSummary district_summary(std::int64_t district_id);
    /// Per area of the level (and the town): population, offences (published), top-level
    /// categories (published), amenities, prevention workers and citizen reports.
    ProfilesTable profiles(const AreaFiguresQuery& query);

    // -- Staff.
    /// analytics.read for the town; exact counts (audited) with crime_incidents.read, else
    /// the public table.
    StatisticsTable staff_table(const Principal& principal, const TableQuery& query);
    /// crime_incidents.read for the town, audited.
    HotspotLayer hotspots(const Principal& principal, const HotspotQuery& query);
    /// crime_incidents.read for the town; every call audited (what, never the points).
    IncidentPoints incidents(const Principal& principal, const PointsQuery& query);

    /// A resolved request (statistics_context.hpp; internal to the service).
    struct Context;

private:
    Context context(const StatisticsScope& scope);
    StatisticsTable build_table(const Context& context, const TableQuery& query, bool exact);
    void audit_exact(const Principal& principal, std::int64_t town, std::string action,
                     const std::string& details_json);

    store::Store& m_store;
    const security::Clock& m_clock;
    std::function<std::shared_ptr<const AreaCatalog>()> m_catalog;
    AccountAdmin& m_accounts;
    StatisticsSettings m_settings;
    std::mutex m_build_mutex;
    std::shared_ptr<const StatisticsSnapshot> m_current;  // guarded by m_current_mutex
    mutable std::mutex m_current_mutex;
};

}  // namespace okrsek::service
