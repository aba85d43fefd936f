#include "analytics/cube.hpp"

#include <algorithm>
#include <string>

#include "analytics/cube_parallel.hpp"
#include "core/error.hpp"

namespace okrsek::analytics {

namespace {

[[noreturn]] void reject(const IncidentRow& row, const std::string& problem, const char* field) {
    // The id only: rows carry no personal data, but the message should stay short anyway.
    throw core::Error(core::ErrorCode::invalid_input,
                      "incident " + std::to_string(row.id) + ": " + problem, field);
}

}  // namespace

IncidentCube::IncidentCube(CategoryTree categories,
                           std::array<std::uint32_t, area_level_count> area_counts,
                           CubeLimits limits)
    : m_categories(std::move(categories)), m_area_counts(area_counts), m_limits(limits) {
    if (limits.max_types_per_incident > 16) {
        // The query kernel keeps an incident's columns in a fixed buffer of 16 × 4.
        throw core::Error(core::ErrorCode::invalid_argument, "at most 16 types an incident",
                          "types");
    }
    for (const std::uint32_t count : area_counts) {
        if (count > max_areas_per_level) {
            throw core::Error(
                core::ErrorCode::invalid_argument,
                "more than " + std::to_string(max_areas_per_level) + " areas in one level",
                "areas");
        }
    }
}

void IncidentCube::reserve(std::size_t incidents, std::size_t type_entries) {
    incidents = std::min(incidents, m_limits.max_incidents);
    m_id.reserve(incidents);
    m_time_s.reserve(incidents);
    m_position.reserve(incidents);
    for (auto& column : m_area) column.reserve(incidents);
    m_month.reserve(incidents);
    m_week.reserve(incidents);
    m_hour.reserve(incidents);
    m_weekday.reserve(incidents);
    m_type_begin.reserve(incidents + 1);
    m_type_codes.reserve(type_entries);
}

void IncidentCube::add(const IncidentRow& row) {
    if (size() >= m_limits.max_incidents) reject(row, "too many incidents", "incidents");
    if (row.time < cube_time_min() || row.time >= cube_time_end()) {
        reject(row, "time outside the years 1996 to 2099", "time");
    }
    if (!core::is_valid_wgs84(row.position)) reject(row, "invalid position", "position");
    if (row.type_ids.empty()) reject(row, "no type", "types");
    if (row.type_ids.size() > m_limits.max_types_per_incident)
        reject(row, "too many types", "types");
    std::array<std::uint16_t, area_level_count> slots{};
    for (std::size_t level = 0; level < area_level_count; ++level) {
        const std::int32_t area = row.areas[level];
        if (area != no_area &&
            (area < 0 || static_cast<std::uint32_t>(area) >= m_area_counts[level])) {
            reject(row, "area slot out of range", "areas");
        }
        slots[level] = area == no_area ? no_slot : static_cast<std::uint16_t>(area);
    }
    const std::size_t types_before = m_type_codes.size();
    for (const std::int32_t id : row.type_ids) {
        const auto code = m_categories.code_of(id);
        if (!code) {
            m_type_codes.resize(types_before);
            reject(row, "unknown type " + std::to_string(id), "types");
        }
        m_type_codes.push_back(*code);
    }
    const LocalKeys keys = local_keys(row.time);
    m_id.push_back(row.id);
    m_time_s.push_back(row.time.time_since_epoch().count());
    m_position.push_back(geo::to_fixed(row.position));
    for (std::size_t level = 0; level < area_level_count; ++level)
        m_area[level].push_back(slots[level]);
    m_month.push_back(keys.month);
    m_week.push_back(keys.week);
    m_hour.push_back(keys.hour);
    m_weekday.push_back(keys.weekday);
    m_type_begin.push_back(static_cast<std::uint32_t>(m_type_codes.size()));
}

void IncidentCube::assign_areas(AreaLevel level, const geo::LayerIndex& index, unsigned threads) {
    const auto level_index = static_cast<std::size_t>(level);
    if (index.stats().area_count > m_area_counts[level_index]) {
        throw core::Error(core::ErrorCode::invalid_argument,
                          "the layer has more areas than the cube's level", "areas");
    }
    auto& column = m_area[level_index];
    const unsigned chunks = detail::thread_count(threads, size());
    detail::for_chunks(size(), chunks, [&](std::size_t begin, std::size_t end, unsigned) {
        // find_many wants LonLat: convert a block at a time so the buffer stays in cache.
        constexpr std::size_t block = 4096;
        std::array<core::LonLat, block> points;
        std::array<std::uint32_t, block> found;
        for (std::size_t first = begin; first < end; first += block) {
            const std::size_t count = std::min(block, end - first);
            for (std::size_t i = 0; i < count; ++i) {
                const geo::FixedPoint p = m_position[first + i];
                points[i] = {p.x / geo::fixed_units_per_degree, p.y / geo::fixed_units_per_degree};
            }
            index.find_many({points.data(), count}, {found.data(), count});
            for (std::size_t i = 0; i < count; ++i) {
                column[first + i] = found[i] == geo::LayerIndex::no_area
                                        ? no_slot
                                        : static_cast<std::uint16_t>(found[i]);
            }
        }
    });
}

}  // namespace okrsek::analytics
