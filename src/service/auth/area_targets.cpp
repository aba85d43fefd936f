#include "service/auth/area_targets.hpp"

#include "core/error.hpp"

namespace okrsek::service {

namespace sec = security;

namespace {

const geo::Polygon* largest_polygon_area_targets(const geo::MultiPolygon& shape) {
    const geo::Polygon* best = nullptr;
    for (const auto& polygon : shape) {
        if (!best || polygon.outer.size() > best->outer.size()) best = &polygon;
    }
    return best;
}

// The city part holding the district: looked up at the centroid of the first triangle of the
// outer ring's fan whose centroid lies inside the district itself.
std::optional<std::int64_t> city_part_of(const AreaCatalog& catalog, const AreaRef& district) {
    const geo::Polygon* polygon = largest_polygon_area_targets(district.shape());
    if (!polygon || polygon->outer.size() < 4) return std::nullopt;
    const auto& ring = polygon->outer;
    std::vector<AreaRef> hits;
    for (std::size_t i = 1; i + 1 < ring.size(); ++i) {
        const core::LonLat p{(ring[0].lon + ring[i].lon + ring[i + 1].lon) / 3.0,
                             (ring[0].lat + ring[i].lat + ring[i + 1].lat) / 3.0};
        if (!core::is_valid_wgs84(p)) continue;
        hits.clear();
        catalog.lookup(p, hits);
        bool inside = false;
        std::optional<std::int64_t> part;
        for (const auto& hit : hits) {
            if (hit.info().id == district.info().id) inside = true;
            if (hit.layer->info.name == city_part_layer) part = hit.info().id;
        }
        if (inside) return part;
    }
    return std::nullopt;
}

}  // namespace

sec::Target target_of_scope(const AreaCatalog& catalog, const sec::Scope& scope) {
    switch (scope.kind) {
        case sec::ScopeKind::global:
            return sec::Target::deployment();
        case sec::ScopeKind::municipality:
            return sec::Target::municipality(scope.id);
        case sec::ScopeKind::city_part:
        case sec::ScopeKind::district:
            break;
    }
    const bool district = scope.kind == sec::ScopeKind::district;
    const auto area = catalog.find_area(scope.id);
    if (!area || area->layer->info.name != (district ? district_layer : city_part_layer)) {
        throw core::Error(core::ErrorCode::not_found,
                          std::string("no ") + (district ? "district" : "city part") + " " +
                              std::to_string(scope.id),
                          "scope");
    }
    const std::int64_t town = area->info().municipality_code;
    if (!district) return sec::Target::city_part(town, scope.id);
    return sec::Target::district(town, city_part_of(catalog, *area), scope.id);
}

}  // namespace okrsek::service
