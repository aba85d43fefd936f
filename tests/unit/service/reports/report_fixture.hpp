#pragma once

// Citizen reports on the directory fixture's towns (Testov: city parts T1/T2, districts W
// "Západ" in T1 and E "Východ" in T2; Jinov: district J) with the default categories and
// levels. W's state police officer (an account) owns "unsafe_place" and "traffic_danger"
// reports; W's municipal police officer has no account, only the seat's e-mail (owns
// "vandalism", "night_disturbance", "syringes"); E has no holders at all. Staff of several
// roles, messages read back from the outbox with their bodies. Everyone here is invented.

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

#include "service/reports/citizen_reports.hpp"
#include "unit/service/directory/directory_fixture.hpp"

namespace okrsek::service::test_auth {

namespace core_reports {

inline const std::string officer_w_email = "karel.okrskar@testov.example";
inline const std::string mp_seat_w_email = "straznik.zapad@testov.example";
inline const std::string sp_lead_email = "vedeni.pcr@testov.example";
inline const std::string reporter_email = "jana.obcanova@example.org";

}  // namespace core_reports

class ReportsTest : public DirectoryTest {
protected:
    ReportsTest() {
        using namespace core_reports;
        reports().seed_defaults(testov);
        officer_w_id = add_user(officer_w_email, "Karel Okrskář", sec::Role::district_state_officer,
                                sec::Scope::district(w));
        auto profile = person("Karel Okrskář");
        profile.user_id = officer_w_id;
        profile.contact = {};
        directory().start_holder(Principal::cli(), w, role_id(testov, "state_police_officer"),
                                 profile, "2026-01-01");
        const auto mp_role = role_id(testov, "municipal_police_officer");
        auto constable = person("Petr Strážník");
        constable.contact = {};
        directory().start_holder(Principal::cli(), w, mp_role, constable, "2026-01-01");
        directory().set_contact(Principal::cli(), w, mp_role, store::Contact{mp_seat_w_email, {}});
        sp_lead_id = add_user(sp_lead_email, "Vedení PČR", sec::Role::state_police_leadership,
                              sec::Scope::municipality(testov));
    }

    CitizenReports& reports() { return platform.reports(); }

    /// A valid submission in W (14.05, 50.05) of `category`, anonymous unless `email`.
    static ReportSubmission submission(const std::string& category = "unsafe_place",
                                       const std::string& email = {}, double lon = 14.05,
                                       double lat = 50.05) {
        ReportSubmission s;
        s.lon = lon;
        s.lat = lat;
        s.address_text = "Parková 3";
        s.category_code = category;
        s.description = "Večer tu nesvítí lampy a scházejí se tu opilí lidé.";
        s.contact.email = email;
        if (!email.empty()) s.contact.name = "Jana Občanová";
        s.contact.phone = email.empty() ? "" : "+420 777 123 456";
        return s;
    }

    /// A different client address for each submission (rate limits are per address).
    ClientInfo next_client() {
        ++clients;
        return {"198.51.100." + std::to_string(clients % 250 + 1), "Firefox/140.0"};
    }

    SubmitResult submit(const ReportSubmission& s) { return reports().submit(s, next_client()); }

    /// A report in W with the reporter's e-mail, confirmed: public. Returns its id and
    /// tracking token.
    /// (At most 20 a day per address: pass others for more.)
    SubmitResult public_report(const std::string& category = "unsafe_place", double lon = 14.05,
                               double lat = 50.05,
                               const std::string& email = core_reports::reporter_email) {
        auto result = submit(submission(category, email, lon, lat));
        reports().confirm(confirm_token_of(result.report_id));
        return result;
    }

    /// Every outbox message of `kind` with its body, oldest first.
    std::vector<store::OutboxRecord> messages(const std::string& kind) {
        store::OutboxFilter filter;
        filter.kind = kind;
        filter.limit = 1000;
        std::vector<store::OutboxRecord> found;
        for (const auto& row : peek->list_outbox(filter)) {
            if (auto full = peek->find_outbox_message(row.id)) found.push_back(std::move(*full));
        }
        std::reverse(found.begin(), found.end());
        return found;
    }

    /// The messages of `kind` about report `id`.
    std::vector<store::OutboxRecord> messages_about(const std::string& kind, std::int64_t id) {
        std::vector<store::OutboxRecord> found;
        const std::string needle = " " + std::to_string(id) + ":";
        for (auto& message : messages(kind)) {
            if (message.subject.find(needle) != std::string::npos) found.push_back(message);
        }
        return found;
    }

    /// The confirmation token e-mailed for report `id`.
    std::string confirm_token_of(std::int64_t id) {
        for (const auto& message : messages_about("report.confirmation", id)) {
            std::smatch match;
            if (std::regex_search(*message.body, match, std::regex("#confirm=([A-Za-z0-9_-]+)"))) {
                return match[1];
            }
        }
        throw std::runtime_error("no confirmation mail for report " + std::to_string(id));
    }

    store::Report stored(std::int64_t id) {
        auto report = peek->find_report(id);
        if (!report) throw std::runtime_error("no report " + std::to_string(id));
        return *report;
    }

    /// A decision on the report as it is now.
    ReportAction decision(std::int64_t id, const std::string& action,
                          const std::string& text = {}) {
        ReportAction result;
        result.report_id = id;
        result.expected_version = stored(id).version;
        result.action = action;
        result.text = text;
        return result;
    }

    StaffReport act(std::int64_t id, const std::string& action, const std::string& text = {},
                    const Principal& who = Principal::cli()) {
        return reports().act(who, decision(id, action, text));
    }

    std::int64_t officer_w_id = 0;
    std::int64_t sp_lead_id = 0;
    int clients = 0;
};

}  // namespace okrsek::service::test_auth
