#include <charconv>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/progress_bar.hpp"
#include "core/error.hpp"
#include "io/csv.hpp"

namespace okrsek::cli {
namespace {

struct LookupOptions {
    std::string input;
    std::string output;
    std::vector<std::string> layers;
};

std::string format_number(double value) {
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, ec == std::errc{} ? end : buffer);
}

std::vector<std::string> chosen_layers(const service::Platform& platform,
                                       const std::vector<std::string>& wanted) {
    std::vector<std::string> known;
    for (const auto& layer : platform.layers()) known.push_back(layer.name);
    if (wanted.empty()) return known;
    for (const auto& name : wanted) {
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            std::string list;
            for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
            throw core::Error(core::ErrorCode::invalid_argument,
                              "no layer named '" + name + "'; layers: " + list, "layer");
        }
    }
    return wanted;
}

void run_lookup(const GlobalOptions& global, const LookupOptions& options) {
    std::ifstream in(options.input, std::ios::binary | std::ios::ate);
    if (!in) {
        throw core::Error(core::ErrorCode::invalid_argument, "cannot read " + options.input,
                          "input");
    }
    const auto size = static_cast<std::size_t>(in.tellg());
    in.seekg(0);
    auto platform = open_platform(global);
    const auto layers = chosen_layers(*platform, options.layers);

    std::vector<io::PointRow> rows;
    {
        ProgressBar reading("reading", size);
        rows = io::read_point_rows(in, options.input,
                                   [&reading](std::size_t bytes) { reading.update(bytes); });
    }
    std::ofstream out(options.output, std::ios::binary | std::ios::trunc);
    if (!out) {
        throw core::Error(core::ErrorCode::invalid_argument, "cannot write " + options.output,
                          "output");
    }
    std::vector<std::string> header{"id", "lon", "lat"};
    for (const auto& layer : layers) {
        header.push_back(layer + "_code");
        header.push_back(layer + "_name");
    }
    io::write_csv_record(out, header);

    std::vector<std::size_t> outside(layers.size(), 0);
    std::size_t outside_all = 0;
    ProgressBar progress("lookup ", rows.size());
    std::vector<core::LonLat> batch;
    for (std::size_t begin = 0; begin < rows.size(); begin += service::max_batch_points) {
        const std::size_t end = std::min(rows.size(), begin + service::max_batch_points);
        batch.clear();
        for (std::size_t i = begin; i < end; ++i) batch.push_back(rows[i].position);
        const auto results = platform->lookup_many(batch);
        for (std::size_t i = begin; i < end; ++i) {
            const auto& result = results[i - begin];
            std::vector<std::string> record{rows[i].id, format_number(rows[i].position.lon),
                                            format_number(rows[i].position.lat)};
            if (result.areas.empty()) ++outside_all;
            for (std::size_t l = 0; l < layers.size(); ++l) {
                auto hit =
                    std::find_if(result.areas.begin(), result.areas.end(),
                                 [&](const auto& ref) { return ref.info().layer == layers[l]; });
                if (hit == result.areas.end()) {
                    ++outside[l];
                    record.insert(record.end(), {"", ""});
                } else {
                    record.push_back(hit->info().code);
                    record.push_back(hit->info().name);
                }
            }
            io::write_csv_record(out, record);
        }
        progress.update(end);
    }
    progress.finish();
    out.close();
    if (!out) throw core::Error(core::ErrorCode::internal, "writing " + options.output + " failed");

    std::cout << options.output << ": " << rows.size() << " point(s), " << outside_all
              << " outside every layer";
    for (std::size_t l = 0; l < layers.size(); ++l) {
        std::cout << (l == 0 ? " (" : ", ") << layers[l] << ": " << outside[l] << " outside";
    }
    std::cout << (layers.empty() ? "" : ")") << '\n';
}

}  // namespace

Command add_lookup_command(CLI::App& app, const GlobalOptions& global) {
    auto options = std::make_shared<LookupOptions>();
    auto* sub = app.add_subcommand("lookup", "find the areas of many points (CSV id,lon,lat)");
    sub->add_option("--input", options->input, "CSV file with columns id, lon, lat")->required();
    sub->add_option("--output", options->output, "CSV file to write")->required();
    sub->add_option("--layer", options->layers, "only these layers (repeatable)");
    return {sub, [&global, options] { run_lookup(global, *options); }};
}

}  // namespace okrsek::cli
