#pragma once

#include <algorithm>
#include <cstdint>

#include "geo/area_index.hpp"

// Exact predicates on the fixed-point grid, shared by the index build, its queries and the
// reference lookup. All coordinates are valid WGS 84 positions in fixed point, so a coordinate
// difference fits in 33 bits and a product of an x difference (<= 3.6e9) and a y difference
// (<= 1.8e9) stays below 6.5e18 < 2^63: comparing two such products in int64 is exact, while
// subtracting them could overflow, which is why the predicates compare instead of subtract.
namespace okrsek::geo::detail {

/// A closed box on the fixed-point grid: [x0, x1] x [y0, y1].
struct FixedBox {
    std::int32_t x0 = 0;
    std::int32_t y0 = 0;
    std::int32_t x1 = 0;
    std::int32_t y1 = 0;
};

/// Sign (-1, 0, 1) of the cross product (b - a) x (p - a): 1 when p is left of a->b.
inline int orientation(FixedPoint a, FixedPoint b, FixedPoint p) noexcept {
    const std::int64_t lhs = (std::int64_t{b.x} - a.x) * (std::int64_t{p.y} - a.y);
    const std::int64_t rhs = (std::int64_t{b.y} - a.y) * (std::int64_t{p.x} - a.x);
    return (lhs > rhs) - (lhs < rhs);
}

/// The crossing-number term of the border rule for one edge: true when the edge spans p's
/// latitude (lower end included, upper excluded) and p lies strictly west of it. Horizontal
/// edges never count. Equivalent to casting a ray east from p + (eps, eps^2).
inline bool edge_counts(FixedPoint a, FixedPoint b, FixedPoint p) noexcept {
    if (a.y > b.y) std::swap(a, b);
    return a.y <= p.y && p.y < b.y && orientation(a, b, p) > 0;
}

/// True when the segment a-b shares at least one point with the closed box.
inline bool segment_touches_box(FixedPoint a, FixedPoint b, const FixedBox& box) noexcept {
    if (std::max(a.x, b.x) < box.x0 || std::min(a.x, b.x) > box.x1) return false;
    if (std::max(a.y, b.y) < box.y0 || std::min(a.y, b.y) > box.y1) return false;
    // With overlapping bounding boxes, the segment misses the box only when its line leaves
    // all four corners strictly on one side.
    const int s00 = orientation(a, b, {box.x0, box.y0});
    const int s10 = orientation(a, b, {box.x1, box.y0});
    const int s01 = orientation(a, b, {box.x0, box.y1});
    const int s11 = orientation(a, b, {box.x1, box.y1});
    const bool all_left = s00 > 0 && s10 > 0 && s01 > 0 && s11 > 0;
    const bool all_right = s00 < 0 && s10 < 0 && s01 < 0 && s11 < 0;
    return !all_left && !all_right;
}

/// For an edge with a.y <= y < b.y: the smallest integer x such that (x, y) is not strictly
/// west of the edge, so the edge counts for (x, y) exactly when x < the result.
inline std::int64_t first_x_not_west(FixedPoint a, FixedPoint b, std::int32_t y) noexcept {
    const std::int64_t dx = std::int64_t{b.x} - a.x;
    const std::int64_t dy = std::int64_t{b.y} - a.y;
    const std::int64_t num = dx * (std::int64_t{y} - a.y);
    std::int64_t quotient = num / dy;
    if (num % dy != 0 && num > 0) ++quotient;
    return a.x + quotient;
}

}  // namespace okrsek::geo::detail
