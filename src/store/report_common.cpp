// The reports' plumbing: enum spellings, checks of what is written, row mapping, the inserts
// several operations share, and the wrappers that keep row values out of error messages.
#include "store/report_common.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <utility>

#include "core/error.hpp"
#include "store/account_common.hpp"
#include "store/directory_common.hpp"
#include "store/outbox_common.hpp"

namespace okrsek::store {
namespace {

using core::Error;
using core::ErrorCode;

constexpr std::array<std::pair<ReportState, std::string_view>, 8> states_report_common{{
    {ReportState::new_, "new"},
    {ReportState::acknowledged, "acknowledged"},
    {ReportState::in_progress, "in_progress"},
    {ReportState::resolved, "resolved"},
    {ReportState::closed_not_competent, "closed_not_competent"},
    {ReportState::closed_duplicate, "closed_duplicate"},
    {ReportState::closed_no_action, "closed_no_action"},
    {ReportState::reopened, "reopened"},
}};

constexpr std::array<std::pair<ReportVisibility, std::string_view>, 3> visibilities{{
    {ReportVisibility::pending, "pending"},
    {ReportVisibility::public_, "public"},
    {ReportVisibility::hidden, "hidden"},
}};

constexpr std::array<std::pair<ReportSource, std::string_view>, 3> sources{{
    {ReportSource::web, "web"},
    {ReportSource::open311, "open311"},
    {ReportSource::staff, "staff"},
}};

// As the schema's CHECK on report_updates.kind.
constexpr std::array<std::string_view, 16> update_kinds{
    "submitted", "confirmed", "approved",  "hidden",         "state",      "answer",
    "note",      "citizen",   "reopened",  "escalated",      "reassigned", "category",
    "place",     "merged",    "moderated", "fixed_confirmed"};

constexpr std::array<std::string_view, 3> author_kinds{"citizen", "staff", "system"};

constexpr std::int64_t max_lon_e7 = 1'800'000'000;
constexpr std::int64_t max_lat_e7 = 900'000'000;

template <typename Enum, std::size_t N>
std::string_view name_of_report_common(
    const std::array<std::pair<Enum, std::string_view>, N>& names, Enum value) noexcept {
    for (const auto& [candidate, name] : names) {
        if (candidate == value) return name;
    }
    return names.front().second;
}

template <typename Enum, std::size_t N>
std::optional<Enum> value_of_report_common(
    const std::array<std::pair<Enum, std::string_view>, N>& names, std::string_view text) noexcept {
    for (const auto& [value, name] : names) {
        if (name == text) return value;
    }
    return std::nullopt;
}

[[noreturn]] void invalid_report_common(const std::string& message, std::string_view field) {
    throw Error(ErrorCode::invalid_argument, message, std::string(field));
}

void check_optional_text(const std::optional<std::string>& text, std::size_t max_bytes,
                         std::string_view field, bool multiline = false) {
    if (text) reports::check_text(*text, max_bytes, field, true, multiline);
}

void check_optional_hash(const std::optional<std::string>& hash, std::string_view field) {
    if (hash) accounts::checked_hash(*hash, field);
}

void check_range(std::int64_t value, std::int64_t low, std::int64_t high, std::string_view field) {
    if (value < low || value > high) {
        invalid_report_common(
            std::string(field) + " must be " + std::to_string(low) + " to " + std::to_string(high),
            field);
    }
}

void check_sha256(std::string_view hash, std::string_view field) {
    const bool valid = hash.size() == 64 && std::all_of(hash.begin(), hash.end(), [](char c) {
                           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                       });
    if (!valid)
        invalid_report_common(std::string(field) + " must be 64 lower-case hex digits", field);
}

template <typename Enum, std::size_t N>
Enum stored(const std::array<std::pair<Enum, std::string_view>, N>& names, std::string_view text,
            const char* what) {
    const auto value = value_of_report_common(names, text);
    if (!value) throw Error(ErrorCode::internal, std::string("stored ") + what + " is unknown");
    return *value;
}

}  // namespace

std::string_view to_string(ReportState state) noexcept {
    return name_of_report_common(states_report_common, state);
}
std::optional<ReportState> report_state_from(std::string_view text) noexcept {
    return value_of_report_common(states_report_common, text);
}
bool is_finished(ReportState state) noexcept {
    return state != ReportState::new_ && state != ReportState::acknowledged &&
           state != ReportState::in_progress && state != ReportState::reopened;
}
std::string_view to_string(ReportVisibility visibility) noexcept {
    return name_of_report_common(visibilities, visibility);
}
std::optional<ReportVisibility> report_visibility_from(std::string_view text) noexcept {
    return value_of_report_common(visibilities, text);
}
std::string_view to_string(ReportSource source) noexcept {
    return name_of_report_common(sources, source);
}
std::optional<ReportSource> report_source_from(std::string_view text) noexcept {
    return value_of_report_common(sources, text);
}

void ReportStore::write(const std::function<void(SqlRunner&)>& work) {
    try {
        run_write(work);
    } catch (const Error& error) {
        accounts::rethrow_without_values(error);
    }
}

void ReportStore::read(const std::function<void(SqlRunner&)>& work) {
    try {
        run_read(work);
    } catch (const Error& error) {
        accounts::rethrow_without_values(error);
    }
}

namespace reports {

// Spelled exactly as the WHERE of the partial index reports_open (schema_reports.hpp): SQLite
// uses a partial index only for a query that repeats its terms.
const std::string open_state_condition =
    "state IN ('new', 'acknowledged', 'in_progress', 'reopened')";

void check_text(std::string_view text, std::size_t max_bytes, std::string_view field, bool required,
                bool multiline) {
    if (text.empty() && !required) return;
    accounts::checked_text(text, max_bytes, field, multiline);
    outbox::check_utf8(text, field);
}

void check_json(std::string_view text, std::size_t max_bytes, std::string_view field, bool array) {
    const std::string name(field);
    if (text.size() > max_bytes)
        invalid_report_common(name + " is longer than " + std::to_string(max_bytes) + " bytes",
                              field);
    const auto parsed = nlohmann::json::parse(text, nullptr, false);
    if (parsed.is_discarded() || (array ? !parsed.is_array() : !parsed.is_object()))
        invalid_report_common(name + " must be a JSON " + (array ? "array" : "object"), field);
}

void check_category(const CategoryFields& fields) {
    directory::checked_code(fields.code, "code");
    check_text(fields.name_cs, max_name_bytes, "name_cs", true);
    check_text(fields.name_en, max_name_bytes, "name_en", true);
    check_text(fields.description_cs, max_category_text_bytes, "description_cs", false, true);
    check_text(fields.description_en, max_category_text_bytes, "description_en", false, true);
    check_text(fields.guidance_cs, max_category_text_bytes, "guidance_cs", false, true);
    check_text(fields.guidance_en, max_category_text_bytes, "guidance_en", false, true);
    directory::checked_code(fields.owner_role_code, "owner_role_code");
    check_range(fields.first_response_days, 1, 60, "first_response_days");
    check_range(fields.resolution_days, 1, 250, "resolution_days");
    check_json(fields.extra_fields_json, max_category_fields_json_bytes, "extra_fields_json", true);
    check_range(fields.sort_order, -1'000'000, 1'000'000, "sort_order");
}

void check_routing(const ReportRouting& routing) {
    if (routing.municipality_code <= 0)
        invalid_report_common("municipality_code is missing", "municipality_code");
    if (routing.category_id <= 0) invalid_report_common("category_id is missing", "category_id");
    check_range(routing.lon_e7, -max_lon_e7, max_lon_e7, "lon_e7");
    check_range(routing.lat_e7, -max_lat_e7, max_lat_e7, "lat_e7");
    check_text(routing.address_text, max_report_address_bytes, "address_text", false);
    if (routing.owner_role_code)
        directory::checked_code(*routing.owner_role_code, "owner_role_code");
}

void check_status(const ReportStatus& status) {
    check_optional_text(status.state_reason, max_report_reason_bytes, "state_reason", true);
    check_optional_text(status.passed_to, max_report_reason_bytes, "passed_to");
    if (status.duplicate_of && *status.duplicate_of <= 0)
        invalid_report_common("duplicate_of", "duplicate_of");
    check_text(status.public_description, max_report_description_bytes, "public_description", false,
               true);
    check_range(status.level, 0, 4, "level");
}

void check_update(const ReportUpdate& update) {
    if (std::find(update_kinds.begin(), update_kinds.end(), update.kind) == update_kinds.end())
        invalid_report_common("kind is not a kind of report update", "kind");
    if (std::find(author_kinds.begin(), author_kinds.end(), update.author_kind) ==
        author_kinds.end())
        invalid_report_common("author_kind must be citizen, staff or system", "author_kind");
    check_optional_text(update.author_name, max_name_bytes, "author_name");
    if (update.from_state && !report_state_from(*update.from_state))
        invalid_report_common("from_state is not a report state", "from_state");
    if (update.to_state && !report_state_from(*update.to_state))
        invalid_report_common("to_state is not a report state", "to_state");
    if (update.level) check_range(*update.level, 0, 4, "level");
    check_text(update.body, max_report_update_bytes, "body", false, true);
}

void check_photos(std::span<const NewReportPhoto> photos) {
    if (photos.size() > max_report_photos)
        invalid_report_common("at most " + std::to_string(max_report_photos) + " photos", "photos");
    for (const auto& entry : photos) {
        const NewPhoto& photo = entry.photo;
        check_sha256(photo.sha256, "sha256");
        check_sha256(photo.thumb_sha256, "thumb_sha256");
        if (photo.jpeg.empty() || photo.jpeg.size() > max_photo_bytes || photo.width <= 0 ||
            photo.height <= 0 || photo.thumb_jpeg.empty() ||
            photo.thumb_jpeg.size() > max_photo_bytes)
            invalid_report_common("a photo must be 1 byte to 16 MiB with a positive size",
                                  "photos");
    }
}

void check_new_report(const NewReport& report) {
    check_routing(report.routing);
    check_status(report.status);
    check_text(report.description, max_report_description_bytes, "description", true, true);
    check_json(report.extra_json, max_report_extra_json_bytes, "extra_json", false);
    accounts::checked_hash(report.tracking_hash, "tracking_hash");
    check_optional_hash(report.open311_token, "open311_token");
    check_optional_hash(report.confirm_hash, "confirm_hash");
    check_optional_hash(report.contact_email_hash, "contact_email_hash");
    if (report.submitter_key.size() > max_hash_bytes)
        invalid_report_common("submitter_key is longer than 128 bytes", "submitter_key");
    check_optional_text(report.public_name, max_name_bytes, "public_name");
    if (report.show_name && !report.public_name)
        invalid_report_common("show_name needs a public_name", "public_name");
}

const std::string report_columns =
    "id, municipality_code, city_part_id, district_id, category_id, lon_e7, lat_e7, "
    "address_text, owner_role_code, owner_holder_id, owner_user_id, state, state_reason, "
    "passed_to, duplicate_of, visibility, public_description, level, level_due, "
    "first_response_due, resolution_due, first_response_at, resolved_at, closed_at, "
    "fixed_confirmed_at, confirmed_at, description, extra_json, tracking_hash, open311_token, "
    "confirm_hash, contact_sealed, contact_email_hash, has_email, show_name, public_name, "
    "submitter_key, source, created_at, updated_at, version";

Report report_of(const SqlRows& rows) {
    using accounts::optional_time;
    using accounts::parse_time;
    Report report;
    report.id = rows.int64(0);
    ReportRouting& routing = report.routing;
    routing.municipality_code = rows.int64(1);
    routing.city_part_id = rows.optional_int64(2);
    routing.district_id = rows.optional_int64(3);
    routing.category_id = rows.int64(4);
    routing.lon_e7 = rows.int64(5);
    routing.lat_e7 = rows.int64(6);
    routing.address_text = rows.text(7);
    routing.owner_role_code = rows.optional_text(8);
    routing.owner_holder_id = rows.optional_int64(9);
    routing.owner_user_id = rows.optional_int64(10);
    ReportStatus& status = report.status;
    status.state = stored(states_report_common, rows.text(11), "report state");
    status.state_reason = rows.optional_text(12);
    status.passed_to = rows.optional_text(13);
    status.duplicate_of = rows.optional_int64(14);
    status.visibility = stored(visibilities, rows.text(15), "report visibility");
    status.public_description = rows.text(16);
    status.level = rows.int64(17);
    status.level_due = optional_time(rows, 18);
    status.first_response_due = parse_time(rows.text(19));
    status.resolution_due = parse_time(rows.text(20));
    status.first_response_at = optional_time(rows, 21);
    status.resolved_at = optional_time(rows, 22);
    status.closed_at = optional_time(rows, 23);
    status.fixed_confirmed_at = optional_time(rows, 24);
    status.confirmed_at = optional_time(rows, 25);
    report.description = rows.text(26);
    report.extra_json = rows.text(27);
    report.tracking_hash = rows.text(28);
    report.open311_token = rows.optional_text(29);
    report.confirm_hash = rows.optional_text(30);
    report.contact_sealed = rows.optional_bytes(31);
    report.contact_email_hash = rows.optional_text(32);
    report.has_email = rows.int64(33) == 1;
    report.show_name = rows.int64(34) == 1;
    report.public_name = rows.optional_text(35);
    report.submitter_key = rows.text(36);
    report.source = stored(sources, rows.text(37), "report source");
    report.created_at = parse_time(rows.text(38));
    report.updated_at = parse_time(rows.text(39));
    report.version = rows.int64(40);
    return report;
}

const std::string update_columns =
    "u.id, u.report_id, u.created_at, u.kind, u.public, u.author_kind, u.author_user_id, "
    "u.author_name, u.from_state, u.to_state, u.level, u.body";

ReportUpdate update_of(const SqlRows& rows) {
    ReportUpdate update;
    update.id = rows.int64(0);
    update.report_id = rows.int64(1);
    update.created_at = accounts::parse_time(rows.text(2));
    update.kind = rows.text(3);
    update.is_public = rows.int64(4) == 1;
    update.author_kind = rows.text(5);
    update.author_user_id = rows.optional_int64(6);
    update.author_name = rows.optional_text(7);
    update.from_state = rows.optional_text(8);
    update.to_state = rows.optional_text(9);
    update.level = rows.optional_int64(10);
    update.body = rows.text(11);
    return update;
}

const std::string category_columns =
    "id, municipality_code, code, name_cs, name_en, description_cs, description_en, "
    "guidance_cs, guidance_en, accepts_reports, owner_role_code, first_response_days, "
    "resolution_days, extra_fields_json, sort_order, created_at, updated_at, retired_at";

ReportCategory category_of(const SqlRows& rows) {
    ReportCategory category;
    category.id = rows.int64(0);
    category.municipality_code = rows.int64(1);
    category.code = rows.text(2);
    category.name_cs = rows.text(3);
    category.name_en = rows.text(4);
    category.description_cs = rows.text(5);
    category.description_en = rows.text(6);
    category.guidance_cs = rows.text(7);
    category.guidance_en = rows.text(8);
    category.accepts_reports = rows.int64(9) == 1;
    category.owner_role_code = rows.text(10);
    category.first_response_days = rows.int64(11);
    category.resolution_days = rows.int64(12);
    category.extra_fields_json = rows.text(13);
    category.sort_order = rows.int64(14);
    category.created_at = accounts::parse_time(rows.text(15));
    category.updated_at = accounts::parse_time(rows.text(16));
    category.retired_at = accounts::optional_time(rows, 17);
    return category;
}

const std::string level_columns =
    "id, municipality_code, level, code, name_cs, name_en, deadline_days, contact_email, "
    "updated_at";

ReportLevel level_of(const SqlRows& rows) {
    ReportLevel level;
    level.id = rows.int64(0);
    level.municipality_code = rows.int64(1);
    level.level = rows.int64(2);
    level.code = rows.text(3);
    level.name_cs = rows.text(4);
    level.name_en = rows.text(5);
    level.deadline_days = rows.int64(6);
    level.contact_email = rows.optional_text(7);
    level.updated_at = accounts::parse_time(rows.text(8));
    return level;
}

std::int64_t insert_update(SqlRunner& sql, std::int64_t report_id, const ReportUpdate& update,
                           TimePoint now) {
    auto rows = sql.query(
        "INSERT INTO report_updates (report_id, created_at, kind, public, author_kind, "
        "author_user_id, author_name, from_state, to_state, level, body) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        SqlParams()
            .add(report_id)
            .add(accounts::time_text(now))
            .add(update.kind)
            .add_flag(update.is_public)
            .add(update.author_kind)
            .add(update.author_user_id)
            .add(update.author_name)
            .add(update.from_state)
            .add(update.to_state)
            .add(update.level)
            .add(update.body));
    if (!rows->next()) throw Error(ErrorCode::internal, "the update insert returned no id");
    return rows->int64(0);
}

std::vector<std::int64_t> insert_photos(SqlRunner& sql, std::int64_t report_id,
                                        std::optional<std::int64_t> update_id,
                                        std::span<const NewReportPhoto> photos, TimePoint now) {
    std::vector<std::int64_t> ids;
    const std::string when = accounts::time_text(now);
    for (const auto& entry : photos) {
        const NewPhoto& photo = entry.photo;
        auto rows = sql.query(
            "INSERT INTO report_photos (report_id, update_id, jpeg, sha256, width, height, "
            "thumb_jpeg, thumb_sha256, public, created_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
            SqlParams()
                .add(report_id)
                .add(update_id)
                .add_blob(photo.jpeg)
                .add(photo.sha256)
                .add(photo.width)
                .add(photo.height)
                .add_blob(photo.thumb_jpeg)
                .add(photo.thumb_sha256)
                .add_flag(entry.is_public)
                .add(when));
        if (!rows->next()) throw Error(ErrorCode::internal, "the photo insert returned no id");
        ids.push_back(rows->int64(0));
    }
    return ids;
}

void queue_mails(SqlRunner& sql, const ReportMailer& mails, std::int64_t report_id,
                 std::int64_t update_id, TimePoint now) {
    if (!mails) return;
    for (const auto& message : mails(report_id, update_id))
        append_outbox_message(sql, message, now);
}

void require_category(SqlRunner& sql, std::int64_t category_id, std::int64_t municipality_code) {
    if (!accounts::exists(
            sql, "SELECT 1 FROM report_categories WHERE id = $1 AND municipality_code = $2",
            SqlParams().add(category_id).add(municipality_code))) {
        throw Error(ErrorCode::not_found,
                    "no report category " + std::to_string(category_id) + " in municipality " +
                        std::to_string(municipality_code),
                    "category");
    }
}

std::optional<std::string> optional_time_text(const std::optional<TimePoint>& time) {
    if (!time) return std::nullopt;
    return accounts::time_text(*time);
}

}  // namespace reports

}  // namespace okrsek::store
