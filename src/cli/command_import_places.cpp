#include "cli/commands.hpp"

namespace okrsek::cli {

Command add_import_places(CLI::App* import, const GlobalOptions& options) {
    (void)options;
    auto* sub = import->add_subcommand(
        "places", "import places on the map (stations, info boxes) from GeoJSON points");
    return {sub, [] {}};
}

}  // namespace okrsek::cli
