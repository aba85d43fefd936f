// AddressStore: RÚIAN address points on top of SqlRunner, the same on both engines.
#include <cmath>
#include <unordered_map>

#include "core/error.hpp"
#include "store/account_common.hpp"
#include "store/addresses.hpp"
#include "store/audit_log.hpp"
#include "store/sql_runner.hpp"

namespace okrsek::store {
namespace {

// Rows per page of for_each_address(): bounds the memory a page takes (PostgreSQL hands a
// whole result over at once) while keeping round trips few.
constexpr std::int64_t read_page_rows = 20000;

constexpr const char* point_columns =
    "code, municipality_code, municipality_name, city_part_code, city_part_name, part_name, "
    "street, evidence_number, house_number, orientation_number, orientation_letter, postcode, "
    "lon_e7, lat_e7";

// Into an empty table plainly (PostgreSQL can then COPY straight into it); else a code that
// another town holds moves to the imported one (upsert).
BulkInsertSpec point_insert(bool upsert) {
    BulkInsertSpec spec{
        "address_points",
        {"code", "municipality_code", "municipality_name", "city_part_code", "city_part_name",
         "part_name", "street", "evidence_number", "house_number", "orientation_number",
         "orientation_letter", "postcode", "lon_e7", "lat_e7"},
        {}};
    if (upsert) spec.upsert_key = {"code"};
    return spec;
}

std::int64_t to_e7(double degrees) {
    return static_cast<std::int64_t>(std::llround(degrees * 1e7));
}

void add_point(SqlBulkInsert& insert, const core::AddressPoint& point) {
    insert.add(point.code);
    insert.add(point.municipality_code);
    insert.add(point.municipality_name);
    insert.add(point.city_part_code);
    insert.add(point.city_part_name);
    insert.add(point.part_name);
    insert.add(point.street);
    insert.add(std::int64_t{point.evidence_number ? 1 : 0});
    insert.add(std::int64_t{point.house_number});
    insert.add(std::int64_t{point.orientation_number});
    insert.add(point.orientation_letter);
    insert.add(std::int64_t{point.postcode});
    if (point.position) {
        insert.add(to_e7(point.position->lon));
        insert.add(to_e7(point.position->lat));
    } else {
        insert.add_null();
        insert.add_null();
    }
    insert.end_row();
}

void read_point(const SqlRows& rows, core::AddressPoint& point) {
    point.code = rows.int64(0);
    point.municipality_code = rows.int64(1);
    point.municipality_name = rows.text(2);
    point.city_part_code = rows.int64(3);
    point.city_part_name = rows.text(4);
    point.part_name = rows.text(5);
    point.street = rows.text(6);
    point.evidence_number = rows.int64(7) != 0;
    point.house_number = static_cast<std::int32_t>(rows.int64(8));
    point.orientation_number = static_cast<std::int32_t>(rows.int64(9));
    point.orientation_letter = rows.text(10);
    point.postcode = static_cast<std::int32_t>(rows.int64(11));
    if (rows.is_null(12)) {
        point.position.reset();
    } else {
        point.position = core::LonLat{static_cast<double>(rows.int64(12)) / 1e7,
                                      static_cast<double>(rows.int64(13)) / 1e7};
    }
}

std::int64_t single_number(SqlRunner& sql, const std::string& query, const SqlParams& params) {
    auto rows = sql.query(query, params);
    return rows->next() && !rows->is_null(0) ? rows->int64(0) : 0;
}

// Deletes the town's stored points; returns how many there were.
std::int64_t delete_town(SqlRunner& sql, std::int64_t municipality_code) {
    const auto params = SqlParams().add(municipality_code);
    const std::int64_t count = single_number(
        sql, "SELECT COUNT(*) FROM address_points WHERE municipality_code = $1", params);
    if (count > 0) sql.execute("DELETE FROM address_points WHERE municipality_code = $1", params);
    return count;
}

struct TownTally {
    std::int64_t replaced = 0;
    std::int64_t written = 0;
};

void record_towns(SqlRunner& sql, const std::vector<AddressTownImport>& towns,
                  const std::unordered_map<std::int64_t, TownTally>& tally, std::int64_t version,
                  const std::string& at) {
    if (towns.size() != tally.size()) {
        throw core::Error(core::ErrorCode::internal,
                          "address import: the feed's towns do not match its points");
    }
    for (const auto& town : towns) {
        const auto found = tally.find(town.municipality_code);
        if (found == tally.end() || found->second.written != town.address_count) {
            throw core::Error(core::ErrorCode::internal,
                              "address import: the count of town " +
                                  std::to_string(town.municipality_code) + " does not match");
        }
        sql.execute(
            "INSERT INTO address_imports (version, municipality_code, municipality_name, "
            "fingerprint, address_count, without_position_count, replaced_count, imported_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            SqlParams()
                .add(version)
                .add(town.municipality_code)
                .add(town.municipality_name)
                .add(town.fingerprint)
                .add(town.address_count)
                .add(town.without_position_count)
                .add(found->second.replaced)
                .add(at));
    }
}

}  // namespace

void AddressStore::for_each_address(const std::function<void(const core::AddressPoint&)>& visit) {
    run_snapshot([&](SqlRunner& sql) {
        const std::string query = std::string("SELECT ") + point_columns +
                                  " FROM address_points WHERE code > $1 ORDER BY code LIMIT $2";
        core::AddressPoint point;
        std::int64_t after = 0;
        for (;;) {
            auto rows = sql.query(query, SqlParams().add(after).add(read_page_rows));
            std::int64_t count = 0;
            while (rows->next()) {
                read_point(*rows, point);
                visit(point);
                after = point.code;
                ++count;
            }
            if (count < read_page_rows) return;
        }
    });
}

std::int64_t AddressStore::address_version() {
    std::int64_t version = 0;
    run_read([&](SqlRunner& sql) {
        version = single_number(sql, "SELECT version FROM address_state WHERE id = 1", {});
    });
    return version;
}

AddressReplaceResult AddressStore::replace_addresses(AddressFeed& feed, TimePoint now) {
    AddressReplaceResult result;
    run_write([&](SqlRunner& sql) {
        const std::string at = accounts::time_text(now);
        // First, so that a concurrent import waits here for this one's commit.
        sql.execute(
            "INSERT INTO address_state (id, version, updated_at) VALUES (1, 1, $1) "
            "ON CONFLICT (id) DO UPDATE SET version = address_state.version + 1, "
            "updated_at = excluded.updated_at",
            SqlParams().add(at));
        const std::int64_t version =
            single_number(sql, "SELECT version FROM address_state WHERE id = 1", {});

        // Checked after the version row is locked, so no other import can fill the table
        // meanwhile; codes are unique within one import, so an empty table has no conflicts.
        const bool empty = !sql.query("SELECT 1 FROM address_points LIMIT 1")->next();
        const auto insert = sql.bulk_insert(point_insert(!empty));
        std::unordered_map<std::int64_t, TownTally> tally;
        TownTally* town = nullptr;
        std::int64_t town_code = 0;
        std::vector<core::AddressPoint> batch;
        while (feed.next_batch(batch)) {
            for (const auto& point : batch) {
                if (!town || point.municipality_code != town_code) {
                    town_code = point.municipality_code;
                    const auto [found, fresh] = tally.try_emplace(town_code);
                    town = &found->second;
                    if (fresh) town->replaced = delete_town(sql, town_code);
                }
                add_point(*insert, point);
                ++town->written;
            }
            insert->flush();  // before next_batch() reuses the points' strings
        }

        record_towns(sql, feed.towns(), tally, version, at);
        accounts::append_audit_row(sql, feed.audit_entry(), now);
        result.version = version;
        result.replaced_count = 0;
        for (const auto& [code, counts] : tally) result.replaced_count += counts.replaced;
    });
    return result;
}

std::int64_t AddressStore::address_count(std::optional<std::int64_t> municipality_code) {
    std::int64_t count = 0;
    run_read([&](SqlRunner& sql) {
        count = municipality_code ? single_number(sql,
                                                  "SELECT COUNT(*) FROM address_points "
                                                  "WHERE municipality_code = $1",
                                                  SqlParams().add(*municipality_code))
                                  : single_number(sql, "SELECT COUNT(*) FROM address_points", {});
    });
    return count;
}

std::vector<AddressImportRecord> AddressStore::address_imports(std::int64_t municipality_code) {
    std::vector<AddressImportRecord> records;
    run_read([&](SqlRunner& sql) {
        auto rows = sql.query(
            "SELECT version, municipality_code, municipality_name, fingerprint, address_count, "
            "without_position_count, replaced_count, imported_at FROM address_imports "
            "WHERE municipality_code = $1 ORDER BY version DESC, id DESC",
            SqlParams().add(municipality_code));
        while (rows->next()) {
            AddressImportRecord record;
            record.version = rows->int64(0);
            record.town.municipality_code = rows->int64(1);
            record.town.municipality_name = rows->text(2);
            record.town.fingerprint = rows->text(3);
            record.town.address_count = rows->int64(4);
            record.town.without_position_count = rows->int64(5);
            record.replaced_count = rows->int64(6);
            record.imported_at = accounts::parse_time(rows->text(7));
            records.push_back(std::move(record));
        }
    });
    return records;
}

}  // namespace okrsek::store
