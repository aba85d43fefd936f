// `okrsek key generate FILE`: a new server master key (service/auth/master_key.hpp), for
// PostgreSQL deployments where every server must read the same key file.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "service/auth/master_key.hpp"

namespace okrsek::cli {
namespace {

Command add_generate(CLI::App& key) {
    auto file = std::make_shared<std::string>();
    auto* sub = key.add_subcommand("generate", "write a new random master key file (mode 0600)");
    sub->add_option("FILE", *file, "the key file to create (never overwritten)")->required();
    return {sub, [file] {
                try {
                    service::create_master_key(*file);
                } catch (const core::Error& error) {
                    if (error.code() != core::ErrorCode::conflict) throw;
                    // Replacing a key in use would make every stored second factor unreadable.
                    throw core::Error(core::ErrorCode::conflict,
                                      *file + " exists already; okrsek never overwrites a key",
                                      "file");
                }
                std::cout << "wrote a new master key to " << *file
                          << " (mode 0600); give every server this file with --secret-key-file "
                             "and keep a copy in your backups\n";
            }};
}

}  // namespace

Command add_key_command(CLI::App& app, const GlobalOptions& /*options*/) {
    auto* key = app.add_subcommand("key", "the server master key");
    key->require_subcommand(1);
    return command_group(key, {add_generate(*key)});
}

}  // namespace okrsek::cli
