#pragma once

// Area profiles (issue 7): an area's population, amenities and prevention workers, the
// denominators and context of the statistics pages. Contract: docs/http-api.md ("Area profiles").

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "service/area_catalog.hpp"
#include "service/auth/account_admin.hpp"
#include "service/auth/principal.hpp"
#include "service/security/clock.hpp"
#include "store/store.hpp"

namespace okrsek::service {

/// Limits of an edit (store/area_profiles.hpp): keys [a-z_]{1,40}, at most 30 per map, counts
/// 0 to 1,000,000, population 0 to 100,000,000 (a whole number).
inline constexpr std::size_t max_profile_keys = store::max_area_profile_keys;
inline constexpr std::int64_t max_profile_value = store::max_area_profile_value;

struct AreaProfile {
    std::int64_t area_id = 0;
    std::optional<double> population{};
    /// "profile" (edited), "layer" (area property obyvatel/population), "" (unknown)
    std::string population_source{};
    std::map<std::string, std::int64_t> amenities{};
    std::map<std::string, std::int64_t> prevention_workers{};
};

struct AreaProfileEdit {
    std::optional<std::optional<double>> population{};  ///< absent: unchanged; null: remove
    std::optional<std::map<std::string, std::int64_t>> amenities{};
    std::optional<std::map<std::string, std::int64_t>> prevention_workers{};
};

/// The population an area's layer properties give: "obyvatel" or else "population", a number
/// (or numeric text) of at least 0; none otherwise.
std::optional<double> layer_population(const core::AreaInfo& area);

/// The profiles of a Platform. Thread-safe.
class AreaProfiles {  // Platform::area_profiles()
public:
    AreaProfiles(store::Store& store, const security::Clock& clock,
                 std::function<std::shared_ptr<const AreaCatalog>()> catalog,
                 AccountAdmin& accounts);

    /// Every area of `layer` ("city_parts", "districts", "municipalities") of the town in the
    /// catalog, in slot order; empty for a layer the catalog lacks or a town without areas in
    /// it.
    std::vector<AreaProfile> of_layer(const AreaCatalog& catalog, std::int64_t municipality_code,
                                      std::string_view layer) const;
    /// Throws not_found (field "id") for an area the catalog lacks.
    AreaProfile of_area(const AreaCatalog& catalog, std::int64_t area_id) const;
    /// Applies an edit: needs area_profiles.edit on the area as the catalog places it (its town;
    /// a district also in its city part), audited in the same transaction
    /// ("area_profile.update"). Throws not_found (field "id"), forbidden, unauthenticated,
    /// invalid_argument naming the field ("population", "amenities", "prevention_workers.KEY").
    /// Returns the profile after the edit.
    AreaProfile edit(const Principal& actor, std::int64_t area_id, const AreaProfileEdit& edit);

private:
    store::Store& m_store;
    const security::Clock& m_clock;
    std::function<std::shared_ptr<const AreaCatalog>()> m_catalog;
    AccountAdmin& m_accounts;
};

}  // namespace okrsek::service
