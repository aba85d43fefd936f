// Routing of a report: the position decides the town, city part and district; the category's
// role decides who in the district owns it (docs/reports.md "Routing").
#include <cmath>

#include "core/error.hpp"
#include "core/lon_lat.hpp"
#include "service/area_import.hpp"
#include "service/auth/area_targets.hpp"
#include "service/reports/report_impl.hpp"

namespace okrsek::service::reports {

using core::Error;
using core::ErrorCode;

Placement ReportCore::place(double lon, double lat) const {
    if (!std::isfinite(lon) || lon < -180.0 || lon > 180.0) {
        throw Error(ErrorCode::invalid_argument, "lon must be a number from -180 to 180", "lon");
    }
    if (!std::isfinite(lat) || lat < -90.0 || lat > 90.0) {
        throw Error(ErrorCode::invalid_argument, "lat must be a number from -90 to 90", "lat");
    }
    const auto snapshot = catalog();
    std::vector<AreaRef> hits;
    snapshot->lookup(core::LonLat{lon, lat}, hits);
    Placement placement;
    std::optional<std::int64_t> town;
    for (const auto& hit : hits) {
        const auto& name = hit.layer->info.name;
        const auto& info = hit.info();
        if (name == municipalities_layer) {
            town = info.municipality_code;
        } else if (name == district_layer) {
            placement.district_id = info.id;
            placement.district_name = info.name;
            if (!town) town = info.municipality_code;
        } else if (name == city_part_layer) {
            placement.city_part_id = info.id;
            if (!town) town = info.municipality_code;
        }
    }
    if (!town) {
        throw Error(ErrorCode::invalid_argument, "the place lies outside every town served here",
                    "lon");
    }
    placement.municipality_code = *town;
    return placement;
}

Owner ReportCore::owner_of(std::int64_t municipality_code, std::optional<std::int64_t> district_id,
                           std::string_view role_code) {
    Owner owner;
    if (!district_id || role_code.empty()) return owner;
    std::optional<std::int64_t> role_id;
    for (const auto& role : store.team_roles(municipality_code, false)) {
        if (role.code == role_code) role_id = role.id;
    }
    if (!role_id) return owner;
    for (const auto& holder : store.district_holders(*district_id, false)) {
        if (holder.role_id != *role_id || !holder.current()) continue;
        owner.role_code = std::string(role_code);
        owner.holder_id = holder.id;
        owner.user_id = holder.profile.user_id;
        owner.name = holder.profile.name;
        break;
    }
    return owner;
}

store::ReportRouting ReportCore::route(double lon, double lat, std::string address_text,
                                       const store::ReportCategory& category) {
    const Placement placement = place(lon, lat);
    if (category.municipality_code != placement.municipality_code) {
        throw Error(ErrorCode::invalid_argument,
                    "category '" + category.code + "' is not one of the town at this place",
                    "category");
    }
    const Owner owner =
        owner_of(placement.municipality_code, placement.district_id, category.owner_role_code);
    store::ReportRouting routing;
    routing.municipality_code = placement.municipality_code;
    routing.city_part_id = placement.city_part_id;
    routing.district_id = placement.district_id;
    routing.category_id = category.id;
    routing.lon_e7 = std::llround(lon * 1e7);
    routing.lat_e7 = std::llround(lat * 1e7);
    routing.address_text = std::move(address_text);
    if (owner.holder_id) {
        routing.owner_role_code = owner.role_code;
        routing.owner_holder_id = owner.holder_id;
        routing.owner_user_id = owner.user_id;
    }
    return routing;
}

}  // namespace okrsek::service::reports
