// `okrsek analyze gi|localmoran|kde|concentration`: the hot-spot and concentration statistics
// on any CSV of units (id,x,y,value), printed as CSV, so an analyst can reproduce a figure the
// pages show or run the methods on published examples.
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "analytics/concentration.hpp"
#include "analytics/fdr.hpp"
#include "analytics/getis_ord.hpp"
#include "analytics/kde.hpp"
#include "analytics/local_moran.hpp"
#include "analytics/planar_grid.hpp"
#include "analytics/spatial_plane.hpp"
#include "analytics/weights.hpp"
#include "cli/command_analyze_input.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"

namespace okrsek::cli {
namespace {

using analytics::PlanarPoint;
using core::Error;
using core::ErrorCode;

/// Input files larger than this are refused before reading (2 million rows fit easily).
constexpr std::uintmax_t max_input_bytes = std::uintmax_t{512} * 1024 * 1024;

struct AnalyzeOptions {
    std::string input;
    std::string output;
    bool geographic = false;
    double band_m = 0.0;
    std::size_t knn = 0;
    bool star = false;
    std::string transform;
    std::string variance = "ord-getis";
    std::string null_hypothesis = "conditional";
    double cell_m = 100.0;
    double bandwidth_m = 0.0;
    // Which of the options above were given (CLI11 keeps the count).
    const CLI::Option* band_given = nullptr;
    const CLI::Option* knn_given = nullptr;
    const CLI::Option* bandwidth_given = nullptr;

    static bool given(const CLI::Option* option) { return option && option->count() > 0; }
};

// Shortest text that reads back to the same double; empty for NaN (an island, no variance).
std::string number(double value) {
    if (!std::isfinite(value)) return {};
    char buffer[32];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return ec == std::errc{} ? std::string(buffer, end) : std::string{};
}

// Ids are written back as they came, quoted when CSV needs it.
std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + '"';
}

AnalysisInput read_input(const AnalyzeOptions& options, const AnalysisInputRules& rules) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(options.input, ec);
    if (ec) throw Error(ErrorCode::invalid_argument, "cannot read " + options.input, "input");
    if (size > max_input_bytes) {
        throw Error(ErrorCode::payload_too_large,
                    options.input + " is larger than " +
                        std::to_string(max_input_bytes / (1024 * 1024)) + " MiB",
                    "input");
    }
    std::ifstream in(options.input, std::ios::binary);
    if (!in) throw Error(ErrorCode::invalid_argument, "cannot read " + options.input, "input");
    return read_analysis_csv(in, options.input, rules);
}

struct Positions {
    std::vector<PlanarPoint> points;
    std::optional<analytics::LocalPlane> plane;  ///< with --geographic
};

Positions positions_of(const AnalysisInput& input, bool geographic) {
    Positions result;
    if (!geographic) {
        for (std::size_t i = 0; i < input.x.size(); ++i) {
            result.points.push_back({input.x[i], input.y[i]});
        }
        return result;
    }
    std::vector<core::LonLat> positions;
    for (std::size_t i = 0; i < input.x.size(); ++i) positions.push_back({input.x[i], input.y[i]});
    result.plane = analytics::LocalPlane::around(positions);
    result.points = result.plane->to_plane(positions);
    return result;
}

analytics::SpatialWeights weights_for(const AnalyzeOptions& options,
                                      std::span<const PlanarPoint> points, bool include_self,
                                      analytics::WeightStyle default_style) {
    const bool band = AnalyzeOptions::given(options.band_given);
    if (!band && !AnalyzeOptions::given(options.knn_given)) {
        throw Error(ErrorCode::invalid_argument, "give the neighbourhood: --band D or --knn K",
                    "band");
    }
    auto neighbours = band ? analytics::distance_band(points, options.band_m)
                           : analytics::k_nearest(points, options.knn);
    const auto style = options.transform.empty() ? default_style
                       : (options.transform == "B" || options.transform == "b")
                           ? analytics::WeightStyle::binary
                           : analytics::WeightStyle::row_standardised;
    return analytics::SpatialWeights(std::move(neighbours), style, include_self);
}

// Writes the whole text at once, so a failure leaves no half-written table.
void emit(const AnalyzeOptions& options, const std::string& text, const std::string& summary) {
    if (options.output.empty() || options.output == "-") {
        std::cout << text << std::flush;
        return;
    }
    std::ofstream out(options.output, std::ios::binary | std::ios::trunc);
    if (!out) throw Error(ErrorCode::invalid_argument, "cannot write " + options.output, "output");
    out << text;
    out.close();
    if (!out) throw Error(ErrorCode::internal, "writing " + options.output + " failed");
    std::cout << options.output << ": " << summary << '\n';
}

std::size_t count_at_most(const std::vector<double>& q, double alpha) {
    std::size_t count = 0;
    for (double value : q) count += value <= alpha;
    return count;
}

void run_gi(const AnalyzeOptions& options) {
    AnalysisInputRules rules;
    rules.geographic = options.geographic;
    const auto input = read_input(options, rules);
    const auto positions = positions_of(input, options.geographic);
    const auto weights =
        weights_for(options, positions.points, options.star, analytics::WeightStyle::binary);
    analytics::LocalGOptions gi;
    gi.variance =
        options.variance == "esda" ? analytics::GiVariance::esda : analytics::GiVariance::ord_getis;
    const auto results = analytics::local_g(input.values, weights, gi);
    std::vector<double> p;
    for (const auto& r : results) p.push_back(r.p_two_sided);
    const auto q = analytics::benjamini_hochberg(p);

    std::string text = "id,value,statistic,z,p,q_fdr,neighbours\n";
    for (std::size_t i = 0; i < results.size(); ++i) {
        text += csv_field(input.ids[i]) + ',' + number(input.values[i]) + ',' +
                number(results[i].g) + ',' + number(results[i].z) + ',' +
                number(results[i].p_two_sided) + ',' + number(q[i]) + ',' +
                std::to_string(weights.neighbours().of(i).size()) + '\n';
    }
    emit(options, text,
         std::to_string(results.size()) + " units (" + (options.star ? "Gi*" : "Gi") + "), " +
             std::to_string(weights.neighbours().island_count()) + " without neighbours, " +
             std::to_string(count_at_most(q, 0.05)) + " with q_fdr ≤ 0.05");
}

void run_local_moran(const AnalyzeOptions& options) {
    AnalysisInputRules rules;
    rules.geographic = options.geographic;
    const auto input = read_input(options, rules);
    const auto positions = positions_of(input, options.geographic);
    const auto weights =
        weights_for(options, positions.points, false, analytics::WeightStyle::row_standardised);
    analytics::LocalMoranOptions moran;
    moran.null = options.null_hypothesis == "total" ? analytics::MoranNull::total
                                                    : analytics::MoranNull::conditional;
    const auto results = analytics::local_moran(input.values, weights, moran);
    std::vector<double> p;
    for (const auto& r : results) p.push_back(r.p_two_sided);
    const auto q = analytics::benjamini_hochberg(p);

    std::string text = "id,value,statistic,z,p,q_fdr,expected,variance,quadrant,neighbours\n";
    for (std::size_t i = 0; i < results.size(); ++i) {
        const auto& r = results[i];
        const auto quadrant = static_cast<int>(r.quadrant);
        text += csv_field(input.ids[i]) + ',' + number(input.values[i]) + ',' + number(r.i) + ',' +
                number(r.z) + ',' + number(r.p_two_sided) + ',' + number(q[i]) + ',' +
                number(r.expected) + ',' + number(r.variance) + ',' +
                (quadrant == 0 ? std::string{} : std::to_string(quadrant)) + ',' +
                std::to_string(weights.neighbours().of(i).size()) + '\n';
    }
    emit(options, text,
         std::to_string(results.size()) + " units, " +
             std::to_string(weights.neighbours().island_count()) + " without neighbours, " +
             std::to_string(count_at_most(q, 0.05)) + " with q_fdr ≤ 0.05");
}

void run_kde(const AnalyzeOptions& options) {
    AnalysisInputRules rules;
    rules.geographic = options.geographic;
    rules.non_negative = true;
    const auto input = read_input(options, rules);
    const auto positions = positions_of(input, options.geographic);
    const auto grid = analytics::planar_grid_over(positions.points, options.cell_m);
    const double bandwidth = AnalyzeOptions::given(options.bandwidth_given)
                                 ? options.bandwidth_m
                                 : analytics::default_bandwidth_m(positions.points, input.values);
    const auto density = analytics::quartic_kde(grid, positions.points, input.values, bandwidth);

    std::string text = "x,y,density\n";
    std::size_t cells = 0;
    for (std::size_t c = 0; c < density.size(); ++c) {
        if (density[c] <= 0.0) continue;
        ++cells;
        const auto centre = grid.centre(c);
        double x = centre.x_m, y = centre.y_m;
        if (positions.plane) {
            const auto position = positions.plane->to_lon_lat(centre);
            x = position.lon;
            y = position.lat;
        }
        // Per km²: per m² values of crime maps are unreadably small.
        text += number(x) + ',' + number(y) + ',' + number(density[c] * 1e6) + '\n';
    }
    emit(options, text,
         std::to_string(cells) + " cells with density > 0 of " + std::to_string(grid.columns) +
             " × " + std::to_string(grid.rows) + ", bandwidth " + number(bandwidth) + " m");
}

void run_concentration(const AnalyzeOptions& options) {
    AnalysisInputRules rules;
    rules.positions = false;
    rules.non_negative = true;
    const auto input = read_input(options, rules);
    const auto c = analytics::concentration(input.values);
    const std::string text =
        "units,units_with_events,events,units_25,share_units_25,share_active_units_25,"
        "units_50,share_units_50,share_active_units_50,gini,gini_unbiased,generalised_gini,"
        "generalised_gini_unbiased\n" +
        std::to_string(c.units) + ',' + std::to_string(c.units_with_events) + ',' +
        number(c.events) + ',' + std::to_string(c.units_for_25) + ',' +
        number(c.share_of_units_25) + ',' + number(c.share_of_active_units_25) + ',' +
        std::to_string(c.units_for_50) + ',' + number(c.share_of_units_50) + ',' +
        number(c.share_of_active_units_50) + ',' + number(c.gini) + ',' + number(c.gini_unbiased) +
        ',' + number(c.generalised_gini) + ',' + number(c.generalised_gini_unbiased) + '\n';
    emit(options, text, std::to_string(c.units) + " units, " + number(c.events) + " events");
}

// The analytics name their parameters; say which option that is.
void with_option_names(void (*run)(const AnalyzeOptions&), const AnalyzeOptions& options) {
    try {
        run(options);
    } catch (const Error& error) {
        static const std::pair<const char*, const char*> names[] = {
            {"band", "--band"},           {"knn", "--knn"},       {"cell", "--cell"},
            {"bandwidth", "--bandwidth"}, {"x", "--input"},       {"value", "--input"},
            {"input", "--input"},         {"output", "--output"},
        };
        for (const auto& [field, option] : names) {
            if (error.field() == field && !std::string(error.what()).starts_with(option)) {
                throw Error(error.code(), std::string(option) + ": " + error.what(), error.field());
            }
        }
        throw;
    }
}

CLI::App* add_method(CLI::App& group, const char* name, const char* description,
                     AnalyzeOptions& options) {
    auto* sub = group.add_subcommand(name, description);
    sub->add_option("--input", options.input, "CSV file with a header id,x,y,value")->required();
    sub->add_option("--output", options.output, "write the CSV here (default: standard output)");
    return sub;
}

void add_position_options(CLI::App* sub, AnalyzeOptions& options) {
    sub->add_flag("--geographic", options.geographic,
                  "x,y are longitude,latitude (WGS 84), analysed on a local metric plane");
}

void add_weight_options(CLI::App* sub, AnalyzeOptions& options, const char* default_style) {
    auto* band =
        sub->add_option("--band", options.band_m, "neighbours within D metres (inclusive: d <= D)");
    auto* knn = sub->add_option("--knn", options.knn, "the K nearest neighbours");
    band->excludes(knn);
    options.band_given = band;
    options.knn_given = knn;
    sub->add_option(
           "--transform", options.transform,
           std::string("weights: B binary, R row-standardised (default ") + default_style + ")")
        ->check(CLI::IsMember({"B", "R", "b", "r"}));
}

Command add_gi(CLI::App& group) {
    auto options = std::make_shared<AnalyzeOptions>();
    auto* sub = add_method(group, "gi",
                           "Getis-Ord local G (Gi, or Gi* with --star): statistic, analytic z, "
                           "two-sided p, Benjamini-Hochberg q",
                           *options);
    add_position_options(sub, *options);
    add_weight_options(sub, *options, "B");
    sub->add_flag("--star", options->star, "Gi*: each unit counts in its own neighbourhood");
    sub->add_option("--variance", options->variance,
                    "ord-getis (spdep, ArcGIS; default) or esda (PySAL G_Local, differs for R "
                    "weights)")
        ->check(CLI::IsMember({"ord-getis", "esda"}));
    return {sub, [options] { with_option_names(run_gi, *options); }};
}

Command add_local_moran(CLI::App& group) {
    auto options = std::make_shared<AnalyzeOptions>();
    auto* sub = add_method(group, "localmoran",
                           "local Moran's I (spdep): statistic, analytic z, two-sided p, "
                           "Benjamini-Hochberg q, PySAL quadrant (1 HH, 2 LH, 3 LL, 4 HL)",
                           *options);
    add_position_options(sub, *options);
    add_weight_options(sub, *options, "R");
    sub->add_option("--null", options->null_hypothesis,
                    "moments under conditional (default, spdep) or total randomisation")
        ->check(CLI::IsMember({"conditional", "total"}));
    return {sub, [options] { with_option_names(run_local_moran, *options); }};
}

Command add_kde(CLI::App& group) {
    auto options = std::make_shared<AnalyzeOptions>();
    auto* sub = add_method(group, "kde",
                           "quartic kernel density of events (value = events at the place) at "
                           "grid cell centres, per km²; cells with density 0 are left out",
                           *options);
    add_position_options(sub, *options);
    sub->add_option("--cell", options->cell_m, "grid cell size in metres")->capture_default_str();
    options->bandwidth_given =
        sub->add_option("--bandwidth", options->bandwidth_m,
                        "search radius in metres (default: the ArcGIS rule from the data)");
    return {sub, [options] { with_option_names(run_kde, *options); }};
}

Command add_concentration(CLI::App& group) {
    auto options = std::make_shared<AnalyzeOptions>();
    auto* sub = add_method(group, "concentration",
                           "how concentrated the values (counts per unit) are: units holding 25 "
                           "% and 50 %, Gini, generalised Gini for sparse counts",
                           *options);
    return {sub, [options] { with_option_names(run_concentration, *options); }};
}

}  // namespace

Command add_analyze_command(CLI::App& app, const GlobalOptions& /*options*/) {
    auto* analyze = app.add_subcommand(
        "analyze",
        "spatial statistics on a CSV of units (id,x,y,value): hot spots, density, "
        "concentration");
    analyze->require_subcommand(1);
    return command_group(analyze, {add_gi(*analyze), add_local_moran(*analyze), add_kde(*analyze),
                                   add_concentration(*analyze)});
}

}  // namespace okrsek::cli
