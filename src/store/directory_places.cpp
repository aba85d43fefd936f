// DirectoryStore: the kinds of places of a town's map and the places themselves, by hand and
// by import.
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/error.hpp"
#include "store/account_common.hpp"
#include "store/audit_log.hpp"
#include "store/directory_common.hpp"
#include "store/directory_seed.hpp"

namespace okrsek::store {
namespace {

using core::Error;
using core::ErrorCode;
using namespace accounts;
using namespace directory;

const std::string kind_columns =
    "id, municipality_code, code, name_cs, name_en, station, sort_order";

PlaceKind kind_of(const SqlRows& rows) {
    PlaceKind kind;
    kind.id = rows.int64(0);
    kind.municipality_code = rows.int64(1);
    kind.code = rows.text(2);
    kind.name_cs = rows.text(3);
    kind.name_en = rows.text(4);
    kind.station = rows.int64(5) == 1;
    kind.sort_order = rows.int64(6);
    return kind;
}

NewPlaceKind checked_kind(const NewPlaceKind& kind) {
    NewPlaceKind result = kind;
    result.code = checked_code(kind.code, "code");
    result.name_cs = checked_text(kind.name_cs, max_role_name_bytes, "name_cs");
    result.name_en = checked_text(kind.name_en, max_role_name_bytes, "name_en");
    return result;
}

std::int64_t kind_town(SqlRunner& sql, std::int64_t kind_id) {
    auto rows = sql.query("SELECT municipality_code FROM place_kinds WHERE id = $1",
                          SqlParams().add(kind_id));
    if (!rows->next()) throw_not_found("place kind", kind_id, "kind");
    return rows->int64(0);
}

SqlParams& add_fields(SqlParams& params, const PlaceFields& fields) {
    return params.add(fields.name)
        .add(fields.address)
        .add(fields.opening_hours)
        .add(fields.note)
        .add(to_e7(fields.position.lon))
        .add(to_e7(fields.position.lat))
        .add(fields.district_id);
}

std::int64_t insert_place(SqlRunner& sql, std::int64_t town, std::int64_t kind_id,
                          const std::optional<std::string>& code, const PlaceFields& fields,
                          const std::string& when) {
    SqlParams params;
    params.add(town).add(kind_id).add(code);
    add_fields(params, fields).add(when);
    auto rows = sql.query(
        "INSERT INTO places (municipality_code, kind_id, code, name, address, opening_hours, "
        "note, lon_e7, lat_e7, district_id, created_at, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
        params);
    rows->next();
    return rows->int64(0);
}

void store_fields(SqlRunner& sql, std::int64_t place_id, const PlaceFields& fields,
                  const std::string& when) {
    SqlParams params;
    params.add(place_id);
    add_fields(params, fields).add(when);
    sql.execute(
        "UPDATE places SET name = $2, address = $3, opening_hours = $4, note = $5, lon_e7 = $6, "
        "lat_e7 = $7, district_id = $8, updated_at = $9 WHERE id = $1",
        params);
}

std::vector<ImportedPlace> checked_imports(std::span<const ImportedPlace> places) {
    std::vector<ImportedPlace> result;
    std::set<std::string> codes;
    for (std::size_t i = 0; i < places.size(); ++i) {
        const std::string prefix = "places[" + std::to_string(i) + "].";
        ImportedPlace place;
        place.code = checked_text(places[i].code, max_place_code_bytes, prefix + "code");
        place.fields = checked_place(places[i].fields, prefix);
        if (!codes.insert(place.code).second) {
            throw Error(ErrorCode::invalid_input, prefix + "code '" + place.code + "' is repeated",
                        prefix + "code");
        }
        result.push_back(std::move(place));
    }
    return result;
}

}  // namespace

std::vector<PlaceKind> DirectoryStore::place_kinds(std::int64_t municipality_code) {
    std::vector<PlaceKind> kinds;
    read([&](SqlRunner& sql) {
        kinds.clear();
        auto rows = sql.query("SELECT " + kind_columns +
                                  " FROM place_kinds WHERE municipality_code = $1 "
                                  "ORDER BY sort_order, id",
                              SqlParams().add(municipality_code));
        while (rows->next()) kinds.push_back(kind_of(*rows));
    });
    return kinds;
}

std::optional<PlaceKind> DirectoryStore::find_place_kind(std::int64_t kind_id) {
    std::optional<PlaceKind> kind;
    read([&](SqlRunner& sql) {
        kind.reset();
        auto rows = sql.query("SELECT " + kind_columns + " FROM place_kinds WHERE id = $1",
                              SqlParams().add(kind_id));
        if (rows->next()) kind = kind_of(*rows);
    });
    return kind;
}

bool DirectoryStore::seed_place_kinds(std::int64_t municipality_code,
                                      std::span<const NewPlaceKind> defaults, TimePoint now,
                                      const AuditEntry& audit) {
    std::vector<NewPlaceKind> kinds;
    for (const auto& kind : defaults) kinds.push_back(checked_kind(kind));
    const TownDefaults place_kinds{
        .table = "place_kinds",
        .insert_sql =
            "INSERT INTO place_kinds (municipality_code, code, name_cs, name_en, "
            "station, sort_order, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, "
            "$6, $7, $7) ON CONFLICT (municipality_code, code) DO NOTHING RETURNING id",
        .audit_action = "place.kind.seed",
        .conflict = "place kinds were seeded meanwhile",
        .field = "kind"};
    bool seeded = false;
    write([&](SqlRunner& sql) {
        seeded = seed_town_defaults(
            sql, place_kinds, municipality_code, kinds.size(),
            [&](std::size_t i, SqlParams& params) {
                params.add(kinds[i].code)
                    .add(kinds[i].name_cs)
                    .add(kinds[i].name_en)
                    .add_flag(kinds[i].station);
            },
            now, audit);
    });
    return seeded;
}

std::int64_t DirectoryStore::add_place_kind(const NewPlaceKind& kind, TimePoint now,
                                            const AuditEntry& audit) {
    const NewPlaceKind checked = checked_kind(kind);
    std::int64_t id = 0;
    write([&](SqlRunner& sql) {
        require_town(sql, checked.municipality_code);
        if (exists(sql, "SELECT 1 FROM place_kinds WHERE municipality_code = $1 AND code = $2",
                   SqlParams().add(checked.municipality_code).add(checked.code))) {
            throw Error(ErrorCode::invalid_input,
                        "municipality " + std::to_string(checked.municipality_code) +
                            " has a place kind '" + checked.code + "' already",
                        "code");
        }
        const std::string when = time_text(now);
        auto rows = sql.query(
            "INSERT INTO place_kinds (municipality_code, code, name_cs, name_en, station, "
            "sort_order, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, "
            "(SELECT COALESCE(MAX(sort_order), 0) + 1 FROM place_kinds WHERE "
            "municipality_code = $1), $6, $6) RETURNING id",
            SqlParams()
                .add(checked.municipality_code)
                .add(checked.code)
                .add(checked.name_cs)
                .add(checked.name_en)
                .add_flag(checked.station)
                .add(when));
        rows->next();
        id = rows->int64(0);
        append_audit_row(sql,
                         with_defaults(audit, "place.kind.create", "place_kind", std::to_string(id),
                                       checked.municipality_code),
                         now);
    });
    return id;
}

void DirectoryStore::update_place_kind(std::int64_t kind_id, std::string_view name_cs,
                                       std::string_view name_en, bool station, TimePoint now,
                                       const AuditEntry& audit) {
    const std::string cs = checked_text(name_cs, max_role_name_bytes, "name_cs");
    const std::string en = checked_text(name_en, max_role_name_bytes, "name_en");
    write([&](SqlRunner& sql) {
        auto rows = sql.query(
            "UPDATE place_kinds SET name_cs = $2, name_en = $3, station = $4, updated_at = $5 "
            "WHERE id = $1 RETURNING municipality_code",
            SqlParams().add(kind_id).add(cs).add(en).add_flag(station).add(time_text(now)));
        if (!rows->next()) throw_not_found("place kind", kind_id, "kind");
        const std::int64_t town = rows->int64(0);
        append_audit_row(
            sql,
            with_defaults(audit, "place.kind.update", "place_kind", std::to_string(kind_id), town),
            now);
    });
}

std::vector<Place> DirectoryStore::places(const PlaceFilter& filter) {
    std::string query = "SELECT " + place_columns + " FROM places WHERE municipality_code = $1";
    SqlParams params;
    params.add(filter.municipality_code);
    int next = 2;
    const auto placeholder = [&] { return "$" + std::to_string(next++); };
    if (filter.kind_id) {
        query += " AND kind_id = " + placeholder();
        params.add(*filter.kind_id);
    }
    if (filter.bbox) {
        // One placeholder per statement: the operands of a chain of + have no set order.
        for (const char* bound :
             {" AND lon_e7 >= ", " AND lat_e7 >= ", " AND lon_e7 <= ", " AND lat_e7 <= "}) {
            query += bound;
            query += placeholder();
        }
        for (const double value : *filter.bbox) params.add(to_e7(value));
    }
    query += " ORDER BY id LIMIT " + placeholder();
    params.add(static_cast<std::int64_t>(filter.limit));
    std::vector<Place> places;
    read([&](SqlRunner& sql) {
        places.clear();
        auto rows = sql.query(query, params);
        while (rows->next()) places.push_back(place_of(*rows));
    });
    return places;
}

std::optional<Place> DirectoryStore::find_place(std::int64_t place_id) {
    std::optional<Place> place;
    read([&](SqlRunner& sql) {
        place.reset();
        auto rows = sql.query("SELECT " + place_columns + " FROM places WHERE id = $1",
                              SqlParams().add(place_id));
        if (rows->next()) place = place_of(*rows);
    });
    return place;
}

std::int64_t DirectoryStore::create_place(std::int64_t kind_id, const PlaceFields& fields,
                                          TimePoint now, const AuditEntry& audit) {
    const PlaceFields checked = checked_place(fields);
    std::int64_t id = 0;
    write([&](SqlRunner& sql) {
        const std::int64_t town = kind_town(sql, kind_id);
        id = insert_place(sql, town, kind_id, std::nullopt, checked, time_text(now));
        append_audit_row(
            sql, with_defaults(audit, "place.create", "place", std::to_string(id), town), now);
    });
    return id;
}

void DirectoryStore::update_place(std::int64_t place_id, const PlaceFields& fields, TimePoint now,
                                  const AuditEntry& audit) {
    const PlaceFields checked = checked_place(fields);
    write([&](SqlRunner& sql) {
        auto rows = sql.query("SELECT municipality_code FROM places WHERE id = $1",
                              SqlParams().add(place_id));
        if (!rows->next()) throw_not_found("place", place_id, "place");
        const std::int64_t town = rows->int64(0);
        store_fields(sql, place_id, checked, time_text(now));
        append_audit_row(
            sql, with_defaults(audit, "place.update", "place", std::to_string(place_id), town),
            now);
    });
}

void DirectoryStore::delete_place(std::int64_t place_id, TimePoint now, const AuditEntry& audit) {
    write([&](SqlRunner& sql) {
        auto rows = sql.query("DELETE FROM places WHERE id = $1 RETURNING municipality_code",
                              SqlParams().add(place_id));
        if (!rows->next()) throw_not_found("place", place_id, "place");
        const std::int64_t town = rows->int64(0);
        append_audit_row(
            sql, with_defaults(audit, "place.delete", "place", std::to_string(place_id), town),
            now);
    });
}

PlaceImportCounts DirectoryStore::replace_imported_places(std::int64_t kind_id,
                                                          std::span<const ImportedPlace> places,
                                                          TimePoint now, const AuditEntry& audit) {
    const std::vector<ImportedPlace> checked = checked_imports(places);
    PlaceImportCounts counts;
    write([&](SqlRunner& sql) {
        counts = {};
        const std::int64_t town = kind_town(sql, kind_id);
        std::map<std::string, Place> stored;
        auto rows = sql.query(
            "SELECT " + place_columns + " FROM places WHERE kind_id = $1 AND code IS NOT NULL",
            SqlParams().add(kind_id));
        while (rows->next()) {
            Place place = place_of(*rows);
            stored.emplace(*place.code, std::move(place));
        }
        const std::string when = time_text(now);
        for (const auto& place : checked) {
            const auto found = stored.find(place.code);
            if (found == stored.end()) {
                insert_place(sql, town, kind_id, place.code, place.fields, when);
                ++counts.inserted;
                continue;
            }
            if (found->second.fields == place.fields) {
                ++counts.unchanged;
            } else {
                store_fields(sql, found->second.id, place.fields, when);
                ++counts.updated;
            }
            stored.erase(found);
        }
        for (const auto& [code, place] : stored) {
            sql.execute("DELETE FROM places WHERE id = $1", SqlParams().add(place.id));
            ++counts.deleted;
        }
        auto manual = sql.query("SELECT COUNT(*) FROM places WHERE kind_id = $1 AND code IS NULL",
                                SqlParams().add(kind_id));
        manual->next();
        counts.kept_manual = static_cast<std::size_t>(manual->int64(0));
        // An import that changes nothing writes nothing, not even an audit row.
        if (counts.inserted + counts.updated + counts.deleted == 0) return;
        AuditEntry entry =
            with_defaults(audit, "place.import", "place_kind", std::to_string(kind_id), town);
        nlohmann::json details = nlohmann::json::parse(entry.details_json, nullptr, false);
        if (!details.is_object()) details = nlohmann::json::object();
        details["inserted"] = counts.inserted;
        details["updated"] = counts.updated;
        details["unchanged"] = counts.unchanged;
        details["deleted"] = counts.deleted;
        entry.details_json = details.dump();
        append_audit_row(sql, entry, now);
    });
    return counts;
}

}  // namespace okrsek::store
