#include "geo/coverage_report.hpp"

#include <cmath>
#include <exception>
#include <iterator>
#include <utility>

// GCC 12 at -O2 and above reports false "maybe uninitialized" warnings inside Boost's
// overlay code (sort_by_side, expand, extreme_points).
#pragma GCC diagnostic push
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <boost/geometry/algorithms/area.hpp>
#include <boost/geometry/algorithms/envelope.hpp>
#include <boost/geometry/algorithms/intersection.hpp>
#include <boost/geometry/algorithms/point_on_surface.hpp>
#include <boost/geometry/index/rtree.hpp>
#pragma GCC diagnostic pop

#include "geo/cascaded_union.hpp"
#include "geo/local_projection.hpp"

namespace okrsek::geo {

namespace bg = boost::geometry;
using detail::LocalProjection;
using detail::XyBox;
using detail::XyMultiPolygon;
using detail::XyPoint;
using detail::XyPolygon;

namespace {

using BoxEntry = std::pair<XyBox, std::size_t>;
using BoxTree = bg::index::rtree<BoxEntry, bg::index::rstar<16>>;

core::LonLat location_of(const XyPolygon& piece, const LocalProjection& projection) {
    XyPoint point;
    bg::point_on_surface(piece, point);
    return projection.to_lon_lat(point);
}

void add_overlaps(const XyMultiPolygon& a, const XyMultiPolygon& b, std::size_t first,
                  std::size_t second, double min_area_m2, const LocalProjection& projection,
                  CoverageReport& report) {
    XyMultiPolygon common;
    try {
        bg::intersection(a, b, common);
    } catch (const std::exception&) {
        report.complete = false;
        return;
    }
    for (const auto& piece : common) {
        double area_m2 = detail::to_m2(std::abs(bg::area(piece)));
        if (area_m2 <= min_area_m2) continue;
        report.overlaps.push_back({first, second, area_m2, location_of(piece, projection)});
        report.overlap_area_m2 += area_m2;
    }
}

void find_overlaps(const std::vector<XyMultiPolygon>& areas, double min_area_m2,
                   const LocalProjection& projection, CoverageReport& report) {
    std::vector<BoxEntry> boxes;
    boxes.reserve(areas.size());
    for (std::size_t i = 0; i < areas.size(); ++i) {
        if (!areas[i].empty()) boxes.emplace_back(bg::return_envelope<XyBox>(areas[i]), i);
    }
    BoxTree tree(boxes.begin(), boxes.end());
    std::vector<BoxEntry> candidates;
    for (const auto& [box, i] : boxes) {
        candidates.clear();
        tree.query(bg::index::intersects(box), std::back_inserter(candidates));
        for (const auto& candidate : candidates) {
            std::size_t j = candidate.second;
            if (j > i) add_overlaps(areas[i], areas[j], i, j, min_area_m2, projection, report);
        }
    }
}

void find_gaps(std::vector<XyMultiPolygon> areas, double min_area_m2,
               const LocalProjection& projection, CoverageReport& report) {
    auto all = detail::cascaded_union(std::move(areas),
                                      [&](std::string_view) { report.complete = false; });
    for (const auto& polygon : all) {
        for (const auto& hole : polygon.inners()) {
            XyPolygon gap;
            gap.outer().assign(hole.rbegin(), hole.rend());
            double area_m2 = detail::to_m2(std::abs(bg::area(gap)));
            if (area_m2 <= min_area_m2) continue;
            report.gaps.push_back({0, 0, area_m2, location_of(gap, projection)});
            report.gap_area_m2 += area_m2;
        }
    }
}

}  // namespace

CoverageReport compute_coverage(std::span<const MultiPolygon> areas, double min_area_m2) {
    CoverageReport report;
    auto projection = LocalProjection::around(areas);
    std::vector<XyMultiPolygon> projected;
    projected.reserve(areas.size());
    for (const auto& area : areas) projected.push_back(projection.to_xy(area));
    find_overlaps(projected, min_area_m2, projection, report);
    find_gaps(std::move(projected), min_area_m2, projection, report);
    return report;
}

}  // namespace okrsek::geo
