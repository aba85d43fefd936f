#include "cube_ascii_town.hpp"

#include "geo/area_index.hpp"

namespace okrsek::analytics::test {

IncidentCube make_town_cube(bool use_index) {
    IncidentCube cube(CategoryTree(town_categories()), {1, 2, 6});
    std::vector<TownIncident> incidents = town_incidents(!use_index);
    for (TownIncident& incident : incidents) {
        incident.row.type_ids = incident.types;
        cube.add(incident.row);
    }
    if (use_index) {
        const std::vector<geo::MultiPolygon> layer = town_district_layer();
        cube.assign_areas(AreaLevel::district, geo::LayerIndex(layer), 2);
        // Town and city parts from the district, as a service would with its catalog.
        const std::vector<geo::MultiPolygon> parts = [&] {
            std::vector<geo::MultiPolygon> merged(2);
            for (std::size_t d = 0; d < layer.size(); ++d) {
                auto& part = merged[(d == 2 || d == 5) ? 1 : 0];
                part.insert(part.end(), layer[d].begin(), layer[d].end());
            }
            return merged;
        }();
        cube.assign_areas(AreaLevel::city_part, geo::LayerIndex(parts), 2);
        std::vector<geo::MultiPolygon> town(1);
        for (const auto& district : layer)
            town[0].insert(town[0].end(), district.begin(), district.end());
        cube.assign_areas(AreaLevel::town, geo::LayerIndex(town), 2);
    }
    return cube;
}

}  // namespace okrsek::analytics::test
