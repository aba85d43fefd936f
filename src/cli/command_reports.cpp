// `okrsek reports …`: citizen reports' background work by hand (sweep: escalations, area
// alerts, digests; for cron and for tests with a fake clock), and a town's categories.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/text_table.hpp"
#include "core/error.hpp"
#include "core/prague_time.hpp"
#include "service/reports/report_worker.hpp"
#include "service/security/clock.hpp"

namespace okrsek::cli {
namespace {

using core::Error;
using core::ErrorCode;

// A town by RÚIAN code or by name (ASCII case ignored).
core::Municipality find_town(service::Platform& platform, const std::string& town) {
    const auto towns = platform.municipalities();
    const auto lower = [](std::string text) {
        for (auto& c : text) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        return text;
    };
    for (const auto& municipality : towns) {
        if (std::to_string(municipality.code) == town || lower(municipality.name) == lower(town))
            return municipality;
    }
    throw Error(ErrorCode::not_found, "no town '" + town + "' (give its RÚIAN code or name)",
                "town");
}

Command add_sweep(CLI::App& group, const GlobalOptions& options) {
    auto now = std::make_shared<std::string>();
    auto* sub = group.add_subcommand(
        "sweep",
        "one pass of the reports' background work: escalate reports past their "
        "deadline, queue area alerts and (from 08:00 Prague) the daily digests");
    sub->add_option("--now", *now,
                    "pretend it is this time (RFC 3339, e.g. 2026-12-03T09:00:00+01:00); for "
                    "tests and replays only");
    return {sub, [&options, now] {
                service::PlatformOptions tuning;
                if (!now->empty()) {
                    const auto at = core::parse_prague_time(*now, "now");
                    tuning.clock = std::make_shared<service::security::ManualClock>(at);
                }
                auto platform = open_platform(options, KeyNeed::required, std::move(tuning));
                const auto result = service::reports::sweep_reports(platform->reports());
                std::cout << "escalated " << result.escalated << "\nalerts " << result.alerts
                          << "\ndigests " << result.digests << '\n';
            }};
}

Command add_categories(CLI::App& group, const GlobalOptions& options) {
    auto town = std::make_shared<std::string>();
    auto* sub = group.add_subcommand("categories", "list a town's report categories");
    sub->add_option("TOWN", *town, "the town's RÚIAN code or name")->required();
    return {sub, [&options, town] {
                auto platform = open_platform(options);
                const auto municipality = find_town(*platform, *town);
                std::vector<std::vector<std::string>> rows;
                for (const auto& category : platform->reports().categories(municipality.code)) {
                    rows.push_back({category.code, category.name_cs,
                                    category.accepts_reports ? "yes" : "guidance only",
                                    category.owner_role_code,
                                    std::to_string(category.first_response_days),
                                    std::to_string(category.resolution_days)});
                }
                print_table(std::cout,
                            {"code", "name", "reports", "owner role",
                             "first response (working days)", "resolution (working days)"},
                            rows);
            }};
}

Command add_seed(CLI::App& group, const GlobalOptions& options) {
    auto town = std::make_shared<std::string>();
    auto* sub = group.add_subcommand(
        "seed", "give a town the default report categories and escalation levels it lacks");
    sub->add_option("TOWN", *town, "the town's RÚIAN code or name")->required();
    return {sub, [&options, town] {
                auto platform = open_platform(options);
                const auto municipality = find_town(*platform, *town);
                platform->reports().seed_defaults(municipality.code);
                std::cout << municipality.name << ": "
                          << platform->reports().categories(municipality.code).size()
                          << " categories, " << platform->reports().levels(municipality.code).size()
                          << " escalation levels\n";
            }};
}

}  // namespace

Command add_reports_command(CLI::App& app, const GlobalOptions& options) {
    auto* reports = app.add_subcommand("reports", "citizen reports: background work, categories");
    reports->require_subcommand(1);
    return command_group(reports, {add_sweep(*reports, options), add_categories(*reports, options),
                                   add_seed(*reports, options)});
}

}  // namespace okrsek::cli
