#pragma once

// Citizen reports, part of every Store: categories, escalation levels, reports with their
// history and photos, answer templates and area subscriptions. Written once on top of
// SqlRunner (store/report_*.cpp); schema in store/schema_reports.hpp; design in
// docs/reports.md.
//
// The store keeps no rules of its own beyond limits and integrity: the service
// (service/reports/) decides states, deadlines, routing and messages, then writes a whole
// change at once with apply_report_change(), which checks the version it read (so two servers
// deciding the same escalation cannot both write it) and appends the history row, photos,
// outbox messages and audit row in the same transaction.

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/accounts.hpp"
#include "store/directory.hpp"
#include "store/outbox.hpp"

namespace okrsek::store {

class SqlRunner;

// Every member below has a default, so that designated initialisers may leave any out.

// ---- Enumerations, stored as text -----------------------------------------------------------

enum class ReportState {
    new_,
    acknowledged,
    in_progress,
    resolved,
    closed_not_competent,
    closed_duplicate,
    closed_no_action,
    reopened,
};
/// "new", "acknowledged", "in_progress", "resolved", "closed_not_competent",
/// "closed_duplicate", "closed_no_action", "reopened": as stored and in the API.
std::string_view to_string(ReportState state) noexcept;
std::optional<ReportState> report_state_from(std::string_view text) noexcept;
/// resolved or one of the closed states: no deadline runs, escalation stops.
bool is_finished(ReportState state) noexcept;

enum class ReportVisibility { pending, public_, hidden };
/// "pending" (unconfirmed: staff only), "public", "hidden" (moderated away).
std::string_view to_string(ReportVisibility visibility) noexcept;
std::optional<ReportVisibility> report_visibility_from(std::string_view text) noexcept;

enum class ReportSource { web, open311, staff };
std::string_view to_string(ReportSource source) noexcept;
std::optional<ReportSource> report_source_from(std::string_view text) noexcept;

// ---- Limits (checked by the store; the service may check earlier with nicer messages) -------

inline constexpr std::size_t max_report_description_bytes = 5000;
inline constexpr std::size_t max_report_update_bytes = 5000;
inline constexpr std::size_t max_report_extra_json_bytes = 4000;
inline constexpr std::size_t max_report_address_bytes = 300;
inline constexpr std::size_t max_report_reason_bytes = 1000;
inline constexpr std::size_t max_report_photos = 5;  ///< per report or update
inline constexpr std::size_t max_category_fields_json_bytes = 8000;
inline constexpr std::size_t max_category_text_bytes = 2000;  ///< guidance, descriptions
inline constexpr std::size_t max_report_page = 1000;

// ---- Categories and escalation levels -------------------------------------------------------

/// What a town lets citizens report. `code`: [a-z0-9_], 1 to 64 bytes, stable.
struct ReportCategory {
    std::int64_t id = 0;
    std::int64_t municipality_code = 0;
    std::string code{};
    std::string name_cs{};
    std::string name_en{};
    std::string description_cs{};
    std::string description_en{};
    std::string guidance_cs{};  ///< shown before the form ("not for the team: call …")
    std::string guidance_en{};
    bool accepts_reports = true;    ///< false: guidance only, the form refuses it
    std::string owner_role_code{};  ///< team_roles.code whose current holder owns its reports
    std::int64_t first_response_days = 2;  ///< Czech working days, 1–60
    std::int64_t resolution_days = 20;     ///< Czech working days, 1–250
    std::string extra_fields_json = "[]";  ///< see docs/reports.md "Extra fields"
    std::int64_t sort_order = 0;
    TimePoint created_at{};
    TimePoint updated_at{};
    std::optional<TimePoint> retired_at{};
};

/// A category as written by create/update (id, times and retirement are the store's).
struct CategoryFields {
    std::int64_t municipality_code = 0;  ///< ignored by update (a category never moves)
    std::string code{};                  ///< ignored by update (stable)
    std::string name_cs{};
    std::string name_en{};
    std::string description_cs{};
    std::string description_en{};
    std::string guidance_cs{};
    std::string guidance_en{};
    bool accepts_reports = true;
    std::string owner_role_code{};
    std::int64_t first_response_days = 2;
    std::int64_t resolution_days = 20;
    std::string extra_fields_json = "[]";
    std::int64_t sort_order = 0;
};

/// Level 1–4 of a town's escalation chain (level 0 is the district team).
struct ReportLevel {
    std::int64_t id = 0;
    std::int64_t municipality_code = 0;
    std::int64_t level = 1;
    std::string code{};  ///< "police_leadership", "coordination_meeting", "security_commission",
                         ///< "council"
    std::string name_cs{};
    std::string name_en{};
    std::int64_t deadline_days = 10;  ///< Czech working days at this level, 1–250
    std::optional<std::string> contact_email{};
    TimePoint updated_at{};
};

// ---- Reports --------------------------------------------------------------------------------

/// A photo attached to a report or an update, ready to store (see NewPhoto).
struct NewReportPhoto {
    NewPhoto photo{};
    bool is_public = true;
};

/// A stored photo's metadata (the bytes come from report_photo()).
struct ReportPhotoInfo {
    std::int64_t id = 0;
    std::int64_t report_id = 0;
    std::optional<std::int64_t> update_id{};
    std::string sha256{};
    std::string thumb_sha256{};
    std::int64_t width = 0;
    std::int64_t height = 0;
    bool is_public = true;
    TimePoint created_at{};
};

/// Where a report lies and who owns it: set at submission, changed by routing.
struct ReportRouting {
    std::int64_t municipality_code = 0;
    std::optional<std::int64_t> city_part_id{};
    std::optional<std::int64_t> district_id{};
    std::int64_t category_id = 0;
    std::int64_t lon_e7 = 0;  ///< WGS 84, 1e-7 degree
    std::int64_t lat_e7 = 0;
    std::string address_text{};
    std::optional<std::string> owner_role_code{};
    std::optional<std::int64_t> owner_holder_id{};
    std::optional<std::int64_t> owner_user_id{};
};

/// The fields of a report that change over its life.
struct ReportStatus {
    ReportState state = ReportState::new_;
    std::optional<std::string> state_reason{};  ///< closed_no_action / reopened: why
    std::optional<std::string> passed_to{};     ///< closed_not_competent: the body it went to
    std::optional<std::int64_t> duplicate_of{};
    ReportVisibility visibility = ReportVisibility::pending;
    std::string public_description{};
    std::int64_t level = 0;                ///< 0 district team … 4 council
    std::optional<TimePoint> level_due{};  ///< level ≥ 1: when this level's deadline passes
    TimePoint first_response_due{};
    TimePoint resolution_due{};
    std::optional<TimePoint> first_response_at{};
    std::optional<TimePoint> resolved_at{};
    std::optional<TimePoint> closed_at{};
    std::optional<TimePoint> fixed_confirmed_at{};  ///< the reporter confirmed the fix
    std::optional<TimePoint> confirmed_at{};        ///< the contact was confirmed by e-mail
};

/// A report as stored.
struct Report {
    std::int64_t id = 0;
    ReportRouting routing{};
    ReportStatus status{};
    std::string description{};  ///< the original text, never changed
    std::string extra_json = "{}";
    std::string tracking_hash{};  ///< SHA-256 hex of the tracking token
    std::optional<std::string> open311_token{};
    /// SHA-256 hex of the e-mailed confirmation token; cleared once confirmed.
    std::optional<std::string> confirm_hash{};
    std::optional<std::string> contact_sealed{};  ///< SecretBox bytes; none: anonymous
    std::optional<std::string> contact_email_hash{};
    bool has_email = false;
    bool show_name = false;
    std::optional<std::string> public_name{};  ///< only when show_name
    std::string submitter_key{};
    ReportSource source = ReportSource::web;
    TimePoint created_at{};
    TimePoint updated_at{};
    std::int64_t version = 1;
};

/// One entry of a report's history.
struct ReportUpdate {
    std::int64_t id = 0;
    std::int64_t report_id = 0;
    TimePoint created_at{};
    std::string kind{};  ///< see schema: "answer", "note", "state", "escalated", …
    bool is_public = true;
    std::string author_kind = "system";  ///< "citizen", "staff", "system"
    std::optional<std::int64_t> author_user_id{};
    std::optional<std::string> author_name{};  ///< staff: the named person who answered
    std::optional<std::string> from_state{};
    std::optional<std::string> to_state{};
    std::optional<std::int64_t> level{};
    std::string body{};
};

/// A new report: everything but id, version and times. `contact_sealed` is sealed by the
/// service once the id is known: give a function that seals for an id.
struct NewReport {
    ReportRouting routing{};
    ReportStatus status{};
    std::string description{};
    std::string extra_json = "{}";
    std::string tracking_hash{};
    std::optional<std::string> open311_token{};
    std::optional<std::string> confirm_hash{};
    /// Called inside the transaction with the new id; returns the sealed contact (or none).
    std::function<std::optional<std::string>(std::int64_t report_id)> seal_contact{};
    std::optional<std::string> contact_email_hash{};
    bool has_email = false;
    bool show_name = false;
    std::optional<std::string> public_name{};
    std::string submitter_key{};
    ReportSource source = ReportSource::web;
};

/// Messages to queue with a change: a function, so that their text may hold the report id and
/// the new update's id (called inside the transaction).
using ReportMailer =
    std::function<std::vector<OutboxMessage>(std::int64_t report_id, std::int64_t update_id)>;

/// What submit_report() stores besides the report.
struct NewReportExtras {
    ReportUpdate first_update{};           ///< kind "submitted" (id, report_id ignored)
    std::vector<NewReportPhoto> photos{};  ///< the report's own (no update_id)
    ReportMailer mails{};
};

/// A change to one report, decided by the service from the version it read.
struct ReportChange {
    std::int64_t report_id = 0;
    std::int64_t expected_version = 0;       ///< the version read; another one: conflict
    std::optional<ReportRouting> routing{};  ///< new routing, if it changes
    std::optional<ReportStatus> status{};    ///< new status, if it changes
    bool clear_confirm_hash = false;         ///< the confirmation link was used
    std::optional<ReportUpdate> update{};    ///< the history row (id, report_id ignored)
    std::vector<NewReportPhoto> photos{};    ///< attached to `update` (needs one)
    ReportMailer mails{};
    std::optional<AuditEntry> audit{};  ///< staff changes: audited in the same transaction
};

/// What apply_report_change() wrote.
struct AppliedChange {
    std::int64_t version = 0;  ///< the report's new version
    std::optional<std::int64_t> update_id{};
    std::vector<std::int64_t> photo_ids{};
};

/// What list_reports() selects. Empty optionals do not filter.
struct ReportFilter {
    std::optional<std::int64_t> municipality_code{};
    /// Reports of these towns only; empty: no filter. With include_unassigned across several
    /// towns it keeps other towns' reports in no district out. (added by r-store)
    std::vector<std::int64_t> municipality_codes{};
    /// Reports whose district (or, for reports outside every district, city part) is one of
    /// these; empty: no area filter. A staff member's scope becomes these lists.
    std::vector<std::int64_t> district_ids{};
    std::vector<std::int64_t> city_part_ids{};
    /// With area lists: also reports in no district. Alone (both lists empty): only reports in
    /// no district, so an empty scope never widens to every report. (clarified by r-store)
    bool include_unassigned = false;
    std::vector<ReportState> states{};
    std::vector<std::int64_t> category_ids{};
    std::vector<ReportVisibility> visibilities{};
    std::optional<std::int64_t> level{};
    std::optional<std::int64_t> min_level{};
    std::optional<std::int64_t> owner_user_id{};
    /// Not finished and past a deadline at this instant: first response (none yet), resolution,
    /// or the level's.
    std::optional<TimePoint> overdue_at{};
    std::optional<TimePoint> created_from{};  ///< inclusive
    std::optional<TimePoint> created_to{};    ///< exclusive
    std::optional<TimePoint> updated_from{};
    std::optional<TimePoint> updated_to{};
    /// WGS 84 box in 1e-7 degree: min lon, min lat, max lon, max lat.
    std::optional<std::array<std::int64_t, 4>> box_e7{};
    std::vector<std::int64_t> ids{};
    std::optional<std::string> open311_token{};
    std::optional<std::string> contact_email_hash{};
    enum class Order { newest_first, oldest_first, updated_newest_first };
    Order order = Order::newest_first;
    std::size_t limit = 100;  ///< 1–max_report_page
    std::size_t offset = 0;
};

/// A page of reports and how many match in all.
struct ReportPage {
    std::vector<Report> reports{};
    std::int64_t total = 0;
};

/// A report's times, for responsiveness statistics.
struct ReportTiming {
    std::int64_t report_id = 0;
    std::optional<std::int64_t> district_id{};
    TimePoint created_at{};
    TimePoint first_response_due{};
    TimePoint resolution_due{};
    std::optional<TimePoint> first_response_at{};
    std::optional<TimePoint> resolved_at{};
    std::optional<TimePoint> closed_at{};
};

// ---- Templates and subscriptions ------------------------------------------------------------

struct AnswerTemplate {
    std::int64_t id = 0;
    std::int64_t municipality_code = 0;
    std::string title{};  ///< 1 to 200 bytes, unique in the town
    std::string body{};   ///< at most max_report_update_bytes
    TimePoint created_at{};
    TimePoint updated_at{};
};

struct AreaSubscription {
    std::int64_t id = 0;
    std::int64_t municipality_code = 0;
    std::int64_t district_id = 0;
    std::string email{};
    std::string token_hash{};  ///< SHA-256 hex of the confirm / unsubscribe token
    std::optional<TimePoint> confirmed_at{};
    TimePoint created_at{};
    std::int64_t last_update_id = 0;  ///< alerts sent up to this report id
};

/// The reports' storage. Thread-safe like Store. Throws core::Error: invalid_argument naming
/// the field for values beyond the limits above, not_found (field "id", "category"…),
/// conflict (field "version") when a report changed since it was read, conflict for a
/// duplicate code / title / subscription, unavailable when the database cannot be reached.
class ReportStore {
public:
    virtual ~ReportStore() = default;

    // -- Categories and levels (report_categories.cpp).

    /// A town's categories in sort_order, then code; retired ones only when asked.
    std::vector<ReportCategory> report_categories(std::int64_t municipality_code,
                                                  bool include_retired = false);
    std::optional<ReportCategory> find_report_category(std::int64_t category_id);
    std::optional<ReportCategory> find_report_category(std::int64_t municipality_code,
                                                       std::string_view code);
    /// Audited "report_category.create" / ".update" / ".retire" (default actions).
    std::int64_t create_report_category(const CategoryFields& fields, TimePoint now,
                                        const AuditEntry& audit);
    void update_report_category(std::int64_t category_id, const CategoryFields& fields,
                                TimePoint now, const AuditEntry& audit);
    void retire_report_category(std::int64_t category_id, TimePoint now, const AuditEntry& audit);

    /// A town's levels 1–4 in order (missing ones are simply absent).
    std::vector<ReportLevel> report_levels(std::int64_t municipality_code);
    /// Inserts or replaces the level (municipality, level). Audited "report_level.set".
    void set_report_level(const ReportLevel& level, TimePoint now, const AuditEntry& audit);

    /// Inserts categories and levels a town lacks (by code / level), not audited: a town's
    /// defaults, seeded the first time anything asks. Returns how many rows were inserted.
    std::size_t seed_report_defaults(std::int64_t municipality_code,
                                     std::span<const CategoryFields> categories,
                                     std::span<const ReportLevel> levels, TimePoint now);

    // -- Reports (report_store.cpp).

    /// Inserts the report (version 1), its first history row, photos and messages in one
    /// transaction. Returns the new id.
    std::int64_t submit_report(const NewReport& report, const NewReportExtras& extras,
                               TimePoint now);
    std::optional<Report> find_report(std::int64_t report_id);
    std::optional<Report> find_report_by_tracking_hash(std::string_view tracking_hash);
    std::optional<Report> find_report_by_confirm_hash(std::string_view confirm_hash);
    /// Applies `change` if the report's version is still `expected_version` (else conflict,
    /// field "version", nothing written; not_found, field "id", for no such report).
    /// updated_at becomes `now`. The mailer gets update id 0 without an update; the audit
    /// row's default action is "report.change".
    AppliedChange apply_report_change(const ReportChange& change, TimePoint now);
    /// Reports matching `filter` with the total count. Throws invalid_argument (field "limit").
    ReportPage list_reports(const ReportFilter& filter);
    /// How many reports were submitted since `since` with this submitter key / e-mail hash
    /// (rate limits).
    std::int64_t count_reports_by_submitter(std::string_view submitter_key, TimePoint since);
    std::int64_t count_reports_by_email_hash(std::string_view email_hash, TimePoint since);
    /// Reports not finished whose escalation is due at `now`: level 0 past the first-response
    /// deadline without a first response or past the resolution deadline; level 1–3 past
    /// level_due. Oldest deadline first, at most `limit`.
    std::vector<Report> reports_due_for_escalation(TimePoint now, std::size_t limit);
    /// The history of a report, oldest first; internal notes only when asked.
    std::vector<ReportUpdate> report_updates(std::int64_t report_id, bool include_internal);
    /// Public updates of a town's public reports after `after_id` (feeds, alerts), oldest
    /// first, at most `limit`.
    std::vector<ReportUpdate> public_updates_since(std::int64_t municipality_code,
                                                   std::int64_t after_id, std::size_t limit);
    std::vector<ReportPhotoInfo> report_photos(std::int64_t report_id);
    /// One variant's bytes (the photo's or its thumbnail's hash), with its report id and
    /// whether it is public.
    struct PhotoBytes {
        std::int64_t report_id = 0;
        bool is_public = false;
        std::string jpeg{};
    };
    std::optional<PhotoBytes> report_photo(std::int64_t photo_id, std::string_view sha256);
    /// Times of the public, non-duplicate reports of a town created in [from, to).
    std::vector<ReportTiming> report_timings(std::int64_t municipality_code, TimePoint from,
                                             TimePoint to);

    // -- Answer templates and subscriptions (report_extras.cpp).

    std::vector<AnswerTemplate> answer_templates(std::int64_t municipality_code);
    std::optional<AnswerTemplate> find_answer_template(std::int64_t template_id);
    /// Audited "report_template.create" / ".update" / ".delete".
    std::int64_t create_answer_template(std::int64_t municipality_code, std::string_view title,
                                        std::string_view body, TimePoint now,
                                        const AuditEntry& audit);
    void update_answer_template(std::int64_t template_id, std::string_view title,
                                std::string_view body, TimePoint now, const AuditEntry& audit);
    void delete_answer_template(std::int64_t template_id, const AuditEntry& audit);

    /// A pending subscription with its confirmation message, in one transaction. A second
    /// request for the same district and address replaces the token (and sends again) unless
    /// confirmed already (then conflict, field "email").
    std::int64_t subscribe_area(std::int64_t municipality_code, std::int64_t district_id,
                                std::string_view email, std::string_view token_hash,
                                const OutboxMessage& confirmation, TimePoint now);
    /// Confirms by token hash; false for an unknown token. Sets last_update_id to the newest
    /// report id (alerts start from now).
    bool confirm_subscription(std::string_view token_hash, TimePoint now);
    /// Removes by token hash; false for an unknown token.
    bool unsubscribe(std::string_view token_hash);
    /// Confirmed subscriptions of a district.
    std::vector<AreaSubscription> district_subscriptions(std::int64_t district_id);
    /// Queues `mails` and moves the subscriptions' last_update_id to `last_report_id`, in one
    /// transaction (each subscription only forward).
    void record_alerts(std::span<const std::int64_t> subscription_ids, std::int64_t last_report_id,
                       std::span<const OutboxMessage> mails, TimePoint now);

protected:
    virtual void run_write(const std::function<void(SqlRunner&)>& work) = 0;
    virtual void run_read(const std::function<void(SqlRunner&)>& work) = 0;
    virtual void run_snapshot(const std::function<void(SqlRunner&)>& work) = 0;

private:
    void write(const std::function<void(SqlRunner&)>& work);
    void read(const std::function<void(SqlRunner&)>& work);
};

}  // namespace okrsek::store
