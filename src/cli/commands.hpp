#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>

#include "service/platform.hpp"
#include "store/store.hpp"

namespace okrsek::cli {

/// Options every command shares. Each comes from the command line, else the config file
/// (--config / $OKRSEK_CONFIG), else its environment variable, else its default.
struct GlobalOptions {
    std::string database = "okrsek.db";     ///< --db, $OKRSEK_DB
    std::size_t pool_size = 4;              ///< --db-pool-size, $OKRSEK_DB_POOL_SIZE
    unsigned statement_timeout_ms = 30000;  ///< --db-statement-timeout-ms
    unsigned connect_timeout_s = 5;         ///< --db-connect-timeout-s
    std::string log_level = "info";
};

/// The store settings the options name.
store::StoreSettings store_settings(const GlobalOptions& options);

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
Command add_backup_command(CLI::App& app, const GlobalOptions& options);
Command add_restore_command(CLI::App& app, const GlobalOptions& options);
Command add_audit_command(CLI::App& app, const GlobalOptions& options);

/// Prints an import report for a person (stdout), warnings capped at `max_warnings`.
void print_import_report(const service::ImportReport& report, std::size_t max_warnings = 20);

}  // namespace okrsek::cli
