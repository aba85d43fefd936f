// okrsek import incidents FILE… and okrsek import crime-codes FILE…: crime data (issue 7).
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/progress_bar.hpp"
#include "core/error.hpp"
#include "service/crime/crime_data.hpp"

namespace okrsek::cli {
namespace {

using core::Error;
using core::ErrorCode;

struct ImportIncidentsOptions {
    std::vector<std::string> files;
    std::string format = "policie-cz";
    std::string types_file;
    std::string states_file;
    std::string relevance_file;
    std::string mapping_file;
    std::string crs;
    std::string source{service::policie_source};
    bool reject_unknown_types = false;
    bool reassign = false;
    std::uint64_t max_rejected = 1000;
};

struct ImportCodesOptions {
    std::vector<std::string> files;
    std::string list;
    std::string source{service::policie_source};
    std::vector<std::int64_t> mark_sensitive;
    std::vector<std::int64_t> unmark_sensitive;
};

service::IncidentFormat format_of(const std::string& text) {
    if (text == "policie-cz") return service::IncidentFormat::policie_cz;
    if (text == "csv") return service::IncidentFormat::csv;
    if (text == "geojson") return service::IncidentFormat::geojson;
    throw Error(ErrorCode::invalid_argument, "--format is policie-cz, csv or geojson", "format");
}

std::optional<geo::Crs> crs_of(const std::string& text) {
    if (text.empty()) return std::nullopt;
    if (text == "wgs84") return geo::Crs::wgs84;
    if (text == "sjtsk") return geo::Crs::sjtsk;
    if (const auto crs = geo::parse_crs(text)) return crs;
    throw Error(ErrorCode::invalid_argument, "--crs is wgs84 or sjtsk", "crs");
}

std::string read_text(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error(ErrorCode::invalid_input, "cannot read " + file, "mapping");
    std::ostringstream text;
    text << in.rdbuf();
    return std::move(text).str();
}

void print_codes(const service::CodeListImportReport& report) {
    std::cout << "code list " << store::to_string(report.list) << " of " << report.source << ": "
              << report.codes << " code(s), " << report.top_level << " at the top, " << report.depth
              << " level(s) (" << report.result.inserted << " new, " << report.result.updated
              << " updated, " << report.result.removed << " removed)\n";
    if (!report.sensitive.empty()) {
        std::cout << "  sensitive types:";
        for (const auto code : report.sensitive) std::cout << ' ' << code;
        std::cout << '\n';
    }
}

void print_incidents(const service::IncidentImportReport& report) {
    for (const auto& file : report.files) {
        std::cout << file.file << ": " << file.rows_read << " row(s), " << file.incidents
                  << " incident(s) (" << file.inserted << " new, " << file.updated << " updated), "
                  << file.rows_rejected << " rejected, " << file.unassigned
                  << " outside every town\n";
    }
    std::cout << "source " << report.source << ": rows read " << report.rows_read << ", incidents "
              << report.incidents << " (" << report.inserted << " new, " << report.updated
              << " updated), rejected " << report.rows_rejected << ", outside every town "
              << report.unassigned << '\n';
    if (!report.type_list_loaded) {
        std::cout << "  no type list loaded for " << report.source
                  << ": types were not checked (import crime-codes first)\n";
    } else if (report.unknown_types > 0) {
        std::cout << "  " << report.unknown_types
                  << " row(s) name a type the type list lacks (kept)\n";
    }
    for (const auto& rejection : report.rejections) {
        std::cout << "rejected: " << rejection.file << ' ' << rejection.position_kind << ' '
                  << rejection.position << ": " << rejection.reason << '\n';
    }
    char line[96];
    std::snprintf(line, sizeof line, "time: %.1f s, %.0f rows/s\n", report.seconds,
                  report.seconds > 0 ? static_cast<double>(report.rows_read) / report.seconds : 0);
    std::cout << line;
}

void print_reassign(const service::ReassignReport& report) {
    std::cout << "re-assigned " << report.incidents << " incident(s): " << report.changed
              << " changed, " << report.unassigned << " outside every town\n";
}

void import_codes(service::Platform& platform, const std::string& file,
                  std::optional<store::CrimeCodeList> list, const std::string& source) {
    service::CodeListImportRequest request;
    request.file = file;
    request.list = list;
    request.source = source;
    request.actor = service::Principal::cli();
    print_codes(platform.crime().import_code_list(request));
}

void import_incidents(const GlobalOptions& global, const ImportIncidentsOptions& options) {
    service::IncidentImportRequest request;
    request.format = format_of(options.format);
    request.crs = crs_of(options.crs);
    if (!options.mapping_file.empty()) request.mapping_json = read_text(options.mapping_file);
    request.files.assign(options.files.begin(), options.files.end());
    request.source = options.source;
    request.reject_unknown_types = options.reject_unknown_types;
    request.max_rejected_rows = options.max_rejected;
    request.actor = service::Principal::cli();
    if (request.files.empty() && !options.reassign) {
        throw Error(ErrorCode::invalid_argument, "no incident files given (or --reassign)",
                    "files");
    }
    auto platform = open_platform(global);
    using List = store::CrimeCodeList;
    if (!options.types_file.empty())
        import_codes(*platform, options.types_file, List::types, options.source);
    if (!options.states_file.empty())
        import_codes(*platform, options.states_file, List::states, options.source);
    if (!options.relevance_file.empty()) {
        import_codes(*platform, options.relevance_file, List::relevance, options.source);
    }
    if (!request.files.empty()) {
        std::optional<ProgressBar> bar;
        request.progress = [&bar](std::uint64_t done, std::uint64_t total) {
            if (!bar) bar.emplace("reading", static_cast<std::size_t>(total));
            bar->update(static_cast<std::size_t>(done));
        };
        const auto report = platform->crime().import_incidents(request);
        if (bar) bar->finish();
        print_incidents(report);
    }
    if (options.reassign) print_reassign(platform->crime().reassign(service::Principal::cli()));
}

void import_crime_codes(const GlobalOptions& global, const ImportCodesOptions& options) {
    std::optional<store::CrimeCodeList> list;
    if (!options.list.empty()) {
        list = store::crime_code_list_from(options.list);
        if (!list) {
            throw Error(ErrorCode::invalid_argument, "--list is types, states or relevance",
                        "list");
        }
    }
    if (options.files.empty() && options.mark_sensitive.empty() &&
        options.unmark_sensitive.empty()) {
        throw Error(ErrorCode::invalid_argument, "no code list files given", "files");
    }
    auto platform = open_platform(global);
    for (const auto& file : options.files) import_codes(*platform, file, list, options.source);
    const auto cli = service::Principal::cli();
    for (const auto code : options.mark_sensitive) {
        platform->crime().set_type_sensitive(cli, options.source, code, true);
        std::cout << "type " << code << " of " << options.source << " marked sensitive\n";
    }
    for (const auto code : options.unmark_sensitive) {
        platform->crime().set_type_sensitive(cli, options.source, code, false);
        std::cout << "type " << code << " of " << options.source << " no longer sensitive\n";
    }
}

}  // namespace

Command add_import_incidents(CLI::App* import, const GlobalOptions& global) {
    auto options = std::make_shared<ImportIncidentsOptions>();
    auto* sub = import->add_subcommand(
        "incidents",
        "import crime incidents (Policie ČR open data or a town's own CSV/GeoJSON); the same "
        "ids update in place, each file all or nothing");
    sub->add_option("files", options->files, "incident files (CSV or GeoJSON)");
    sub->add_option("--format", options->format, "policie-cz (CSV or GeoJSON), csv or geojson")
        ->capture_default_str();
    sub->add_option("--types", options->types_file, "type code list to import first");
    sub->add_option("--states", options->states_file, "state code list to import first");
    sub->add_option("--relevance", options->relevance_file, "relevance code list to import first");
    sub->add_option("--mapping", options->mapping_file,
                    "JSON mapping of a town's columns (see docs/crime-data.md)");
    sub->add_option("--crs", options->crs, "coordinates: wgs84 or sjtsk (overrides the mapping)");
    sub->add_option("--source", options->source, "the data's source name")->capture_default_str();
    sub->add_flag("--reject-unknown-types", options->reject_unknown_types,
                  "reject rows whose type the source's type list lacks (default: keep them)");
    sub->add_flag("--reassign", options->reassign,
                  "place every stored incident again in the current areas");
    sub->add_option("--max-rejected", options->max_rejected,
                    "fail a file (import nothing of it) when more rows than this are malformed")
        ->capture_default_str();
    return {sub, [&global, options] { import_incidents(global, *options); }};
}

Command add_import_crime_codes(CLI::App* import, const GlobalOptions& global) {
    auto options = std::make_shared<ImportCodesOptions>();
    auto* sub = import->add_subcommand(
        "crime-codes",
        "import crime code lists (types, states, relevance; JSON or CSV) and mark types "
        "sensitive");
    sub->add_option("files", options->files, "types.json, states.csv, …");
    sub->add_option("--list", options->list,
                    "types, states or relevance (default: from the file name)");
    sub->add_option("--source", options->source, "the data's source name")->capture_default_str();
    sub->add_option("--mark-sensitive", options->mark_sensitive,
                    "type codes never shown below town level");
    sub->add_option("--unmark-sensitive", options->unmark_sensitive,
                    "type codes to show like others again");
    return {sub, [&global, options] { import_crime_codes(global, *options); }};
}

}  // namespace okrsek::cli
