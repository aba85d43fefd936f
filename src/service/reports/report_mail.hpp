#pragma once

// The e-mails of citizen reports, in Czech and English: links, subjects, bodies and outbox
// messages (docs/reports.md "Notifications"). No function here logs anything: the texts hold
// personal data.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "service/reports/citizen_reports.hpp"
#include "store/reports.hpp"

namespace okrsek::service::reports {

/// "cs" for anything but "en".
std::string_view mail_language(std::string_view language) noexcept;

// -- Links (public_url without a trailing slash).

/// `${public_url}/report.html#t=<token>`: the reporter's tracking page (token in clear: only at
/// submission, when it is known).
std::string tracking_link(const ReportSettings& settings, std::string_view tracking_token);
/// `${public_url}/report.html#confirm=<token>`.
std::string confirm_link(const ReportSettings& settings, std::string_view confirm_token);
/// `${public_url}/report.html#id=<id>`: the public view.
std::string public_link(const ReportSettings& settings, std::int64_t report_id);
/// `${public_url}/admin/#/reports/<id>`: the staff view.
std::string admin_link(const ReportSettings& settings, std::int64_t report_id);

// -- Building blocks.

/// "[okrsek] Hlášení č. 123: <topic>" / "[okrsek] Report no. 123: <topic>".
std::string report_subject(std::string_view language, std::int64_t report_id,
                           std::string_view topic);
/// The closing lines of every mail to a reporter: why they get it and that the tracking link
/// of the first mail shows the whole history.
std::string reporter_footer(std::string_view language);
/// The closing lines of every mail to staff: the admin link and why they get it.
std::string staff_footer(const ReportSettings& settings, std::int64_t report_id);
/// An outbox message of kind `kind` ("report.confirmation"…) to one address.
store::OutboxMessage outbox_message(std::string kind, std::int64_t municipality_code,
                                    std::string recipient, std::string subject, std::string body,
                                    std::optional<std::string> dedupe_key = {});

// -- The messages of the core (report_submit / report_tracking / report_staff).

/// What the mails below say about the report.
struct MailFacts {
    std::int64_t report_id = 0;
    std::int64_t municipality_code = 0;
    std::string category_name_cs{};
    std::string category_name_en{};
    std::string district_name{};  ///< empty: outside every district
    std::string address_text{};
    std::string description{};  ///< for staff mails only
    std::string owner_name{};   ///< the named person responsible, if one
};

/// To the reporter at submission: thanks, the tracking link, and the confirmation link when
/// `confirm_token` is given (the report stays pending until it is used).
store::OutboxMessage submission_mail(const ReportSettings& settings, const MailFacts& facts,
                                     std::string_view language, std::string recipient,
                                     std::string_view tracking_token,
                                     std::optional<std::string_view> confirm_token);
/// To the owner (or, with no owner, level-1 recipients): a new report.
store::OutboxMessage owner_new_report_mail(const ReportSettings& settings, const MailFacts& facts,
                                           std::string recipient, bool pending);
/// To the owner: the reporter wrote something (`what` "citizen", "reopened", "fixed_confirmed")
/// with its text.
store::OutboxMessage owner_citizen_mail(const ReportSettings& settings, const MailFacts& facts,
                                        std::string recipient, std::string_view what,
                                        std::string_view text);
/// To a new owner after reassignment, recategorisation or a move.
store::OutboxMessage owner_assigned_mail(const ReportSettings& settings, const MailFacts& facts,
                                         std::string recipient);
/// To the reporter: a public update (answer, state change, escalation…) with its text;
/// `state` is the report's state now.
store::OutboxMessage reporter_update_mail(const ReportSettings& settings, const MailFacts& facts,
                                          std::string_view language, std::string recipient,
                                          const store::ReportUpdate& update,
                                          store::ReportState state);

}  // namespace okrsek::service::reports
