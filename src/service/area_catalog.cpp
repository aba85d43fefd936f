#include "service/area_catalog.hpp"

#include <algorithm>

namespace okrsek::service {
namespace {

// Rendered answers are small in number (layers × municipalities × simplify values), but a
// client could vary `simplify` endlessly: cap the cache and start over when full.
constexpr std::size_t max_cached_entries = 64;

}  // namespace

AreaCatalog::AreaCatalog(std::vector<core::LayerInfo> layers, std::vector<store::AreaRow> rows,
                         std::int64_t version)
    : m_version(version) {
    std::size_t begin = 0;
    for (auto& info : layers) {
        std::vector<core::AreaInfo> areas;
        std::vector<geo::MultiPolygon> shapes;
        while (begin < rows.size() && rows[begin].info.layer == info.name) {
            areas.push_back(std::move(rows[begin].info));
            shapes.push_back(std::move(rows[begin].geometry));
            ++begin;
        }
        info.area_count = static_cast<std::int64_t>(areas.size());
        geo::LayerIndex index(shapes);
        m_layers.push_back(std::make_unique<CatalogLayer>(
            CatalogLayer{std::move(info), std::move(areas), std::move(shapes), std::move(index)}));
    }
    std::stable_sort(m_layers.begin(), m_layers.end(), [](const auto& a, const auto& b) {
        return a->areas.size() > b->areas.size();
    });
    for (const auto& layer : m_layers) {
        for (std::uint32_t slot = 0; slot < layer->areas.size(); ++slot) {
            m_by_id.emplace(layer->areas[slot].id, AreaRef{layer.get(), slot});
        }
    }
}

const CatalogLayer* AreaCatalog::find_layer(std::string_view name) const {
    for (const auto& layer : m_layers) {
        if (layer->info.name == name) return layer.get();
    }
    return nullptr;
}

std::optional<AreaRef> AreaCatalog::find_area(std::int64_t id) const {
    auto found = m_by_id.find(id);
    if (found == m_by_id.end()) return std::nullopt;
    return found->second;
}

void AreaCatalog::lookup(core::LonLat p, std::vector<AreaRef>& hits) const {
    for (const auto& layer : m_layers) {
        const std::uint32_t slot = layer->index.find(p);
        if (slot != geo::LayerIndex::no_area) hits.push_back({layer.get(), slot});
    }
}

std::shared_ptr<const std::string> AreaCatalog::cached(const std::string& key) const {
    std::lock_guard lock(m_cache_mutex);
    auto found = m_cache.find(key);
    return found == m_cache.end() ? nullptr : found->second;
}

void AreaCatalog::cache(const std::string& key, std::shared_ptr<const std::string> value) const {
    std::lock_guard lock(m_cache_mutex);
    if (m_cache.size() >= max_cached_entries) m_cache.clear();
    m_cache[key] = std::move(value);
}

}  // namespace okrsek::service
