#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>

#include "service/platform.hpp"

namespace okrsek::cli {

/// Options every command shares.
struct GlobalOptions {
    std::string database;  ///< --db; default $OKRSEK_DB or okrsek.db
    std::string log_level = "info";
};

/// Opens the database named by the options (migrating it) and loads the platform.
std::unique_ptr<service::Platform> open_platform(const GlobalOptions& options);

/// A registered subcommand and what runs it once the whole command line is parsed.
struct Command {
    CLI::App* subcommand = nullptr;
    std::function<void()> run;
};

// Each command registers its subcommand and options; `run` throws core::Error on failure.
Command add_serve_command(CLI::App& app, const GlobalOptions& options);
Command add_migrate_command(CLI::App& app, const GlobalOptions& options);
Command add_import_command(CLI::App& app, const GlobalOptions& options);
Command add_lookup_command(CLI::App& app, const GlobalOptions& options);
Command add_demo_command(CLI::App& app, const GlobalOptions& options);

/// Prints an import report for a person (stdout), warnings capped at `max_warnings`.
void print_import_report(const service::ImportReport& report, std::size_t max_warnings = 20);

}  // namespace okrsek::cli
