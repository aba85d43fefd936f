#include <cstdio>
#include <iostream>

#include "cli/commands.hpp"
#include "service/backup.hpp"
#include "store/store.hpp"

namespace okrsek::cli {
namespace {

std::string size_text(std::uint64_t bytes) {
    char rounded[32];
    const bool large = bytes >= 1000000;
    std::snprintf(rounded, sizeof rounded, "%.1f %s",
                  static_cast<double>(bytes) / (large ? 1e6 : 1e3), large ? "MB" : "kB");
    return std::to_string(bytes) + " bytes (" + rounded + ")";
}

void print_summary(std::ostream& out, const std::string& what,
                   const service::BackupSummary& summary) {
    std::int64_t rows = 0;
    for (const auto& table : summary.tables) rows += table.rows;
    out << what << ": " << summary.tables.size() << " table(s), " << rows << " row(s), "
        << size_text(summary.bytes) << "; schema version " << summary.schema_version << '\n';
    for (const auto& table : summary.tables) {
        out << "  " << table.table
            << std::string(table.table.size() < 20 ? 20 - table.table.size() : 1, ' ') << table.rows
            << '\n';
    }
}

}  // namespace

Command add_backup_command(CLI::App& app, const GlobalOptions& options) {
    auto file = std::make_shared<std::string>();
    auto* sub = app.add_subcommand(
        "backup",
        "write every row of the database to a portable dump (restores into either engine)");
    sub->add_option("FILE", *file, "the dump to write ('-': standard output)")->required();
    return {sub, [&options, file] {
                auto store = store::open_store(store_settings(options));
                const auto summary = service::backup_to_file(*store, *file);
                // With the dump on standard output, the summary goes to standard error.
                print_summary(*file == "-" ? std::cerr : std::cout,
                              "backup of " + std::string(store->engine()) + " database into " +
                                  (*file == "-" ? "standard output" : *file),
                              summary);
            }};
}

Command add_restore_command(CLI::App& app, const GlobalOptions& options) {
    auto file = std::make_shared<std::string>();
    auto* sub = app.add_subcommand(
        "restore", "load a dump from `okrsek backup` into an empty database (either engine)");
    sub->add_option("FILE", *file, "the dump to read ('-': standard input)")->required();
    return {sub, [&options, file] {
                auto store = store::open_store(store_settings(options));
                const auto summary = service::restore_from_file(*store, *file);
                print_summary(std::cout,
                              "restored " + (*file == "-" ? std::string("standard input") : *file) +
                                  " (from " + summary.engine + ") into the " +
                                  std::string(store->engine()) + " database",
                              summary);
            }};
}

}  // namespace okrsek::cli
