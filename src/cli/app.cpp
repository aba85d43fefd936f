#include "cli/app.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "service/auth/master_key.hpp"
#include "store/store.hpp"

namespace okrsek::cli {

store::StoreSettings store_settings(const GlobalOptions& options) {
    store::StoreSettings settings;
    settings.database = options.database;
    settings.pool_size = options.pool_size;
    settings.statement_timeout = std::chrono::milliseconds(options.statement_timeout_ms);
    settings.connect_timeout = std::chrono::seconds(options.connect_timeout_s);
    return settings;
}

std::unique_ptr<service::Platform> open_platform(const GlobalOptions& options, KeyNeed keys,
                                                 service::PlatformOptions platform) {
    platform.auth.public_url = options.public_url;
    // Only the server, where people sign in, decides the defaults of a new town; the other
    // commands (audit verify above all) write nothing they were not asked to.
    platform.seed_security_defaults = keys == KeyNeed::required;
    if (keys == KeyNeed::required) {
        if (!options.secret_key_file.empty()) {
            platform.master_key = service::read_master_key(options.secret_key_file);
        } else if (options.database.find("://") == std::string::npos &&
                   options.database != ":memory:") {
            const std::filesystem::path key_file = options.database + ".key";
            if (!std::filesystem::exists(key_file)) {
                spdlog::info("creating the secret key file {}", key_file.string());
            }
            platform.master_key = service::read_or_create_master_key(key_file);
        } else {
            throw core::Error(core::ErrorCode::invalid_argument,
                              "--secret-key-file is required with PostgreSQL: every server "
                              "must use the same key (okrsek key generate FILE makes one)",
                              "secret_key_file");
        }
    }
    return std::make_unique<service::Platform>(store::open_store(store_settings(options)),
                                               std::move(platform));
}

std::string read_password_stdin() {
    std::string password;
    if (!std::getline(std::cin, password)) {
        throw core::Error(core::ErrorCode::invalid_argument,
                          "--password-stdin: no password on standard input", "password");
    }
    if (!password.empty() && password.back() == '\r') password.pop_back();
    return password;
}

namespace {

// The service names fields; the member command takes them as these options.
std::string option_for_field(const CLI::App& member, const std::string& field) {
    static const std::pair<const char*, const char*> names[] = {
        {"display_name", "--name"},
        {"name", "--name"},
        {"scope", "--scope"},
        {"role", "--role"},
        {"reason", "--reason"},
        {"municipality", "--municipality"},
        {"expires_at", "--expires-days"},
        {"password", "--password-stdin"},
    };
    for (const auto& [from, to] : names) {
        if (field == from && member.get_option_no_throw(to)) return to;
    }
    return {};
}

}  // namespace

Command command_group(CLI::App* group, std::vector<Command> members) {
    return {group, [members = std::move(members)] {
                for (const auto& member : members) {
                    if (!member.subcommand->parsed()) continue;
                    try {
                        member.run();
                    } catch (const core::Error& error) {
                        const auto option = option_for_field(*member.subcommand, error.field());
                        const std::string message = error.what();
                        if (option.empty() || message.starts_with("--")) throw;
                        throw core::Error(error.code(), option + ": " + message, error.field());
                    }
                }
            }};
}

namespace {

void set_up_logging(const std::string& level) {
    auto logger = spdlog::stderr_color_mt("okrsek");
    spdlog::set_default_logger(logger);
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
    spdlog::set_level(spdlog::level::from_str(level));
}

}  // namespace

int run(int argc, char** argv) {
    GlobalOptions options;

    CLI::App app{"okrsek: community policing and crime prevention for a town"};
    app.set_version_flag("--version", std::string(service::okrsek_version()));
    app.require_subcommand(1);
    // Settings file: `db = "postgresql://…"` at the top, a section per command such as
    // [serve] with `listen = "0.0.0.0:8080"`. Keep it readable by the service user only when
    // it holds a database password.
    // CLI11 reads the config file before it looks at environment variables, so
    // $OKRSEK_CONFIG becomes the option's default (and must then exist).
    const char* env_config = std::getenv("OKRSEK_CONFIG");
    const bool config_from_env = env_config && *env_config;
    app.set_config("--config", config_from_env ? env_config : "",
                   "settings file (TOML: option = value, [serve] section; default $OKRSEK_CONFIG)")
        ->check(CLI::ExistingFile);
    if (config_from_env && !std::filesystem::exists(env_config)) {
        std::cerr << "okrsek: settings file " << env_config
                  << " (from OKRSEK_CONFIG) does not exist\n";
        return 2;
    }
    // A misspelt key must not be silently ignored (it would leave a default in force).
    app.allow_config_extras(CLI::config_extras_mode::error);
    app.add_option("--db", options.database, "database: a SQLite file path or a postgresql:// URI")
        ->envname("OKRSEK_DB")
        ->capture_default_str();
    app.add_option("--db-pool-size", options.pool_size,
                   "PostgreSQL: connections this process keeps at most")
        ->envname("OKRSEK_DB_POOL_SIZE")
        ->check(CLI::Range(1, 200))
        ->capture_default_str();
    app.add_option("--db-statement-timeout-ms", options.statement_timeout_ms,
                   "PostgreSQL: cancel a statement running longer (0: no limit)")
        ->envname("OKRSEK_DB_STATEMENT_TIMEOUT_MS")
        ->capture_default_str();
    app.add_option("--db-connect-timeout-s", options.connect_timeout_s,
                   "PostgreSQL: give up connecting after this long (0: wait for the OS)")
        ->envname("OKRSEK_DB_CONNECT_TIMEOUT_S")
        ->check(CLI::Range(0, 600))
        ->capture_default_str();
    app.add_option("--secret-key-file", options.secret_key_file,
                   "server master key file (default for SQLite: DATABASE.key, created once)")
        ->envname("OKRSEK_SECRET_KEY_FILE");
    app.add_option("--public-url", options.public_url,
                   "where people reach the portal (base of invitation links)")
        ->envname("OKRSEK_PUBLIC_URL")
        ->capture_default_str();
    app.add_option("--log-level", options.log_level, "trace, debug, info, warn, error")
        ->envname("OKRSEK_LOG_LEVEL")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
        ->capture_default_str();
    app.fallthrough();
    const Command commands[] = {
        add_serve_command(app, options),   add_migrate_command(app, options),
        add_import_command(app, options),  add_lookup_command(app, options),
        add_demo_command(app, options),    add_backup_command(app, options),
        add_restore_command(app, options), add_audit_command(app, options),
        add_user_command(app, options),    add_token_command(app, options),
        add_key_command(app, options),     add_outbox_command(app, options),
        add_reports_command(app, options),  // added by r-bg
        add_analyze_command(app, options),  // a-methods
    };

    try {
        app.parse(argc, argv);
    } catch (const CLI::ConfigError& error) {
        // CLI11 says "INI was not able to parse KEY"; say which file and what is wrong.
        std::string message = error.what();
        const std::string prefix = "INI was not able to parse ";
        if (message.starts_with(prefix))
            message = "unknown setting '" + message.substr(prefix.size()) + "'";
        std::cerr << "okrsek: settings file " << app.get_config_ptr()->as<std::string>() << ": "
                  << message << '\n';
        return 2;
    } catch (const CLI::ParseError& error) {
        const int code = app.exit(error);
        return code == 0 ? 0 : 2;
    }
    try {
        set_up_logging(options.log_level);
        for (const auto& command : commands) {
            if (command.subcommand->parsed()) command.run();
        }
    } catch (const core::Error& error) {
        std::cerr << "okrsek: " << error.what() << '\n';
        return error.code() == core::ErrorCode::invalid_argument ? 2 : 1;
    } catch (const std::exception& error) {
        std::cerr << "okrsek: " << error.what() << '\n';
        return 1;
    }
    return 0;
}

}  // namespace okrsek::cli
