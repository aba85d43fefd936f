// ReportStore: submitting a report and changing it (versioned, with its history row, photos,
// mails and audit row in one transaction), and reading one report back.
#include <array>

#include "core/error.hpp"
#include "store/account_common.hpp"
#include "store/audit_log.hpp"
#include "store/report_common.hpp"

namespace okrsek::store {
namespace {

using core::Error;
using core::ErrorCode;
using namespace accounts;
using namespace reports;

// The columns of ReportRouting and ReportStatus, in the order add_routing / add_status bind.
constexpr std::array<std::string_view, 10> routing_columns{
    "municipality_code", "city_part_id",    "district_id",     "category_id",  "lon_e7", "lat_e7",
    "address_text",      "owner_role_code", "owner_holder_id", "owner_user_id"};
constexpr std::array<std::string_view, 15> status_columns{
    "state",          "state_reason",       "passed_to",
    "duplicate_of",   "visibility",         "public_description",
    "level",          "level_due",          "first_response_due",
    "resolution_due", "first_response_at",  "resolved_at",
    "closed_at",      "fixed_confirmed_at", "confirmed_at"};

void add_routing(SqlParams& params, const ReportRouting& routing) {
    params.add(routing.municipality_code)
        .add(routing.city_part_id)
        .add(routing.district_id)
        .add(routing.category_id)
        .add(routing.lon_e7)
        .add(routing.lat_e7)
        .add(routing.address_text)
        .add(routing.owner_role_code)
        .add(routing.owner_holder_id)
        .add(routing.owner_user_id);
}

void add_status(SqlParams& params, const ReportStatus& status) {
    params.add(to_string(status.state))
        .add(status.state_reason)
        .add(status.passed_to)
        .add(status.duplicate_of)
        .add(to_string(status.visibility))
        .add(status.public_description)
        .add(status.level)
        .add(optional_time_text(status.level_due))
        .add(time_text(status.first_response_due))
        .add(time_text(status.resolution_due))
        .add(optional_time_text(status.first_response_at))
        .add(optional_time_text(status.resolved_at))
        .add(optional_time_text(status.closed_at))
        .add(optional_time_text(status.fixed_confirmed_at))
        .add(optional_time_text(status.confirmed_at));
}

// ", a = $n, b = $n+1…" for `columns`, numbering from `next` (moved past them).
template <std::size_t N>
std::string assignments(const std::array<std::string_view, N>& columns, int& next) {
    std::string text;
    for (const auto column : columns)
        text += ", " + std::string(column) + " = $" + std::to_string(next++);
    return text;
}

void require_duplicate_target(SqlRunner& sql, const ReportStatus& status, std::int64_t report_id) {
    if (!status.duplicate_of) return;
    if (*status.duplicate_of == report_id) {
        throw Error(ErrorCode::invalid_argument, "a report cannot duplicate itself",
                    "duplicate_of");
    }
    if (!exists(sql, "SELECT 1 FROM reports WHERE id = $1", SqlParams().add(*status.duplicate_of)))
        throw_not_found("report", *status.duplicate_of, "duplicate_of");
}

std::int64_t insert_report(SqlRunner& sql, const NewReport& report, TimePoint now) {
    std::string columns;
    for (const auto column : routing_columns) columns += std::string(column) + ", ";
    for (const auto column : status_columns) columns += std::string(column) + ", ";
    columns +=
        "description, extra_json, tracking_hash, open311_token, confirm_hash, "
        "contact_email_hash, has_email, show_name, public_name, submitter_key, source, "
        "created_at, updated_at, version";
    const std::size_t count = routing_columns.size() + status_columns.size() + 14;
    std::string values;
    for (std::size_t i = 1; i <= count; ++i) values += (i > 1 ? ", $" : "$") + std::to_string(i);
    SqlParams params;
    add_routing(params, report.routing);
    add_status(params, report.status);
    params.add(report.description)
        .add(report.extra_json)
        .add(report.tracking_hash)
        .add(report.open311_token)
        .add(report.confirm_hash)
        .add(report.contact_email_hash)
        .add_flag(report.has_email)
        .add_flag(report.show_name)
        .add(report.public_name)
        .add(report.submitter_key)
        .add(to_string(report.source))
        .add(time_text(now))
        .add(time_text(now))
        .add(std::int64_t{1});
    auto rows = sql.query(
        "INSERT INTO reports (" + columns + ") VALUES (" + values + ") RETURNING id", params);
    if (!rows->next()) throw Error(ErrorCode::internal, "the report insert returned no id");
    return rows->int64(0);
}

// The tokens are unique: two reports with one hash would let one link open another's report.
void require_unique_tokens(SqlRunner& sql, const NewReport& report) {
    const auto taken = [&](const char* column, const std::string& value) {
        return exists(sql, "SELECT 1 FROM reports WHERE " + std::string(column) + " = $1",
                      SqlParams().add(value));
    };
    if (taken("tracking_hash", report.tracking_hash))
        throw Error(ErrorCode::conflict, "the tracking token is taken", "tracking_hash");
    if (report.open311_token && taken("open311_token", *report.open311_token))
        throw Error(ErrorCode::conflict, "the Open311 token is taken", "open311_token");
    if (report.confirm_hash && taken("confirm_hash", *report.confirm_hash))
        throw Error(ErrorCode::conflict, "the confirmation token is taken", "confirm_hash");
}

ReportUpdate first_update_of(const NewReportExtras& extras) {
    ReportUpdate update = extras.first_update;
    if (update.kind.empty()) update.kind = "submitted";
    return update;
}

void check_change(const ReportChange& change) {
    if (change.expected_version <= 0)
        throw Error(ErrorCode::invalid_argument, "version must be positive", "version");
    if (change.routing) check_routing(*change.routing);
    if (change.status) check_status(*change.status);
    if (change.update) check_update(*change.update);
    check_photos(change.photos);
    if (!change.photos.empty() && !change.update)
        throw Error(ErrorCode::invalid_argument, "photos need an update to belong to", "photos");
}

// The conditional UPDATE of the report row; returns its town, or throws not_found / conflict.
std::int64_t update_report_row(SqlRunner& sql, const ReportChange& change, TimePoint now) {
    SqlParams params;
    params.add(change.report_id).add(change.expected_version).add(time_text(now));
    int next = 4;
    std::string set = "updated_at = $3, version = version + 1";
    if (change.routing) {
        set += assignments(routing_columns, next);
        add_routing(params, *change.routing);
    }
    if (change.status) {
        set += assignments(status_columns, next);
        add_status(params, *change.status);
    }
    if (change.clear_confirm_hash) set += ", confirm_hash = NULL";
    auto rows = sql.query(
        "UPDATE reports SET " + set + " WHERE id = $1 AND version = $2 RETURNING municipality_code",
        params);
    if (rows->next()) return rows->int64(0);
    if (!exists(sql, "SELECT 1 FROM reports WHERE id = $1", SqlParams().add(change.report_id)))
        throw_not_found("report", change.report_id, "id");
    throw Error(ErrorCode::conflict,
                "report " + std::to_string(change.report_id) + " changed since version " +
                    std::to_string(change.expected_version) + " was read",
                "version");
}

std::optional<Report> report_where(SqlRunner& sql, const std::string& condition,
                                   const SqlParams& params) {
    auto rows = sql.query("SELECT " + report_columns + " FROM reports WHERE " + condition, params);
    if (!rows->next()) return std::nullopt;
    return report_of(*rows);
}

}  // namespace

std::int64_t ReportStore::submit_report(const NewReport& report, const NewReportExtras& extras,
                                        TimePoint now) {
    check_new_report(report);
    const ReportUpdate first_update = first_update_of(extras);
    check_update(first_update);
    check_photos(extras.photos);
    std::int64_t id = 0;
    write([&](SqlRunner& sql) {
        require_category(sql, report.routing.category_id, report.routing.municipality_code);
        require_duplicate_target(sql, report.status, 0);
        require_unique_tokens(sql, report);
        id = insert_report(sql, report, now);
        if (report.seal_contact) {
            if (const auto sealed = report.seal_contact(id)) {
                sql.execute("UPDATE reports SET contact_sealed = $2 WHERE id = $1",
                            SqlParams().add(id).add_blob(*sealed));
            }
        }
        const std::int64_t update_id = insert_update(sql, id, first_update, now);
        insert_photos(sql, id, std::nullopt, extras.photos, now);
        queue_mails(sql, extras.mails, id, update_id, now);
    });
    return id;
}

std::optional<Report> ReportStore::find_report(std::int64_t report_id) {
    std::optional<Report> report;
    read(
        [&](SqlRunner& sql) { report = report_where(sql, "id = $1", SqlParams().add(report_id)); });
    return report;
}

std::optional<Report> ReportStore::find_report_by_tracking_hash(std::string_view tracking_hash) {
    std::optional<Report> report;
    read([&](SqlRunner& sql) {
        report = report_where(sql, "tracking_hash = $1", SqlParams().add(tracking_hash));
    });
    return report;
}

std::optional<Report> ReportStore::find_report_by_confirm_hash(std::string_view confirm_hash) {
    std::optional<Report> report;
    read([&](SqlRunner& sql) {
        report = report_where(sql, "confirm_hash = $1", SqlParams().add(confirm_hash));
    });
    return report;
}

AppliedChange ReportStore::apply_report_change(const ReportChange& change, TimePoint now) {
    check_change(change);
    AppliedChange applied;
    write([&](SqlRunner& sql) {
        applied = {};
        if (change.routing) {
            require_category(sql, change.routing->category_id, change.routing->municipality_code);
        }
        if (change.status) require_duplicate_target(sql, *change.status, change.report_id);
        const std::int64_t town = update_report_row(sql, change, now);
        applied.version = change.expected_version + 1;
        if (change.update) {
            applied.update_id = insert_update(sql, change.report_id, *change.update, now);
            applied.photo_ids =
                insert_photos(sql, change.report_id, applied.update_id, change.photos, now);
        }
        queue_mails(sql, change.mails, change.report_id, applied.update_id.value_or(0), now);
        if (change.audit) {
            append_audit_row(sql,
                             with_defaults(*change.audit, "report.change", "report",
                                           std::to_string(change.report_id), town),
                             now);
        }
    });
    return applied;
}

std::int64_t ReportStore::count_reports_by_submitter(std::string_view submitter_key,
                                                     TimePoint since) {
    std::int64_t count = 0;
    read([&](SqlRunner& sql) {
        auto rows =
            sql.query("SELECT COUNT(*) FROM reports WHERE submitter_key = $1 AND created_at >= $2",
                      SqlParams().add(submitter_key).add(time_text(since)));
        count = rows->next() ? rows->int64(0) : 0;
    });
    return count;
}

std::int64_t ReportStore::count_reports_by_email_hash(std::string_view email_hash,
                                                      TimePoint since) {
    std::int64_t count = 0;
    read([&](SqlRunner& sql) {
        auto rows = sql.query(
            "SELECT COUNT(*) FROM reports WHERE contact_email_hash = $1 AND created_at >= $2",
            SqlParams().add(email_hash).add(time_text(since)));
        count = rows->next() ? rows->int64(0) : 0;
    });
    return count;
}

}  // namespace okrsek::store
