#pragma once

// What the citizen-report service takes and gives (service/reports/citizen_reports.hpp).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/reports.hpp"

namespace okrsek::service {

/// The reporter's optional contact, as typed.
struct ReportContact {
    std::string name{};   ///< at most 200 bytes
    std::string email{};  ///< one address, at most 254 bytes
    std::string phone{};  ///< digits, spaces and + ( ) - / . ; at most 40 bytes
    bool empty() const noexcept { return name.empty() && email.empty() && phone.empty(); }
};

/// A citizen's report as submitted (the web form, Open311 POST, or staff by phone).
struct ReportSubmission {
    double lon = 0.0;  ///< WGS 84; decides town, city part and district
    double lat = 0.0;
    std::string address_text{};  ///< what the citizen chose or typed, optional
    std::string category_code{};
    std::string description{};          ///< 10 to 5000 bytes
    std::string extra_json = "{}";      ///< values of the category's extra fields (a JSON object)
    std::vector<std::string> photos{};  ///< raw uploaded JPEG/PNG bytes, at most 5
    ReportContact contact{};
    bool show_name = false;
    std::string honeypot{};       ///< the hidden form field: non-empty means a bot
    std::string language = "cs";  ///< of the e-mails to the reporter: "cs" or "en"
    store::ReportSource source = store::ReportSource::web;
};

/// What a submission gives back. The tracking token is shown once and e-mailed; only its hash
/// is stored.
struct SubmitResult {
    std::int64_t report_id = 0;
    std::string tracking_token{};  ///< 32 base64url characters (192 bits)
    store::ReportVisibility visibility = store::ReportVisibility::pending;
    bool confirmation_sent = false;           ///< an e-mail with the confirmation link was queued
    std::optional<std::string> owner_name{};  ///< the named person it went to, if any
    std::optional<std::int64_t> district_id{};
};

/// A report as the public sees it: no contact, the public text, public updates only.
struct PublicReport {
    std::int64_t id = 0;
    std::int64_t municipality_code = 0;
    std::optional<std::int64_t> district_id{};
    std::optional<std::string> district_name{};
    std::string category_code{};
    std::string category_name_cs{};
    std::string category_name_en{};
    double lon = 0.0;
    double lat = 0.0;
    std::string address_text{};
    std::string description{};  ///< public_description
    store::ReportState state = store::ReportState::new_;
    std::optional<std::string> state_reason{};
    std::optional<std::string> passed_to{};
    std::optional<std::int64_t> duplicate_of{};
    std::int64_t level = 0;
    std::string level_name_cs{};  ///< "Pracovní skupina okrsku", "Vedení policie"…
    std::string level_name_en{};
    std::optional<std::string> owner_name{};  ///< the named person responsible now
    std::optional<std::string> owner_role_code{};
    std::optional<std::string> reporter_name{};  ///< only when the reporter chose to show it
    bool overdue = false;
    bool fixed_confirmed = false;
    store::TimePoint created_at{};
    store::TimePoint updated_at{};
    store::TimePoint first_response_due{};
    store::TimePoint resolution_due{};
    std::optional<store::TimePoint> level_due{};
    std::vector<store::ReportUpdate> updates{};    ///< public ones, oldest first
    std::vector<store::ReportPhotoInfo> photos{};  ///< public ones
};

/// What the holder of a tracking link sees and may do.
struct TrackedReport {
    PublicReport report{};
    store::ReportVisibility visibility = store::ReportVisibility::pending;
    bool can_reopen = false;         ///< finished: may reopen with a reason
    bool can_confirm_fixed = false;  ///< resolved and not yet confirmed
    bool can_add_update = true;      ///< not hidden, not merged away
};

/// A report as staff see it (contact only through reveal_contact()).
struct StaffReport {
    store::Report report{};
    PublicReport view{};
    std::vector<store::ReportUpdate> updates{};  ///< internal notes too
    std::vector<store::ReportPhotoInfo> photos{};
    std::vector<store::ReportState> next_states{};  ///< the states staff may set now
    bool can_handle = false;
    bool can_escalate = false;
    bool can_reveal_contact = false;
    std::vector<PublicReport> possible_duplicates{};  ///< nearby, same category, open
};

/// The inbox's filters (staff). Areas are limited to the principal's scope anyway.
struct InboxQuery {
    std::optional<std::int64_t> municipality_code{};
    std::optional<std::int64_t> district_id{};
    std::vector<store::ReportState> states{};
    std::vector<std::string> category_codes{};
    std::optional<std::int64_t> level{};
    bool overdue_only = false;
    bool mine_only = false;
    bool include_pending = true;  ///< unconfirmed reports (the moderation queue)
    std::optional<store::ReportVisibility> visibility{};
    std::size_t limit = 50;
    std::size_t offset = 0;
};

struct InboxPage {
    std::vector<StaffReport> reports{};  ///< without updates/duplicates (cheap rows)
    std::int64_t total = 0;
};

/// Public listing of reports of a town or district.
struct PublicReportQuery {
    std::optional<std::int64_t> municipality_code{};
    std::optional<std::int64_t> district_id{};
    std::vector<store::ReportState> states{};
    std::vector<std::string> category_codes{};
    std::optional<store::TimePoint> created_from{};
    std::optional<store::TimePoint> created_to{};
    std::optional<std::array<double, 4>> bbox{};  ///< min lon, min lat, max lon, max lat
    std::vector<std::int64_t> ids{};
    /// Reports changed in [updated_from, updated_to) (Open311 servicerequestupdates); added
    /// by r-http, passed on as store::ReportFilter::updated_from / updated_to.
    std::optional<store::TimePoint> updated_from{};
    std::optional<store::TimePoint> updated_to{};
    std::size_t limit = 100;
    std::size_t offset = 0;
};

struct PublicReportPage {
    std::vector<PublicReport> reports{};  ///< without updates
    std::int64_t total = 0;
};

/// Responsiveness of one district (or the town: district_id empty) over a period. Figures are
/// present only when `report_count` >= min_reports_for_statistics.
struct Responsiveness {
    std::optional<std::int64_t> district_id{};
    std::int64_t report_count = 0;
    std::optional<double> median_first_response_days{};  ///< calendar days, 1 decimal
    std::optional<double> median_resolution_days{};
    std::optional<double> share_first_response_on_time{};  ///< 0–1
    std::optional<double> share_resolved_on_time{};
};
inline constexpr std::int64_t min_reports_for_statistics = 10;

/// A staff decision on one report (state change, answer, note…), with the version read.
struct ReportAction {
    std::int64_t report_id = 0;
    std::int64_t expected_version = 0;
    /// "acknowledge", "start", "resolve", "close_not_competent", "close_duplicate",
    /// "close_no_action", "reopen", "answer" (public text, no state change), "note"
    /// (internal), "approve", "hide", "escalate", "reassign", "recategorise", "move", "merge",
    /// "edit_public_text".
    std::string action{};
    std::string text{};  ///< the public answer / note / reason (as the action needs)
    std::optional<std::string> passed_to{};      ///< close_not_competent
    std::optional<std::int64_t> duplicate_of{};  ///< close_duplicate / merge
    std::optional<std::string> category_code{};  ///< recategorise
    std::optional<double> lon{};                 ///< move
    std::optional<double> lat{};
    std::optional<std::int64_t> owner_user_id{};   ///< reassign (a staff account)
    std::optional<std::string> owner_role_code{};  ///< reassign to the district's role holder
};

}  // namespace okrsek::service
