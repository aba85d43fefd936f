// CitizenReports::send_daily_digests: every morning (from 08:00 Prague) each staff member who
// may read reports gets the counts of new, open and overdue reports in their scope and the ten
// most overdue ones (public text only, links to the back office).
#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/prague_time.hpp"
#include "service/reports/report_impl.hpp"

namespace okrsek::service {
namespace {

using core::Error;
using core::ErrorCode;
using namespace std::chrono_literals;
namespace sec = security;

constexpr auto digest_hour = 8h;  // Prague wall-clock time
constexpr std::size_t digest_listed = 10;
constexpr std::size_t overdue_looked_at = 200;
constexpr std::size_t text_preview_bytes = 120;

const std::vector<store::ReportState> open_states{
    store::ReportState::new_, store::ReportState::acknowledged, store::ReportState::in_progress,
    store::ReportState::reopened};

bool digest_time(store::TimePoint now) {
    const auto local = core::to_prague_local(std::chrono::floor<std::chrono::seconds>(now));
    return local - std::chrono::floor<std::chrono::days>(local) >= digest_hour;
}

Principal principal_of(const store::UserWithGrants& entry) {
    Principal principal;
    principal.kind = Principal::Kind::user;
    principal.id = entry.user.id;
    principal.email = entry.user.email;
    principal.display_name = entry.user.display_name;
    for (const auto& grant : entry.grants) {
        const auto role = sec::role_from_code(grant.role);
        if (!role) continue;  // a role of a later version grants nothing here
        principal.grants.push_back({*role, to_security_scope(grant.scope)});
        principal.grant_ids.push_back(grant.id);
    }
    return principal;
}

// The deadline a late report missed first.
store::TimePoint missed_deadline(const store::Report& report, store::TimePoint now) {
    std::vector<store::TimePoint> passed;
    if (!report.status.first_response_at && report.status.first_response_due < now)
        passed.push_back(report.status.first_response_due);
    if (report.status.resolution_due < now) passed.push_back(report.status.resolution_due);
    if (report.status.level_due && *report.status.level_due < now)
        passed.push_back(*report.status.level_due);
    return passed.empty() ? now : *std::min_element(passed.begin(), passed.end());
}

std::string preview(const std::string& text) {
    if (text.size() <= text_preview_bytes) return text;
    std::size_t cut = text_preview_bytes;
    // Not inside a UTF-8 character.
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return text.substr(0, cut) + "…";
}

struct DigestFigures {
    std::int64_t fresh = 0;
    std::int64_t open = 0;
    std::int64_t overdue = 0;
    std::vector<store::Report> most_overdue{};
};

std::int64_t count_of(store::Store& store, store::ReportFilter filter) {
    filter.limit = 1;
    return store.list_reports(filter).total;
}

// False when the principal's scope holds nothing.
bool figures_of(reports::ReportCore& core, const Principal& principal, store::TimePoint now,
                DigestFigures& figures) {
    const auto scope = core.scope_of(principal, sec::Action::reports_read);
    if (scope.empty()) return false;
    store::ReportFilter base;
    base.visibilities = {store::ReportVisibility::pending, store::ReportVisibility::public_};
    if (!core.narrow(scope, base)) return false;

    auto fresh = base;
    fresh.created_from = now - 24h;
    figures.fresh = count_of(core.store, fresh);
    auto open = base;
    open.states = open_states;
    figures.open = count_of(core.store, open);
    auto overdue = base;
    overdue.overdue_at = now;
    overdue.order = store::ReportFilter::Order::oldest_first;
    overdue.limit = overdue_looked_at;
    auto page = core.store.list_reports(overdue);
    figures.overdue = page.total;
    std::stable_sort(page.reports.begin(), page.reports.end(), [&](const auto& a, const auto& b) {
        return missed_deadline(a, now) < missed_deadline(b, now);
    });
    if (page.reports.size() > digest_listed) page.reports.resize(digest_listed);
    figures.most_overdue = std::move(page.reports);
    return true;
}

store::OutboxMessage digest_mail(reports::ReportCore& core, const store::User& user,
                                 const DigestFigures& figures, const std::string& date,
                                 store::TimePoint now) {
    reports::ReportLookups lookups(core);
    std::string body = "Přehled hlášení ke dni " + date + " / Reports on " + date + "\n\n";
    body += "Nová za 24 h / new in 24 h: " + std::to_string(figures.fresh) + "\n";
    body += "Otevřená / open: " + std::to_string(figures.open) + "\n";
    body += "Po termínu / overdue: " + std::to_string(figures.overdue) + "\n";
    if (!figures.most_overdue.empty()) body += "\nNejvíce po termínu / most overdue:\n";
    for (const auto& report : figures.most_overdue) {
        const auto& category = lookups.category(report.routing.category_id);
        body += "\nč./no. " + std::to_string(report.id) + " · " + category.name_cs;
        if (const auto district = lookups.district_name(report.routing.district_id))
            body += " · " + *district;
        body += " · termín/due " +
                core::format_prague_time(
                    std::chrono::floor<std::chrono::seconds>(missed_deadline(report, now)));
        body += "\n  " + preview(report.status.public_description) + "\n  " +
                reports::admin_link(core.settings, report.id) + "\n";
    }
    body +=
        "\n--\nTento přehled dostáváte jako člen týmu s přístupem k hlášením.\n"
        "You receive this digest as staff with access to reports.\n";
    auto mail = reports::outbox_message(
        "report.digest", 0, user.email, "[okrsek] Přehled hlášení / Reports digest " + date,
        std::move(body), "digest:" + std::to_string(user.id) + ":" + date);
    mail.municipality_code.reset();
    return mail;
}

}  // namespace

std::size_t CitizenReports::send_daily_digests() {
    auto& core = *m_impl;
    const auto now = core.now();
    if (!digest_time(now)) return 0;
    const auto date =
        core::format_date(core::prague_date(std::chrono::floor<std::chrono::seconds>(now)));
    // A marker shared by every server: once one has gone through the list, the others skip it
    // (the per-person dedupe key guards against doubles in between).
    const std::string done_key = "report-digest-done:" + date;
    if (core.store.throttle_state(done_key)) return 0;
    std::size_t queued = 0;
    for (const auto& entry : core.store.list_users()) {
        if (!entry.user.active || entry.grants.empty()) continue;
        try {
            DigestFigures figures;
            if (!figures_of(core, principal_of(entry), now, figures)) continue;
            if (figures.fresh + figures.open + figures.overdue == 0) continue;
            core.store.enqueue(digest_mail(core, entry.user, figures, date, now), now);
            ++queued;
        } catch (const Error& error) {
            if (error.code() == ErrorCode::conflict && error.field() == "dedupe_key") continue;
            if (error.code() == ErrorCode::unavailable) throw;
            spdlog::warn("reports: digest for user {} failed: {}", entry.user.id, error.what());
        }
    }
    core.store.throttle_lock(done_key, now + 48h);
    return queued;
}

}  // namespace okrsek::service
