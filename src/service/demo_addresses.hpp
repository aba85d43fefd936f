#pragma once

#include <filesystem>
#include <optional>

#include "service/platform.hpp"

namespace okrsek::service {

/// Gives the demo town (Praha) address points to search: the 100 real addresses of Prague's
/// municipal-police stations (data/demo/praha-sluzebny-mestske-policie-100.geojson: street,
/// number, cadastral area, position), written as a RÚIAN CSV of the 2020 header generation and
/// imported like any other file, so the demo exercises the real import. The station list gives
/// one number per address and no postcode, so each point has that number as its house number
/// and no postcode; the codes (900 000 000 + the station's OBJECTID) are not RÚIAN codes. City
/// parts come from the demo's city_parts layer. When the town's stored points are already these
/// (AddressBook::import_unchanged), nothing is imported and the result is empty: a re-run
/// writes no address, import record or audit row.
std::optional<AddressImportReport> import_demo_addresses(Platform& platform,
                                                         const std::filesystem::path& data_dir);

}  // namespace okrsek::service
