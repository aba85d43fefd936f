#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "service/addresses/address_index.hpp"
#include "service/area_catalog.hpp"

namespace okrsek::service {

/// The district and the city part (areas of the catalog's "districts" and "city_parts"
/// layers) of every address of an index, found once at the address's position, so that a
/// search answers them without a point-in-polygon test. Immutable; holds its catalog.
class AddressAreas {
public:
    AddressAreas(const AddressIndex& index, std::shared_ptr<const AreaCatalog> catalog);

    std::optional<AreaRef> district(std::uint32_t record) const;
    std::optional<AreaRef> city_part(std::uint32_t record) const;

    const std::shared_ptr<const AreaCatalog>& catalog() const noexcept { return m_catalog; }
    std::size_t memory_bytes() const noexcept;

private:
    std::shared_ptr<const AreaCatalog> m_catalog;
    const CatalogLayer* m_districts = nullptr;
    const CatalogLayer* m_city_parts = nullptr;
    std::vector<std::uint32_t> m_district_slots;  ///< per record; empty without the layer
    std::vector<std::uint32_t> m_city_part_slots;
};

}  // namespace okrsek::service
