#include "geo/cascaded_union.hpp"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <string>
#include <utility>

// GCC 12 at -O2 and above reports false "maybe uninitialized" warnings inside Boost's
// overlay code (sort_by_side, expand, extreme_points).
#pragma GCC diagnostic push
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <boost/geometry/algorithms/area.hpp>
#include <boost/geometry/algorithms/envelope.hpp>
#include <boost/geometry/algorithms/expand.hpp>
#include <boost/geometry/algorithms/union.hpp>
#pragma GCC diagnostic pop

#include "core/error.hpp"

namespace okrsek::geo::detail {

namespace bg = boost::geometry;

namespace {

std::uint32_t spread_bits(std::uint32_t v) {
    v &= 0xffffu;
    v = (v | (v << 8)) & 0x00ff00ffu;
    v = (v | (v << 4)) & 0x0f0f0f0fu;
    v = (v | (v << 2)) & 0x33333333u;
    v = (v | (v << 1)) & 0x55555555u;
    return v;
}

std::uint32_t quantize(double value, double min, double max) {
    if (!(max > min)) return 0;
    return static_cast<std::uint32_t>((value - min) / (max - min) * 65535.0);
}

// Neighbours on a Z-order curve are mostly neighbours on the map, so the first rounds of the
// tree unite touching parts and their shared borders dissolve early.
void sort_along_z_curve(std::vector<XyMultiPolygon>& parts) {
    std::vector<XyPoint> centres;
    XyBox all;
    bg::assign_inverse(all);
    for (const auto& part : parts) {
        auto box = bg::return_envelope<XyBox>(part);
        bg::expand(all, box);
        centres.emplace_back((box.min_corner().x() + box.max_corner().x()) / 2.0,
                             (box.min_corner().y() + box.max_corner().y()) / 2.0);
    }
    std::vector<std::pair<std::uint32_t, std::size_t>> keys;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        auto x = quantize(centres[i].x(), all.min_corner().x(), all.max_corner().x());
        auto y = quantize(centres[i].y(), all.min_corner().y(), all.max_corner().y());
        keys.emplace_back(spread_bits(x) | (spread_bits(y) << 1), i);
    }
    std::sort(keys.begin(), keys.end());
    std::vector<XyMultiPolygon> sorted;
    sorted.reserve(parts.size());
    for (const auto& key : keys) sorted.push_back(std::move(parts[key.second]));
    parts = std::move(sorted);
}

void report_failure(const UnionFailureHandler& on_failure, const std::string& reason) {
    if (!on_failure) {
        throw core::Error(core::ErrorCode::invalid_input, "union of shapes failed: " + reason);
    }
    on_failure(reason);
}

XyMultiPolygon unite(XyMultiPolygon a, XyMultiPolygon b, const UnionFailureHandler& on_failure) {
    double area_a = bg::area(a);
    double area_b = bg::area(b);
    auto larger = [&]() { return area_a >= area_b ? std::move(a) : std::move(b); };
    XyMultiPolygon result;
    try {
        bg::union_(a, b, result);
    } catch (const std::exception& e) {
        report_failure(on_failure, e.what());
        return larger();
    }
    // Boost can return a wrong result without throwing; a union is never smaller than either
    // operand nor larger than both together.
    double area = bg::area(result);
    double tolerance = 1e-6 * (area_a + area_b) + 1.0;
    if (area < std::max(area_a, area_b) - tolerance || area > area_a + area_b + tolerance) {
        report_failure(on_failure, "the result's area is impossible");
        return larger();
    }
    return result;
}

}  // namespace

XyMultiPolygon cascaded_union(std::vector<XyMultiPolygon> parts,
                              const UnionFailureHandler& on_failure) {
    if (parts.empty()) return {};
    sort_along_z_curve(parts);
    while (parts.size() > 1) {
        std::vector<XyMultiPolygon> next;
        next.reserve(parts.size() / 2 + 1);
        for (std::size_t i = 0; i + 1 < parts.size(); i += 2) {
            next.push_back(unite(std::move(parts[i]), std::move(parts[i + 1]), on_failure));
        }
        if (parts.size() % 2 == 1) next.push_back(std::move(parts.back()));
        parts = std::move(next);
    }
    return std::move(parts.front());
}

}  // namespace okrsek::geo::detail
