#include "service/crime/incident_placer.hpp"

#include "service/area_import.hpp"
#include "service/auth/area_targets.hpp"

namespace okrsek::service {

IncidentPlacer::IncidentPlacer(std::shared_ptr<const AreaCatalog> catalog)
    : m_catalog(std::move(catalog)) {
    if (!m_catalog) return;
    m_towns = m_catalog->find_layer(municipalities_layer);
    m_city_parts = m_catalog->find_layer(city_part_layer);
    m_districts = m_catalog->find_layer(district_layer);
}

void IncidentPlacer::place(std::span<const core::LonLat> points, std::span<IncidentAreas> out) {
    for (auto& areas : out) areas = IncidentAreas{};
    m_slots.resize(points.size());
    // The district first, then the city part, then the town: each later layer overrides the
    // town the earlier one implied, so the municipalities layer has the last word.
    const CatalogLayer* layers[] = {m_districts, m_city_parts, m_towns};
    for (const CatalogLayer* layer : layers) {
        if (!layer) continue;
        layer->index.find_many(points, m_slots);
        for (std::size_t i = 0; i < points.size(); ++i) {
            if (m_slots[i] == geo::LayerIndex::no_area) continue;
            const core::AreaInfo& info = layer->areas[m_slots[i]];
            if (layer == m_districts) out[i].district_id = info.id;
            if (layer == m_city_parts) out[i].city_part_id = info.id;
            out[i].municipality_code = info.municipality_code;
        }
    }
}

}  // namespace okrsek::service
