#pragma once

// Helpers shared by the reports' storage (store/report_*.cpp): checks of what is written, the
// columns and row readers of each table, and the inserts several operations make (history
// rows, photos, queued mails).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/reports.hpp"
#include "store/sql_runner.hpp"

namespace okrsek::store::reports {

inline constexpr std::size_t max_name_bytes = 200;
inline constexpr std::size_t max_hash_bytes = 128;
inline constexpr std::size_t max_photo_bytes = 16u * 1024u * 1024u;
/// Ids in one list of a filter or one record_alerts() call.
inline constexpr std::size_t max_list_ids = 5000;

/// Throws invalid_argument naming `field` unless `text` is valid UTF-8 of at most `max_bytes`
/// (and at least one byte when `required`) without control characters (line breaks and tabs
/// allowed when `multiline`).
void check_text(std::string_view text, std::size_t max_bytes, std::string_view field, bool required,
                bool multiline = false);

/// Throws invalid_argument naming `field` unless `text` parses as a JSON array (`array`) or
/// object of at most `max_bytes`.
void check_json(std::string_view text, std::size_t max_bytes, std::string_view field, bool array);

/// time_text() of the time, if one.
std::optional<std::string> optional_time_text(const std::optional<TimePoint>& time);

/// The checks of each kind of row written (limits, codes, enumerations, WGS 84).
void check_category(const CategoryFields& fields);
void check_routing(const ReportRouting& routing);
void check_status(const ReportStatus& status);
void check_update(const ReportUpdate& update);
void check_photos(std::span<const NewReportPhoto> photos);
void check_new_report(const NewReport& report);

/// The columns report_of() reads, of table reports.
extern const std::string report_columns;
Report report_of(const SqlRows& rows);

/// The columns update_of() reads, of table report_updates.
extern const std::string update_columns;
ReportUpdate update_of(const SqlRows& rows);

extern const std::string category_columns;
ReportCategory category_of(const SqlRows& rows);

extern const std::string level_columns;
ReportLevel level_of(const SqlRows& rows);

/// Appends a history row of `report_id` at `now`; returns its id.
std::int64_t insert_update(SqlRunner& sql, std::int64_t report_id, const ReportUpdate& update,
                           TimePoint now);
/// Stores `photos` of `report_id` (of the update, if one); returns their ids in order.
std::vector<std::int64_t> insert_photos(SqlRunner& sql, std::int64_t report_id,
                                        std::optional<std::int64_t> update_id,
                                        std::span<const NewReportPhoto> photos, TimePoint now);
/// Queues what `mails` returns for the report and update (none without a mailer).
void queue_mails(SqlRunner& sql, const ReportMailer& mails, std::int64_t report_id,
                 std::int64_t update_id, TimePoint now);

/// Throws not_found (field "category") unless the category exists in the town.
void require_category(SqlRunner& sql, std::int64_t category_id, std::int64_t municipality_code);

/// "state IN ('new', 'acknowledged', 'in_progress', 'reopened')": not finished.
extern const std::string open_state_condition;

}  // namespace okrsek::store::reports
