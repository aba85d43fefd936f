// CitizenReports::act: one staff decision on a report, planned from the version read and
// written at once with its history row, audit row and messages.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "service/auth/authenticator.hpp"
#include "service/reports/report_impl.hpp"
#include "service/reports/report_input.hpp"

namespace okrsek::service {

using core::Error;
using core::ErrorCode;
namespace sec = security;
namespace rep = reports;

namespace {

// What an action changes and whom it tells.
struct Plan {
    store::ReportChange change{};
    bool mail_reporter = false;   ///< a public change the reporter hears of
    bool mail_new_owner = false;  ///< the owner changed: the new one hears of it
    std::optional<std::int64_t> escalated_to{};
    std::optional<store::Report> merge_target{};  ///< merge: the report this one joins
    nlohmann::json details = nlohmann::json::object();
    std::optional<std::string> audit_reason{};
};

class ActionPlanner {
public:
    ActionPlanner(rep::ReportCore& core, rep::ReportLookups& lookups, const Principal& principal,
                  const store::Report& report, const ReportAction& action)
        : m_core(core),
          m_lookups(lookups),
          m_principal(principal),
          m_report(report),
          m_action(action),
          m_now(core.now()) {}

    Plan plan() {
        const auto& name = m_action.action;
        if (rep::target_state(name)) {
            change_state(*rep::target_state(name));
        } else if (name == "answer") {
            answer();
        } else if (name == "note") {
            note();
        } else if (name == "approve" || name == "hide") {
            moderate(name == "approve");
        } else if (name == "edit_public_text") {
            edit_public_text();
        } else if (name == "escalate") {
            escalate();
        } else if (name == "reassign") {
            reassign();
        } else if (name == "recategorise") {
            recategorise();
        } else if (name == "move") {
            move();
        } else if (name == "merge") {
            merge();
        } else {
            throw Error(ErrorCode::invalid_argument, "unknown action '" + name + "'", "action");
        }
        m_plan.details["from_state"] = store::to_string(m_report.status.state);
        if (m_plan.change.status) {
            m_plan.details["to_state"] = store::to_string(m_plan.change.status->state);
        }
        return std::move(m_plan);
    }

private:
    store::ReportStatus& status() {
        if (!m_plan.change.status) m_plan.change.status = m_report.status;
        return *m_plan.change.status;
    }

    store::ReportRouting& routing() {
        if (!m_plan.change.routing) m_plan.change.routing = m_report.routing;
        return *m_plan.change.routing;
    }

    store::ReportUpdate& update(std::string kind, bool is_public, std::string body) {
        store::ReportUpdate row;
        row.kind = std::move(kind);
        row.is_public = is_public;
        row.author_kind = "staff";
        if (m_principal.kind == Principal::Kind::user) row.author_user_id = m_principal.id;
        row.author_name = m_principal.display_name;
        row.level = m_report.status.level;
        row.body = std::move(body);
        m_plan.change.update = std::move(row);
        return *m_plan.change.update;
    }

    void first_response() {
        if (!status().first_response_at) status().first_response_at = m_now;
    }

    std::string text(std::size_t min, std::size_t max) const {
        rep::check_text(m_action.text, "text", min, max);
        return m_action.text;
    }

    void require_open(std::string_view what) const {
        if (store::is_finished(m_report.status.state)) {
            throw Error(ErrorCode::conflict,
                        "a finished report cannot be " + std::string(what) + "; reopen it first",
                        "state");
        }
    }

    void change_state(store::ReportState to) {
        const auto from = m_report.status.state;
        if (!rep::staff_may_move(from, to)) {
            throw Error(ErrorCode::conflict,
                        "a report in state " + std::string(store::to_string(from)) +
                            " cannot become " + std::string(store::to_string(to)),
                        "state");
        }
        std::string body;
        if (to == store::ReportState::reopened) {
            body = text(1, store::max_report_reason_bytes);
            status() = rep::reopened_status(m_core, m_lookups, m_report, body);
            m_plan.audit_reason = body;
        } else {
            const bool needs_reason = to == store::ReportState::closed_no_action;
            body = text(needs_reason ? 1 : 0, needs_reason ? store::max_report_reason_bytes
                                                           : store::max_report_update_bytes);
            auto& s = status();
            s.state = to;
            s.state_reason.reset();
            s.passed_to.reset();
            s.duplicate_of.reset();
            if (needs_reason) s.state_reason = body;
            if (to == store::ReportState::closed_not_competent) {
                if (!m_action.passed_to) {
                    throw Error(ErrorCode::invalid_argument, "name the body it was passed to",
                                "passed_to");
                }
                rep::check_text(*m_action.passed_to, "passed_to", 1, 200);
                s.passed_to = *m_action.passed_to;
            }
            if (to == store::ReportState::closed_duplicate) {
                s.duplicate_of = duplicate_target().id;
            }
            if (to == store::ReportState::resolved) s.resolved_at = m_now;
            if (store::is_finished(to) && to != store::ReportState::resolved) s.closed_at = m_now;
        }
        first_response();
        auto& row = update("state", true, body);
        row.from_state = std::string(store::to_string(from));
        row.to_state = std::string(store::to_string(to));
        m_plan.mail_reporter = true;
    }

    // The report named by duplicate_of, checked: another, open or not, of the same town, and
    // not itself merged away.
    const store::Report& duplicate_target() {
        if (m_plan.merge_target) return *m_plan.merge_target;
        if (!m_action.duplicate_of) {
            throw Error(ErrorCode::invalid_argument, "name the report it duplicates",
                        "duplicate_of");
        }
        if (*m_action.duplicate_of == m_report.id) {
            throw Error(ErrorCode::invalid_argument, "a report cannot duplicate itself",
                        "duplicate_of");
        }
        store::Report other = m_core.load(*m_action.duplicate_of, "duplicate_of");
        if (other.routing.municipality_code != m_report.routing.municipality_code) {
            throw Error(ErrorCode::invalid_argument, "the other report is of another town",
                        "duplicate_of");
        }
        if (other.status.state == store::ReportState::closed_duplicate) {
            throw Error(ErrorCode::invalid_argument,
                        "the other report is a duplicate itself: name the one it duplicates",
                        "duplicate_of");
        }
        m_plan.details["duplicate_of"] = other.id;
        m_plan.merge_target = std::move(other);
        return *m_plan.merge_target;
    }

    void answer() {
        update("answer", true, text(1, store::max_report_update_bytes));
        first_response();
        m_plan.mail_reporter = true;
    }

    void note() { update("note", false, text(1, store::max_report_update_bytes)); }

    void moderate(bool approve) {
        const auto visibility = m_report.status.visibility;
        if (approve) {
            if (visibility != store::ReportVisibility::pending) {
                throw Error(ErrorCode::conflict, "only a pending report can be approved",
                            "visibility");
            }
            status().visibility = store::ReportVisibility::public_;
            update("approved", true, "");
            return;
        }
        if (visibility == store::ReportVisibility::hidden) {
            throw Error(ErrorCode::conflict, "the report is hidden already", "visibility");
        }
        const std::string reason = text(1, store::max_report_reason_bytes);
        status().visibility = store::ReportVisibility::hidden;
        update("hidden", false, reason);
        m_plan.audit_reason = reason;
    }

    void edit_public_text() {
        const std::string fresh = text(10, store::max_report_description_bytes);
        // The original stays in `description`; the text it replaces stays in the history.
        update("moderated", false, m_report.status.public_description);
        status().public_description = fresh;
        m_plan.details["bytes_before"] = m_report.status.public_description.size();
        m_plan.details["bytes_after"] = fresh.size();
    }

    void escalate() {
        require_open("escalated");
        if (m_report.status.level >= 4) {
            throw Error(ErrorCode::conflict, "the report is at the end of the chain", "level");
        }
        const std::string reason = text(1, store::max_report_reason_bytes);
        const std::int64_t level = m_report.status.level + 1;
        const auto* row = m_lookups.level(m_report.routing.municipality_code, level);
        status().level = level;
        status().level_due = rep::add_working_days(m_now, row ? row->deadline_days : 10);
        auto& entry = update("escalated", true, reason);
        entry.level = level;
        m_plan.audit_reason = reason;
        m_plan.escalated_to = level;
        m_plan.mail_reporter = true;
        m_plan.details["level"] = level;
    }

    void set_owner(const rep::Owner& owner) {
        auto& r = routing();
        const bool changed =
            owner.holder_id != r.owner_holder_id || owner.user_id != r.owner_user_id;
        r.owner_role_code = owner.holder_id ? std::optional(owner.role_code) : std::nullopt;
        r.owner_holder_id = owner.holder_id;
        r.owner_user_id = owner.user_id;
        if (changed) m_plan.mail_new_owner = true;
    }

    void reassign() {
        require_open("reassigned");
        rep::Owner owner;
        const auto& r = m_report.routing;
        if (m_action.owner_user_id) {
            const auto user = m_core.store.find_user(*m_action.owner_user_id);
            if (!user || !user->active) {
                throw Error(ErrorCode::not_found,
                            "no active account " + std::to_string(*m_action.owner_user_id),
                            "owner_user_id");
            }
            // Only someone who may handle this report can own it.
            std::vector<sec::Grant> grants;
            for (const auto& grant : m_core.store.grants_of(user->id)) {
                if (const auto role = sec::role_from_code(grant.role)) {
                    grants.push_back({*role, to_security_scope(grant.scope)});
                }
            }
            if (!sec::allows(grants, sec::Action::reports_handle, m_core.target_of(m_report))
                     .allowed) {
                throw Error(ErrorCode::invalid_argument,
                            "account " + std::to_string(user->id) +
                                " may not handle reports here (reports.handle)",
                            "owner_user_id");
            }
            owner.user_id = user->id;
            // The account's seat in this district, if it holds one, names the role.
            for (const auto& holder : m_core.store.holders_of_user(user->id)) {
                if (!r.district_id || holder.district_id != *r.district_id) continue;
                if (const auto role = m_core.store.find_team_role(holder.role_id)) {
                    owner.role_code = role->code;
                    owner.holder_id = holder.id;
                }
            }
        } else if (m_action.owner_role_code) {
            owner = m_core.owner_of(r.municipality_code, r.district_id, *m_action.owner_role_code);
            if (!owner.holder_id) {
                throw Error(ErrorCode::invalid_argument,
                            "nobody holds role '" + *m_action.owner_role_code +
                                "' in the report's district",
                            "owner_role_code");
            }
        } else {
            throw Error(ErrorCode::invalid_argument, "name the new owner's account or role",
                        "owner_user_id");
        }
        set_owner(owner);
        update("reassigned", false, text(0, store::max_report_update_bytes));
        m_plan.details["owner_user_id"] = owner.user_id ? nlohmann::json(*owner.user_id) : nullptr;
        m_plan.details["owner_holder_id"] =
            owner.holder_id ? nlohmann::json(*owner.holder_id) : nullptr;
    }

    void recategorise() {
        if (!m_action.category_code) {
            throw Error(ErrorCode::invalid_argument, "name the new category", "category");
        }
        const auto& before = m_lookups.category(m_report.routing.category_id);
        const auto* after =
            m_lookups.category(m_report.routing.municipality_code, *m_action.category_code);
        if (!after || after->retired_at) {
            throw Error(ErrorCode::not_found, "no category '" + *m_action.category_code + "'",
                        "category");
        }
        if (after->id == before.id) {
            throw Error(ErrorCode::invalid_argument, "the report is in this category already",
                        "category");
        }
        const auto& r = m_report.routing;
        routing().category_id = after->id;
        set_owner(m_core.owner_of(r.municipality_code, r.district_id, after->owner_role_code));
        // The new category's targets, counted from submission as always.
        auto& s = status();
        if (!s.first_response_at) {
            s.first_response_due =
                rep::add_working_days(m_report.created_at, after->first_response_days);
        }
        s.resolution_due = rep::add_working_days(m_report.created_at, after->resolution_days);
        update("category", true, before.name_cs + " → " + after->name_cs);
        m_plan.details["category_before"] = before.code;
        m_plan.details["category_after"] = after->code;
    }

    void move() {
        if (!m_action.lon || !m_action.lat) {
            throw Error(ErrorCode::invalid_argument, "give the new position", "lon");
        }
        const rep::Placement placement = m_core.place(*m_action.lon, *m_action.lat);
        if (placement.municipality_code != m_report.routing.municipality_code) {
            throw Error(ErrorCode::invalid_argument, "the new place lies in another town", "lon");
        }
        // The principal must be allowed where the report goes, too.
        store::Report moved = m_report;
        moved.routing.city_part_id = placement.city_part_id;
        moved.routing.district_id = placement.district_id;
        m_core.require(m_principal, sec::Action::reports_handle, moved);
        const std::string address = text(0, store::max_report_address_bytes);
        auto& r = routing();
        r.city_part_id = placement.city_part_id;
        r.district_id = placement.district_id;
        r.lon_e7 = std::llround(*m_action.lon * 1e7);
        r.lat_e7 = std::llround(*m_action.lat * 1e7);
        if (!address.empty()) r.address_text = address;
        const auto& category = m_lookups.category(r.category_id);
        set_owner(m_core.owner_of(r.municipality_code, r.district_id, category.owner_role_code));
        update("place", true, r.address_text);
        m_plan.details["district_before"] =
            m_report.routing.district_id ? nlohmann::json(*m_report.routing.district_id) : nullptr;
        m_plan.details["district_after"] = r.district_id ? nlohmann::json(*r.district_id) : nullptr;
    }

    void merge() {
        const auto from = m_report.status.state;
        if (!rep::staff_may_move(from, store::ReportState::closed_duplicate)) {
            throw Error(ErrorCode::conflict, "a finished report cannot be merged", "state");
        }
        const auto& target = duplicate_target();
        m_core.require(m_principal, sec::Action::reports_handle, target);
        auto& s = status();
        s.state = store::ReportState::closed_duplicate;
        s.duplicate_of = target.id;
        s.closed_at = m_now;
        s.state_reason.reset();
        first_response();
        std::string body = m_action.text;
        rep::check_text(body, "text", 0, store::max_report_update_bytes);
        if (body.empty()) body = "Sloučeno s hlášením č. " + std::to_string(target.id) + ".";
        auto& row = update("merged", true, body);
        row.from_state = std::string(store::to_string(from));
        row.to_state = std::string(store::to_string(store::ReportState::closed_duplicate));
        m_plan.mail_reporter = true;
    }

    rep::ReportCore& m_core;
    rep::ReportLookups& m_lookups;
    const Principal& m_principal;
    const store::Report& m_report;
    const ReportAction& m_action;
    store::TimePoint m_now;
    Plan m_plan{};
};

// The messages of a planned change, composed now (the mailer runs inside the transaction).
store::ReportMailer mailer(rep::ReportCore& core, rep::ReportLookups& lookups,
                           const store::Report& before, const Plan& plan) {
    store::Report after = before;
    if (plan.change.routing) after.routing = *plan.change.routing;
    if (plan.change.status) after.status = *plan.change.status;
    const rep::MailFacts facts = lookups.facts(after);
    std::vector<store::OutboxMessage> mails;
    const auto& settings = core.settings;
    // Only a confirmed address hears of updates: an address someone else typed in does not.
    if (plan.mail_reporter && plan.change.update && plan.change.update->is_public &&
        after.status.confirmed_at && after.status.visibility != store::ReportVisibility::hidden) {
        if (const auto contact = core.open_contact(after);
            contact && !contact->contact.email.empty()) {
            mails.push_back(rep::reporter_update_mail(settings, facts, contact->language,
                                                      contact->contact.email, *plan.change.update,
                                                      after.status.state));
        }
    }
    if (plan.mail_new_owner) {
        if (const auto address = core.owner_address(after)) {
            mails.push_back(rep::owner_assigned_mail(settings, facts, *address));
        }
    }
    if (plan.escalated_to) {
        for (const auto& address :
             core.level_addresses(after.routing.municipality_code, *plan.escalated_to)) {
            auto mail = rep::owner_assigned_mail(settings, facts, address);
            mail.kind = "report.escalated";
            mails.push_back(std::move(mail));
        }
    }
    return [mails](std::int64_t, std::int64_t) { return mails; };
}

void record_merge_once(rep::ReportCore& core, const Principal& principal,
                       const store::Report& merged, const store::Report& target) {
    store::ReportChange change;
    change.report_id = target.id;
    change.expected_version = target.version;
    store::ReportUpdate row;
    row.kind = "merged";
    row.is_public = true;
    row.author_kind = "staff";
    if (principal.kind == Principal::Kind::user) row.author_user_id = principal.id;
    row.author_name = principal.display_name;
    row.level = target.status.level;
    row.body = "Hlášení č. " + std::to_string(merged.id) + " bylo sloučeno s tímto.";
    change.update = std::move(row);
    core.store.apply_report_change(change, core.now());
}

// The public line on the report another one was merged into, written on its latest version
// (another change may have come between: read again and retry).
void record_merge(rep::ReportCore& core, const Principal& principal, const store::Report& merged,
                  std::int64_t target_id) {
    for (int attempt = 0;; ++attempt) {
        const store::Report target = core.load(target_id, "duplicate_of");
        try {
            record_merge_once(core, principal, merged, target);
            return;
        } catch (const Error& error) {
            if (error.code() != ErrorCode::conflict || attempt >= 2) throw;
        }
    }
}

// Open311 (FixMyStreet's POST servicerequestupdates): a machine token with scope "open311",
// bound to the report's town or to none, may answer publicly and move the state; nothing that
// needs a person's judgement (escalation, moderation, routing, merging, notes, the contact).
void require_open311_token(const Principal& principal, const store::Report& report,
                           std::string_view action) {
    static constexpr std::string_view allowed[] = {
        "answer",          "acknowledge", "start", "resolve", "close_not_competent",
        "close_no_action", "reopen"};
    if (principal.token_scope != "open311") {
        throw Error(ErrorCode::forbidden, "only machine tokens with scope open311 act on reports");
    }
    if (principal.token_municipality &&
        *principal.token_municipality != report.routing.municipality_code) {
        throw Error(ErrorCode::forbidden, "the token belongs to another town");
    }
    if (std::find(std::begin(allowed), std::end(allowed), action) == std::end(allowed)) {
        throw Error(ErrorCode::forbidden,
                    "machine tokens cannot " + std::string(action) + " a report", "action");
    }
}

// What a machine token gets back: the report and its public updates, no notes or photos.
StaffReport machine_view(rep::ReportCore& core, std::int64_t report_id) {
    rep::ReportLookups lookups(core);
    StaffReport row;
    row.report = core.load(report_id);
    row.view = lookups.to_public(row.report, true);
    row.updates = core.store.report_updates(report_id, false);
    return row;
}

}  // namespace

StaffReport CitizenReports::act(const Principal& principal, const ReportAction& action) {
    auto& core = *m_impl;
    if (principal.kind == Principal::Kind::user && principal.id == 0) {
        throw Error(ErrorCode::unauthenticated, "sign in first");
    }
    const store::Report report = core.load(action.report_id);
    const bool machine = principal.kind == Principal::Kind::token;
    if (machine) {
        require_open311_token(principal, report, action.action);
    } else {
        core.require(principal,
                     action.action == "escalate" ? sec::Action::reports_escalate
                                                 : sec::Action::reports_handle,
                     report);
    }
    if (action.expected_version != report.version) {
        throw Error(ErrorCode::conflict,
                    "the report changed meanwhile (version " + std::to_string(report.version) +
                        "); reload it",
                    "version");
    }
    rep::ReportLookups lookups(core);
    Plan plan = ActionPlanner(core, lookups, principal, report, action).plan();
    plan.change.report_id = report.id;
    plan.change.expected_version = action.expected_version;
    plan.change.mails = mailer(core, lookups, report, plan);
    auto audit = principal.audit("report." + action.action, "report", std::to_string(report.id),
                                 plan.audit_reason);
    audit.municipality_code = report.routing.municipality_code;
    audit.details_json = plan.details.dump();
    plan.change.audit = std::move(audit);
    core.store.apply_report_change(plan.change, core.now());
    if (action.action == "merge" && plan.merge_target) {
        record_merge(core, principal, report, plan.merge_target->id);
    }
    if (machine) return machine_view(core, report.id);
    return staff_report(principal, report.id);
}

StaffReport CitizenReports::machine_report(const Principal& principal, std::int64_t report_id) {
    auto& core = *m_impl;
    if (principal.kind != Principal::Kind::token) {
        throw Error(ErrorCode::forbidden, "only machine tokens read reports this way");
    }
    require_open311_token(principal, core.load(report_id), "answer");
    return machine_view(core, report_id);
}

}  // namespace okrsek::service
