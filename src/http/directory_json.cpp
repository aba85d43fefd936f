#include "http/directory_json.hpp"

#include <cmath>

namespace okrsek::http {

using nlohmann::json;

namespace {

json optional_json(const std::optional<std::string>& value) {
    if (!value) return nullptr;
    return *value;
}

json optional_json(const std::optional<std::int64_t>& value) {
    if (!value) return nullptr;
    return *value;
}

json names(const std::string& cs, const std::string& en) {
    return {{"cs", cs}, {"en", en}};
}

json photo_json(const store::TeamHolder& holder) {
    if (!holder.photo_id || !holder.photo_sha256 || !holder.thumb_sha256) return nullptr;
    return {{"id", *holder.photo_id},
            {"url", photo_url(*holder.photo_id, *holder.photo_sha256)},
            {"thumbnail_url", photo_url(*holder.photo_id, *holder.thumb_sha256)}};
}

// Emergencies never wait for a district team: the card says so and names the numbers.
json emergency_json() {
    return {{"notice",
             names("V naléhavých případech, kdy jde o život, zdraví nebo majetek, volejte ihned "
                   "tísňovou linku. Okrskáři nejsou tísňová služba.",
                   "In an emergency, when life, health or property is at risk, call an emergency "
                   "number at once. District officers are not an emergency service.")},
            {"numbers", json::array({{{"number", "112"},
                                      {"name", names("Jednotné evropské číslo tísňového volání",
                                                     "European emergency number")}},
                                     {{"number", "158"}, {"name", names("Policie ČR", "Police")}},
                                     {{"number", "156"},
                                      {"name", names("Městská policie", "Municipal police")}}})}};
}

json how_to_contact_json() {
    return names(
        "S podněty, které nespěchají, se obracejte na svůj okrskový tým: napište na e-mail "
        "role nebo přijďte v úředních hodinách. Kontakt role platí i po změně v obsazení.",
        "For matters that are not urgent, contact your district team: write to the role's "
        "e-mail address or come during office hours. A role's contact stays the same when the "
        "person holding it changes.");
}

}  // namespace

std::string photo_url(std::int64_t photo_id, const std::string& sha256) {
    return "/api/v1/photos/" + std::to_string(photo_id) + "/" + sha256 + ".jpg";
}

json role_json(const store::TeamRole& role) {
    return {{"id", role.id},
            {"code", role.code},
            {"name", names(role.name_cs, role.name_en)},
            {"order", role.sort_order},
            {"retired", role.retired_at.has_value()}};
}

json contact_json(const store::Contact& contact) {
    return {{"email", optional_json(contact.email)}, {"phone", optional_json(contact.phone)}};
}

json office_hours_json(const std::vector<store::OfficeHours>& hours) {
    json list = json::array();
    for (const auto& entry : hours) {
        list.push_back({{"weekday", entry.weekday},
                        {"from", entry.from},
                        {"to", entry.to},
                        {"place", entry.place.empty() ? json(nullptr) : json(entry.place)}});
    }
    return list;
}

json public_holder_json(const store::TeamHolder& holder) {
    return {{"id", holder.id},
            {"name", holder.profile.name},
            {"photo", photo_json(holder)},
            {"bio", optional_json(holder.profile.bio)},
            {"office_hours", office_hours_json(holder.profile.office_hours)},
            {"office_hours_note", optional_json(holder.profile.office_hours_note)},
            {"contact", contact_json(holder.profile.contact)},
            {"since", holder.from_date}};
}

json staff_holder_json(const store::TeamHolder& holder) {
    json result = public_holder_json(holder);
    result["role_id"] = holder.role_id;
    result["district_id"] = holder.district_id;
    result["from"] = holder.from_date;
    result["to"] = optional_json(holder.to_date);
    result["current"] = holder.current();
    result["user_id"] = optional_json(holder.profile.user_id);
    return result;
}

json seat_json(const service::TeamSeat& seat) {
    return {{"role", role_json(seat.role)},
            {"contact", contact_json(seat.contact)},
            {"holder", seat.holder ? public_holder_json(*seat.holder) : json(nullptr)}};
}

json kind_json(const store::PlaceKind& kind) {
    return {{"id", kind.id},
            {"code", kind.code},
            {"name", names(kind.name_cs, kind.name_en)},
            {"station", kind.station}};
}

json place_json(const service::PlaceView& view) {
    const auto& fields = view.place.fields;
    json result = {{"id", view.place.id},
                   {"kind", kind_json(view.kind)},
                   {"name", fields.name},
                   {"address", optional_json(fields.address)},
                   {"opening_hours", optional_json(fields.opening_hours)},
                   {"note", optional_json(fields.note)},
                   {"position", {{"lon", fields.position.lon}, {"lat", fields.position.lat}}},
                   {"district_id", optional_json(view.district_id)}};
    if (view.distance_m) result["distance_m"] = std::lround(*view.distance_m);
    return result;
}

json brief_json(const service::AreaBrief& area) {
    return {{"id", area.id}, {"code", area.code}, {"name", area.name}};
}

json card_json(const service::DistrictCard& card) {
    json team = json::array();
    for (const auto& seat : card.team) team.push_back(seat_json(seat));
    json places = json::array();
    for (const auto& view : card.places.places) places.push_back(place_json(view));
    json stations = json::array();
    for (const auto& view : card.nearest_stations) stations.push_back(place_json(view));
    return {{"district", brief_json(card.district)},
            {"town", {{"code", card.town.code}, {"name", card.town.name}}},
            {"city_part", card.city_part ? brief_json(*card.city_part) : json(nullptr)},
            {"center", {{"lon", card.center.lon}, {"lat", card.center.lat}}},
            {"team", std::move(team)},
            {"places",
             {{"items", std::move(places)},
              {"total", card.places.total},
              {"more", card.places.total > card.places.places.size()}}},
            {"nearest_stations", std::move(stations)},
            {"how_to_contact", how_to_contact_json()},
            {"emergency", emergency_json()},
            {"safety_summary", nullptr}};
}

json places_geojson(const std::vector<service::PlaceView>& places) {
    json features = json::array();
    for (const auto& view : places) {
        json properties = place_json(view);
        properties.erase("position");
        features.push_back(
            {{"type", "Feature"},
             {"id", view.place.id},
             {"geometry",
              {{"type", "Point"},
               {"coordinates", {view.place.fields.position.lon, view.place.fields.position.lat}}}},
             {"properties", std::move(properties)}});
    }
    return {{"type", "FeatureCollection"}, {"features", std::move(features)}};
}

}  // namespace okrsek::http
