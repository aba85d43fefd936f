#include "cli/app.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <iostream>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "store/store.hpp"

namespace okrsek::cli {

std::unique_ptr<service::Platform> open_platform(const GlobalOptions& options) {
    return std::make_unique<service::Platform>(store::open_store(options.database));
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
    const char* env_db = std::getenv("OKRSEK_DB");
    options.database = env_db && *env_db ? env_db : "okrsek.db";

    CLI::App app{"okrsek: community policing and crime prevention for a town"};
    app.set_version_flag("--version", std::string(service::okrsek_version()));
    app.require_subcommand(1);
    app.add_option("--db", options.database,
                   "database: a SQLite file path (default $OKRSEK_DB or okrsek.db)")
        ->capture_default_str();
    app.add_option("--log-level", options.log_level, "trace, debug, info, warn, error")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
        ->capture_default_str();
    app.fallthrough();
    const Command commands[] = {
        add_serve_command(app, options),  add_migrate_command(app, options),
        add_import_command(app, options), add_lookup_command(app, options),
        add_demo_command(app, options),
    };

    try {
        app.parse(argc, argv);
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
