// DistrictDirectory: places on the map (reading, editing by hand, importing) and the towns'
// kinds of places. A place serves the district given for it, else the district containing its
// position, found in the current area catalog at reading time (so re-imported districts need
// no re-import of places).
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "service/area_import.hpp"
#include "service/auth/area_targets.hpp"
#include "service/directory/district_directory.hpp"

namespace okrsek::service {

using core::Error;
using core::ErrorCode;
namespace sec = security;

namespace {

store::PlaceKind kind_by_code(const std::vector<store::PlaceKind>& kinds, std::string_view code) {
    for (const auto& kind : kinds) {
        if (kind.code == code) return kind;
    }
    throw Error(ErrorCode::not_found, "no place kind '" + std::string(code) + "' in this town",
                "kind");
}

void check_bbox(const std::array<double, 4>& box) {
    const bool valid = core::is_valid_wgs84({box[0], box[1]}) &&
                       core::is_valid_wgs84({box[2], box[3]}) && box[0] <= box[2] &&
                       box[1] <= box[3];
    if (!valid) {
        throw Error(ErrorCode::invalid_argument,
                    "bbox must be min_lon,min_lat,max_lon,max_lat in WGS 84", "bbox");
    }
}

store::AuditEntry with_details_directory_places(store::AuditEntry entry,
                                                const nlohmann::json& details) {
    entry.details_json = details.dump();
    return entry;
}

}  // namespace

std::optional<std::int64_t> DistrictDirectory::district_of(const AreaCatalog& catalog,
                                                           const store::Place& place) const {
    if (place.fields.district_id) return place.fields.district_id;
    std::vector<AreaRef> hits;
    catalog.lookup(place.fields.position, hits);
    for (const auto& hit : hits) {
        if (hit.layer->info.name == district_layer) return hit.info().id;
    }
    return std::nullopt;
}

std::vector<PlaceView> DistrictDirectory::views_of(const AreaCatalog& catalog,
                                                   std::vector<store::Place> places,
                                                   std::int64_t municipality_code) {
    std::map<std::int64_t, store::PlaceKind> kinds;
    for (auto& kind : m_store.place_kinds(municipality_code)) kinds[kind.id] = std::move(kind);
    std::vector<PlaceView> views;
    views.reserve(places.size());
    for (auto& place : places) {
        PlaceView view;
        view.district_id = district_of(catalog, place);
        view.kind = kinds[place.kind_id];
        view.place = std::move(place);
        views.push_back(std::move(view));
    }
    return views;
}

PlacePage DistrictDirectory::district_places(std::int64_t district_id, std::size_t limit,
                                             std::size_t offset) {
    if (limit < 1 || limit > max_page_places) {
        throw Error(ErrorCode::invalid_argument,
                    "limit must be from 1 to " + std::to_string(max_page_places), "limit");
    }
    const auto snapshot = catalog();
    const std::int64_t town = district(*snapshot, district_id, "id").info().municipality_code;
    ensure_defaults(town);
    store::PlaceFilter filter;
    filter.municipality_code = town;
    filter.limit = max_map_places;
    PlacePage page;
    page.limit = limit;
    page.offset = offset;
    for (auto& view : views_of(*snapshot, m_store.places(filter), town)) {
        if (view.district_id != district_id) continue;
        if (page.total >= offset && page.places.size() < limit) {
            page.places.push_back(std::move(view));
        }
        ++page.total;
    }
    return page;
}

std::vector<PlaceView> DistrictDirectory::town_places(const PlaceQuery& query) {
    require_town(query.municipality_code);
    ensure_defaults(query.municipality_code);
    store::PlaceFilter filter;
    filter.municipality_code = query.municipality_code;
    filter.limit = max_map_places;
    if (query.kind) {
        filter.kind_id = kind_by_code(m_store.place_kinds(query.municipality_code), *query.kind).id;
    }
    if (query.bbox) {
        check_bbox(*query.bbox);
        filter.bbox = query.bbox;
    }
    return views_of(*catalog(), m_store.places(filter), query.municipality_code);
}

sec::Target DistrictDirectory::place_target(std::int64_t municipality_code,
                                            const store::PlaceFields& fields) const {
    const auto snapshot = catalog();
    if (fields.district_id) {
        const AreaRef area = district(*snapshot, *fields.district_id, "district_id");
        if (area.info().municipality_code != municipality_code) {
            throw Error(ErrorCode::invalid_input,
                        "district " + std::to_string(*fields.district_id) +
                            " is not in municipality " + std::to_string(municipality_code),
                        "district_id");
        }
        return target_of_scope(*snapshot, sec::Scope::district(*fields.district_id));
    }
    if (!core::is_valid_wgs84(fields.position)) {
        throw Error(ErrorCode::invalid_argument, "the position is not WGS 84 longitude/latitude",
                    "position");
    }
    std::vector<AreaRef> hits;
    snapshot->lookup(fields.position, hits);
    std::optional<std::int64_t> part;
    for (const auto& hit : hits) {
        if (hit.info().municipality_code != municipality_code) continue;
        if (hit.layer->info.name == district_layer) {
            return target_of_scope(*snapshot, sec::Scope::district(hit.info().id));
        }
        if (hit.layer->info.name == city_part_layer) part = hit.info().id;
    }
    if (part) return sec::Target::city_part(municipality_code, *part);
    return sec::Target::municipality(municipality_code);
}

PlaceView DistrictDirectory::create_place(const Principal& principal,
                                          std::int64_t municipality_code, std::string_view kind,
                                          const store::PlaceFields& fields) {
    require_town(municipality_code);
    ensure_defaults(municipality_code);
    const store::PlaceKind found = kind_by_code(m_store.place_kinds(municipality_code), kind);
    m_accounts.require(principal, sec::Action::district_card_edit,
                       place_target(municipality_code, fields));
    const std::int64_t id = m_store.create_place(
        found.id, fields, now(),
        with_details_directory_places(principal.audit("place.create", "place", ""),
                                      {{"kind", found.code}}));
    return views_of(*catalog(), {*m_store.find_place(id)}, municipality_code).front();
}

PlaceView DistrictDirectory::update_place(const Principal& principal, std::int64_t place_id,
                                          const store::PlaceFields& fields) {
    const auto place = m_store.find_place(place_id);
    if (!place) throw Error(ErrorCode::not_found, "no place " + std::to_string(place_id), "id");
    // Moving a place needs the permission where it is and where it goes.
    m_accounts.require(principal, sec::Action::district_card_edit,
                       place_target(place->municipality_code, place->fields));
    m_accounts.require(principal, sec::Action::district_card_edit,
                       place_target(place->municipality_code, fields));
    m_store.update_place(place_id, fields, now(), principal.audit("place.update", "place", ""));
    return views_of(*catalog(), {*m_store.find_place(place_id)}, place->municipality_code).front();
}

void DistrictDirectory::delete_place(const Principal& principal, std::int64_t place_id) {
    const auto place = m_store.find_place(place_id);
    if (!place) throw Error(ErrorCode::not_found, "no place " + std::to_string(place_id), "id");
    m_accounts.require(principal, sec::Action::district_card_edit,
                       place_target(place->municipality_code, place->fields));
    m_store.delete_place(place_id, now(), principal.audit("place.delete", "place", ""));
}

store::PlaceKind DistrictDirectory::add_place_kind(const Principal& principal,
                                                   const store::NewPlaceKind& kind) {
    require_town(kind.municipality_code);
    m_accounts.require(principal, sec::Action::district_team_edit,
                       sec::Target::municipality(kind.municipality_code));
    ensure_defaults(kind.municipality_code);
    const std::int64_t id = m_store.add_place_kind(
        kind, now(),
        with_details_directory_places(principal.audit("place.kind.create", "place_kind", ""),
                                      {{"code", kind.code}}));
    return *m_store.find_place_kind(id);
}

store::PlaceKind DistrictDirectory::update_place_kind(const Principal& principal,
                                                      std::int64_t kind_id,
                                                      std::string_view name_cs,
                                                      std::string_view name_en, bool station) {
    const auto kind = m_store.find_place_kind(kind_id);
    if (!kind) throw Error(ErrorCode::not_found, "no place kind " + std::to_string(kind_id), "id");
    m_accounts.require(principal, sec::Action::district_team_edit,
                       sec::Target::municipality(kind->municipality_code));
    m_store.update_place_kind(
        kind_id, name_cs, name_en, station, now(),
        with_details_directory_places(principal.audit("place.kind.update", "place_kind", ""),
                                      {{"code", kind->code}}));
    return *m_store.find_place_kind(kind_id);
}

PlaceImportReport DistrictDirectory::import_places(const Principal& principal,
                                                   const PlaceImportRequest& request) {
    if (request.geojson.size() > max_import_bytes) {
        throw Error(ErrorCode::payload_too_large, "the file is larger than the import limit",
                    "file");
    }
    require_town(request.municipality_code);
    m_accounts.require(principal, sec::Action::district_team_edit,
                       sec::Target::municipality(request.municipality_code));
    ensure_defaults(request.municipality_code);
    const store::PlaceKind kind =
        kind_by_code(m_store.place_kinds(request.municipality_code), request.kind);
    PlaceReadResult read;
    try {
        read = read_place_features(request.geojson, request.read_options);
    } catch (const Error& error) {
        if (request.source_name.empty()) throw;
        throw Error(error.code(), request.source_name + ": " + error.what(), error.field());
    }

    PlaceImportReport report;
    report.kind = kind.code;
    report.municipality_code = request.municipality_code;
    report.crs = std::string(geo::to_string(read.crs));
    report.feature_count = read.places.size();
    report.warnings = std::move(read.warnings);
    report.counts = m_store.replace_imported_places(
        kind.id, read.places, now(),
        with_details_directory_places(principal.audit("place.import", "place_kind", ""),
                                      {{"kind", kind.code}, {"features", read.places.size()}}));
    const auto snapshot = catalog();
    for (const auto& place : read.places) {
        store::Place probe;
        probe.fields = place.fields;
        if (!district_of(*snapshot, probe)) ++report.outside_districts;
    }
    return report;
}

}  // namespace okrsek::service
