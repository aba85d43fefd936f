#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "geo/local_projection.hpp"

// Private to geo/: the union of many shapes, shared by dissolve and the coverage report.
namespace okrsek::geo::detail {

/// Receives why one union step failed (Boost's exception text or a failed sanity check).
using UnionFailureHandler = std::function<void(std::string_view reason)>;

/// The union of all parts, uniting neighbours pairwise in a balanced tree (parts ordered along
/// a Z-order curve), so intermediate results stay small: O(n log n) overlay work instead of
/// the O(n²) of adding parts one by one. When one step fails and `on_failure` is set, it is
/// called and the larger operand is kept; without a handler, throws core::Error(invalid_input).
XyMultiPolygon cascaded_union(std::vector<XyMultiPolygon> parts,
                              const UnionFailureHandler& on_failure = {});

}  // namespace okrsek::geo::detail
