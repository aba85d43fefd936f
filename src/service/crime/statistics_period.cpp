// Months, periods, sources and area sizes of the statistics service.
#include <charconv>
#include <cmath>

#include "core/error.hpp"
#include "core/prague_time.hpp"
#include "service/crime/statistics_context.hpp"

namespace okrsek::service {

using core::Error;
using core::ErrorCode;

std::string_view to_string(StatisticsLevel level) noexcept {
    switch (level) {
        case StatisticsLevel::town:
            return "town";
        case StatisticsLevel::city_part:
            return "city_part";
        case StatisticsLevel::district:
            return "district";
    }
    return "town";
}

std::string_view to_string(HotspotMethod method) noexcept {
    switch (method) {
        case HotspotMethod::grid:
            return "grid";
        case HotspotMethod::gi:
            return "gi";
        case HotspotMethod::kde:
            return "kde";
        case HotspotMethod::localmoran:
            return "localmoran";
    }
    return "grid";
}

std::string_view status_text(analytics::CellStatus status) noexcept {
    switch (status) {
        case analytics::CellStatus::shown:
            return "shown";
        case analytics::CellStatus::suppressed_small:
            return "suppressed";
        case analytics::CellStatus::suppressed_complementary:
            return "complementary";
        case analytics::CellStatus::withheld_small_area:
            return "withheld";
    }
    return "suppressed";
}

std::int32_t parse_month(std::string_view text, std::string_view field) {
    int year = 0, month = 0;
    const bool shaped = text.size() == 7 && text[4] == '-';
    if (shaped) {
        const auto y = std::from_chars(text.data(), text.data() + 4, year);
        const auto m = std::from_chars(text.data() + 5, text.data() + 7, month);
        if (y.ptr != text.data() + 4 || m.ptr != text.data() + 7) year = 0;
    }
    if (!shaped || year < 1996 || year > 2099 || month < 1 || month > 12) {
        throw Error(ErrorCode::invalid_argument,
                    std::string(field) + " must be a month YYYY-MM from 1996-01 to 2099-12",
                    std::string(field));
    }
    return (year - 1970) * 12 + month - 1;
}

namespace statistics_detail {
namespace {

core::SysSeconds month_start(std::int32_t month) {
    const std::chrono::year_month_day day{std::chrono::year{1970 + month / 12},
                                          std::chrono::month{static_cast<unsigned>(month % 12 + 1)},
                                          std::chrono::day{1}};
    // Midnight is never in Prague's switch hours (02:00–03:00).
    return core::from_prague_local(
        core::LocalSeconds{std::chrono::local_days{day}.time_since_epoch()});
}

}  // namespace

analytics::Period to_period(const MonthRange& months) {
    return {month_start(months.from), month_start(months.to + 1)};
}

std::int32_t add_months(std::int32_t month, std::int32_t months) {
    return month + months;
}

MonthRange resolve_period(const StatisticsScope& scope, const StatisticsTown* data,
                          store::TimePoint now) {
    std::int32_t last = 0;
    if (scope.to_month) {
        last = *scope.to_month;
    } else if (scope.from_month) {
        last = *scope.from_month + 11;
    } else if (data && data->last_month) {
        last = *data->last_month;
    } else {
        last = static_cast<std::int32_t>(
            analytics::local_keys(std::chrono::floor<std::chrono::seconds>(now)).month);
    }
    const std::int32_t first = scope.from_month.value_or(last - 11);
    if (first > last) {
        throw Error(ErrorCode::invalid_argument, "from must not be after to", "from");
    }
    if (last - first + 1 > max_statistics_months) {
        throw Error(ErrorCode::invalid_argument, "the period is longer than 120 months", "to");
    }
    constexpr std::int32_t last_supported = (2099 - 1970) * 12 + 11;
    if (last > last_supported) {
        throw Error(ErrorCode::invalid_argument, "to must be at most 2099-12", "to");
    }
    return {first, last};
}

const StatisticsSource* pick_source(const StatisticsSnapshot& snapshot,
                                    const std::optional<std::string>& name) {
    if (name) {
        const auto* found = snapshot.find_source(*name);
        if (!found) throw Error(ErrorCode::not_found, "no such incident source", "source");
        return found;
    }
    const auto* policie = snapshot.find_source("policie-cz");
    if (policie && policie->incidents > 0) return policie;
    const StatisticsSource* only = nullptr;
    for (const auto& source : snapshot.sources) {
        if (source.incidents == 0) continue;
        if (only) {
            throw Error(ErrorCode::invalid_argument,
                        "several incident sources hold incidents: name one with source", "source");
        }
        only = &source;
    }
    if (only) return only;
    if (policie) return policie;
    return snapshot.sources.empty() ? nullptr : &snapshot.sources.front();
}

double area_m2(const geo::MultiPolygon& shape) {
    constexpr double radius_m = 6371008.8;
    constexpr double degree = 3.14159265358979323846 / 180.0;
    double total = 0.0;
    for (const auto& polygon : shape) {
        auto ring_area = [&](const geo::Ring& ring) {
            if (ring.size() < 3) return 0.0;
            const double cos_lat = std::cos(ring.front().lat * degree);
            double sum = 0.0;
            for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
                sum += ring[i].lon * ring[i + 1].lat - ring[i + 1].lon * ring[i].lat;
            }
            return std::abs(sum) / 2.0 * radius_m * radius_m * degree * degree * cos_lat;
        };
        total += ring_area(polygon.outer);
        for (const auto& hole : polygon.holes) total -= ring_area(hole);
    }
    return total;
}

double round_to(double value, double step) {
    return std::round(value / step) * step;
}

std::optional<double> rate(std::optional<std::int64_t> count, std::optional<double> population) {
    if (!count || !population || !(*population > 0.0)) return std::nullopt;
    return round_to(static_cast<double>(*count) * 1000.0 / *population, 0.01);
}

}  // namespace statistics_detail
}  // namespace okrsek::service
