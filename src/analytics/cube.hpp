#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "analytics/cube_categories.hpp"
#include "analytics/cube_time.hpp"
#include "core/lon_lat.hpp"
#include "geo/area_index.hpp"

namespace okrsek::analytics {

/// Area levels of the cube, from the coarsest.
enum class AreaLevel : std::uint8_t { town = 0, city_part = 1, district = 2 };
inline constexpr std::size_t area_level_count = 3;
/// "No area at this level" in IncidentRow::areas.
inline constexpr std::int32_t no_area = -1;

/// One incident as the service hands it over (plain values; the cube keeps no names).
struct IncidentRow {
    std::int64_t id = 0;
    core::SysSeconds time{};  ///< UTC
    core::LonLat position{};  ///< WGS 84, as the source gave it (already anonymised or exact)
    /// The area slot at each AreaLevel (town, city part, district), or no_area; see
    /// IncidentCube::assign_areas for filling them from the point index instead.
    std::array<std::int32_t, area_level_count> areas{no_area, no_area, no_area};
    std::span<const std::int32_t> type_ids{};  ///< type ids of the CategoryTree, ≥ 1
};

struct CubeLimits {
    std::size_t max_incidents = 100'000'000;
    std::size_t max_types_per_incident = 16;
};

/// Incidents in memory as dictionary-encoded columns (about 40 bytes an incident), built once
/// and then only read: queries (cube_query.hpp, cube_grid.hpp) may run concurrently with each
/// other, but not with add() or assign_areas().
///
/// Times become Prague calendar keys when added (month, ISO week, hour, weekday), positions
/// fixed point (1e-7 degree), type ids dense codes of the CategoryTree, areas 16-bit slots.
class IncidentCube {
public:
    static constexpr std::uint16_t no_slot = 0xFFFF;
    static constexpr std::uint32_t max_areas_per_level = 0xFFFE;

    /// `area_counts[level]`: how many areas (slots 0…n-1) each level has. Throws
    /// core::Error invalid_argument when a count exceeds max_areas_per_level.
    IncidentCube(CategoryTree categories, std::array<std::uint32_t, area_level_count> area_counts,
                 CubeLimits limits = {});

    void reserve(std::size_t incidents, std::size_t type_entries);

    /// Appends one incident. Throws core::Error invalid_input (field "time", "position",
    /// "areas" or "types") for a time outside 1996–2099, an invalid position, an area slot out
    /// of range, no type, too many types or an unknown type id; and when the cube is full.
    /// Ids are not checked for duplicates (the store keeps them unique).
    void add(const IncidentRow& row);

    /// Sets every incident's area at `level` from the point index (the same one the lookup
    /// uses; its slots are the level's slots), on `threads` threads (0 = every core). Throws
    /// core::Error invalid_argument when the layer has more areas than the level.
    void assign_areas(AreaLevel level, const geo::LayerIndex& index, unsigned threads = 0);

    std::size_t size() const noexcept { return m_time_s.size(); }
    const CategoryTree& categories() const noexcept { return m_categories; }
    std::uint32_t area_count(AreaLevel level) const noexcept {
        return m_area_counts[static_cast<std::size_t>(level)];
    }

    // Read-only columns, one entry per incident (types: CSR, type_begin has size() + 1 entries).
    std::span<const std::int64_t> ids() const noexcept { return m_id; }
    std::span<const std::int64_t> times_s() const noexcept { return m_time_s; }
    std::span<const geo::FixedPoint> positions() const noexcept { return m_position; }
    std::span<const std::uint16_t> area_slots(AreaLevel level) const noexcept {
        return m_area[static_cast<std::size_t>(level)];
    }
    std::span<const std::uint16_t> months() const noexcept { return m_month; }
    std::span<const std::uint16_t> weeks() const noexcept { return m_week; }
    std::span<const std::uint8_t> hours() const noexcept { return m_hour; }
    std::span<const std::uint8_t> weekdays() const noexcept { return m_weekday; }
    std::span<const std::uint32_t> type_begin() const noexcept { return m_type_begin; }
    std::span<const std::uint16_t> type_codes() const noexcept { return m_type_codes; }

private:
    CategoryTree m_categories;
    std::array<std::uint32_t, area_level_count> m_area_counts{};
    CubeLimits m_limits;
    std::vector<std::int64_t> m_id;
    std::vector<std::int64_t> m_time_s;
    std::vector<geo::FixedPoint> m_position;
    std::array<std::vector<std::uint16_t>, area_level_count> m_area;
    std::vector<std::uint16_t> m_month;
    std::vector<std::uint16_t> m_week;
    std::vector<std::uint8_t> m_hour;
    std::vector<std::uint8_t> m_weekday;
    std::vector<std::uint32_t> m_type_begin{0};
    std::vector<std::uint16_t> m_type_codes;
};

}  // namespace okrsek::analytics
