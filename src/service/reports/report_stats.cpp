#include "service/reports/report_stats.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace okrsek::service::reports {
namespace {

double days_between(store::TimePoint from, store::TimePoint to) {
    return std::chrono::duration<double, std::ratio<86400>>(to - from).count();
}

std::optional<store::TimePoint> finished_at(const store::ReportTiming& timing) {
    return timing.resolved_at ? timing.resolved_at : timing.closed_at;
}

std::optional<double> rounded_median(std::vector<double> values) {
    const auto middle = median_of(std::move(values));
    if (!middle) return std::nullopt;
    return round_to_tenth(*middle);
}

// On time / known outcomes for one deadline; `done` is when it was met, if it was.
struct ShareCounter {
    std::int64_t on_time = 0;
    std::int64_t known = 0;

    void count(std::optional<store::TimePoint> done, store::TimePoint due, store::TimePoint now) {
        if (done) {
            ++known;
            if (*done <= due) ++on_time;
        } else if (due < now) {
            ++known;
        }
    }
    std::optional<double> share() const {
        if (known == 0) return std::nullopt;
        return static_cast<double>(on_time) / static_cast<double>(known);
    }
};

}  // namespace

std::optional<double> median_of(std::vector<double> values) {
    if (values.empty()) return std::nullopt;
    const auto half = values.size() / 2;
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(half),
                     values.end());
    const double upper = values[half];
    if (values.size() % 2 == 1) return upper;
    const double lower =
        *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(half));
    return (lower + upper) / 2.0;
}

double round_to_tenth(double value) {
    return std::round(value * 10.0) / 10.0;
}

Responsiveness summarize_responsiveness(std::span<const store::ReportTiming> timings,
                                        std::optional<std::int64_t> district_id,
                                        store::TimePoint now, std::int64_t min_reports) {
    Responsiveness result;
    result.district_id = district_id;
    result.report_count = static_cast<std::int64_t>(timings.size());
    if (result.report_count < min_reports) return result;

    std::vector<double> response_days;
    std::vector<double> resolution_days;
    ShareCounter responded;
    ShareCounter resolved;
    for (const auto& timing : timings) {
        if (timing.first_response_at)
            response_days.push_back(days_between(timing.created_at, *timing.first_response_at));
        const auto finished = finished_at(timing);
        if (finished) resolution_days.push_back(days_between(timing.created_at, *finished));
        responded.count(timing.first_response_at, timing.first_response_due, now);
        resolved.count(finished, timing.resolution_due, now);
    }
    result.median_first_response_days = rounded_median(std::move(response_days));
    result.median_resolution_days = rounded_median(std::move(resolution_days));
    result.share_first_response_on_time = responded.share();
    result.share_resolved_on_time = resolved.share();
    return result;
}

std::vector<Responsiveness> responsiveness_by_district(std::span<const store::ReportTiming> timings,
                                                       std::span<const std::int64_t> district_ids,
                                                       store::TimePoint now,
                                                       std::int64_t min_reports) {
    std::vector<Responsiveness> result;
    result.reserve(district_ids.size() + 1);
    result.push_back(summarize_responsiveness(timings, std::nullopt, now, min_reports));
    for (const auto district : district_ids) {
        std::vector<store::ReportTiming> mine;
        std::copy_if(timings.begin(), timings.end(), std::back_inserter(mine),
                     [district](const auto& timing) { return timing.district_id == district; });
        result.push_back(summarize_responsiveness(mine, district, now, min_reports));
    }
    return result;
}

}  // namespace okrsek::service::reports
