#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "core/lon_lat.hpp"
#include "service/area_catalog.hpp"

namespace okrsek::service {

/// Where an incident lies: its town, city part and district in one catalog snapshot.
struct IncidentAreas {
    std::optional<std::int64_t> municipality_code{};
    std::optional<std::int64_t> city_part_id{};
    std::optional<std::int64_t> district_id{};
};

/// Places points in a catalog's "municipalities", "city_parts" and "districts" layers, as
/// reports are routed: the town is the municipalities layer's area, else the town of the
/// district or city part found. One object per thread (it keeps scratch buffers).
class IncidentPlacer {
public:
    explicit IncidentPlacer(std::shared_ptr<const AreaCatalog> catalog);

    /// `out` as long as `points`; every point valid WGS 84.
    void place(std::span<const core::LonLat> points, std::span<IncidentAreas> out);

private:
    std::shared_ptr<const AreaCatalog> m_catalog;
    const CatalogLayer* m_towns = nullptr;
    const CatalogLayer* m_city_parts = nullptr;
    const CatalogLayer* m_districts = nullptr;
    std::vector<std::uint32_t> m_slots;
};

}  // namespace okrsek::service
