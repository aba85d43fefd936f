#pragma once

#include <cstdint>
#include <string>

namespace okrsek::core {

/// A town (obec) identified by its RÚIAN code, e.g. 554782 for Praha. Every town-owned row
/// carries this code, which is also the natural key for spreading data over database nodes.
struct Municipality {
    std::int64_t code = 0;
    std::string name;
};

/// A named layer of areas ("districts", "city_parts", "municipalities", …).
struct LayerInfo {
    std::string name;
    std::int64_t version = 0;  ///< grows by one with every import into the layer
    std::int64_t area_count = 0;
    std::string updated_at_utc;  ///< ISO 8601, UTC
};

/// One area's descriptive data (its geometry travels separately as geo::MultiPolygon).
/// `id` is stable across re-imports of the same (layer, municipality, code).
struct AreaInfo {
    std::int64_t id = 0;
    std::string layer;
    std::int64_t municipality_code = 0;
    std::string code;
    std::string name;
    std::string properties_json = "{}";  ///< a JSON object of the source's extra properties
};

}  // namespace okrsek::core
