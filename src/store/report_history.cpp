// ReportStore: what a report accumulated (history, photos) and what feeds and statistics read
// of many reports.
#include "core/error.hpp"
#include "store/account_common.hpp"
#include "store/report_common.hpp"

namespace okrsek::store {
namespace {

using core::Error;
using core::ErrorCode;
using namespace accounts;
using namespace reports;

void check_limit(std::size_t limit) {
    if (limit == 0 || limit > max_report_page) {
        throw Error(ErrorCode::invalid_argument,
                    "limit must be 1 to " + std::to_string(max_report_page), "limit");
    }
}

}  // namespace

std::vector<ReportUpdate> ReportStore::report_updates(std::int64_t report_id,
                                                      bool include_internal) {
    const std::string internal = include_internal ? "" : " AND u.public = 1";
    std::vector<ReportUpdate> updates;
    read([&](SqlRunner& sql) {
        updates.clear();
        auto rows =
            sql.query("SELECT " + update_columns + " FROM report_updates u WHERE u.report_id = $1" +
                          internal + " ORDER BY u.id",
                      SqlParams().add(report_id));
        while (rows->next()) updates.push_back(update_of(*rows));
    });
    return updates;
}

std::vector<ReportUpdate> ReportStore::public_updates_since(std::int64_t municipality_code,
                                                            std::int64_t after_id,
                                                            std::size_t limit) {
    check_limit(limit);
    std::vector<ReportUpdate> updates;
    read([&](SqlRunner& sql) {
        updates.clear();
        auto rows = sql.query(
            "SELECT " + update_columns +
                " FROM report_updates u JOIN reports r ON r.id = u.report_id "
                "WHERE u.id > $2 AND u.public = 1 AND r.municipality_code = $1 "
                "AND r.visibility = 'public' ORDER BY u.id LIMIT $3",
            SqlParams().add(municipality_code).add(after_id).add(static_cast<std::int64_t>(limit)));
        while (rows->next()) updates.push_back(update_of(*rows));
    });
    return updates;
}

std::vector<ReportPhotoInfo> ReportStore::report_photos(std::int64_t report_id) {
    std::vector<ReportPhotoInfo> photos;
    read([&](SqlRunner& sql) {
        photos.clear();
        auto rows = sql.query(
            "SELECT id, report_id, update_id, sha256, thumb_sha256, width, height, public, "
            "created_at FROM report_photos WHERE report_id = $1 ORDER BY id",
            SqlParams().add(report_id));
        while (rows->next()) {
            ReportPhotoInfo photo;
            photo.id = rows->int64(0);
            photo.report_id = rows->int64(1);
            photo.update_id = rows->optional_int64(2);
            photo.sha256 = rows->text(3);
            photo.thumb_sha256 = rows->text(4);
            photo.width = rows->int64(5);
            photo.height = rows->int64(6);
            photo.is_public = rows->int64(7) == 1;
            photo.created_at = parse_time(rows->text(8));
            photos.push_back(std::move(photo));
        }
    });
    return photos;
}

std::optional<ReportStore::PhotoBytes> ReportStore::report_photo(std::int64_t photo_id,
                                                                 std::string_view sha256) {
    std::optional<PhotoBytes> photo;
    read([&](SqlRunner& sql) {
        photo.reset();
        auto rows = sql.query(
            "SELECT report_id, public, CASE WHEN sha256 = $2 THEN jpeg ELSE thumb_jpeg END "
            "FROM report_photos WHERE id = $1 AND (sha256 = $2 OR thumb_sha256 = $2)",
            SqlParams().add(photo_id).add(sha256));
        if (!rows->next()) return;
        PhotoBytes found;
        found.report_id = rows->int64(0);
        found.is_public = rows->int64(1) == 1;
        found.jpeg = rows->bytes(2);
        photo = std::move(found);
    });
    return photo;
}

std::vector<ReportTiming> ReportStore::report_timings(std::int64_t municipality_code,
                                                      TimePoint from, TimePoint to) {
    std::vector<ReportTiming> timings;
    read([&](SqlRunner& sql) {
        timings.clear();
        auto rows = sql.query(
            "SELECT id, district_id, created_at, first_response_due, resolution_due, "
            "first_response_at, resolved_at, closed_at FROM reports WHERE municipality_code = $1 "
            "AND created_at >= $2 AND created_at < $3 AND visibility = 'public' AND "
            "state <> 'closed_duplicate' ORDER BY id",
            SqlParams().add(municipality_code).add(time_text(from)).add(time_text(to)));
        while (rows->next()) {
            ReportTiming timing;
            timing.report_id = rows->int64(0);
            timing.district_id = rows->optional_int64(1);
            timing.created_at = parse_time(rows->text(2));
            timing.first_response_due = parse_time(rows->text(3));
            timing.resolution_due = parse_time(rows->text(4));
            timing.first_response_at = optional_time(*rows, 5);
            timing.resolved_at = optional_time(*rows, 6);
            timing.closed_at = optional_time(*rows, 7);
            timings.push_back(timing);
        }
    });
    return timings;
}

}  // namespace okrsek::store
