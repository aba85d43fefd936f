#pragma once

// A made-up whole-country RÚIAN address point file for benchmarks: real town codes and names
// (tests/support/data/ruian-addresses/obce-kody-nazvy-lau2.csv), invented streets, numbers and
// positions, fixed seed. Shaped like ČÚZK's export: windows-1250, the 2020 header, towns by
// code, codes rising within a town but jumping between towns, 1.5% of rows without
// coordinates, 5% č.ev., a few big towns with city parts (MOMC).

#include <iconv.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace okrsek::bench {

struct GeneratedTown {
    std::int64_t code = 0;
    std::string name;
};

/// The towns of "Kód;Název;Nuts5;" (UTF-8, BOM, header line).
inline std::vector<GeneratedTown> load_generated_towns(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    std::vector<GeneratedTown> towns;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        const auto first = line.find(';');
        const auto second = line.find(';', first + 1);
        if (first == std::string::npos || second == std::string::npos) continue;
        towns.push_back(
            {std::stoll(line.substr(0, first)), line.substr(first + 1, second - first - 1)});
    }
    return towns;
}

/// Writes `rows` address points to `out`. Throws std::runtime_error on I/O failure.
inline void generate_ruian_addresses(const std::filesystem::path& out, std::uint64_t rows,
                                     const std::filesystem::path& towns_file,
                                     std::uint32_t seed = 20181031) {
    static const char* const streets[] = {
        "Nádražní",     "Školní",   "Husova",    "Palackého",   "Komenského",     "Na Výsluní",
        "náměstí Míru", "Žižkova",  "Tyršova",   "Sokolovská",  "Jiráskova",      "Masarykova",
        "Zahradní",     "Polní",    "Luční",     "Krátká",      "Dlouhá",         "U Hřiště",
        "Květná",       "Lesní",    "Svahová",   "Nad Tratí",   "Boženy Němcové", "Havlíčkova",
        "Smetanova",    "Riegrova", "Purkyňova", "Štefánikova", "K Rybníku",      "Zámecká",
        "Vinohradská",  "Čechova",  "Revoluční", "Máchova",     "Příčná",         "Třída Svobody",
        "Hřbitovní",    "Pražská",  "Brněnská",  "Řeznická"};
    static const char* const parts[] = {"Horní Ves", "Dolní Ves", "Lhota", "Újezd",
                                        "Podhradí",  "Zálesí",    "Chlum", "Nová Ves",
                                        "Končiny",   "Předměstí"};
    auto towns = load_generated_towns(towns_file);
    if (towns.empty()) throw std::runtime_error("no towns in " + towns_file.string());
    std::mt19937_64 random(seed);
    // Town sizes: log-normal weights (a few cities, many villages), scaled to `rows`.
    std::lognormal_distribution<double> size_weight(0.0, 1.2);
    std::vector<double> weights(towns.size());
    for (auto& weight : weights) weight = size_weight(random);
    const double total_weight = std::accumulate(weights.begin(), weights.end(), 0.0);
    std::vector<std::uint64_t> sizes(towns.size());
    std::uint64_t assigned = 0;
    for (std::size_t i = 0; i < towns.size(); ++i) {
        sizes[i] = std::max<std::uint64_t>(
            1, static_cast<std::uint64_t>(static_cast<double>(rows) * weights[i] / total_weight));
        assigned += sizes[i];
    }
    sizes[0] += assigned < rows ? rows - assigned : 0;  // Bražec takes the rounding
    // Disjoint code ranges, handed out in shuffled town order.
    std::vector<std::size_t> order(towns.size());
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), random);
    std::vector<std::int64_t> first_code(towns.size());
    std::int64_t next_code = 1'000'000;
    for (std::size_t index : order) {
        first_code[index] = next_code;
        next_code += static_cast<std::int64_t>(sizes[index]) * 2 + 2;
    }

    std::ofstream file(out, std::ios::binary | std::ios::trunc);
    if (!file) throw std::runtime_error("cannot write " + out.string());
    const iconv_t to_cp1250 = iconv_open("WINDOWS-1250", "UTF-8");
    std::string utf8;
    std::string encoded;
    auto flush = [&] {
        encoded.resize(utf8.size());
        char* input = utf8.data();
        std::size_t input_left = utf8.size();
        char* output = encoded.data();
        std::size_t output_left = encoded.size();
        if (iconv(to_cp1250, &input, &input_left, &output, &output_left) ==
            static_cast<size_t>(-1)) {
            throw std::runtime_error("iconv to windows-1250 failed");
        }
        file.write(encoded.data(), static_cast<std::streamsize>(encoded.size() - output_left));
        utf8.clear();
    };
    utf8 =
        "Kód ADM;Kód obce;Název obce;Kód MOMC;Název MOMC;Kód obvodu Prahy;Název obvodu Prahy;"
        "Kód části obce;Název části obce;Kód ulice;Název ulice;Typ SO;Číslo domovní;"
        "Číslo orientační;Znak čísla orientačního;PSČ;Souřadnice Y;Souřadnice X;Platí Od\r\n";
    std::uniform_real_distribution<double> centre_y(470000.0, 870000.0);
    std::uniform_real_distribution<double> centre_x(960000.0, 1200000.0);
    std::uniform_real_distribution<double> jitter(-2500.0, 2500.0);
    std::uniform_int_distribution<int> percent(0, 99);
    char line[512];
    for (std::size_t t = 0; t < towns.size(); ++t) {
        const auto& town = towns[t];
        const double y0 = centre_y(random);
        const double x0 = centre_x(random);
        const int postcode = 10000 + static_cast<int>(random() % 69000);
        const bool has_streets = sizes[t] > 300 || percent(random) < 50;
        const bool has_momc = sizes[t] > 20000;
        const std::size_t part_count = 1 + sizes[t] / 400;
        for (std::uint64_t k = 0; k < sizes[t]; ++k) {
            const std::int64_t code = first_code[t] + static_cast<std::int64_t>(k) * 2 +
                                      static_cast<std::int64_t>(random() % 2);
            const std::size_t part = k % std::min<std::size_t>(part_count, 10);
            const std::string part_name = part == 0 ? town.name : parts[part];
            const std::string momc = has_momc ? std::to_string(500000 + t * 10 + part) + ";" +
                                                    town.name + "-" + std::to_string(part + 1)
                                              : ";";
            const bool evidence = percent(random) < 5;
            const int house = static_cast<int>(k / std::min<std::size_t>(part_count, 10)) + 1;
            std::string street_columns = ";";
            std::string orientation = ";";
            if (has_streets && !evidence) {
                const auto street = static_cast<std::size_t>(random() % 40);
                street_columns = std::to_string(400000 + street) + ";" + streets[street];
                if (percent(random) < 70) {
                    orientation =
                        std::to_string(1 + random() % 120) + ";" + (percent(random) < 3 ? "a" : "");
                }
            }
            std::string position = ";";
            if (random() % 200 >= 3) {  // 1.5% without coordinates
                char xy[64];
                std::snprintf(xy, sizeof xy, "%.2f;%.2f", y0 + jitter(random), x0 + jitter(random));
                position = xy;
            }
            std::snprintf(line, sizeof line, "%lld;%lld;%s;%s;;;%lld;%s;%s;%s;%d;%s;%d;%s;%s\r\n",
                          static_cast<long long>(code), static_cast<long long>(town.code),
                          town.name.c_str(), momc.c_str(),
                          static_cast<long long>(100000 + t * 10 + part), part_name.c_str(),
                          street_columns.c_str(), evidence ? "č.ev." : "č.p.", house,
                          orientation.c_str(), postcode, position.c_str(), "2013-12-04T00:00:00");
            utf8 += line;
            if (utf8.size() > (1 << 20)) flush();
        }
    }
    flush();
    iconv_close(to_cp1250);
    if (!file.flush()) throw std::runtime_error("writing " + out.string() + " failed");
}

}  // namespace okrsek::bench
