#pragma once

#include <filesystem>
#include <vector>

#include "service/directory/demo_directory.hpp"
#include "service/platform.hpp"

namespace okrsek::service {

/// The RÚIAN code and name of the demo town.
inline constexpr std::int64_t demo_town_code = 554782;
inline constexpr std::string_view demo_town_name = "Praha";

/// Loads the demo town (Praha) from `data_dir` (the repository's data/demo): the municipalities
/// layer (Praha's outline, dissolved from its city parts), city_parts and districts, then the
/// district directory (service/directory/demo_directory.hpp: the real municipal-police
/// stations, invented district teams; its report goes to `directory` when given), the agenda and
/// the stations' addresses (service/demo_addresses.hpp). The crime data and area profiles are
/// separate (service/demo_crime.hpp: `okrsek demo` runs both). Re-running it on the same data
/// changes nothing and takes a moment. Returns one report per layer.
/// Throws core::Error naming a missing or bad file.
std::vector<ImportReport> build_demo_town(Platform& platform, const std::filesystem::path& data_dir,
                                          DemoDirectoryReport* directory = nullptr);

}  // namespace okrsek::service
