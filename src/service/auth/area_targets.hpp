#pragma once

#include <memory>

#include "service/area_catalog.hpp"
#include "service/security/authorization.hpp"

namespace okrsek::service {

/// The layers whose areas role scopes name.
inline constexpr std::string_view district_layer = "districts";
inline constexpr std::string_view city_part_layer = "city_parts";

/// Where a scope lies, from the area catalog: a city part's town; a district's town and the
/// city part that holds it (found at a point inside the district; none when no city part layer
/// covers it). Throws core::Error not_found (field "scope") for an area that does not exist or
/// lies in another layer than the scope's kind names.
security::Target target_of_scope(const AreaCatalog& catalog, const security::Scope& scope);

}  // namespace okrsek::service
