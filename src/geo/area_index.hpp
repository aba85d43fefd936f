#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "core/lon_lat.hpp"
#include "geo/geometry.hpp"

namespace okrsek::geo {

/// Coordinates in fixed point: 1 unit = 1e-7 degree (about 1 cm). Polygons are stored with 7
/// decimals, so this grid is exact for them; query points are rounded to it.
struct FixedPoint {
    std::int32_t x = 0;  ///< longitude * 1e7
    std::int32_t y = 0;  ///< latitude * 1e7
    friend bool operator==(const FixedPoint&, const FixedPoint&) = default;
};

inline constexpr double fixed_units_per_degree = 1e7;

/// Rounds a WGS 84 position to the fixed-point grid (round half to even).
/// Precondition: core::is_valid_wgs84(p).
FixedPoint to_fixed(core::LonLat p) noexcept;

/// Point-in-area index over one layer.
///
/// Border rule: a point that lies exactly on a border belongs to the area that contains the
/// point moved an infinitesimal step east, then an even smaller step north: "the area to the
/// east of a border; on an east-west border, the area to the north". Shared borders, vertices
/// where several areas meet and holes all follow from this, so a point on a shared border
/// belongs to exactly one area. Where areas overlap, the area with the lowest slot wins.
class LayerIndex {
public:
    static constexpr std::uint32_t no_area = 0xFFFFFFFFu;

    /// Builds the index. The position of an area in `areas` is its slot.
    explicit LayerIndex(std::span<const MultiPolygon> areas);
    LayerIndex(LayerIndex&&) noexcept;
    LayerIndex& operator=(LayerIndex&&) noexcept;
    ~LayerIndex();

    /// The slot of the area containing `p`, or no_area. Preconditions: is_valid_wgs84(p), and
    /// the index has not been moved from.
    std::uint32_t find(core::LonLat p) const noexcept;

    /// find() for many points; `slots` must be as long as `points`.
    void find_many(std::span<const core::LonLat> points,
                   std::span<std::uint32_t> slots) const noexcept;

    struct Stats {
        std::size_t area_count = 0;
        std::size_t edge_count = 0;
        std::size_t cell_count = 0;
        std::size_t boundary_cell_count = 0;
        std::size_t memory_bytes = 0;
    };
    Stats stats() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;  // never null, except in a moved-from index
};

/// The exact reference: tests every area with the same fixed-point predicate and the same rule,
/// without any index. Slow; for tests and benchmarks.
std::uint32_t find_reference(std::span<const MultiPolygon> areas, core::LonLat p) noexcept;

}  // namespace okrsek::geo
