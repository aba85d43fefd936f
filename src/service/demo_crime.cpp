// The demo town's incidents: the real Policie ČR sample records that lie in Praha, and
// generated ones (a fixed seed) that give the statistics pages something to show. Both go to
// one source, "demo", since the statistics want exactly one source by default and the sample
// alone (11 incidents from 2020 and 2023) would leave every page empty.
#include "service/demo_crime.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <fstream>
#include <random>

#include "core/error.hpp"
#include "core/prague_time.hpp"
#include "service/auth/area_targets.hpp"

namespace okrsek::service {
namespace {

using core::Error;
using core::ErrorCode;
namespace chr = std::chrono;

using HourWeights = std::array<double, 24>;
using WeekdayWeights = std::array<double, 7>;  ///< Monday first

struct Rhythm {
    HourWeights hours;
    WeekdayWeights weekdays;
};

// Rough shapes of recorded crime in a city: thefts and frauds by day, violence and damage at
// night and at weekends, misdemeanours in the evening.
constexpr Rhythm day_rhythm{
    {1, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 2, 3, 4, 5, 5.5, 6, 6, 6, 6.5, 7, 7, 6, 5, 4, 3, 2, 1.5},
    {1.05, 1.05, 1.05, 1.05, 1.1, 0.9, 0.7}};
constexpr Rhythm night_rhythm{
    {6, 6, 5, 4, 3, 2, 1, 1, 1, 1, 1.2, 1.5, 2, 2, 2, 2.5, 3, 3.5, 4, 5, 6, 7, 8, 7},
    {0.8, 0.8, 0.85, 0.95, 1.3, 1.6, 1.1}};
constexpr Rhythm evening_rhythm{{2,   1.5, 1, 0.7, 0.5, 0.5, 0.8, 1.5, 2,   2.5, 3, 3,
                                 3.5, 3.5, 4, 4.5, 5,   6,   6.5, 7,   6.5, 5,   4, 3},
                                {0.9, 0.9, 0.95, 1, 1.2, 1.2, 0.9}};

struct Kind {
    std::vector<std::int64_t> types;  ///< Policie codes, the category before its sub-type
    double weight = 0.0;
    const Rhythm* rhythm = nullptr;
    double clustered = 0.6;  ///< share drawn around the centres, the rest anywhere in town
    double municipal_police = 0.1;
};

// Codes of data/demo/crime/types.csv (the 39 known Policie types).
const std::vector<Kind>& kinds() {
    static const std::vector<Kind> all{
        {{35, 43}, 14, &day_rhythm, 0.85, 0.05},    // theft from persons
        {{35}, 10, &day_rhythm, 0.6, 0.05},         // other thefts
        {{35, 42}, 4, &day_rhythm, 0.5, 0.05},      // bicycles
        {{35, 41}, 5, &night_rhythm, 0.4, 0.05},    // car parts
        {{35, 37}, 2, &night_rhythm, 0.3, 0.02},    // cars
        {{18, 19}, 3, &day_rhythm, 0.3, 0.02},      // burglary of flats
        {{18, 20}, 1, &day_rhythm, 0.1, 0.02},      // of houses
        {{18, 22}, 2, &night_rhythm, 0.6, 0.05},    // of shops
        {{18, 23}, 1, &night_rhythm, 0.7, 0.05},    // of restaurants
        {{54}, 9, &day_rhythm, 0.5, 0.02},          // fraud
        {{55}, 10, &night_rhythm, 0.5, 0.1},        // other property crime (damage)
        {{1, 5}, 4, &night_rhythm, 0.85, 0.3},      // disorderly conduct
        {{1, 8}, 2, &night_rhythm, 0.75, 0.1},      // bodily harm
        {{1, 6}, 2, &evening_rhythm, 0.5, 0.1},     // threats
        {{1, 7}, 1.5, &night_rhythm, 0.85, 0.3},    // brawls
        {{1, 3}, 1, &night_rhythm, 0.8, 0.05},      // robbery
        {{80}, 2, &evening_rhythm, 0.8, 0.3},       // drugs
        {{79}, 4, &day_rhythm, 0.4, 0.2},           // traffic accidents
        {{97}, 12, &evening_rhythm, 0.7, 0.6},      // misdemeanours
        {{63, 71}, 0.5, &day_rhythm, 0.4, 0.05},    // public endangerment
        {{84, 86}, 0.3, &night_rhythm, 0.8, 0.1},   // edged weapons
        {{96, 88}, 0.1, &night_rhythm, 0.7, 0.05},  // extremist violence
    };
    return all;
}

struct Centre {
    core::LonLat at;
    double sigma_m = 400.0;
    double weight = 1.0;
};

// Busy places of Praha: the old town and Wenceslas Square, transport hubs, shopping centres.
constexpr std::array<Centre, 10> centres{{
    {{14.4268, 50.0818}, 350, 0.22},  // Václavské náměstí
    {{14.4206, 50.0875}, 300, 0.12},  // Staroměstské náměstí
    {{14.4037, 50.0706}, 400, 0.10},  // Anděl
    {{14.4393, 50.0903}, 350, 0.09},  // Florenc
    {{14.4353, 50.0833}, 300, 0.08},  // Hlavní nádraží
    {{14.4404, 50.1098}, 450, 0.08},  // Nádraží Holešovice
    {{14.4752, 50.1045}, 400, 0.07},  // Palmovka
    {{14.5755, 50.1093}, 500, 0.08},  // Černý Most
    {{14.4902, 50.0320}, 450, 0.08},  // Chodov
    {{14.2906, 50.0537}, 450, 0.08},  // Zličín
}};

// Policie ČR moves every incident to a representative point of its neighbourhood; the
// generated ones are snapped to a grid of about 50 m so that points repeat as in real data.
constexpr double snap_lon_deg = 0.0007;
constexpr double snap_lat_deg = 0.00045;
constexpr double metres_per_degree = 111320.0;

class Random {
public:
    explicit Random(std::uint64_t seed) : m_engine(seed) {}
    /// Uniform in [0, 1), the same on every standard library (unlike std::*_distribution).
    double uniform() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }
    double normal() {
        const double u = 1.0 - uniform();
        return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * M_PI * uniform());
    }
    template <typename Weights>
    std::size_t pick(const Weights& weights, double total) {
        double x = uniform() * total;
        for (std::size_t i = 0; i < weights.size(); ++i) {
            x -= weights[i];
            if (x < 0.0) return i;
        }
        return weights.size() - 1;
    }

private:
    std::mt19937_64 m_engine;
};

class TownShape {
public:
    TownShape(const AreaCatalog& catalog, std::int64_t town_code) : m_catalog(catalog) {
        m_town = town_code;
        bool any = false;
        for (const auto& layer : catalog.layers()) {
            for (std::size_t slot = 0; slot < layer->areas.size(); ++slot) {
                if (layer->areas[slot].municipality_code != town_code) continue;
                for (const auto& polygon : layer->shapes[slot]) {
                    for (const auto& p : polygon.outer) extend(p, any);
                }
            }
        }
        if (!any) {
            throw Error(ErrorCode::not_found,
                        "the demo town " + std::to_string(town_code) + " has no areas", "town");
        }
    }

    bool contains(core::LonLat p) const {
        m_hits.clear();
        m_catalog.lookup(p, m_hits);
        for (const auto& hit : m_hits) {
            if (hit.info().municipality_code == m_town) return true;
        }
        return false;
    }
    core::LonLat anywhere(Random& random) const {
        return {m_box.min_lon + random.uniform() * (m_box.max_lon - m_box.min_lon),
                m_box.min_lat + random.uniform() * (m_box.max_lat - m_box.min_lat)};
    }

private:
    void extend(core::LonLat p, bool& any) {
        if (!any) m_box = {p.lon, p.lat, p.lon, p.lat};
        any = true;
        m_box.min_lon = std::min(m_box.min_lon, p.lon);
        m_box.min_lat = std::min(m_box.min_lat, p.lat);
        m_box.max_lon = std::max(m_box.max_lon, p.lon);
        m_box.max_lat = std::max(m_box.max_lat, p.lat);
    }

    const AreaCatalog& m_catalog;
    std::int64_t m_town = 0;
    geo::BBox m_box{};
    mutable std::vector<AreaRef> m_hits;
};

core::LonLat near_centre(const Centre& centre, Random& random) {
    const double dy = random.normal() * centre.sigma_m;
    const double dx = random.normal() * centre.sigma_m;
    const double cos_lat = std::cos(centre.at.lat * M_PI / 180.0);
    return {centre.at.lon + dx / (metres_per_degree * cos_lat),
            centre.at.lat + dy / metres_per_degree};
}

core::LonLat snapped(core::LonLat p) {
    return {std::round(p.lon / snap_lon_deg) * snap_lon_deg,
            std::round(p.lat / snap_lat_deg) * snap_lat_deg};
}

core::LonLat place(const Kind& kind, const TownShape& town, Random& random) {
    static const double centre_total = [] {
        double total = 0.0;
        for (const auto& centre : centres) total += centre.weight;
        return total;
    }();
    std::array<double, centres.size()> weights{};
    for (std::size_t i = 0; i < centres.size(); ++i) weights[i] = centres[i].weight;
    const bool clustered = random.uniform() < kind.clustered;
    const Centre& centre = centres[random.pick(weights, centre_total)];
    for (int attempt = 0; attempt < 100; ++attempt) {
        const auto p = snapped(clustered ? near_centre(centre, random) : town.anywhere(random));
        if (town.contains(p)) return p;
    }
    return centre.at;
}

double season(chr::month month) {
    return 1.0 + 0.12 * std::cos(2.0 * M_PI * (static_cast<double>(unsigned(month)) - 7.0) / 12.0);
}

chr::sys_seconds occurred_at(const Kind& kind, chr::sys_days first, int days, Random& random) {
    const Rhythm& rhythm = *kind.rhythm;
    double max_weekday = 0.0;
    for (const double w : rhythm.weekdays) max_weekday = std::max(max_weekday, w);
    const double max_factor = max_weekday * 1.12;
    chr::sys_days day = first;
    for (int attempt = 0; attempt < 1000; ++attempt) {
        day = first + chr::days(static_cast<int>(random.uniform() * days));
        const chr::weekday weekday{day};
        const double factor = rhythm.weekdays[(weekday.c_encoding() + 6) % 7] *
                              season(chr::year_month_day{day}.month());
        if (random.uniform() * max_factor < factor) break;
    }
    double hour_total = 0.0;
    for (const double w : rhythm.hours) hour_total += w;
    const auto hour = static_cast<int>(random.pick(rhythm.hours, hour_total));
    const auto minute = static_cast<int>(random.uniform() * 12) * 5;
    const chr::local_seconds local{chr::local_days{day.time_since_epoch()} + chr::hours(hour) +
                                   chr::minutes(minute)};
    // A time in the spring gap becomes the switch instant; one of the autumn's repeated hour its
    // first occurrence.
    return core::prague_local_info(local).earliest;
}

std::string id_text(std::size_t n) {
    std::string digits = std::to_string(n);
    return "demo-" + std::string(digits.size() < 6 ? 6 - digits.size() : 0, '0') + digits;
}

std::string coordinate(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6f", value);
    return text;
}

}  // namespace

std::string generate_demo_incidents_csv(const AreaCatalog& catalog, std::int64_t town_code,
                                        std::size_t count, std::uint64_t seed,
                                        chr::system_clock::time_point now) {
    const TownShape town(catalog, town_code);
    const auto today = core::prague_date(chr::floor<chr::seconds>(now));
    const chr::year_month this_month{today.year(), today.month()};
    const chr::sys_days first{(this_month - chr::months(24)) / 1};
    const chr::sys_days end{this_month / 1};
    const int days = static_cast<int>((end - first).count());

    double kind_total = 0.0;
    std::vector<double> weights;
    for (const auto& kind : kinds()) {
        weights.push_back(kind.weight);
        kind_total += kind.weight;
    }
    Random random(seed);
    std::string csv = "id,x,y,mp,date,state,relevance,types\n";
    csv.reserve(count * 130);
    for (std::size_t n = 1; n <= count; ++n) {
        const Kind& kind = kinds()[random.pick(weights, kind_total)];
        const auto when = occurred_at(kind, first, days, random);
        const auto where = place(kind, town, random);
        const bool mp = random.uniform() < kind.municipal_police;
        const std::string row_start = id_text(n) + ',' + coordinate(where.lon) + ',' +
                                      coordinate(where.lat) + ',' + (mp ? "True" : "False") + ',' +
                                      core::format_prague_time(when) + ",,,";
        for (const auto type : kind.types) csv += row_start + std::to_string(type) + '\n';
    }
    return csv;
}

namespace {

// A scratch file for the importer, removed however the import ends.
class TemporaryFile {
public:
    explicit TemporaryFile(const std::string& content) {
        const auto stamp = chr::steady_clock::now().time_since_epoch().count();
        m_path = std::filesystem::temp_directory_path() /
                 ("okrsek-demo-incidents-" + std::to_string(stamp) + ".csv");
        std::ofstream out(m_path, std::ios::binary | std::ios::trunc);
        out << content;
        if (!out.flush()) {
            throw Error(ErrorCode::internal, "cannot write " + m_path.string(), "data");
        }
    }
    ~TemporaryFile() {
        std::error_code ignored;
        std::filesystem::remove(m_path, ignored);
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

std::filesystem::path demo_file(const std::filesystem::path& data_dir, const char* name) {
    const auto path = data_dir / "crime" / name;
    if (!std::filesystem::is_regular_file(path)) {
        throw Error(ErrorCode::not_found, "missing demo file " + path.string(), "data");
    }
    return path;
}

std::uint64_t import_file(Platform& platform, const std::filesystem::path& file) {
    IncidentImportRequest request;
    request.files = {file};
    request.source = std::string(demo_crime_source);
    request.actor = Principal::cli();
    return platform.crime().import_incidents(request).incidents;
}

// Invented values for the districts around the busiest centres, so that the profile pages
// have something to show; the town's population is rounded (ČSÚ: about 1.38 million).
constexpr double demo_town_population = 1'380'000;

AreaProfileEdit demo_district_profile(std::size_t index) {
    const auto n = static_cast<std::int64_t>(index);
    AreaProfileEdit edit;
    edit.population = std::optional<double>(4200.0 + 850.0 * static_cast<double>((n * 7) % 11));
    edit.amenities = std::map<std::string, std::int64_t>{{"schools", 1 + (n * 3) % 4},
                                                         {"playgrounds", 2 + (n * 5) % 6},
                                                         {"bars_open_late", (n * 4) % 9}};
    edit.prevention_workers =
        std::map<std::string, std::int64_t>{{"street_workers", n % 3},
                                            {"social_workers", 1 + (n * 2) % 3},
                                            {"prevention_assistants", (n + 1) % 3}};
    return edit;
}

bool has_profile(const AreaProfile& profile) {
    return profile.population_source == "profile" || !profile.amenities.empty() ||
           !profile.prevention_workers.empty();
}

std::size_t seed_demo_profiles(Platform& platform, std::int64_t town_code) {
    const auto catalog = platform.catalog();
    auto& profiles = platform.area_profiles();
    const Principal actor = Principal::cli();
    std::size_t written = 0;
    std::vector<std::int64_t> districts;
    std::vector<AreaRef> hits;
    for (const auto& centre : centres) {
        hits.clear();
        catalog->lookup(centre.at, hits);
        for (const auto& hit : hits) {
            const auto& info = hit.info();
            if (info.layer != district_layer || info.municipality_code != town_code) continue;
            if (std::find(districts.begin(), districts.end(), info.id) == districts.end()) {
                districts.push_back(info.id);
            }
        }
    }
    for (std::size_t i = 0; i < districts.size(); ++i) {
        if (has_profile(profiles.of_area(*catalog, districts[i]))) continue;
        profiles.edit(actor, districts[i], demo_district_profile(i));
        ++written;
    }
    // Every other district gets an invented population only (3,000–9,000, about 1.3 million
    // in all), so that the rates per 1,000 inhabitants show on every district card.
    std::size_t other = 0;
    for (const auto& profile : profiles.of_layer(*catalog, town_code, district_layer)) {
        if (has_profile(profile)) continue;
        AreaProfileEdit edit;
        edit.population =
            std::optional<double>(3000.0 + 250.0 * static_cast<double>((other * 13) % 25));
        ++other;
        profiles.edit(actor, profile.area_id, edit);
        ++written;
    }
    for (const auto& town : profiles.of_layer(*catalog, town_code, "municipalities")) {
        if (has_profile(town)) continue;
        AreaProfileEdit edit;
        edit.population = std::optional<double>(demo_town_population);
        profiles.edit(actor, town.area_id, edit);
        ++written;
    }
    return written;
}

}  // namespace

DemoCrimeReport build_demo_crime(Platform& platform, const std::filesystem::path& data_dir,
                                 std::int64_t town_code) {
    DemoCrimeReport report;
    const auto types = demo_file(data_dir, "types.csv");
    const auto sample = demo_file(data_dir, "policie-sample-praha.csv");
    if (platform.incident_count(demo_crime_source) > 0) {
        report.skipped = true;
    } else {
        CodeListImportRequest codes;
        codes.file = types;
        codes.list = store::CrimeCodeList::types;
        codes.source = std::string(demo_crime_source);
        codes.actor = Principal::cli();
        platform.crime().import_code_list(codes);
        report.sample_incidents = import_file(platform, sample);
        const TemporaryFile generated(
            generate_demo_incidents_csv(*platform.catalog(), town_code, demo_generated_incidents,
                                        demo_crime_seed, chr::system_clock::now()));
        report.generated_incidents = import_file(platform, generated.path());
    }
    report.profiles = seed_demo_profiles(platform, town_code);
    return report;
}

}  // namespace okrsek::service
