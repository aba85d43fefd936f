#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <vector>

#include "geo/geometry.hpp"
#include "support/test_paths.hpp"

namespace okrsek::test {

/// The geometry of every feature of a GeoJSON FeatureCollection, read as it is (no rounding,
/// no validation): geometry tests use it so that they do not depend on the io module.
inline std::vector<geo::MultiPolygon> read_geojson_layer(const std::filesystem::path& path) {
    auto read_ring = [](const nlohmann::json& positions) {
        geo::Ring ring;
        for (const auto& p : positions)
            ring.push_back({p.at(0).get<double>(), p.at(1).get<double>()});
        return ring;
    };
    auto read_polygon = [&](const nlohmann::json& rings) {
        geo::Polygon polygon{read_ring(rings.at(0)), {}};
        for (std::size_t i = 1; i < rings.size(); ++i) polygon.holes.push_back(read_ring(rings[i]));
        return polygon;
    };
    const auto document = nlohmann::json::parse(read_file(path));
    std::vector<geo::MultiPolygon> layer;
    for (const auto& feature : document.at("features")) {
        const auto& geometry = feature.at("geometry");
        geo::MultiPolygon shape;
        if (geometry.at("type") == "Polygon") {
            shape.push_back(read_polygon(geometry.at("coordinates")));
        } else {
            for (const auto& rings : geometry.at("coordinates"))
                shape.push_back(read_polygon(rings));
        }
        layer.push_back(std::move(shape));
    }
    return layer;
}

}  // namespace okrsek::test
