#pragma once

// A generated country of address points for benchmarks: about 6,250 towns whose sizes fall off
// like Czech ones (one of ~84,000 addresses, a hundred above 2,600, most below 500), parts,
// city parts in the large towns, streets with a realistic mix of very common names ("Nádražní",
// "Školní", "náměstí Míru") and rarer generated ones, č.p./č.o. numbers with letters, č.ev. in
// villages, postcodes. Deterministic: splitmix64 with a fixed seed, no std:: distributions.
// Header-only so that both the in-process benchmark and the RÚIAN CSV writer use it.

#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/address.hpp"

namespace okrsek::bench {

class SplitMix {
public:
    explicit SplitMix(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next() {
        m_state += 0x9E3779B97F4A7C15ULL;
        std::uint64_t z = m_state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    /// 0 … n-1
    std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(next() % n); }
    double uniform() { return static_cast<double>(next() >> 11) / 9007199254740992.0; }
    bool chance(double p) { return uniform() < p; }

private:
    std::uint64_t m_state;
};

/// A point also as RÚIAN gives it: S-JTSK Y/X in positive metres (for CSV files).
struct GeneratedAddress {
    core::AddressPoint point;
    double sjtsk_y = 0.0;
    double sjtsk_x = 0.0;
};

struct CountryOptions {
    std::size_t towns = 6250;
    std::size_t addresses = 3'000'000;  ///< about; the sum of the towns' sizes
    std::uint64_t seed = 20240601;
};

namespace country_detail {

// Common Czech street names, most common first (drawn with weight 1/rank).
inline const std::vector<std::string>& common_streets() {
    static const std::vector<std::string> names{"Nádražní",
                                                "Školní",
                                                "Zahradní",
                                                "Krátká",
                                                "Polní",
                                                "Luční",
                                                "Lesní",
                                                "Husova",
                                                "Palackého",
                                                "Komenského",
                                                "Tyršova",
                                                "Masarykova",
                                                "Jiráskova",
                                                "Sokolská",
                                                "Smetanova",
                                                "Havlíčkova",
                                                "Nerudova",
                                                "Revoluční",
                                                "náměstí Míru",
                                                "Na Výsluní",
                                                "U Hřiště",
                                                "K Lesu",
                                                "Příčná",
                                                "Dlouhá",
                                                "Nová",
                                                "Hlavní",
                                                "Husitská",
                                                "Žižkova",
                                                "28. října",
                                                "17. listopadu",
                                                "5. května",
                                                "Čs. armády",
                                                "Boženy Němcové",
                                                "Wolkerova",
                                                "Pražská",
                                                "Brněnská",
                                                "Sadová",
                                                "Družstevní",
                                                "Jungmannova",
                                                "Riegrova",
                                                "Kollárova",
                                                "Mánesova",
                                                "Tylova",
                                                "Purkyňova",
                                                "Fügnerova",
                                                "Studentská",
                                                "Nábřežní",
                                                "Lipová",
                                                "Javorová",
                                                "Březová",
                                                "Dubová",
                                                "Topolová",
                                                "Pod Lesem",
                                                "Na Kopci",
                                                "U Potoka",
                                                "Mírová",
                                                "Větrná",
                                                "Slunečná",
                                                "Jabloňová",
                                                "Třešňová",
                                                "Okružní",
                                                "Průmyslová",
                                                "Tovární",
                                                "Hřbitovní",
                                                "Kostelní",
                                                "Farní",
                                                "Zámecká",
                                                "Mlýnská",
                                                "Rybářská",
                                                "Vodárenská",
                                                "Sportovní",
                                                "Nad Školou",
                                                "V Zahradách",
                                                "Za Humny",
                                                "Ke Křížku",
                                                "třída Svobody",
                                                "Masarykovo náměstí",
                                                "Riegrovo náměstí",
                                                "Dělnická",
                                                "Jarní"};
    return names;
}

inline constexpr std::array<const char*, 30> syllables{
    "bo", "ra", "ni", "ce", "ko", "va", "le", "sta", "ro", "ho", "vi", "dla", "chy", "mě", "ří",
    "še", "tu", "lo", "pe", "ka", "zá", "bí", "tě",  "du", "vo", "ma", "li",  "no",  "ší", "la"};
inline constexpr std::array<const char*, 16> initials{"B", "R", "N", "K", "V", "L",  "S", "H",
                                                      "T", "P", "Z", "D", "M", "Ch", "Č", "Ř"};
inline constexpr std::array<const char*, 9> town_endings{"ice", "ov", "any",   "ín",   "ec",
                                                         "ky",  "ná", "ovice", "ětice"};
inline constexpr std::array<const char*, 6> town_prefixes{"Horní", "Dolní", "Nová",
                                                          "Stará", "Velké", "Malé"};
inline constexpr std::array<const char*, 5> town_suffixes{"nad Labem", "u Prahy", "pod Horou",
                                                          "nad Sázavou", "u Brna"};
inline constexpr std::array<const char*, 6> street_patterns{"%ova", "U %y", "Na %ě",
                                                            "K %u", "%á",   "Pod %ou"};

inline std::string word(SplitMix& random, int syllable_count) {
    std::string out = initials[random.below(initials.size())];
    for (int i = 0; i < syllable_count; ++i) out += syllables[random.below(syllables.size())];
    return out;
}

inline std::string town_name(SplitMix& random) {
    std::string name = word(random, 1 + static_cast<int>(random.below(2)));
    name += town_endings[random.below(town_endings.size())];
    if (random.chance(0.2)) name = std::string(town_prefixes[random.below(6)]) + " " + name;
    if (random.chance(0.12)) name += std::string(" ") + town_suffixes[random.below(5)];
    return name;
}

inline std::string street_name(SplitMix& random) {
    // Half the streets bear one of the common names, weighted 1/rank; the rest a generated one.
    const auto& common = common_streets();
    if (random.chance(0.5)) {
        const double u = random.uniform();
        const auto n = static_cast<double>(common.size());
        const auto rank = static_cast<std::size_t>(std::exp(u * std::log(n + 1.0)) - 1.0);
        return common[std::min(rank, common.size() - 1)];
    }
    const std::string pattern = street_patterns[random.below(street_patterns.size())];
    const std::string stem = word(random, 1 + static_cast<int>(random.below(2)));
    const auto at = pattern.find('%');
    return pattern.substr(0, at) + stem + pattern.substr(at + 1);
}

}  // namespace country_detail

/// Calls `visit` for every generated address, town by town (largest first).
inline void generate_country(const CountryOptions& options,
                             const std::function<void(const GeneratedAddress&)>& visit) {
    using namespace country_detail;
    SplitMix random(options.seed);
    // size_i = A (i + 1)^-0.75, scaled to the wanted total.
    double weights = 0.0;
    for (std::size_t i = 0; i < options.towns; ++i)
        weights += std::pow(static_cast<double>(i + 1), -0.75);
    const double scale = static_cast<double>(options.addresses) / weights;
    std::int64_t code = 10'000'000;
    std::int64_t city_part_code = 500'000;
    std::unordered_set<std::string> town_names;
    for (std::size_t t = 0; t < options.towns; ++t) {
        const auto size = static_cast<std::uint32_t>(
            std::max(20.0, scale * std::pow(static_cast<double>(t + 1), -0.75)));
        std::string name = t == 0 ? "Praha" : town_name(random);
        while (!town_names.insert(name).second) name = town_name(random);
        const std::int64_t town_code = 500'000 + static_cast<std::int64_t>(t) * 7;
        // Town centre in metres within a 480 km x 280 km box.
        const double centre_x = 20'000 + random.uniform() * 420'000;
        const double centre_y = 20'000 + random.uniform() * 240'000;
        const double radius = 300.0 + std::sqrt(static_cast<double>(size)) * 40.0;
        const std::uint32_t city_parts = size > 10'000 ? size / 4'000 : 0;
        const std::uint32_t part_count = 1 + size / 1'500 + random.below(size < 500 ? 3 : 1);
        std::vector<std::string> parts{name};
        while (parts.size() < part_count) parts.push_back(word(random, 2) + "ov");
        const bool streets = size >= 150;
        const bool orientation = size >= 2'000;
        const std::int32_t postcode = 10'000 + static_cast<std::int32_t>(random.below(7'000)) * 10;
        std::vector<std::uint32_t> next_house(parts.size(), 1);
        std::vector<std::uint32_t> next_evidence(parts.size(), 1);
        std::unordered_set<std::string> street_names;
        std::uint32_t made = 0;
        while (made < size) {
            // One street (or, in a village without streets, one batch of a part's houses).
            const std::uint32_t part = random.below(static_cast<std::uint32_t>(parts.size()));
            std::string street;
            if (streets) {
                for (int attempt = 0; attempt < 8 && street.empty(); ++attempt) {
                    std::string candidate = street_name(random);
                    if (street_names.insert(candidate).second) street = candidate;
                }
                while (street.empty()) {
                    std::string candidate = street_name(random) + " " + word(random, 2);
                    if (street_names.insert(candidate).second) street = candidate;
                }
            }
            const std::uint32_t count = std::min(size - made, 1 + random.below(streets ? 50 : 200));
            const std::uint32_t city_part = city_parts ? 1 + part % city_parts : 0;
            for (std::uint32_t k = 0; k < count; ++k) {
                GeneratedAddress a;
                core::AddressPoint& p = a.point;
                p.code = ++code;
                p.municipality_code = town_code;
                p.municipality_name = name;
                if (city_part) {
                    p.city_part_code = city_part_code + city_part;
                    p.city_part_name = name + " " + std::to_string(city_part);
                }
                p.part_name = parts[part];
                p.street = street;
                p.evidence_number = !orientation && random.chance(0.04);
                p.house_number = static_cast<std::int32_t>(p.evidence_number ? next_evidence[part]++
                                                                             : next_house[part]++);
                if (orientation && streets) {
                    p.orientation_number = static_cast<std::int32_t>(k + 1);
                    if (random.chance(0.04))
                        p.orientation_letter.assign(1, random.chance(0.5) ? 'a' : 'b');
                }
                p.postcode = postcode + static_cast<std::int32_t>(city_part) * 10;
                const double angle = random.uniform() * 6.283185307179586;
                const double r = radius * std::sqrt(random.uniform());
                const double x = centre_x + r * std::cos(angle);
                const double y = centre_y + r * std::sin(angle);
                p.position = core::LonLat{14.25 + x / 71'700.0, 49.95 + y / 111'250.0};
                a.sjtsk_y = 904'000.0 - x;
                a.sjtsk_x = 1'227'000.0 - y * 1.04;
                visit(a);
            }
            made += count;
        }
        if (city_parts) city_part_code += 100;
    }
}

}  // namespace okrsek::bench
