#pragma once

// The demo town's district directory: the real Prague municipal-police stations and invented
// district teams.

#include <cstddef>
#include <filesystem>

#include "service/directory/place_import.hpp"

namespace okrsek::service {

class Platform;

struct DemoDirectoryReport {
    PlaceImportReport stations{};
    std::size_t holders_started = 0;  ///< seats that had no holder yet
    std::size_t contacts_set = 0;     ///< seats that had no contact yet
};

/// Imports the stations from `data_dir` and gives every district of the town `town_code` an
/// invented team (only seats still empty, so running it again changes nothing). Run after the
/// districts are loaded. Throws core::Error naming a missing or bad file.
DemoDirectoryReport build_demo_directory(Platform& platform, const std::filesystem::path& data_dir,
                                         std::int64_t town_code);

}  // namespace okrsek::service
