// CitizenReports: what the holder of a tracking link (or of the e-mailed confirmation link)
// sees and does.
#include "core/error.hpp"
#include "service/reports/report_impl.hpp"
#include "service/reports/report_input.hpp"

namespace okrsek::service {

using core::Error;
using core::ErrorCode;
namespace rep = reports;

namespace {

TrackedReport tracked_view(rep::ReportLookups& lookups, const store::Report& report) {
    TrackedReport view;
    view.report = lookups.to_public(report, true);
    view.visibility = report.status.visibility;
    view.can_reopen = rep::citizen_may_reopen(report);
    view.can_confirm_fixed = rep::citizen_may_confirm_fixed(report);
    view.can_add_update = rep::citizen_may_add_update(report);
    return view;
}

store::ReportUpdate citizen_update(std::string kind, const store::Report& report,
                                   std::string body) {
    store::ReportUpdate update;
    update.kind = std::move(kind);
    update.is_public = true;
    update.author_kind = "citizen";
    update.level = report.status.level;
    update.body = std::move(body);
    return update;
}

// Applies a reporter's change and tells whoever answers for the report now.
void apply_citizen_change(rep::ReportCore& core, rep::ReportLookups& lookups,
                          const store::Report& report, store::ReportChange change,
                          std::string_view what, const std::string& text) {
    const std::vector<std::string> staff = core.responsible_addresses(report);
    const rep::MailFacts facts = lookups.facts(report);
    const auto settings = core.settings;
    const std::string kind(what);
    change.report_id = report.id;
    change.expected_version = report.version;
    change.mails = [=](std::int64_t, std::int64_t) {
        std::vector<store::OutboxMessage> mails;
        for (const auto& address : staff) {
            mails.push_back(rep::owner_citizen_mail(settings, facts, address, kind, text));
        }
        return mails;
    };
    core.store.apply_report_change(change, core.now());
}

}  // namespace

TrackedReport CitizenReports::confirm(std::string_view confirm_token) {
    auto& core = *m_impl;
    std::optional<store::Report> found;
    if (rep::is_report_token(confirm_token)) {
        found = core.store.find_report_by_confirm_hash(rep::sha256_hex(confirm_token));
    }
    if (!found) throw Error(ErrorCode::not_found, "unknown or used confirmation link", "token");
    store::ReportChange change;
    change.report_id = found->id;
    change.expected_version = found->version;
    change.clear_confirm_hash = true;
    store::ReportStatus status = found->status;
    status.confirmed_at = core.now();
    // A report staff hid stays hidden; one they approved meanwhile stays public.
    if (status.visibility == store::ReportVisibility::pending) {
        status.visibility = store::ReportVisibility::public_;
    }
    change.status = status;
    change.update = citizen_update("confirmed", *found, "");
    core.store.apply_report_change(change, core.now());
    rep::ReportLookups lookups(core);
    return tracked_view(lookups, core.load(found->id));
}

TrackedReport CitizenReports::track(std::string_view tracking_token) {
    auto& core = *m_impl;
    rep::ReportLookups lookups(core);
    return tracked_view(lookups, core.load_tracked(tracking_token));
}

TrackedReport CitizenReports::add_citizen_update(std::string_view tracking_token,
                                                 std::string_view text,
                                                 std::span<const std::string> photos) {
    auto& core = *m_impl;
    const store::Report report = core.load_tracked(tracking_token);
    if (!rep::citizen_may_add_update(report)) {
        throw Error(ErrorCode::conflict, "this report takes no more updates", "state");
    }
    rep::check_text(text, "text", photos.empty() ? 1 : 0, store::max_report_update_bytes);
    store::ReportChange change;
    change.update = citizen_update("citizen", report, std::string(text));
    change.photos = core.prepare_photos(photos, true);
    rep::ReportLookups lookups(core);
    apply_citizen_change(core, lookups, report, std::move(change), "citizen", std::string(text));
    return tracked_view(lookups, core.load(report.id));
}

TrackedReport CitizenReports::reopen(std::string_view tracking_token, std::string_view reason) {
    auto& core = *m_impl;
    const store::Report report = core.load_tracked(tracking_token);
    if (!rep::citizen_may_reopen(report)) {
        throw Error(ErrorCode::conflict, "only a finished report can be reopened", "state");
    }
    rep::check_text(reason, "reason", 10, store::max_report_reason_bytes);
    rep::ReportLookups lookups(core);
    store::ReportChange change;
    change.status = rep::reopened_status(core, lookups, report, std::string(reason));
    change.update = citizen_update("reopened", report, std::string(reason));
    change.update->from_state = std::string(store::to_string(report.status.state));
    change.update->to_state = std::string(store::to_string(store::ReportState::reopened));
    apply_citizen_change(core, lookups, report, std::move(change), "reopened", std::string(reason));
    return tracked_view(lookups, core.load(report.id));
}

TrackedReport CitizenReports::confirm_fixed(std::string_view tracking_token) {
    auto& core = *m_impl;
    const store::Report report = core.load_tracked(tracking_token);
    if (!rep::citizen_may_confirm_fixed(report)) {
        throw Error(ErrorCode::conflict, "only a resolved report can be confirmed fixed", "state");
    }
    store::ReportChange change;
    change.status = report.status;
    change.status->fixed_confirmed_at = core.now();
    change.update = citizen_update("fixed_confirmed", report, "");
    rep::ReportLookups lookups(core);
    apply_citizen_change(core, lookups, report, std::move(change), "fixed_confirmed", "");
    return tracked_view(lookups, core.load(report.id));
}

}  // namespace okrsek::service
