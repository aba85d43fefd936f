#pragma once

// Citizen reports: submission, confirmation, tracking, routing to a named owner, honest
// states, working-day deadlines, escalation up the chain, notifications through the outbox,
// the staff inbox, public views and area alerts. Design: docs/reports.md.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "service/addresses/address_book.hpp"
#include "service/auth/account_admin.hpp"
#include "service/auth/principal.hpp"
#include "service/reports/report_types.hpp"
#include "service/security/clock.hpp"
#include "service/security/secret_box.hpp"
#include "store/store.hpp"

namespace okrsek::service {

/// How the report service is set up.
struct ReportSettings {
    /// The portal's public address for links in e-mails ("https://okrsek.example.cz").
    std::string public_url = "http://localhost:8080";
    /// Sealing key of reporters' contacts (ServerKeys::report_contacts); without it reports
    /// with a contact are refused (unavailable, field "contact").
    std::optional<std::vector<unsigned char>> contact_key{};
    /// Keyed-hash key for e-mail and client-address rate-limit keys (ServerKeys::report_keys).
    std::vector<unsigned char> hash_key{};
    std::string mail_from_name = "okrsek";
    // Limits per rolling hour / day (0: no limit, for load tests).
    std::int64_t max_reports_per_ip_hour = 10;
    std::int64_t max_reports_per_email_day = 20;
    std::size_t max_photo_bytes = 10 * 1024 * 1024;
    double duplicate_radius_m = 150.0;
    int duplicate_days = 60;
};

/// Thread-safe. Throws core::Error: invalid_argument naming the field, not_found (field "id",
/// "token", "category"…), forbidden / unauthenticated for staff operations the principal may
/// not do (Action::reports_read to see, reports_handle to act, reports_escalate to escalate
/// by hand, reports_contact to reveal a reporter, reports_configure for categories, levels and
/// templates; the target is the report's district as stored), conflict (field "version") when
/// the report changed since it was read, rate_limited (field "rate") past a rate limit.
class CitizenReports {
public:
    CitizenReports(store::Store& store, const security::Clock& clock, CatalogSource catalog,
                   AccountAdmin& accounts, ReportSettings settings);
    ~CitizenReports();

    /// The settings the service runs with.
    const ReportSettings& settings() const;

    // -- Public (no account).

    /// The town's categories that are not retired, in order (with guidance-only ones).
    std::vector<store::ReportCategory> categories(std::int64_t municipality_code);
    /// The town's escalation chain, levels 1–4.
    std::vector<store::ReportLevel> levels(std::int64_t municipality_code);
    /// Validates, routes and stores a report; queues the confirmation e-mail (contact with an
    /// e-mail: visibility pending until confirmed) and the owner's notice. Without an e-mail the
    /// report waits for staff approval. A filled honeypot is refused like spam (invalid_argument,
    /// field "website") without storing anything. `client` gives the address for rate limits.
    SubmitResult submit(const ReportSubmission& submission, const ClientInfo& client);
    /// Public open reports of the same category within duplicate_radius_m of the point, newest
    /// first (at most 10): suggested before submitting.
    std::vector<PublicReport> nearby(double lon, double lat, std::string_view category_code);
    /// The e-mailed confirmation link: the report becomes public. Returns its tracking view.
    /// Throws not_found (field "token") for an unknown or used token.
    TrackedReport confirm(std::string_view confirm_token);
    /// The tracking link's view. Throws not_found (field "token").
    TrackedReport track(std::string_view tracking_token);
    /// The reporter adds information (and photos). Notifies the owner.
    TrackedReport add_citizen_update(std::string_view tracking_token, std::string_view text,
                                     std::span<const std::string> photos);
    /// The reporter reopens a finished report with a reason (at least 10 bytes).
    TrackedReport reopen(std::string_view tracking_token, std::string_view reason);
    /// The reporter confirms a resolved report is fixed.
    TrackedReport confirm_fixed(std::string_view tracking_token);

    PublicReportPage public_reports(const PublicReportQuery& query);
    /// A public report with its public updates. Throws not_found (field "id") for pending or
    /// hidden ones.
    PublicReport public_report(std::int64_t report_id);
    /// A public photo (or thumbnail) by id and hash; none otherwise.
    std::optional<std::string> public_photo(std::int64_t photo_id, std::string_view sha256);
    /// Per district of the town and for the town as a whole, over [from, to).
    std::vector<Responsiveness> responsiveness(std::int64_t municipality_code,
                                               store::TimePoint from, store::TimePoint to);
    /// RSS 2.0 of a district's newest public reports and updates (links to public_url).
    std::string district_feed(std::int64_t district_id, std::string_view language);

    /// Area alerts: a pending subscription and its confirmation e-mail (rate-limited like
    /// reports). Answers the same whether or not the address was subscribed already.
    void subscribe(std::int64_t district_id, std::string_view email, const ClientInfo& client,
                   std::string_view language);
    /// Throws not_found (field "token").
    void confirm_subscription(std::string_view token);
    void unsubscribe(std::string_view token);

    // -- Staff.

    InboxPage inbox(const Principal& principal, const InboxQuery& query);
    /// CSV (RFC 4180, UTF-8, header row) of the inbox query without paging (at most 100,000
    /// rows); no contact data.
    std::string inbox_csv(const Principal& principal, InboxQuery query);
    StaffReport staff_report(const Principal& principal, std::int64_t report_id);
    /// The reporter's contact; audited "report.contact.reveal" with the reason.
    ReportContact reveal_contact(const Principal& principal, std::int64_t report_id,
                                 std::string_view reason);
    /// One decision (see ReportAction). Audited "report.<action>". Queues the messages it
    /// causes (reporter on public changes, new owner on reassign/escalation). Returns the
    /// report as it is now.
    /// Machine tokens with scope "open311" (of the report's town or of none) may answer and
    /// change the state this way too (Open311 POST servicerequestupdates); they get the
    /// report with its public updates only.
    StaffReport act(const Principal& principal, const ReportAction& action);
    /// The report as an Open311 token sees it (public updates only); forbidden otherwise.
    StaffReport machine_report(const Principal& principal, std::int64_t report_id);
    /// The same action on several reports, each with the version given; returns per report
    /// either its new version or the error (bulk actions do not stop at the first failure).
    struct BulkOutcome {
        std::int64_t report_id = 0;
        bool ok = false;
        std::int64_t version = 0;
        std::string error_code{};
        std::string message{};
    };
    std::vector<BulkOutcome> act_bulk(const Principal& principal,
                                      std::span<const ReportAction> actions);

    std::vector<store::AnswerTemplate> templates(const Principal& principal,
                                                 std::int64_t municipality_code);
    std::int64_t create_template(const Principal& principal, std::int64_t municipality_code,
                                 std::string_view title, std::string_view body);
    void update_template(const Principal& principal, std::int64_t template_id,
                         std::string_view title, std::string_view body);
    void delete_template(const Principal& principal, std::int64_t template_id);

    std::int64_t create_category(const Principal& principal, const store::CategoryFields& fields);
    void update_category(const Principal& principal, std::int64_t category_id,
                         const store::CategoryFields& fields);
    void retire_category(const Principal& principal, std::int64_t category_id);
    void set_level(const Principal& principal, const store::ReportLevel& level);

    // -- Background work (the server's worker thread, `okrsek reports sweep`, tests).

    /// Escalates every report whose deadline has passed by one level (several servers may run
    /// this at once: each escalation happens exactly once). Returns how many it escalated.
    std::size_t escalate_due(std::size_t limit = 500);
    /// Queues area alerts for reports made public since the last run. Returns messages queued.
    std::size_t send_area_alerts();
    /// Queues the daily digest for each staff member with reports in scope (once per Prague
    /// calendar day: dedupe key). Returns messages queued.
    std::size_t send_daily_digests();

    /// Inserts a town's default categories and escalation levels it lacks (demo, first use).
    void seed_defaults(std::int64_t municipality_code);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace okrsek::service
