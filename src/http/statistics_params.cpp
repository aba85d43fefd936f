#include "http/statistics_params.hpp"

#include <charconv>

#include "core/error.hpp"

namespace okrsek::http {

using core::Error;
using core::ErrorCode;

namespace {

Error bad_statistics_params(std::string_view name, const std::string& message) {
    return Error(ErrorCode::invalid_argument, std::string(name) + " " + message, std::string(name));
}

std::int64_t integer_in(const Request& request, std::string_view name, std::int64_t low,
                        std::int64_t high, std::int64_t fallback) {
    const auto value = optional_integer(request, name);
    if (!value) return fallback;
    if (*value < low || *value > high) {
        throw bad_statistics_params(
            name, "must be from " + std::to_string(low) + " to " + std::to_string(high));
    }
    return *value;
}

std::int32_t parse_id(std::string_view text, std::string_view name) {
    std::int32_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || value < 0) {
        throw bad_statistics_params(name, "must list category ids");
    }
    return value;
}

}  // namespace

service::StatisticsScope statistics_scope(const Request& request) {
    service::StatisticsScope scope;
    const auto town = optional_integer(request, "town");
    if (!town || *town < 1 || *town > 999999999)
        throw bad_statistics_params("town", "must be a municipality code");
    scope.town = *town;
    if (const auto source = query_value(request, "source")) {
        if (source->empty() || source->size() > 64)
            throw bad_statistics_params("source", "must be a source name");
        scope.source = std::string(*source);
    }
    if (const auto from = query_value(request, "from")) {
        scope.from_month = service::parse_month(*from, "from");
    }
    if (const auto to = query_value(request, "to"))
        scope.to_month = service::parse_month(*to, "to");
    return scope;
}

service::TableQuery table_query(const Request& request) {
    service::TableQuery query;
    query.scope = statistics_scope(request);
    const auto level = query_value(request, "level").value_or("town");
    if (level == "town") {
        query.level = service::StatisticsLevel::town;
    } else if (level == "city_part") {
        query.level = service::StatisticsLevel::city_part;
    } else if (level == "district") {
        query.level = service::StatisticsLevel::district;
    } else {
        throw bad_statistics_params("level", "must be town, city_part or district");
    }
    query.category_level = static_cast<std::size_t>(integer_in(request, "category_level", 0, 3, 0));
    if (const auto list = query_value(request, "categories")) {
        std::string_view rest = *list;
        while (!rest.empty()) {
            const auto comma = rest.find(',');
            query.category_ids.push_back(parse_id(rest.substr(0, comma), "categories"));
            if (query.category_ids.size() > service::max_statistics_categories) {
                throw bad_statistics_params("categories", "lists more than 200 ids");
            }
            rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        }
    }
    const auto bucket = query_value(request, "bucket").value_or("period");
    using analytics::TimeBucket;
    if (bucket == "period") {
        query.bucket = TimeBucket::whole_period;
    } else if (bucket == "month") {
        query.bucket = TimeBucket::month;
    } else if (bucket == "week") {
        query.bucket = TimeBucket::iso_week;
    } else if (bucket == "hour") {
        query.bucket = TimeBucket::hour_of_day;
    } else if (bucket == "weekday") {
        query.bucket = TimeBucket::day_of_week;
    } else {
        throw bad_statistics_params("bucket", "must be period, month, week, hour or weekday");
    }
    if (const auto compare = query_value(request, "compare")) {
        if (*compare != "year_earlier")
            throw bad_statistics_params("compare", "must be year_earlier");
        query.compare_year_earlier = true;
    }
    return query;
}

std::string format_parameter(const Request& request,
                             std::initializer_list<std::string_view> allowed) {
    const auto format = query_value(request, "format");
    if (!format) return std::string(*allowed.begin());
    for (const auto name : allowed) {
        if (*format == name) return std::string(name);
    }
    std::string list;
    for (const auto name : allowed) list += (list.empty() ? "" : ", ") + std::string(name);
    throw bad_statistics_params("format", "must be one of " + list);
}

service::StatisticsLevel map_level(const Request& request) {
    const auto level = query_value(request, "level").value_or("district");
    if (level == "district") return service::StatisticsLevel::district;
    if (level == "city_part") return service::StatisticsLevel::city_part;
    throw bad_statistics_params("level", "must be city_part or district");
}

std::optional<std::int32_t> category_parameter(const Request& request) {
    const auto text = query_value(request, "category");
    if (!text) return std::nullopt;
    return parse_id(*text, "category");
}

double cell_parameter(const Request& request, double fallback) {
    const auto cell = optional_number(request, "cell").value_or(fallback);
    if (!(cell >= service::min_statistics_cell_m && cell <= service::max_statistics_cell_m)) {
        throw bad_statistics_params("cell", "must be from 50 to 2000 metres");
    }
    return cell;
}

service::HotspotQuery hotspot_query(const Request& request) {
    service::HotspotQuery query;
    query.scope = statistics_scope(request);
    const auto method = query_value(request, "method").value_or("grid");
    if (method == "grid") {
        query.method = service::HotspotMethod::grid;
    } else if (method == "gi") {
        query.method = service::HotspotMethod::gi;
    } else if (method == "kde") {
        query.method = service::HotspotMethod::kde;
    } else if (method == "localmoran") {
        query.method = service::HotspotMethod::localmoran;
    } else {
        throw bad_statistics_params("method", "must be grid, gi, kde or localmoran");
    }
    query.cell_m = cell_parameter(request, 100.0);
    query.band_m = optional_number(request, "band");
    if (query.band_m && !(*query.band_m > 0.0 && *query.band_m <= 10000.0)) {
        throw bad_statistics_params("band", "must be from 1 to 10000 metres");
    }
    query.fdr = optional_number(request, "fdr").value_or(0.05);
    if (!(query.fdr > 0.0 && query.fdr < 1.0))
        throw bad_statistics_params("fdr", "must be between 0 and 1");
    query.category_id = category_parameter(request);
    return query;
}

service::PointsQuery points_query(const Request& request) {
    service::PointsQuery query;
    query.scope = statistics_scope(request);
    const auto bbox = query_value(request, "bbox");
    if (!bbox) throw bad_statistics_params("bbox", "is required: minlon,minlat,maxlon,maxlat");
    double values[4]{};
    std::string_view rest = *bbox;
    for (int i = 0; i < 4; ++i) {
        const auto comma = rest.find(',');
        if ((i < 3) == (comma == std::string_view::npos)) {
            throw bad_statistics_params("bbox", "must be minlon,minlat,maxlon,maxlat");
        }
        const auto number = parse_number(rest.substr(0, comma));
        if (!number) throw bad_statistics_params("bbox", "must be four numbers");
        values[i] = *number;
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    }
    query.bbox = {values[0], values[1], values[2], values[3]};
    query.category_id = category_parameter(request);
    query.limit = static_cast<std::size_t>(integer_in(request, "limit", 1,
                                                      std::int64_t(service::max_incident_points),
                                                      std::int64_t(service::max_incident_points)));
    return query;
}

}  // namespace okrsek::http
