#include "service/crime/statistics_sources.hpp"

namespace okrsek::service {

PopulationSource statistics_populations(AreaProfiles& profiles) {
    return [&profiles](const AreaCatalog& catalog, std::int64_t town, std::string_view layer) {
        std::vector<std::optional<double>> populations;
        if (!catalog.find_layer(layer)) return populations;
        for (const auto& profile : profiles.of_layer(catalog, town, layer)) {
            populations.push_back(profile.population);
        }
        return populations;
    };
}

ProfileSource statistics_profiles(AreaProfiles& profiles) {
    return [&profiles](const AreaCatalog& catalog, std::int64_t town, std::string_view layer) {
        if (!catalog.find_layer(layer)) return std::vector<AreaProfile>{};
        return profiles.of_layer(catalog, town, layer);
    };
}

ReportCountSource statistics_report_counts(CitizenReports& reports) {
    return [&reports](std::int64_t town, store::TimePoint from, store::TimePoint to) {
        std::map<std::int64_t, std::int64_t> counts;
        for (const auto& row : reports.responsiveness(town, from, to)) {
            if (row.district_id) counts[*row.district_id] = row.report_count;
        }
        return counts;
    };
}

}  // namespace okrsek::service
