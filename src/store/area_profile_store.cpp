// AreaProfileStore on top of SqlRunner: one row per edited area, maps as JSON objects.
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "store/account_common.hpp"
#include "store/area_profiles.hpp"
#include "store/audit_log.hpp"

namespace okrsek::store {
namespace {

using core::Error;
using core::ErrorCode;

constexpr const char* profile_columns =
    "area_id, population, amenities_json, prevention_workers_json, updated_at, updated_by";

bool is_profile_key(std::string_view key) {
    if (key.empty() || key.size() > max_area_profile_key_length) return false;
    for (const char c : key) {
        if (!((c >= 'a' && c <= 'z') || c == '_')) return false;
    }
    return true;
}

void check_counts(const ProfileCounts& counts, const std::string& field) {
    if (counts.size() > max_area_profile_keys) {
        throw Error(ErrorCode::invalid_argument,
                    "at most " + std::to_string(max_area_profile_keys) + " keys", field);
    }
    for (const auto& [key, value] : counts) {
        if (!is_profile_key(key)) {
            throw Error(ErrorCode::invalid_argument,
                        "keys have 1 to 40 characters a-z and '_': '" +
                            accounts::truncated_utf8(key, 60) + "'",
                        field);
        }
        if (value < 0 || value > max_area_profile_value) {
            throw Error(ErrorCode::invalid_argument, "a count is 0 to 1000000", field + "." + key);
        }
    }
}

// Rows were written by check_counts()-checked code; a hand-edited row that is not an object of
// counts is read as far as it makes sense rather than failing every statistics page.
ProfileCounts counts_of(const std::string& text) {
    ProfileCounts counts;
    const auto json = nlohmann::json::parse(text, nullptr, false);
    if (!json.is_object()) return counts;
    for (const auto& [key, value] : json.items()) {
        if (value.is_number_integer()) counts[key] = value.get<std::int64_t>();
    }
    return counts;
}

std::string text_of(const ProfileCounts& counts) {
    nlohmann::json json = nlohmann::json::object();
    for (const auto& [key, value] : counts) json[key] = value;
    return json.dump();
}

StoredAreaProfile profile_of(const SqlRows& rows) {
    StoredAreaProfile profile;
    profile.area_id = rows.int64(0);
    profile.population = rows.optional_int64(1);
    profile.amenities = counts_of(rows.text(2));
    profile.prevention_workers = counts_of(rows.text(3));
    profile.updated_at = accounts::parse_time(rows.text(4));
    profile.updated_by = rows.optional_int64(5);
    return profile;
}

std::optional<StoredAreaProfile> read_profile(SqlRunner& sql, std::int64_t area_id) {
    auto rows = sql.query(
        std::string("SELECT ") + profile_columns + " FROM area_profiles WHERE area_id = $1",
        SqlParams().add(area_id));
    if (!rows->next()) return std::nullopt;
    return profile_of(*rows);
}

}  // namespace

void check_area_profile_change(const AreaProfileChange& change) {
    if (change.population && *change.population &&
        (**change.population < 0 || **change.population > max_area_population)) {
        throw Error(ErrorCode::invalid_argument, "population is 0 to 100000000", "population");
    }
    if (change.amenities) check_counts(*change.amenities, "amenities");
    if (change.prevention_workers) check_counts(*change.prevention_workers, "prevention_workers");
}

std::optional<StoredAreaProfile> AreaProfileStore::area_profile(std::int64_t area_id) {
    std::optional<StoredAreaProfile> profile;
    run_read([&](SqlRunner& sql) { profile = read_profile(sql, area_id); });
    return profile;
}

std::vector<StoredAreaProfile> AreaProfileStore::area_profiles() {
    std::vector<StoredAreaProfile> profiles;
    run_read([&](SqlRunner& sql) {
        auto rows = sql.query(std::string("SELECT ") + profile_columns +
                              " FROM area_profiles ORDER BY area_id");
        while (rows->next()) profiles.push_back(profile_of(*rows));
    });
    return profiles;
}

StoredAreaProfile AreaProfileStore::change_area_profile(const AreaProfileChange& change,
                                                        const AuditEntry& audit, TimePoint now) {
    check_area_profile_change(change);
    StoredAreaProfile result;
    run_write([&](SqlRunner& sql) {
        const std::string at = accounts::time_text(now);
        // Create the row, then change only the members the edit names in one UPDATE (which
        // holds the row lock on PostgreSQL): two editors of different members both win.
        sql.execute(
            "INSERT INTO area_profiles (area_id, updated_at, updated_by) VALUES ($1, $2, $3) "
            "ON CONFLICT (area_id) DO NOTHING",
            SqlParams().add(change.area_id).add(at).add(change.updated_by));
        std::string update = "UPDATE area_profiles SET updated_at = $2, updated_by = $3";
        SqlParams params;
        params.add(change.area_id).add(at).add(change.updated_by);
        int next = 4;
        const auto set = [&](std::string_view column) {
            update += ", " + std::string(column) + " = $" + std::to_string(next++);
        };
        if (change.population) {
            set("population");
            params.add(*change.population);
        }
        if (change.amenities) {
            set("amenities_json");
            params.add(text_of(*change.amenities));
        }
        if (change.prevention_workers) {
            set("prevention_workers_json");
            params.add(text_of(*change.prevention_workers));
        }
        sql.execute(update + " WHERE area_id = $1", params);
        result = read_profile(sql, change.area_id).value();
        accounts::append_audit_row(sql, audit, now);
    });
    return result;
}

}  // namespace okrsek::store
