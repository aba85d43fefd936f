#include <iostream>

#include "cli/commands.hpp"
#include "core/error.hpp"

namespace okrsek::cli {

// `okrsek audit verify`: checks the audit log's hash chain. Exits 0 when intact and prints
// the head hash, which an operator can note outside the database (anyone able to write the
// database could otherwise rebuild the whole chain); exits 1 naming the first bad row.
Command add_audit_command(CLI::App& app, const GlobalOptions& options) {
    auto* sub = app.add_subcommand("audit", "the append-only audit log");
    sub->require_subcommand(1);
    auto* verify = sub->add_subcommand("verify", "check the audit log's hash chain");
    return {verify, [&options] {
                auto platform = open_platform(options);
                const auto result = platform->verify_audit_log();
                if (!result.intact()) {
                    throw core::Error(core::ErrorCode::conflict,
                                      "audit log broken after checking " +
                                          std::to_string(result.rows_checked) +
                                          " row(s): " + result.message);
                }
                std::cout << "audit log intact: " << result.rows_checked << " row(s); head hash "
                          << (result.head_hash.empty() ? "(empty log)" : result.head_hash) << '\n';
            }};
}

}  // namespace okrsek::cli
