// CitizenReports::escalate_due: reports past their deadline climb one level of the town's
// chain (docs/reports.md "Escalation"), each exactly once however many servers sweep.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "core/error.hpp"
#include "service/reports/report_impl.hpp"

namespace okrsek::service {
namespace {

using core::Error;
using core::ErrorCode;
using reports::ReportCore;
using reports::ReportLookups;

constexpr std::int64_t top_level = 4;
constexpr std::int64_t default_level_days = 10;  // a level the town has not configured
constexpr std::size_t max_escalation_batch = 5000;

// What the new level is called and how long it has.
struct LevelFacts {
    std::int64_t level = 0;
    std::string name_cs{};
    std::string name_en{};
    std::int64_t deadline_days = default_level_days;
};

LevelFacts next_level(ReportLookups& lookups, const store::Report& report) {
    LevelFacts next;
    next.level = report.status.level + 1;
    const auto municipality = report.routing.municipality_code;
    std::tie(next.name_cs, next.name_en) = lookups.level_name(municipality, next.level);
    if (const auto* row = lookups.level(municipality, next.level))
        next.deadline_days = row->deadline_days;
    return next;
}

std::string update_body(const LevelFacts& level) {
    return "Termín uplynul, hlášení přechází na úroveň " + std::to_string(level.level) + ": " +
           level.name_cs + ". / The deadline passed; the report moves to level " +
           std::to_string(level.level) + ": " + level.name_en + ".";
}

// To the staff of the new level: what is late, where, and the link to the report.
store::OutboxMessage level_mail(const ReportSettings& settings, const reports::MailFacts& facts,
                                const LevelFacts& level, std::string recipient) {
    std::string body = "Hlášení č. " + std::to_string(facts.report_id) +
                       " nebylo vyřízeno v termínu a přechází na úroveň " +
                       std::to_string(level.level) + " (" + level.name_cs + ").\n" + "Report no. " +
                       std::to_string(facts.report_id) +
                       " was not dealt with in time and moves to level " +
                       std::to_string(level.level) + " (" + level.name_en + ").\n\n";
    body +=
        "Kategorie / Category: " + facts.category_name_cs + " / " + facts.category_name_en + "\n";
    body += "Okrsek / District: " +
            (facts.district_name.empty() ? std::string("—") : facts.district_name) + "\n";
    if (!facts.address_text.empty()) body += "Místo / Place: " + facts.address_text + "\n";
    if (!facts.owner_name.empty()) body += "Odpovídá / Responsible: " + facts.owner_name + "\n";
    if (!facts.description.empty()) body += "\n" + facts.description + "\n";
    body += reports::staff_footer(settings, facts.report_id);
    return reports::outbox_message(
        "report.escalated", facts.municipality_code, std::move(recipient),
        reports::report_subject("cs", facts.report_id, "eskalace / escalation: " + level.name_cs),
        std::move(body));
}

// The addresses of each (town, level), asked of the store once per sweep.
using AddressCache = std::map<std::pair<std::int64_t, std::int64_t>, std::vector<std::string>>;

// Writes one escalation; false when another server changed the report first.
bool escalate_one(ReportCore& core, ReportLookups& lookups, AddressCache& addresses,
                  const store::Report& report, store::TimePoint now) {
    const LevelFacts level = next_level(lookups, report);
    store::ReportStatus status = report.status;
    status.level = level.level;
    status.level_due = reports::add_working_days(now, level.deadline_days);

    store::ReportUpdate update;
    update.kind = "escalated";
    update.is_public = true;
    update.author_kind = "system";
    update.level = level.level;
    update.body = update_body(level);

    const auto facts = lookups.facts(report);
    const auto key = std::make_pair(report.routing.municipality_code, level.level);
    if (!addresses.count(key)) addresses[key] = core.level_addresses(key.first, key.second);
    const auto& recipients = addresses[key];
    // Only a confirmed address hears about the report: an unconfirmed one may be anybody's.
    std::optional<reports::ReporterContact> reporter;
    if (report.has_email && report.status.confirmed_at) reporter = core.open_contact(report);
    const auto state = report.status.state;
    const ReportSettings& settings = core.settings;

    store::ReportChange change;
    change.report_id = report.id;
    change.expected_version = report.version;
    change.status = status;
    change.update = update;
    change.mails = [&, update](std::int64_t, std::int64_t update_id) {
        std::vector<store::OutboxMessage> mails;
        for (const auto& address : recipients)
            mails.push_back(level_mail(settings, facts, level, address));
        if (reporter && !reporter->contact.email.empty()) {
            auto written = update;
            written.id = update_id;
            mails.push_back(reports::reporter_update_mail(settings, facts, reporter->language,
                                                          reporter->contact.email, written, state));
        }
        return mails;
    };
    try {
        core.store.apply_report_change(change, now);
    } catch (const Error& error) {
        if (error.code() == ErrorCode::conflict && error.field() == "version") return false;
        throw;
    }
    return true;
}

}  // namespace

std::size_t CitizenReports::escalate_due(std::size_t limit) {
    auto& core = *m_impl;
    const auto now = core.now();
    const auto due = core.store.reports_due_for_escalation(
        now, std::clamp<std::size_t>(limit, 1, max_escalation_batch));
    ReportLookups lookups(core);
    AddressCache addresses;
    std::size_t escalated = 0;
    for (const auto& report : due) {
        // Moderated-away reports are nobody's business; the council is the end of the chain.
        if (report.status.visibility == store::ReportVisibility::hidden) continue;
        if (report.status.level >= top_level || store::is_finished(report.status.state)) continue;
        try {
            if (escalate_one(core, lookups, addresses, report, now)) ++escalated;
        } catch (const Error& error) {
            if (error.code() == ErrorCode::unavailable) throw;
            // One broken report (say, a contact address the outbox refuses) must not stop the
            // chain for every other one; the message names no personal data.
            spdlog::warn("reports: escalating report {} failed: {}", report.id, error.what());
        }
    }
    return escalated;
}

}  // namespace okrsek::service
