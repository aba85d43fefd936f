#include <iostream>

#include "cli/commands.hpp"
#include "service/demo_crime.hpp"
#include "service/demo_town.hpp"

namespace okrsek::cli {

Command add_demo_command(CLI::App& app, const GlobalOptions& options) {
    auto* sub = app.add_subcommand(
        "demo", "build the demo town (Praha: districts, city parts, outline) in the database");
    auto data_dir = std::make_shared<std::string>("data/demo");
    sub->add_option("--data", *data_dir, "folder with the demo files")
        ->check(CLI::ExistingDirectory)
        ->capture_default_str();
    return {sub, [&options, data_dir] {
                auto platform = open_platform(options);
                for (const auto& report : service::build_demo_town(*platform, *data_dir)) {
                    print_import_report(report, 5);
                }
                const auto crime =
                    service::build_demo_crime(*platform, *data_dir, service::demo_town_code);
                if (crime.skipped) {
                    std::cout << "demo crime data: already loaded\n";
                } else {
                    std::cout << "demo crime data: " << crime.sample_incidents
                              << " Policie ČR sample incidents, " << crime.generated_incidents
                              << " generated incidents (source " << service::demo_crime_source
                              << ")\n";
                }
                std::cout << "demo town ready in " << store::redacted(options.database) << '\n';
            }};
}

}  // namespace okrsek::cli
