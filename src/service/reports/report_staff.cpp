// CitizenReports: the staff inbox, its CSV export, one report as staff see it and the audited
// reveal of a reporter's contact.
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/prague_time.hpp"
#include "service/reports/report_impl.hpp"
#include "service/reports/report_input.hpp"

namespace okrsek::service {

using core::Error;
using core::ErrorCode;
namespace sec = security;
namespace rep = reports;

namespace {

constexpr std::size_t max_csv_rows = 100000;
constexpr std::size_t csv_page = 1000;

StaffReport staff_row(rep::ReportCore& core, rep::ReportLookups& lookups,
                      const Principal& principal, store::Report report) {
    StaffReport row;
    row.view = lookups.to_public(report, false);
    row.can_handle = core.allowed(principal, sec::Action::reports_handle, report);
    row.can_escalate = core.allowed(principal, sec::Action::reports_escalate, report) &&
                       !store::is_finished(report.status.state) && report.status.level < 4;
    row.can_reveal_contact = core.allowed(principal, sec::Action::reports_contact, report) &&
                             report.contact_sealed.has_value();
    if (row.can_handle) row.next_states = rep::next_states(report.status.state);
    row.report = std::move(report);
    return row;
}

void require_user_or_cli(const Principal& principal) {
    if (principal.kind == Principal::Kind::token) {
        throw Error(ErrorCode::forbidden, "machine tokens cannot read the inbox");
    }
    if (principal.kind == Principal::Kind::user && principal.id == 0) {
        throw Error(ErrorCode::unauthenticated, "sign in first");
    }
}

// The query as a store filter within the principal's scope; false when nothing can match.
bool inbox_filter(rep::ReportCore& core, const Principal& principal, const InboxQuery& query,
                  store::ReportFilter& filter) {
    require_user_or_cli(principal);
    if (!core.accounts.allowed_somewhere(principal, sec::Action::reports_read)) {
        throw Error(ErrorCode::forbidden, "your roles do not allow reports.read");
    }
    filter.municipality_code = query.municipality_code;
    if (query.district_id) filter.district_ids = {*query.district_id};
    filter.states = query.states;
    filter.level = query.level;
    if (query.overdue_only) filter.overdue_at = core.now();
    if (query.mine_only) filter.owner_user_id = principal.id;
    if (query.visibility) {
        filter.visibilities = {*query.visibility};
    } else if (!query.include_pending) {
        filter.visibilities = {store::ReportVisibility::public_, store::ReportVisibility::hidden};
    }
    if (query.limit < 1 || query.limit > store::max_report_page) {
        throw Error(ErrorCode::invalid_argument, "limit must be 1 to 1000", "limit");
    }
    filter.limit = query.limit;
    filter.offset = query.offset;
    if (!query.category_codes.empty()) {
        std::vector<std::int64_t> towns;
        if (query.municipality_code) {
            towns.push_back(*query.municipality_code);
        } else {
            for (const auto& town : core.store.municipalities()) towns.push_back(town.code);
        }
        for (const auto& code : query.category_codes) {
            for (const auto town : towns) {
                if (auto found = core.store.find_report_category(town, code)) {
                    filter.category_ids.push_back(found->id);
                }
            }
        }
        if (filter.category_ids.empty()) return false;
    }
    const auto scope = core.scope_of(principal, sec::Action::reports_read);
    const auto wanted_district = query.district_id;
    if (!core.narrow(scope, filter)) return false;
    if (wanted_district) {
        // The district asked for, if the scope holds it (or the scope is whole towns/all).
        const bool listed = filter.district_ids.empty() ||
                            std::find(filter.district_ids.begin(), filter.district_ids.end(),
                                      *wanted_district) != filter.district_ids.end();
        if (!listed) return false;
        filter.district_ids = {*wanted_district};
        filter.city_part_ids.clear();
        filter.include_unassigned = false;
    }
    return true;
}

std::string csv_cell(std::string_view text) {
    std::string cell(text);
    // A leading = + - @ makes spreadsheets run a formula: shown as text instead.
    if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@')) {
        cell.insert(cell.begin(), '\'');
    }
    if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
    std::string quoted = "\"";
    for (const char c : cell) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

std::string csv_time(const std::optional<store::TimePoint>& time) {
    if (!time) return "";
    return core::format_prague_time(std::chrono::floor<std::chrono::seconds>(*time));
}

void append_csv_row(std::string& out, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) out += ',';
        out += csv_cell(cells[i]);
    }
    out += "\r\n";
}

std::string e7_text(std::int64_t e7) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.7f", static_cast<double>(e7) / 1e7);
    return buffer;
}

}  // namespace

InboxPage CitizenReports::inbox(const Principal& principal, const InboxQuery& query) {
    auto& core = *m_impl;
    store::ReportFilter filter;
    InboxPage page;
    if (!inbox_filter(core, principal, query, filter)) return page;
    auto found = core.store.list_reports(filter);
    page.total = found.total;
    rep::ReportLookups lookups(core);
    for (auto& report : found.reports) {
        page.reports.push_back(staff_row(core, lookups, principal, std::move(report)));
    }
    return page;
}

static const std::vector<std::string>& inbox_csv_columns() {
    static const std::vector<std::string> columns{"id",
                                                  "created_at",
                                                  "municipality_code",
                                                  "district_id",
                                                  "district",
                                                  "category",
                                                  "state",
                                                  "visibility",
                                                  "level",
                                                  "owner",
                                                  "overdue",
                                                  "first_response_due",
                                                  "resolution_due",
                                                  "level_due",
                                                  "first_response_at",
                                                  "resolved_at",
                                                  "closed_at",
                                                  "address",
                                                  "lon",
                                                  "lat",
                                                  "public_description"};
    return columns;
}

std::string CitizenReports::inbox_csv(const Principal& principal, InboxQuery query) {
    auto& core = *m_impl;
    std::string out;
    append_csv_row(out, inbox_csv_columns());
    query.limit = csv_page;
    query.offset = 0;
    store::ReportFilter filter;
    if (!inbox_filter(core, principal, query, filter)) return out;
    rep::ReportLookups lookups(core);
    const auto now = core.now();
    for (std::size_t rows = 0; rows < max_csv_rows;) {
        filter.offset = rows;
        filter.limit = std::min(csv_page, max_csv_rows - rows);
        const auto page = core.store.list_reports(filter);
        for (const auto& report : page.reports) {
            const auto& r = report.routing;
            const auto& s = report.status;
            append_csv_row(out, {std::to_string(report.id),
                                 csv_time(report.created_at),
                                 std::to_string(r.municipality_code),
                                 r.district_id ? std::to_string(*r.district_id) : "",
                                 lookups.district_name(r.district_id).value_or(""),
                                 lookups.category(r.category_id).code,
                                 std::string(store::to_string(s.state)),
                                 std::string(store::to_string(s.visibility)),
                                 std::to_string(s.level),
                                 lookups.owner_name(r).value_or(""),
                                 rep::is_overdue(report, now) ? "1" : "0",
                                 csv_time(s.first_response_due),
                                 csv_time(s.resolution_due),
                                 csv_time(s.level_due),
                                 csv_time(s.first_response_at),
                                 csv_time(s.resolved_at),
                                 csv_time(s.closed_at),
                                 r.address_text,
                                 e7_text(r.lon_e7),
                                 e7_text(r.lat_e7),
                                 s.public_description});
        }
        rows += page.reports.size();
        if (page.reports.size() < filter.limit) break;
    }
    return out;
}

StaffReport CitizenReports::staff_report(const Principal& principal, std::int64_t report_id) {
    auto& core = *m_impl;
    require_user_or_cli(principal);
    store::Report report = core.load(report_id);
    core.require(principal, sec::Action::reports_read, report);
    rep::ReportLookups lookups(core);
    StaffReport row = staff_row(core, lookups, principal, report);
    row.view = lookups.to_public(row.report, true);
    row.updates = core.store.report_updates(report_id, true);
    row.photos = core.store.report_photos(report_id);
    // Possible duplicates: open reports of the category nearby, staff see pending ones too.
    store::ReportFilter filter;
    filter.municipality_code = report.routing.municipality_code;
    filter.category_ids = {report.routing.category_id};
    filter.states = rep::open_states();
    filter.visibilities = {store::ReportVisibility::public_, store::ReportVisibility::pending};
    const double lon = rep::from_e7(report.routing.lon_e7);
    const double lat = rep::from_e7(report.routing.lat_e7);
    filter.box_e7 = rep::box_around(lon, lat, core.settings.duplicate_radius_m);
    filter.created_from = report.created_at - std::chrono::hours(24) * core.settings.duplicate_days;
    filter.limit = 50;
    for (const auto& other : core.store.list_reports(filter).reports) {
        if (other.id == report.id || row.possible_duplicates.size() >= 10) continue;
        if (rep::distance_m(lon, lat, rep::from_e7(other.routing.lon_e7),
                            rep::from_e7(other.routing.lat_e7)) >
            core.settings.duplicate_radius_m) {
            continue;
        }
        row.possible_duplicates.push_back(lookups.to_public(other, false));
    }
    return row;
}

ReportContact CitizenReports::reveal_contact(const Principal& principal, std::int64_t report_id,
                                             std::string_view reason) {
    auto& core = *m_impl;
    require_user_or_cli(principal);
    const store::Report report = core.load(report_id);
    core.require(principal, sec::Action::reports_contact, report);
    rep::check_text(reason, "reason", 5, store::max_report_reason_bytes);
    const auto contact = core.open_contact(report);
    if (!contact) throw Error(ErrorCode::not_found, "the report has no contact", "contact");
    auto audit = principal.audit("report.contact.reveal", "report", std::to_string(report_id),
                                 std::string(reason));
    audit.municipality_code = report.routing.municipality_code;
    core.store.append_audit(audit, core.now());
    return contact->contact;
}

std::vector<CitizenReports::BulkOutcome> CitizenReports::act_bulk(
    const Principal& principal, std::span<const ReportAction> actions) {
    if (actions.size() > 200) {
        throw Error(ErrorCode::invalid_argument, "at most 200 actions at once", "actions");
    }
    std::vector<BulkOutcome> outcomes;
    for (const auto& action : actions) {
        BulkOutcome outcome;
        outcome.report_id = action.report_id;
        try {
            const StaffReport after = act(principal, action);
            outcome.ok = true;
            outcome.version = after.report.version;
        } catch (const Error& error) {
            outcome.error_code = std::string(core::to_string(error.code()));
            outcome.message = error.what();
        }
        outcomes.push_back(std::move(outcome));
    }
    return outcomes;
}

}  // namespace okrsek::service
