#pragma once

// Citizen reports on the directory fixture's towns (Testov: districts W "Západ" and E
// "Východ"; Jinov: district J) with the default categories and levels, the level owners of
// Testov (both police leaderships, the prevention manager, a security commission member, the
// council's contact address) and W's state police officer, who owns "unsafe_place" reports.
// Messages are read back from the outbox with their bodies. Everyone here is invented.

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

#include "service/reports/citizen_reports.hpp"
#include "unit/service/directory/directory_fixture.hpp"

namespace okrsek::service::test_auth {

inline const std::string sp_lead = "vedeni.pcr@testov.example";
inline const std::string mp_lead = "vedeni.mp@testov.example";
inline const std::string manager = "prevence@testov.example";
inline const std::string commission = "komise@testov.example";
inline const std::string council = "rada@testov.example";
inline const std::string officer_w = "okrskar.w@testov.example";

class ReportsBgTest : public DirectoryTest {
protected:
    ReportsBgTest() {
        reports().seed_defaults(testov);
        auto level4 = reports().levels(testov).back();
        level4.contact_email = council;
        reports().set_level(Principal::cli(), level4);
        add_user(sp_lead, "Vedení PČR", sec::Role::state_police_leadership,
                 sec::Scope::municipality(testov));
        add_user(mp_lead, "Vedení MP", sec::Role::municipal_police_leadership,
                 sec::Scope::municipality(testov));
        add_user(manager, "Manažerka prevence", sec::Role::prevention_manager,
                 sec::Scope::municipality(testov));
        add_user(commission, "Člen komise", sec::Role::security_commission_member,
                 sec::Scope::municipality(testov));
        officer_id = add_user(officer_w, "Okrskář Západ", sec::Role::district_state_officer,
                              sec::Scope::district(w));
        auto profile = person("Karel Okrskář");
        profile.user_id = officer_id;
        directory().start_holder(Principal::cli(), w, role_id(testov, "state_police_officer"),
                                 profile, "2026-01-01");
    }

    CitizenReports& reports() { return platform.reports(); }

    /// A report in W of `category` with a reporter's e-mail, confirmed (public).
    std::int64_t public_report_in_w(const std::string& description,
                                    const std::string& email = "obcan@example.org",
                                    const std::string& category = "unsafe_place",
                                    double lon = 14.05, double lat = 50.05) {
        ReportSubmission submission;
        submission.lon = lon;
        submission.lat = lat;
        submission.address_text = "Parková 3";
        submission.category_code = category;
        submission.description = description;
        submission.contact.email = email;
        submission.contact.name = "Jana Občanová";
        const auto result = reports().submit(submission, next_client());
        reports().confirm(confirm_token_of(result.report_id));
        return result.report_id;
    }

    /// A different client address for each submission (rate limits are per address).
    ClientInfo next_client() {
        ++clients;
        return {"198.51.100." + std::to_string(clients % 250 + 1), "Firefox/140.0"};
    }

    /// The confirmation token e-mailed for report `id`.
    std::string confirm_token_of(std::int64_t id) {
        for (const auto& message : messages("report.confirmation")) {
            if (message.subject.find(std::to_string(id)) == std::string::npos) continue;
            std::smatch match;
            if (std::regex_search(*message.body, match, std::regex("#confirm=([A-Za-z0-9_-]+)")))
                return match[1];
        }
        throw std::runtime_error("no confirmation mail for report " + std::to_string(id));
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

    /// The recipients of the messages of `kind`, sorted.
    std::vector<std::string> recipients(const std::string& kind) {
        std::vector<std::string> result;
        for (const auto& message : messages(kind)) result.push_back(message.recipient);
        std::sort(result.begin(), result.end());
        return result;
    }

    store::Report stored(std::int64_t id) {
        auto report = peek->find_report(id);
        if (!report) throw std::runtime_error("no report " + std::to_string(id));
        return *report;
    }

    /// A staff decision by the command line on the report as it is now.
    void act(std::int64_t id, const std::string& action, const std::string& text = {}) {
        ReportAction decision;
        decision.report_id = id;
        decision.expected_version = stored(id).version;
        decision.action = action;
        decision.text = text;
        reports().act(Principal::cli(), decision);
    }

    std::int64_t officer_id = 0;
    int clients = 0;
};

}  // namespace okrsek::service::test_auth
