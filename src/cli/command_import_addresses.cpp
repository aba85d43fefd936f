// okrsek import addresses FILE…: RÚIAN address point CSV files into the database.
#include <cstdio>
#include <iostream>
#include <optional>

#include "cli/commands.hpp"
#include "cli/progress_bar.hpp"

namespace okrsek::cli {
namespace {

struct ImportAddressesOptions {
    std::vector<std::string> files;
    std::uint64_t max_rejected = 1000;
};

// Files are listed one by one up to this many; a whole-country import of 6258 town files is
// summed up instead.
constexpr std::size_t max_listed_files = 20;

std::string rate(double rows, double seconds) {
    char text[64];
    std::snprintf(text, sizeof text, "%.1f s, %.0f rows/s", seconds,
                  seconds > 0.0 ? rows / seconds : 0.0);
    return text;
}

void print_report(const service::AddressImportReport& report) {
    if (report.files.size() <= max_listed_files) {
        for (const auto& file : report.files) {
            std::cout << file.file << ": " << file.rows_read << " row(s), " << file.encoding
                      << ", header " << file.header << '\n';
        }
    }
    std::cout << "files: " << report.files.size() << ", rows read: " << report.rows_read
              << ", imported: " << report.rows_imported
              << ", without position: " << report.rows_without_position
              << ", rejected: " << report.rows_rejected << '\n';
    for (const auto& town : report.towns) {
        std::cout << "town " << town.municipality_code << " " << town.municipality_name << ": "
                  << town.imported << " imported, " << town.without_position
                  << " without position\n";
    }
    for (const auto& rejection : report.rejections) {
        std::cout << "rejected: " << rejection.file << " line " << rejection.line << ": "
                  << rejection.reason << '\n';
    }
    if (report.rows_rejected > report.rejections.size()) {
        std::cout << "… and " << report.rows_rejected - report.rejections.size()
                  << " more rejected row(s)\n";
    }
    std::cout << "replaced " << report.replaced << " stored address point(s); address version "
              << report.address_version << '\n';
    std::cout << "time: " << rate(static_cast<double>(report.rows_read), report.seconds) << '\n';
}

void import_addresses(const GlobalOptions& global, const ImportAddressesOptions& options) {
    service::AddressImportRequest request;
    request.files.assign(options.files.begin(), options.files.end());
    request.actor = service::Principal::cli();
    request.max_rejected_rows = options.max_rejected;
    // Drawn from the import's reading thread only, and finished after it has ended.
    std::optional<ProgressBar> bar;
    request.progress = [&bar](std::uint64_t done, std::uint64_t total) {
        if (!bar) bar.emplace("reading", static_cast<std::size_t>(total));
        bar->update(static_cast<std::size_t>(done));
    };
    auto platform = open_platform(global);
    const auto report = platform->addresses().import_files(request);
    if (bar) bar->finish();
    print_report(report);
}

}  // namespace

Command add_import_addresses(CLI::App* import, const GlobalOptions& global) {
    auto options = std::make_shared<ImportAddressesOptions>();
    auto* sub = import->add_subcommand(
        "addresses",
        "import RÚIAN address points (CSV files); replaces the addresses of every town in them");
    sub->add_option("files", options->files,
                    "RÚIAN \"adresní místa\" CSV files (UTF-8 or windows-1250)")
        ->required();
    sub->add_option("--max-rejected", options->max_rejected,
                    "fail (import nothing) when more rows than this are malformed")
        ->capture_default_str();
    return {sub, [&global, options] { import_addresses(global, *options); }};
}

}  // namespace okrsek::cli
