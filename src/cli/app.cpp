#include "cli/app.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "core/error.hpp"
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

std::unique_ptr<service::Platform> open_platform(const GlobalOptions& options) {
    return std::make_unique<service::Platform>(store::open_store(store_settings(options)));
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
