#pragma once

// The demo town's crime data and area profiles (issue 7). See docs/crime-data.md ("The demo
// town's data").

#include <cstdint>
#include <filesystem>
#include <string_view>

#include "service/platform.hpp"

namespace okrsek::service {

/// The one source of the demo's incidents: the generated ones and the real Policie ČR sample
/// records that lie in Praha (so that the statistics' default source is this one).
inline constexpr std::string_view demo_crime_source = "demo";
/// Generated incidents: a fixed seed, spread over the 24 whole months before the current one.
inline constexpr std::size_t demo_generated_incidents = 20000;
inline constexpr std::uint64_t demo_crime_seed = 20261123;

struct DemoCrimeReport {
    bool skipped = false;  ///< the source had incidents already: nothing was imported
    std::uint64_t sample_incidents = 0;
    std::uint64_t generated_incidents = 0;
    std::size_t profiles = 0;  ///< area profiles written now
};

/// The generated incidents as a Policie ČR CSV (header `id,x,y,mp,date,state,relevance,types`),
/// ids "demo-000001"…: `count` incidents of the town's catalog areas (points outside the town
/// are drawn again), in the 24 whole months before `now`'s Prague month. Same seed, catalog
/// and month: same text.
std::string generate_demo_incidents_csv(const AreaCatalog& catalog, std::int64_t town_code,
                                        std::size_t count, std::uint64_t seed,
                                        std::chrono::system_clock::time_point now);

/// Imports the demo's type list (`data_dir`/crime/types.csv), the real sample
/// (`data_dir`/crime/policie-sample-praha.csv) and the generated incidents under
/// demo_crime_source, unless it has incidents already; then sets demo profiles (population,
/// amenities, prevention workers) of a few districts and of the town where none are set.
/// Needs the town's layers loaded. Throws core::Error naming a missing or bad file.
DemoCrimeReport build_demo_crime(Platform& platform, const std::filesystem::path& data_dir,
                                 std::int64_t town_code);

}  // namespace okrsek::service
