#pragma once

// Stored area profiles (issue 7): the population, amenities and prevention workers staff set
// for an area. Resolution against the layers' own properties: service/areas/area_profiles.hpp.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/accounts.hpp"
#include "store/sql_runner.hpp"

namespace okrsek::store {

/// Limits of a stored profile.
inline constexpr std::size_t max_area_profile_keys = 30;        ///< per map
inline constexpr std::size_t max_area_profile_key_length = 40;  ///< keys: [a-z_]{1,40}
inline constexpr std::int64_t max_area_profile_value = 1'000'000;
inline constexpr std::int64_t max_area_population = 100'000'000;

using ProfileCounts = std::map<std::string, std::int64_t>;

struct StoredAreaProfile {
    std::int64_t area_id = 0;
    std::optional<std::int64_t> population{};
    ProfileCounts amenities{};
    ProfileCounts prevention_workers{};
    TimePoint updated_at{};
    std::optional<std::int64_t> updated_by{};  ///< user id; none for the command line
};

/// What an edit changes; members left empty stay as stored.
struct AreaProfileChange {
    std::int64_t area_id = 0;
    std::optional<std::optional<std::int64_t>> population{};  ///< null: remove the value
    std::optional<ProfileCounts> amenities{};
    std::optional<ProfileCounts> prevention_workers{};
    std::optional<std::int64_t> updated_by{};
};

/// Throws invalid_argument naming the field ("population", "amenities.KEY",
/// "prevention_workers"…) unless the change keeps to the limits above.
void check_area_profile_change(const AreaProfileChange& change);

class AreaProfileStore {
public:
    virtual ~AreaProfileStore() = default;

    /// The stored profile of an area, if staff ever edited it.
    std::optional<StoredAreaProfile> area_profile(std::int64_t area_id);
    /// Every stored profile, by area id (one row per edited area: small).
    std::vector<StoredAreaProfile> area_profiles();

    /// In one transaction: applies `change` to the stored profile (creating it), appends
    /// `audit` and returns the profile as stored. Throws invalid_argument (check_…).
    StoredAreaProfile change_area_profile(const AreaProfileChange& change, const AuditEntry& audit,
                                          TimePoint now);

protected:
    // The engine's ways to run SQL (see AccountStore).
    virtual void run_write(const std::function<void(SqlRunner&)>& work) = 0;
    virtual void run_read(const std::function<void(SqlRunner&)>& work) = 0;
    virtual void run_snapshot(const std::function<void(SqlRunner&)>& work) = 0;
};

}  // namespace okrsek::store
