#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/lon_lat.hpp"
#include "geo/geometry.hpp"

namespace okrsek::geo {

/// One gap (a place enclosed by the layer that no area covers) or overlap (a place two areas
/// both cover). `first`/`second` are slots (positions in the input span); a gap has no slots.
struct CoverageIssue {
    std::size_t first = 0;
    std::size_t second = 0;
    double area_m2 = 0.0;
    core::LonLat location;  ///< a position inside or on the issue, for the report
};

struct CoverageReport {
    std::vector<CoverageIssue> gaps;
    std::vector<CoverageIssue> overlaps;
    double gap_area_m2 = 0.0;
    double overlap_area_m2 = 0.0;
    bool complete = true;  ///< false when a geometry operation failed and the numbers are partial
};

/// Finds gaps and overlaps between the areas of one layer. Areas are measured in metres on a
/// local projection around the layer's centre (error well under 1 % for a town). Issues smaller
/// than `min_area_m2` are ignored (rounding noise).
CoverageReport compute_coverage(std::span<const MultiPolygon> areas, double min_area_m2 = 0.01);

}  // namespace okrsek::geo
