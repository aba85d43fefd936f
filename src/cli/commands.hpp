#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "service/notify/outbox_worker.hpp"
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
    /// --secret-key-file, $OKRSEK_SECRET_KEY_FILE: the server master key (64 hex digits).
    /// Empty: for a SQLite database the file "<database>.key" beside it, created on first use;
    /// PostgreSQL needs it named (every server must use the same key).
    std::string secret_key_file;
    /// --public-url, $OKRSEK_PUBLIC_URL: where people reach the portal; the base of the links
    /// in invitations and password resets.
    std::string public_url = "http://localhost:8080";
};

/// Whether a command needs the master key (serve: CSRF and second factors).
enum class KeyNeed { none, required };

/// The store settings the options name.
store::StoreSettings store_settings(const GlobalOptions& options);

/// Opens the database named by the options (migrating it) and loads the platform.
/// With KeyNeed::required the master key is read (or, for SQLite without --secret-key-file,
/// created beside the database); `platform` tunes the services (the security core's settings,
/// report limits, another clock for `okrsek reports sweep --now`); its auth.public_url and
/// master key are filled from the options.
std::unique_ptr<service::Platform> open_platform(const GlobalOptions& options,
                                                 KeyNeed keys = KeyNeed::none,
                                                 service::PlatformOptions platform = {});

/// Reads the password for --password-stdin: one line from standard input, without its line end.
std::string read_password_stdin();

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
Command add_user_command(CLI::App& app, const GlobalOptions& options);
Command add_token_command(CLI::App& app, const GlobalOptions& options);
Command add_key_command(CLI::App& app, const GlobalOptions& options);
Command add_outbox_command(CLI::App& app, const GlobalOptions& options);
Command add_reports_command(CLI::App& app, const GlobalOptions& options);  // added by r-bg
Command add_analyze_command(CLI::App& app, const GlobalOptions& options);  // a-methods

/// How e-mail leaves the outbox (serve's worker, okrsek outbox run-once): --smtp-* options,
/// each also from the config file's section and an $OKRSEK_SMTP_* variable. No URL: no e-mail.
struct SmtpOptions {
    std::string url;   ///< --smtp-url smtp://host:587 | smtps://host:465
    std::string from;  ///< --smtp-from: sender address
    std::string from_name = "okrsek";
    std::string tls = "required";  ///< --smtp-tls required|optional|off (STARTTLS)
    std::string user;              ///< --smtp-user: AUTH, with the password below
    std::string password_file;     ///< --smtp-password-file (else $OKRSEK_SMTP_PASSWORD)
    bool worker = true;            ///< --outbox-worker: serve sends (off: only cron run-once)
    std::size_t batch_size = 10;   ///< --outbox-batch-size
    unsigned lease_s = 300;        ///< --outbox-lease-s
    unsigned max_attempts = 10;    ///< --outbox-max-attempts
    double poll_seconds = 2.0;     ///< --outbox-poll-seconds
    unsigned retention_days = 30;  ///< --outbox-retention-days (0: keep bodies)
    unsigned connect_timeout_s = 10;
    unsigned timeout_s = 60;
};
/// Registers the SmtpOptions on `command`.
void add_smtp_options(CLI::App* command, SmtpOptions& options);
/// The worker those options describe, not yet started; null without --smtp-url. Reads the
/// password file. Throws invalid_argument naming the option.
std::unique_ptr<service::notify::OutboxWorker> make_outbox_worker(service::Platform& platform,
                                                                  const SmtpOptions& options);

// Members of `okrsek import` (command_import_*.cpp), registered on its subcommand.
Command add_import_addresses(CLI::App* import, const GlobalOptions& options);
Command add_import_places(CLI::App* import, const GlobalOptions& options);
Command add_import_incidents(CLI::App* import, const GlobalOptions& options);
Command add_import_crime_codes(CLI::App* import, const GlobalOptions& options);

/// A command made of subcommands (`okrsek user add`, `okrsek user list`…): runs the member
/// given. A core::Error about a field that the member takes as an option ("scope", "reason",
/// "display_name" for --name…) is rethrown with the option's name in front ("--scope: …").
Command command_group(CLI::App* group, std::vector<Command> members);

/// Prints an import report for a person (stdout), warnings capped at `max_warnings`.
void print_import_report(const service::ImportReport& report, std::size_t max_warnings = 20);

}  // namespace okrsek::cli
