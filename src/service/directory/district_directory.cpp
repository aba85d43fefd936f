// DistrictDirectory: construction, the shared helpers (districts, targets, default seeding) and
// the public reading of cards and teams.
#include "service/directory/district_directory.hpp"

#include <algorithm>
#include <map>

#include "core/error.hpp"
#include "service/auth/area_targets.hpp"
#include "service/directory/district_geometry.hpp"
#include "service/directory/team_defaults.hpp"

namespace okrsek::service {

using core::Error;
using core::ErrorCode;
namespace sec = security;

namespace {

AreaBrief brief_of(const core::AreaInfo& info) {
    return {info.id, info.code, info.name};
}

}  // namespace

DistrictDirectory::DistrictDirectory(store::Store& store, const security::Clock& clock,
                                     CatalogSource catalog, AccountAdmin& accounts)
    : m_store(store), m_clock(clock), m_catalog(std::move(catalog)), m_accounts(accounts) {}

DistrictDirectory::~DistrictDirectory() = default;

AreaRef DistrictDirectory::district(const AreaCatalog& catalog, std::int64_t district_id,
                                    std::string_view field) const {
    const auto area = catalog.find_area(district_id);
    if (!area || area->layer->info.name != district_layer) {
        throw Error(ErrorCode::not_found, "no district " + std::to_string(district_id),
                    std::string(field));
    }
    return *area;
}

void DistrictDirectory::require_town(std::int64_t municipality_code) {
    {
        std::lock_guard lock(m_seeded_mutex);
        if (m_seeded.contains(municipality_code)) return;
    }
    const auto towns = m_store.municipalities();
    if (std::none_of(towns.begin(), towns.end(), [&](const core::Municipality& town) {
            return town.code == municipality_code;
        })) {
        throw Error(ErrorCode::not_found, "no municipality " + std::to_string(municipality_code),
                    "municipality");
    }
}

void DistrictDirectory::ensure_defaults(std::int64_t municipality_code) {
    {
        std::lock_guard lock(m_seeded_mutex);
        if (m_seeded.contains(municipality_code)) return;
    }
    // Seeding is the system's act, not the caller's: a citizen's first look at a card may be
    // what triggers it.
    const store::AuditEntry system{};
    if (m_store.team_roles(municipality_code, true).empty()) {
        m_store.seed_team_roles(municipality_code, default_team_roles(), now(), system);
    }
    if (m_store.place_kinds(municipality_code).empty()) {
        m_store.seed_place_kinds(municipality_code, default_place_kinds(), now(), system);
    }
    std::lock_guard lock(m_seeded_mutex);
    m_seeded.insert(municipality_code);
}

sec::Target DistrictDirectory::district_target(std::int64_t district_id) const {
    const auto snapshot = catalog();
    district(*snapshot, district_id, "district");
    return target_of_scope(*snapshot, sec::Scope::district(district_id));
}

std::vector<TeamSeat> DistrictDirectory::seats(std::int64_t municipality_code,
                                               std::int64_t district_id) {
    const auto roles = m_store.team_roles(municipality_code, false);
    std::map<std::int64_t, TeamSeat> by_role;
    for (const auto& role : roles) by_role[role.id].role = role;
    for (const auto& position : m_store.district_positions(district_id)) {
        const auto found = by_role.find(position.role_id);
        if (found != by_role.end()) found->second.contact = {position.email, position.phone};
    }
    for (auto& holder : m_store.district_holders(district_id, false)) {
        const auto found = by_role.find(holder.role_id);
        if (found != by_role.end()) found->second.holder = std::move(holder);
    }
    std::vector<TeamSeat> team;
    for (const auto& role : roles) team.push_back(std::move(by_role[role.id]));
    return team;
}

std::vector<TeamSeat> DistrictDirectory::team(std::int64_t district_id) {
    const auto snapshot = catalog();
    const AreaRef area = district(*snapshot, district_id, "id");
    const std::int64_t town = area.info().municipality_code;
    ensure_defaults(town);
    return seats(town, district_id);
}

DistrictCard DistrictDirectory::card(std::int64_t district_id) {
    const auto snapshot = catalog();
    const AreaRef area = district(*snapshot, district_id, "id");
    const std::int64_t town = area.info().municipality_code;
    ensure_defaults(town);

    DistrictCard card;
    card.district = brief_of(area.info());
    card.town.code = town;
    for (const auto& municipality : m_store.municipalities()) {
        if (municipality.code == town) card.town.name = municipality.name;
    }
    const sec::Target target = target_of_scope(*snapshot, sec::Scope::district(district_id));
    if (target.city_part_id) {
        if (const auto part = snapshot->find_area(*target.city_part_id)) {
            card.city_part = brief_of(part->info());
        }
    }
    card.center = interior_point(*snapshot, area);
    card.team = seats(town, district_id);

    store::PlaceFilter filter;
    filter.municipality_code = town;
    filter.limit = max_map_places;
    std::vector<PlaceView> all = views_of(*snapshot, m_store.places(filter), town);
    for (auto& view : all) view.distance_m = distance_m(card.center, view.place.fields.position);
    card.places.limit = card_places;
    for (const auto& view : all) {
        if (view.district_id != district_id) continue;
        if (card.places.places.size() < card_places) card.places.places.push_back(view);
        ++card.places.total;
    }
    std::vector<PlaceView> stations;
    for (auto& view : all) {
        if (view.kind.station) stations.push_back(std::move(view));
    }
    const std::size_t count = std::min(card_nearest_stations, stations.size());
    std::partial_sort(
        stations.begin(), stations.begin() + static_cast<std::ptrdiff_t>(count), stations.end(),
        [](const PlaceView& a, const PlaceView& b) { return *a.distance_m < *b.distance_m; });
    stations.resize(count);
    card.nearest_stations = std::move(stations);
    return card;
}

std::vector<store::TeamRole> DistrictDirectory::team_roles(std::int64_t municipality_code,
                                                           bool include_retired) {
    require_town(municipality_code);
    ensure_defaults(municipality_code);
    return m_store.team_roles(municipality_code, include_retired);
}

std::vector<store::PlaceKind> DistrictDirectory::place_kinds(std::int64_t municipality_code) {
    require_town(municipality_code);
    ensure_defaults(municipality_code);
    return m_store.place_kinds(municipality_code);
}

std::vector<EditableDistrict> DistrictDirectory::editable_districts(
    const Principal& principal, std::optional<std::int64_t> municipality_code) {
    if (principal.kind == Principal::Kind::token) {
        throw Error(ErrorCode::forbidden, "machine tokens cannot edit district teams");
    }
    std::vector<EditableDistrict> result;
    if (!m_accounts.allowed_somewhere(principal, sec::Action::district_card_edit)) return result;
    const auto snapshot = catalog();
    const CatalogLayer* layer = snapshot->find_layer(district_layer);
    if (!layer) return result;
    for (const auto& info : layer->areas) {
        if (municipality_code && info.municipality_code != *municipality_code) continue;
        const sec::Target target = target_of_scope(*snapshot, sec::Scope::district(info.id));
        if (!m_accounts.allowed(principal, sec::Action::district_card_edit, target)) continue;
        EditableDistrict entry;
        entry.appoint = m_accounts.allowed(principal, sec::Action::district_team_edit, target);
        entry.district = brief_of(info);
        entry.municipality_code = info.municipality_code;
        if (target.city_part_id) {
            if (const auto part = snapshot->find_area(*target.city_part_id)) {
                entry.city_part = brief_of(part->info());
            }
        }
        result.push_back(std::move(entry));
    }
    return result;
}

}  // namespace okrsek::service
