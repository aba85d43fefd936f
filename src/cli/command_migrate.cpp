#include <iostream>

#include "cli/commands.hpp"
#include "store/store.hpp"

namespace okrsek::cli {

Command add_migrate_command(CLI::App& app, const GlobalOptions& options) {
    auto* sub = app.add_subcommand("migrate", "apply pending database migrations");
    return {sub, [&options] {
                auto store = store::open_store(store_settings(options));
                const int applied = store->migrate();
                std::cout << "database " << store::redacted(options.database) << " ("
                          << store->engine() << ") at schema version " << store->schema_version()
                          << "; applied " << applied << " migration(s)\n";
            }};
}

}  // namespace okrsek::cli
