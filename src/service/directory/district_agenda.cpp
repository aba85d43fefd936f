// DistrictAgenda: public reading, and where objects lie for the permission checks.
#include "service/directory/district_agenda.hpp"

#include "core/error.hpp"
#include "service/auth/area_targets.hpp"

namespace okrsek::service {
namespace {

using core::Error;
using core::ErrorCode;
namespace sec = security;

void check_page(const AgendaPage& page) {
    if (page.limit < 1 || page.limit > max_agenda_page) {
        throw Error(ErrorCode::invalid_argument,
                    "limit must be from 1 to " + std::to_string(max_agenda_page), "limit");
    }
    if (page.offset > max_agenda_offset) {
        throw Error(ErrorCode::invalid_argument,
                    "offset must be at most " + std::to_string(max_agenda_offset), "offset");
    }
}

}  // namespace

DistrictAgenda::DistrictAgenda(store::Store& store, const security::Clock& clock,
                               CatalogSource catalog, AccountAdmin& accounts)
    : m_store(store), m_clock(clock), m_catalog(std::move(catalog)), m_accounts(accounts) {}

DistrictAgenda::~DistrictAgenda() = default;

std::optional<DistrictAgenda::DistrictInfo> DistrictAgenda::find_district(
    std::int64_t district_id) const {
    const auto catalog = m_catalog();
    const auto area = catalog->find_area(district_id);
    if (!area || area->layer->info.name != district_layer) return std::nullopt;
    const auto& info = area->info();
    return DistrictInfo{info.id, info.code, info.name, info.municipality_code};
}

std::optional<std::string> DistrictAgenda::town_name(std::int64_t town_code) const {
    for (const auto& town : m_store.municipalities()) {
        if (town.code == town_code) return town.name;
    }
    return std::nullopt;
}

std::int64_t DistrictAgenda::town_priority_count(std::int64_t town_code) const {
    return m_store.list_priorities({.municipality_code = town_code, .limit = 1}).total;
}

DistrictAgenda::DistrictInfo DistrictAgenda::require_district(std::int64_t district_id) const {
    auto district = find_district(district_id);
    if (!district) {
        throw Error(ErrorCode::not_found, "no district " + std::to_string(district_id), "district");
    }
    return std::move(*district);
}

std::string DistrictAgenda::require_town(std::int64_t town_code) const {
    auto name = town_name(town_code);
    if (!name) throw Error(ErrorCode::not_found, "no town " + std::to_string(town_code), "town");
    return std::move(*name);
}

// A district the catalog no longer knows (or that moved to another town in a re-import) falls
// back to its stored town: only town-wide staff may then edit, never a district's.
sec::Target DistrictAgenda::target_of(std::int64_t town,
                                      std::optional<std::int64_t> district) const {
    if (!district) return sec::Target::municipality(town);
    try {
        const sec::Target target = m_accounts.target_of(sec::Scope::district(*district));
        if (target.municipality_code == town) return target;
    } catch (const Error& error) {
        if (error.code() != ErrorCode::not_found) throw;
    }
    return sec::Target::municipality(town);
}

void DistrictAgenda::require_edit(const Principal& principal, std::int64_t town,
                                  std::optional<std::int64_t> district) const {
    m_accounts.require(principal, sec::Action::district_card_edit, target_of(town, district));
}

void DistrictAgenda::require_related_event(std::int64_t event_id, std::int64_t town,
                                           std::int64_t district, std::string_view field) const {
    const auto event = m_store.find_event(event_id);
    const std::string name(field);
    if (!event) {
        throw Error(ErrorCode::invalid_input, "no event " + std::to_string(event_id), name);
    }
    if (event->municipality_code != town ||
        (event->district_id && *event->district_id != district)) {
        throw Error(ErrorCode::invalid_input,
                    "event " + std::to_string(event_id) + " belongs to another district or town",
                    name);
    }
    if (event->status == store::EventStatus::cancelled) {
        throw Error(ErrorCode::invalid_input,
                    "event " + std::to_string(event_id) + " was cancelled", name);
    }
}

store::PriorityPage DistrictAgenda::district_priorities(std::int64_t district_id,
                                                        std::optional<store::PriorityStatus> status,
                                                        AgendaPage page) const {
    check_page(page);
    const DistrictInfo district = require_district(district_id);
    return m_store.list_priorities({.municipality_code = district.municipality_code,
                                    .district_id = district_id,
                                    .status = status,
                                    .limit = page.limit,
                                    .offset = page.offset});
}

store::Priority DistrictAgenda::priority(std::int64_t id) const {
    auto found = m_store.find_priority(id);
    if (!found) throw Error(ErrorCode::not_found, "no priority " + std::to_string(id), "id");
    return std::move(*found);
}

store::EventPage DistrictAgenda::district_events(std::int64_t district_id, store::EventWindow when,
                                                 AgendaPage page) const {
    check_page(page);
    const DistrictInfo district = require_district(district_id);
    return m_store.list_events({.municipality_code = district.municipality_code,
                                .district_id = district_id,
                                .include_town_wide = true,
                                .when = when,
                                .now = now(),
                                .limit = page.limit,
                                .offset = page.offset});
}

store::EventPage DistrictAgenda::town_events(std::int64_t town_code, store::EventWindow when,
                                             AgendaPage page) const {
    check_page(page);
    require_town(town_code);
    return m_store.list_events({.municipality_code = town_code,
                                .when = when,
                                .now = now(),
                                .limit = page.limit,
                                .offset = page.offset});
}

store::Event DistrictAgenda::event(std::int64_t id) const {
    auto found = m_store.find_event(id);
    if (!found) throw Error(ErrorCode::not_found, "no event " + std::to_string(id), "id");
    return std::move(*found);
}

}  // namespace okrsek::service
