#pragma once

#include <filesystem>

#include "service/platform.hpp"

namespace okrsek::service {

/// Gives the demo town (Praha) address points to search: the 100 real addresses of Prague's
/// municipal-police stations (data/demo/praha-sluzebny-mestske-policie-100.geojson: street,
/// number, cadastral area, position), written as a RÚIAN CSV of the 2020 header generation and
/// imported like any other file, so the demo exercises the real import. The station list gives
/// one number per address and no postcode, so each point has that number as its house number
/// and no postcode; the codes (900 000 000 + the station's OBJECTID) are not RÚIAN codes. City
/// parts come from the demo's city_parts layer. A re-run replaces them with the same points.
AddressImportReport import_demo_addresses(Platform& platform,
                                          const std::filesystem::path& data_dir);

}  // namespace okrsek::service
