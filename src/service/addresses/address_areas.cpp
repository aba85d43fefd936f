#include "service/addresses/address_areas.hpp"

#include <algorithm>

#include "service/auth/area_targets.hpp"

namespace okrsek::service {
namespace {

constexpr std::size_t batch_size = 4096;

// Slots of `layer`'s areas at every record's position (no_area without one).
std::vector<std::uint32_t> slots_of(const AddressIndex& index, const CatalogLayer* layer) {
    std::vector<std::uint32_t> slots;
    if (!layer) return slots;
    const auto count = static_cast<std::uint32_t>(index.address_count());
    slots.assign(count, geo::LayerIndex::no_area);
    std::vector<core::LonLat> points;
    std::vector<std::uint32_t> records;
    std::vector<std::uint32_t> found;
    for (std::uint32_t begin = 0; begin < count; begin += batch_size) {
        points.clear();
        records.clear();
        const std::uint32_t end = std::min<std::uint32_t>(count, begin + batch_size);
        for (std::uint32_t r = begin; r < end; ++r) {
            if (const auto position = index.position(r)) {
                points.push_back(*position);
                records.push_back(r);
            }
        }
        found.resize(points.size());
        layer->index.find_many(points, found);
        for (std::size_t i = 0; i < records.size(); ++i) slots[records[i]] = found[i];
    }
    return slots;
}

std::optional<AreaRef> area_at(const CatalogLayer* layer, const std::vector<std::uint32_t>& slots,
                               std::uint32_t record) {
    if (!layer || record >= slots.size() || slots[record] == geo::LayerIndex::no_area)
        return std::nullopt;
    return AreaRef{layer, slots[record]};
}

}  // namespace

AddressAreas::AddressAreas(const AddressIndex& index, std::shared_ptr<const AreaCatalog> catalog)
    : m_catalog(std::move(catalog)) {
    if (!m_catalog) return;
    m_districts = m_catalog->find_layer(district_layer);
    m_city_parts = m_catalog->find_layer(city_part_layer);
    m_district_slots = slots_of(index, m_districts);
    m_city_part_slots = slots_of(index, m_city_parts);
}

std::optional<AreaRef> AddressAreas::district(std::uint32_t record) const {
    return area_at(m_districts, m_district_slots, record);
}

std::optional<AreaRef> AddressAreas::city_part(std::uint32_t record) const {
    return area_at(m_city_parts, m_city_part_slots, record);
}

std::size_t AddressAreas::memory_bytes() const noexcept {
    return (m_district_slots.capacity() + m_city_part_slots.capacity()) * sizeof(std::uint32_t);
}

}  // namespace okrsek::service
