#include "io/geojson_geometry.hpp"

#include <cmath>
#include <cstdio>
#include <string>

#include "core/error.hpp"
#include "geo/polygon_validation.hpp"

namespace okrsek::io {

namespace {

using nlohmann::json;

// Where a ring is, for messages ("polygon 1 ring 0" or "ring 0") and JSON paths ("[1][0]").
struct RingPlace {
    const FeatureRef& feature;
    bool multi = false;
    std::size_t polygon = 0;
    std::size_t ring = 0;

    std::string name() const {
        const std::string ring_name = "ring " + std::to_string(ring);
        return multi ? "polygon " + std::to_string(polygon) + " " + ring_name : ring_name;
    }
    std::string path() const {
        const std::string ring_path = "[" + std::to_string(ring) + "]";
        return ".geometry.coordinates" +
               (multi ? "[" + std::to_string(polygon) + "]" + ring_path : ring_path);
    }
    std::string path(std::size_t position) const {
        return path() + "[" + std::to_string(position) + "]";
    }
};

SourcePosition parse_position(const json& value, const RingPlace& place, std::size_t i) {
    // Messages are built only on failure: this runs for every position of the file.
    const auto where = [&] { return "position " + std::to_string(i) + " of " + place.name(); };
    if (!value.is_array() || value.size() < 2) {
        place.feature.fail(where() + " is not an array of 2 or more numbers", place.path(i));
    }
    for (const json& ordinate : value) {
        if (!ordinate.is_number() || !std::isfinite(ordinate.get<double>())) {
            place.feature.fail(
                where() + " has a value that is not a finite number: " + ordinate.dump(),
                place.path(i));
        }
    }
    return {value[0].get<double>(), value[1].get<double>()};
}

SourceRing parse_ring(const json& value, const RingPlace& place) {
    if (!value.is_array()) place.feature.fail(place.name() + " is not an array", place.path());
    SourceRing ring;
    ring.reserve(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) {
        ring.push_back(parse_position(value[i], place, i));
    }
    if (ring.size() < 4) {
        place.feature.fail(place.name() + " has " + std::to_string(ring.size()) +
                               " positions, at least 4 are needed",
                           place.path());
    }
    const SourcePosition first = ring.front();
    const SourcePosition last = ring.back();
    if (first.x != last.x || first.y != last.y) {
        place.feature.fail(place.name() + " is not closed: it starts at " + position_text(first) +
                               " and ends at " + position_text(last),
                           place.path());
    }
    return ring;
}

SourcePolygon parse_polygon(const json& value, const FeatureRef& feature, bool multi,
                            std::size_t index) {
    RingPlace place{feature, multi, index, 0};
    const std::string name = multi ? "polygon " + std::to_string(index) : "polygon";
    if (!value.is_array() || value.empty()) {
        feature.fail(name + " has no rings", ".geometry.coordinates");
    }
    SourcePolygon polygon;
    polygon.reserve(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) {
        place.ring = i;
        polygon.push_back(parse_ring(value[i], place));
    }
    return polygon;
}

const json& geometry_member(const json& feature_object, const FeatureRef& feature) {
    const auto it = feature_object.find("geometry");
    if (it == feature_object.end() || it->is_null()) {
        feature.fail("geometry is missing", ".geometry");
    }
    if (!it->is_object()) feature.fail("geometry is not an object", ".geometry");
    return *it;
}

double rounded_7(double degrees) {
    return std::round(degrees * 1e7) / 1e7;
}

core::LonLat to_wgs84(SourcePosition p, const geo::SjtskToWgs84* sjtsk, const FeatureRef& feature,
                      const std::string& path) {
    core::LonLat lon_lat{p.x, p.y};
    if (sjtsk != nullptr) {
        try {
            lon_lat = sjtsk->transform(p.x, p.y);
        } catch (const core::Error& error) {
            feature.fail(error.what(), path);
        }
    }
    lon_lat = {rounded_7(lon_lat.lon), rounded_7(lon_lat.lat)};
    if (!core::is_valid_wgs84(lon_lat)) {
        std::string problem = "position " + position_text(p) +
                              " is outside longitude [-180, 180] / latitude [-90, 90]";
        if (geo::detect_crs(p.x, p.y) == geo::Crs::sjtsk) {
            problem += "; it looks like S-JTSK (EPSG:5514) metres";
        }
        feature.fail(problem, path);
    }
    return lon_lat;
}

geo::Ring to_wgs84_ring(const SourceRing& ring, const geo::SjtskToWgs84* sjtsk,
                        const FeatureRef& feature, const std::string& path) {
    geo::Ring out;
    out.reserve(ring.size());
    for (const SourcePosition& p : ring) out.push_back(to_wgs84(p, sjtsk, feature, path));
    return out;
}

}  // namespace

std::string position_text(SourcePosition p) {
    char buffer[80];
    std::snprintf(buffer, sizeof buffer, "%.10g %.10g", p.x, p.y);
    return buffer;
}

SourceMultiPolygon parse_area_geometry(const json& feature_object, const FeatureRef& feature) {
    const json& geometry = geometry_member(feature_object, feature);
    const auto type = geometry.find("type");
    if (type == geometry.end() || !type->is_string()) {
        feature.fail("geometry has no type", ".geometry.type");
    }
    const std::string& type_name = type->get_ref<const std::string&>();
    if (type_name != "Polygon" && type_name != "MultiPolygon") {
        feature.fail("geometry type " + type_name + " is not Polygon or MultiPolygon",
                     ".geometry.type");
    }
    const auto coordinates = geometry.find("coordinates");
    if (coordinates == geometry.end() || !coordinates->is_array()) {
        feature.fail("geometry has no coordinates array", ".geometry.coordinates");
    }
    if (type_name == "Polygon") return {parse_polygon(*coordinates, feature, false, 0)};
    if (coordinates->empty()) feature.fail("MultiPolygon has no polygons", ".geometry.coordinates");
    SourceMultiPolygon shape;
    shape.reserve(coordinates->size());
    for (std::size_t i = 0; i < coordinates->size(); ++i) {
        shape.push_back(parse_polygon((*coordinates)[i], feature, true, i));
    }
    return shape;
}

geo::MultiPolygon to_area_geometry(const SourceMultiPolygon& source, const geo::SjtskToWgs84* sjtsk,
                                   const FeatureRef& feature) {
    geo::MultiPolygon shape;
    shape.reserve(source.size());
    for (std::size_t i = 0; i < source.size(); ++i) {
        const std::string path =
            ".geometry.coordinates" + (source.size() > 1 ? "[" + std::to_string(i) + "]" : "");
        geo::Polygon polygon;
        polygon.outer = to_wgs84_ring(source[i].front(), sjtsk, feature, path);
        for (std::size_t r = 1; r < source[i].size(); ++r) {
            polygon.holes.push_back(to_wgs84_ring(source[i][r], sjtsk, feature, path));
        }
        shape.push_back(std::move(polygon));
    }
    geo::remove_repeated_positions(shape);
    geo::normalize_orientation(shape);
    if (auto problem = geo::find_multipolygon_problem(shape)) {
        feature.fail(*problem, ".geometry");
    }
    return shape;
}

}  // namespace okrsek::io
