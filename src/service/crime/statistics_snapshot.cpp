#include "service/crime/statistics_snapshot.hpp"

#include <algorithm>
#include <charconv>
#include <set>
#include <unordered_map>

#include "analytics/cube_time.hpp"
#include "service/area_import.hpp"

namespace okrsek::service {
namespace {

// One stored incident, kept until its source's category tree is known.
struct PendingIncident {
    std::int64_t id = 0;
    std::int64_t time_s = 0;
    std::int32_t lon_e7 = 0;
    std::int32_t lat_e7 = 0;
    std::int64_t town = 0;
    std::optional<std::int64_t> city_part{};
    std::optional<std::int64_t> district{};
    std::uint32_t types_begin = 0;
    std::uint32_t types_end = 0;
};

struct PendingSource {
    std::vector<PendingIncident> incidents;
    std::vector<std::int32_t> types;
    std::set<std::int32_t> type_ids;
    std::int64_t count = 0;
};

int digits(std::string_view text, std::size_t at, std::size_t length) {
    int value = 0;
    const auto* begin = text.data() + at;
    const auto [end, error] = std::from_chars(begin, begin + length, value);
    return error == std::errc{} && end == begin + length ? value : -1;
}

// "YYYY-MM-DDTHH:MM:SSZ", as the store writes it.
std::optional<std::int64_t> utc_seconds(std::string_view text) {
    if (text.size() != 20 || text[10] != 'T' || text[19] != 'Z') return std::nullopt;
    const int year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
    const int hour = digits(text, 11, 2), minute = digits(text, 14, 2),
              second = digits(text, 17, 2);
    if (year < 0 || month < 1 || day < 1 || hour < 0 || minute < 0 || second < 0) {
        return std::nullopt;
    }
    const std::chrono::year_month_day date{std::chrono::year{year},
                                           std::chrono::month{static_cast<unsigned>(month)},
                                           std::chrono::day{static_cast<unsigned>(day)}};
    if (!date.ok()) return std::nullopt;
    const auto days = std::chrono::sys_days{date}.time_since_epoch().count();
    return std::int64_t{days} * 86400 + hour * 3600 + minute * 60 + second;
}

std::vector<analytics::CategoryType> category_types(store::Store& store, const std::string& source,
                                                    const std::set<std::int32_t>& used,
                                                    std::vector<StatisticsCategory>& shown) {
    std::map<std::int32_t, StatisticsCategory> by_id;
    for (const auto& code : store.crime_codes(source, store::CrimeCodeList::types)) {
        if (code.code < 0 || code.code > INT32_MAX) continue;
        StatisticsCategory category;
        category.id = static_cast<std::int32_t>(code.code);
        if (code.parent_code && *code.parent_code >= 0 && *code.parent_code <= INT32_MAX) {
            category.parent_id = static_cast<std::int32_t>(*code.parent_code);
        }
        category.name = code.label.empty() ? code.name : code.label;
        category.sensitive = code.sensitive;
        by_id.emplace(category.id, std::move(category));
    }
    // Types the list lacks (or no list at all) become top categories named by their id.
    for (const std::int32_t id : used) {
        if (!by_id.contains(id))
            by_id.emplace(id, StatisticsCategory{id, {}, 0, std::to_string(id), false});
    }
    for (auto& [id, category] : by_id) {
        if (category.parent_id && !by_id.contains(*category.parent_id)) category.parent_id.reset();
    }
    std::vector<analytics::CategoryType> types;
    for (const auto& [id, category] : by_id) {
        types.push_back({id, category.parent_id.value_or(analytics::CategoryType::no_parent),
                         category.sensitive});
    }
    const analytics::CategoryTree tree(types);
    for (auto& [id, category] : by_id) {
        const auto code = *tree.code_of(id);
        category.level = tree.level_of(code);
        category.sensitive = tree.sensitive(code);
        shown.push_back(std::move(category));
    }
    return types;
}

std::optional<std::int32_t> slot_in(const std::unordered_map<std::int64_t, std::int32_t>& slots,
                                    const std::optional<std::int64_t>& id) {
    if (!id) return std::nullopt;
    const auto found = slots.find(*id);
    if (found == slots.end()) return std::nullopt;
    return found->second;
}

std::unique_ptr<StatisticsTown> empty_town(const AreaCatalog& catalog, std::int64_t code,
                                           const std::vector<analytics::CategoryType>& types) {
    std::vector<std::int64_t> parts, districts;
    for (const auto* area : town_areas(catalog, code, "city_parts")) parts.push_back(area->id);
    for (const auto* area : town_areas(catalog, code, "districts")) districts.push_back(area->id);
    analytics::CubeLimits limits;
    auto town = std::make_unique<StatisticsTown>(
        StatisticsTown{code,
                       analytics::IncidentCube(analytics::CategoryTree(types),
                                               {1, static_cast<std::uint32_t>(parts.size()),
                                                static_cast<std::uint32_t>(districts.size())},
                                               limits),
                       std::move(parts),
                       std::move(districts),
                       {},
                       {}});
    return town;
}

void fill_town(StatisticsTown& town, const PendingSource& pending,
               const std::vector<const PendingIncident*>& incidents, std::int64_t& skipped) {
    std::unordered_map<std::int64_t, std::int32_t> part_slots, district_slots;
    for (std::size_t i = 0; i < town.city_part_ids.size(); ++i) {
        part_slots[town.city_part_ids[i]] = static_cast<std::int32_t>(i);
    }
    for (std::size_t i = 0; i < town.district_ids.size(); ++i) {
        district_slots[town.district_ids[i]] = static_cast<std::int32_t>(i);
    }
    const auto first = analytics::cube_time_min().time_since_epoch().count();
    const auto end = analytics::cube_time_end().time_since_epoch().count();
    town.cube.reserve(incidents.size(), incidents.size() * 2);
    for (const auto* incident : incidents) {
        if (incident->time_s < first || incident->time_s >= end) {
            ++skipped;
            continue;
        }
        analytics::IncidentRow row;
        row.id = incident->id;
        row.time = core::SysSeconds{std::chrono::seconds{incident->time_s}};
        row.position = {incident->lon_e7 / 1e7, incident->lat_e7 / 1e7};
        row.areas = {0, slot_in(part_slots, incident->city_part).value_or(analytics::no_area),
                     slot_in(district_slots, incident->district).value_or(analytics::no_area)};
        const std::size_t count =
            std::min<std::size_t>(incident->types_end - incident->types_begin, 16);
        row.type_ids = std::span(pending.types).subspan(incident->types_begin, count);
        town.cube.add(row);
        const auto month = static_cast<std::int32_t>(analytics::local_keys(row.time).month);
        town.first_month = std::min(town.first_month.value_or(month), month);
        town.last_month = std::max(town.last_month.value_or(month), month);
    }
}

}  // namespace

const StatisticsSource* StatisticsSnapshot::find_source(std::string_view name) const {
    for (const auto& source : sources) {
        if (source.name == name) return &source;
    }
    return nullptr;
}

const core::Municipality* StatisticsSnapshot::find_town(std::int64_t code) const {
    for (const auto& town : towns) {
        if (town.code == code) return &town;
    }
    return nullptr;
}

std::vector<const core::AreaInfo*> town_areas(const AreaCatalog& catalog, std::int64_t code,
                                              std::string_view layer) {
    std::vector<const core::AreaInfo*> areas;
    const auto* found = catalog.find_layer(layer);
    if (!found) return areas;
    for (const auto& area : found->areas) {
        if (area.municipality_code == code) areas.push_back(&area);
    }
    return areas;
}

std::shared_ptr<const StatisticsSnapshot> build_statistics_snapshot(
    store::Store& store, std::shared_ptr<const AreaCatalog> catalog, std::int64_t crime_version) {
    auto snapshot = std::make_shared<StatisticsSnapshot>();
    snapshot->crime_version = crime_version;
    snapshot->catalog_version = catalog->version();
    snapshot->catalog = catalog;
    snapshot->towns = store.municipalities();
    std::sort(snapshot->towns.begin(), snapshot->towns.end(),
              [](const auto& a, const auto& b) { return a.code < b.code; });

    std::map<std::string, PendingSource> pending;
    for (const auto& name : store.crime_sources()) pending[name];
    store.for_each_incident([&](const store::StoredIncident& stored) {
        auto& source = pending[stored.source];
        ++source.count;
        const auto& incident = stored.incident;
        const auto time = utc_seconds(incident.occurred_at);
        if (!incident.municipality_code || !time) return;
        PendingIncident row{stored.id,
                            *time,
                            static_cast<std::int32_t>(incident.lon_e7),
                            static_cast<std::int32_t>(incident.lat_e7),
                            *incident.municipality_code,
                            incident.city_part_id,
                            incident.district_id,
                            static_cast<std::uint32_t>(source.types.size()),
                            0};
        for (const auto type : incident.types) {
            if (type < 0 || type > INT32_MAX) continue;
            source.types.push_back(static_cast<std::int32_t>(type));
            source.type_ids.insert(static_cast<std::int32_t>(type));
        }
        row.types_end = static_cast<std::uint32_t>(source.types.size());
        if (row.types_end > row.types_begin) source.incidents.push_back(row);
    });

    for (auto& [name, source] : pending) {
        StatisticsSource built;
        built.name = name;
        built.incidents = source.count;
        const auto types = category_types(store, name, source.type_ids, built.categories);
        std::map<std::int64_t, std::vector<const PendingIncident*>> by_town;
        for (const auto& town : snapshot->towns) by_town[town.code];
        for (const auto& incident : source.incidents) by_town[incident.town].push_back(&incident);
        for (const auto& [code, incidents] : by_town) {
            auto town = empty_town(*catalog, code, types);
            fill_town(*town, source, incidents, snapshot->skipped);
            built.towns.emplace(code, std::move(town));
        }
        snapshot->sources.push_back(std::move(built));
    }
    return snapshot;
}

}  // namespace okrsek::service
