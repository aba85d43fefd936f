#include "cli/commands.hpp"

namespace okrsek::cli {

Command add_import_addresses(CLI::App* import, const GlobalOptions& options) {
    (void)options;
    auto* sub = import->add_subcommand("addresses", "import RÚIAN address points (CSV files)");
    return {sub, [] {}};
}

}  // namespace okrsek::cli
