// An area's profile for the back office: parse the body strictly (unknown members are
// refused), call the service, answer the profile as resolved.
#include "http/area_profile_handlers.hpp"

#include <cmath>

#include "core/error.hpp"
#include "http/admin_route.hpp"

namespace okrsek::http {
namespace {

using boost::beast::http::verb;
using core::Error;
using core::ErrorCode;
using nlohmann::json;

using Counts = std::map<std::string, std::int64_t>;

std::optional<Counts> counts_member(const json& body, const std::string& name) {
    const auto found = body.find(name);
    if (found == body.end()) return std::nullopt;
    if (!found->is_object()) {
        throw Error(ErrorCode::invalid_argument, name + " must be an object of counts", name);
    }
    // Checked before the map is built, so a huge object fails early; the service checks
    // keys and values again.
    if (found->size() > service::max_profile_keys) {
        throw Error(ErrorCode::invalid_argument,
                    name + " has at most " + std::to_string(service::max_profile_keys) + " keys",
                    name);
    }
    Counts counts;
    for (const auto& [key, value] : found->items()) {
        if (!value.is_number_integer()) {
            throw Error(ErrorCode::invalid_argument, "a count is a whole number",
                        key.size() <= 40 ? name + "." + key : name);
        }
        counts[key] = value.get<std::int64_t>();
    }
    return counts;
}

service::AreaProfileEdit profile_edit(const json& body) {
    for (const auto& [name, value] : body.items()) {
        if (name != "population" && name != "amenities" && name != "prevention_workers") {
            throw Error(ErrorCode::invalid_argument, "unknown member " + name.substr(0, 60),
                        name.substr(0, 60));
        }
    }
    service::AreaProfileEdit edit;
    if (const auto found = body.find("population"); found != body.end()) {
        if (found->is_null()) {
            edit.population = std::optional<double>();
        } else if (found->is_number()) {
            edit.population = std::optional<double>(found->get<double>());
        } else {
            throw Error(ErrorCode::invalid_argument, "population must be a number or null",
                        "population");
        }
    }
    edit.amenities = counts_member(body, "amenities");
    edit.prevention_workers = counts_member(body, "prevention_workers");
    return edit;
}

json population_json(const std::optional<double>& population) {
    if (!population) return nullptr;
    const double value = *population;
    if (std::floor(value) == value && std::abs(value) < 9.0e15) {
        return static_cast<std::int64_t>(value);
    }
    return value;
}

Response profile_answer(const AdminCall& call, const service::AreaProfile& profile) {
    const auto catalog = call.platform().catalog();
    const auto area = catalog->find_area(profile.area_id);
    if (!area) throw Error(ErrorCode::not_found, "no area", "id");
    const core::AreaInfo& info = area->info();
    json body = {
        {"area",
         {{"id", info.id},
          {"layer", info.layer},
          {"municipality_code", info.municipality_code},
          {"code", info.code},
          {"name", info.name}}},
        {"population", population_json(profile.population)},
        {"population_source",
         profile.population_source.empty() ? json(nullptr) : json(profile.population_source)},
        {"layer_population", population_json(service::layer_population(info))},
        {"amenities", profile.amenities},
        {"prevention_workers", profile.prevention_workers},
    };
    return json_answer(body);
}

Response get_profile(const AdminCall& call) {
    const auto catalog = call.platform().catalog();
    return profile_answer(call, call.platform().area_profiles().of_area(*catalog, call.id()));
}

Response put_profile(const AdminCall& call) {
    const auto edit = profile_edit(call.body());
    return profile_answer(call,
                          call.platform().area_profiles().edit(call.principal(), call.id(), edit));
}

}  // namespace

void add_area_profile_routes(Router& router, service::Platform& platform) {
    const AdminRoutes routes(router, platform);
    routes.add(verb::get, "/api/v1/admin/areas/{id}/profile", get_profile);
    routes.add(verb::put, "/api/v1/admin/areas/{id}/profile", put_profile);
}

}  // namespace okrsek::http
