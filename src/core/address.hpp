#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/lon_lat.hpp"

namespace okrsek::core {

/// One address point (RÚIAN "adresní místo") as okrsek keeps it. Text is UTF-8.
struct AddressPoint {
    std::int64_t code = 0;                ///< RÚIAN "Kód ADM", unique nationwide
    std::int64_t municipality_code = 0;   ///< "Kód obce"
    std::string municipality_name{};      ///< "Název obce"
    std::int64_t city_part_code = 0;      ///< "Kód MOMC" (city part of a statutory town); 0: none
    std::string city_part_name{};         ///< "Název MOMC"
    std::string part_name{};              ///< "Název části obce" (e.g. "Vinohrady")
    std::string street{};                 ///< "Název ulice"; empty where the town has no streets
    bool evidence_number = false;         ///< "Typ SO" č.ev. (temporary building) instead of č.p.
    std::int32_t house_number = 0;        ///< "Číslo domovní"
    std::int32_t orientation_number = 0;  ///< "Číslo orientační"; 0: none
    std::string orientation_letter{};     ///< "Znak čísla orientačního", e.g. "a"; empty: none
    std::int32_t postcode = 0;            ///< "PSČ", e.g. 12000
    std::optional<LonLat> position{};     ///< WGS 84; none when RÚIAN gives no point
};

}  // namespace okrsek::core
