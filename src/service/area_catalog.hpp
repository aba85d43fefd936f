#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/area.hpp"
#include "core/lon_lat.hpp"
#include "geo/area_index.hpp"
#include "geo/geometry.hpp"
#include "store/store.hpp"

namespace okrsek::service {

/// One layer in memory: areas in slot order (ascending id, so where areas overlap the one with
/// the lowest id wins), their shapes and the point index over them.
struct CatalogLayer {
    core::LayerInfo info;
    std::vector<core::AreaInfo> areas;
    std::vector<geo::MultiPolygon> shapes;
    geo::LayerIndex index;
};

/// A reference to one area of a catalog; valid while the catalog lives.
struct AreaRef {
    const CatalogLayer* layer = nullptr;
    std::uint32_t slot = 0;

    const core::AreaInfo& info() const { return layer->areas[slot]; }
    const geo::MultiPolygon& shape() const { return layer->shapes[slot]; }
};

/// An immutable snapshot of every layer, built from the store at start and after each import,
/// and swapped in whole: readers keep the snapshot they started with, so nobody ever sees half
/// a layer.
class AreaCatalog {
public:
    /// Builds indexes for every layer. `rows` are ordered by layer, then id.
    AreaCatalog(std::vector<core::LayerInfo> layers, std::vector<store::AreaRow> rows,
                std::int64_t version);

    /// Layers from the most detailed (most areas) to the coarsest: the order of lookup results.
    const std::vector<std::unique_ptr<CatalogLayer>>& layers() const { return m_layers; }
    const CatalogLayer* find_layer(std::string_view name) const;
    std::optional<AreaRef> find_area(std::int64_t id) const;

    /// Appends to `hits` the area of every layer that contains `p` (at most one per layer).
    /// Precondition: core::is_valid_wgs84(p).
    void lookup(core::LonLat p, std::vector<AreaRef>& hits) const;

    /// The store's catalog_version() this snapshot was built from.
    std::int64_t version() const noexcept { return m_version; }

    /// A cache for rendered answers (e.g. GeoJSON of a layer), dropped with the snapshot.
    std::shared_ptr<const std::string> cached(const std::string& key) const;
    void cache(const std::string& key, std::shared_ptr<const std::string> value) const;

private:
    std::vector<std::unique_ptr<CatalogLayer>> m_layers;
    std::unordered_map<std::int64_t, AreaRef> m_by_id;
    std::int64_t m_version = 0;
    mutable std::mutex m_cache_mutex;
    mutable std::unordered_map<std::string, std::shared_ptr<const std::string>> m_cache;
};

}  // namespace okrsek::service
