#include "service/areas/area_profiles.hpp"

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "core/error.hpp"

namespace okrsek::service {
namespace {

using core::Error;
using core::ErrorCode;
namespace sec = security;

constexpr std::string_view profile_source = "profile";
constexpr std::string_view layer_source = "layer";

std::optional<double> population_value(const nlohmann::json& value) {
    double number = -1.0;
    if (value.is_number()) {
        number = value.get<double>();
    } else if (value.is_string()) {
        const auto& text = value.get_ref<const std::string&>();
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
        if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    }
    if (!std::isfinite(number) || number < 0.0) return std::nullopt;
    return number;
}

AreaProfile resolved(const core::AreaInfo& area, const store::StoredAreaProfile* stored) {
    AreaProfile profile;
    profile.area_id = area.id;
    if (stored && stored->population) {
        profile.population = static_cast<double>(*stored->population);
        profile.population_source = profile_source;
    } else if (const auto from_layer = layer_population(area)) {
        profile.population = from_layer;
        profile.population_source = layer_source;
    }
    if (stored) {
        profile.amenities = stored->amenities;
        profile.prevention_workers = stored->prevention_workers;
    }
    return profile;
}

std::optional<std::int64_t> whole_population(std::optional<double> population) {
    if (!population) return std::nullopt;
    const double value = *population;
    if (!std::isfinite(value) || value < 0.0 ||
        value > static_cast<double>(store::max_area_population) || std::floor(value) != value) {
        throw Error(ErrorCode::invalid_argument, "population is a whole number 0 to 100000000",
                    "population");
    }
    return static_cast<std::int64_t>(value);
}

// What the audit row keeps: the members the edit set and their new values (counts of
// amenities and workers, no personal data).
std::string edit_details(const store::AreaProfileChange& change, const core::AreaInfo& area) {
    nlohmann::json details = {{"layer", area.layer}};
    if (change.population) {
        details["population"] =
            *change.population ? nlohmann::json(**change.population) : nlohmann::json(nullptr);
    }
    if (change.amenities) details["amenities"] = *change.amenities;
    if (change.prevention_workers) details["prevention_workers"] = *change.prevention_workers;
    return details.dump();
}

}  // namespace

std::optional<double> layer_population(const core::AreaInfo& area) {
    const auto properties = nlohmann::json::parse(area.properties_json, nullptr, false);
    if (!properties.is_object()) return std::nullopt;
    for (const char* key : {"obyvatel", "population"}) {
        const auto found = properties.find(key);
        if (found == properties.end()) continue;
        if (const auto value = population_value(*found)) return value;
    }
    return std::nullopt;
}

AreaProfiles::AreaProfiles(store::Store& store, const security::Clock& clock,
                           std::function<std::shared_ptr<const AreaCatalog>()> catalog,
                           AccountAdmin& accounts)
    : m_store(store), m_clock(clock), m_catalog(std::move(catalog)), m_accounts(accounts) {}

std::vector<AreaProfile> AreaProfiles::of_layer(const AreaCatalog& catalog,
                                                std::int64_t municipality_code,
                                                std::string_view layer) const {
    std::vector<AreaProfile> profiles;
    const CatalogLayer* found = catalog.find_layer(layer);
    if (!found) return profiles;
    const auto stored = m_store.area_profiles();
    std::unordered_map<std::int64_t, const store::StoredAreaProfile*> by_area;
    for (const auto& profile : stored) by_area.emplace(profile.area_id, &profile);
    for (const auto& area : found->areas) {
        if (area.municipality_code != municipality_code) continue;
        const auto hit = by_area.find(area.id);
        profiles.push_back(resolved(area, hit == by_area.end() ? nullptr : hit->second));
    }
    return profiles;
}

AreaProfile AreaProfiles::of_area(const AreaCatalog& catalog, std::int64_t area_id) const {
    const auto area = catalog.find_area(area_id);
    if (!area) throw Error(ErrorCode::not_found, "no area " + std::to_string(area_id), "id");
    const auto stored = m_store.area_profile(area_id);
    return resolved(area->info(), stored ? &*stored : nullptr);
}

AreaProfile AreaProfiles::edit(const Principal& actor, std::int64_t area_id,
                               const AreaProfileEdit& edit) {
    const auto catalog = m_catalog();
    const auto area = catalog->find_area(area_id);
    if (!area) throw Error(ErrorCode::not_found, "no area " + std::to_string(area_id), "id");
    const core::AreaInfo& info = area->info();
    sec::Target target = sec::Target::municipality(info.municipality_code);
    if (info.layer == "districts") {
        target = m_accounts.target_of(sec::Scope::district(area_id));
    } else if (info.layer == "city_parts") {
        target = m_accounts.target_of(sec::Scope::city_part(area_id));
    }
    m_accounts.require(actor, sec::Action::area_profiles_edit, target);

    store::AreaProfileChange change;
    change.area_id = area_id;
    if (edit.population) change.population = whole_population(*edit.population);
    change.amenities = edit.amenities;
    change.prevention_workers = edit.prevention_workers;
    if (actor.is_user()) change.updated_by = actor.id;
    store::check_area_profile_change(change);

    store::AuditEntry audit = actor.audit("area_profile.update", "area", std::to_string(area_id));
    audit.municipality_code = info.municipality_code;
    audit.details_json = edit_details(change, info);
    const auto stored = m_store.change_area_profile(change, audit, m_clock.now());
    return resolved(info, &stored);
}

}  // namespace okrsek::service
