// Populations and sizes of the areas a statistics table has rows for.
#include <nlohmann/json.hpp>

#include "service/crime/statistics_context.hpp"

namespace okrsek::service {

std::vector<std::optional<double>> layer_populations(const AreaCatalog& catalog, std::int64_t town,
                                                     std::string_view layer) {
    std::vector<std::optional<double>> populations;
    for (const auto* area : town_areas(catalog, town, layer)) {
        std::optional<double> population;
        const auto properties = nlohmann::json::parse(area->properties_json, nullptr, false);
        for (const char* key : {"obyvatel", "population"}) {
            if (population || !properties.is_object()) break;
            const auto found = properties.find(key);
            if (found != properties.end() && found->is_number() && found->get<double>() >= 0.0) {
                population = found->get<double>();
            }
        }
        populations.push_back(population);
    }
    return populations;
}

namespace statistics_detail {
namespace {

std::optional<double> sum_if_all_known(const std::vector<std::optional<double>>& values) {
    if (values.empty()) return std::nullopt;
    double sum = 0.0;
    for (const auto& value : values) {
        if (!value) return std::nullopt;
        sum += *value;
    }
    return sum;
}

// The town's own population, else the sum of its districts or city parts when all are known.
std::optional<double> town_population(const CrimeStatistics::Context& context,
                                      const PopulationSource& populations) {
    const auto& catalog = *context.snapshot->catalog;
    const auto own = populations(catalog, context.town->code, "municipalities");
    if (!own.empty() && own.front()) return own.front();
    if (auto sum = sum_if_all_known(populations(catalog, context.town->code, "districts"))) {
        return sum;
    }
    return sum_if_all_known(populations(catalog, context.town->code, "city_parts"));
}

}  // namespace

LevelAreas level_areas(const CrimeStatistics::Context& context, StatisticsLevel level,
                       const PopulationSource& populations) {
    const auto& catalog = *context.snapshot->catalog;
    LevelAreas out;
    out.town_population = town_population(context, populations);
    if (level == StatisticsLevel::town) {
        out.ids.push_back(context.town->code);
        out.names.push_back(context.town->name);
        const auto towns = town_areas(catalog, context.town->code, "municipalities");
        const geo::MultiPolygon* shape = nullptr;
        if (!towns.empty()) shape = &catalog.find_area(towns.front()->id)->shape();
        out.shapes.push_back(shape);
        out.populations.push_back(out.town_population);
        analytics::AreaSize size;
        if (shape) size.area_m2 = area_m2(*shape);
        if (out.town_population) size.population = *out.town_population;
        out.sizes.push_back(size);
        return out;
    }
    const std::string_view layer = level == StatisticsLevel::district ? "districts" : "city_parts";
    out.populations = populations(catalog, context.town->code, layer);
    for (const auto* area : town_areas(catalog, context.town->code, layer)) {
        const auto ref = catalog.find_area(area->id);
        out.ids.push_back(area->id);
        out.names.push_back(area->name);
        out.shapes.push_back(&ref->shape());
        analytics::AreaSize size;
        size.area_m2 = area_m2(ref->shape());
        const auto& population = out.populations.at(out.shapes.size() - 1);
        if (population) size.population = *population;
        out.sizes.push_back(size);
    }
    return out;
}

}  // namespace statistics_detail
}  // namespace okrsek::service
