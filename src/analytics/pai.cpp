#include "analytics/pai.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "core/error.hpp"

namespace okrsek::analytics {

namespace {

[[noreturn]] void fail(const std::string& message, const char* field) {
    throw core::Error(core::ErrorCode::invalid_argument, message, field);
}

void check_counts(std::span<const double> counts, std::size_t units, const char* field) {
    if (counts.size() != units) fail(std::string(field) + ": one count per unit needed", field);
    for (std::size_t i = 0; i < counts.size(); ++i) {
        if (!std::isfinite(counts[i]) || counts[i] < 0.0) {
            fail("unit " + std::to_string(i) + ": a count must be a non-negative number", field);
        }
    }
}

std::vector<double> checked_area(std::span<const double> area, std::size_t units) {
    if (area.empty()) return std::vector<double>(units, 1.0);
    if (area.size() != units) fail("one area per unit needed", "area");
    for (std::size_t i = 0; i < units; ++i) {
        if (!std::isfinite(area[i]) || area[i] <= 0.0) {
            fail("unit " + std::to_string(i) + ": the area must be positive", "area");
        }
    }
    return {area.begin(), area.end()};
}

// Events an oracle would catch in `budget` area: units by descending density, the last one
// in part.
double best_catch(std::span<const double> counts, const std::vector<double>& area, double budget) {
    std::vector<std::size_t> order(counts.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return counts[a] / area[a] > counts[b] / area[b];
    });
    double caught = 0.0;
    for (auto unit : order) {
        if (budget <= 0.0) break;
        const double taken = std::min(1.0, budget / area[unit]);
        caught += taken * counts[unit];
        budget -= area[unit];
    }
    return caught;
}

}  // namespace

HotspotScore score_hotspots(std::span<const std::size_t> hotspots,
                            std::span<const double> next_counts, std::span<const double> area,
                            std::span<const double> build_counts) {
    const std::size_t units = next_counts.size();
    check_counts(next_counts, units, "next_counts");
    if (!build_counts.empty()) check_counts(build_counts, units, "build_counts");
    const auto areas = checked_area(area, units);
    std::vector<char> chosen(units, 0);
    HotspotScore score;
    double build_inside = 0.0;
    for (auto unit : hotspots) {
        if (unit >= units || chosen[unit]) fail("hot spot units must exist and differ", "hotspots");
        chosen[unit] = 1;
        score.hotspot_area += areas[unit];
        score.events_inside += next_counts[unit];
        if (!build_counts.empty()) build_inside += build_counts[unit];
    }
    score.hotspot_units = hotspots.size();
    for (std::size_t i = 0; i < units; ++i) {
        score.study_area += areas[i];
        score.events_total += next_counts[i];
    }
    if (score.events_total > 0.0) {
        score.hit_rate = score.events_inside / score.events_total;
        if (score.hotspot_area > 0.0) {
            score.pai = score.hit_rate / (score.hotspot_area / score.study_area);
            const double best = best_catch(next_counts, areas, score.hotspot_area);
            if (best > 0.0) score.pei = score.events_inside / best;
        }
    }
    if (!build_counts.empty()) {
        const double build_total = std::accumulate(build_counts.begin(), build_counts.end(), 0.0);
        if (build_inside > 0.0 && build_total > 0.0) {
            score.rri = (score.events_inside / build_inside) / (score.events_total / build_total);
        }
    }
    return score;
}

std::vector<PaiStep> pai_curve(std::span<const double> observed, std::span<const double> predicted,
                               std::span<const double> area) {
    const std::size_t units = observed.size();
    check_counts(observed, units, "observed");
    check_counts(predicted, units, "predicted");
    const auto areas = checked_area(area, units);
    const double total_observed = std::accumulate(observed.begin(), observed.end(), 0.0);
    const double total_area = std::accumulate(areas.begin(), areas.end(), 0.0);

    std::vector<std::size_t> order(units);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const double da = predicted[a] / areas[a];
        const double db = predicted[b] / areas[b];
        return da > db || (da == db && observed[a] < observed[b]);
    });
    // The oracle's PAI at each rank: units in descending observed density.
    std::vector<std::size_t> oracle(order);
    std::stable_sort(oracle.begin(), oracle.end(), [&](std::size_t a, std::size_t b) {
        return observed[a] / areas[a] > observed[b] / areas[b];
    });

    std::vector<PaiStep> steps;
    steps.reserve(units);
    double oracle_observed = 0.0, oracle_area = 0.0;
    for (std::size_t k = 0; k < units; ++k) {
        const auto unit = order[k];
        PaiStep step;
        step.unit = unit;
        step.observed = observed[unit];
        step.predicted = predicted[unit];
        step.area = areas[unit];
        const PaiStep* previous = steps.empty() ? nullptr : &steps.back();
        step.cumulative_observed = (previous ? previous->cumulative_observed : 0.0) + step.observed;
        step.cumulative_predicted =
            (previous ? previous->cumulative_predicted : 0.0) + step.predicted;
        step.cumulative_area = (previous ? previous->cumulative_area : 0.0) + step.area;
        oracle_observed += observed[oracle[k]];
        oracle_area += areas[oracle[k]];
        if (total_observed > 0.0) {
            step.pai =
                (step.cumulative_observed / total_observed) / (step.cumulative_area / total_area);
            const double best = (oracle_observed / total_observed) / (oracle_area / total_area);
            if (best > 0.0) step.pei = step.pai / best;
        }
        if (step.cumulative_observed > 0.0) {
            step.rri = step.cumulative_predicted / step.cumulative_observed;
        }
        steps.push_back(step);
    }
    return steps;
}

}  // namespace okrsek::analytics
