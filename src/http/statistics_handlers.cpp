// Public statistics: parse, call CrimeStatistics (which publishes through the rules), answer.
#include "http/statistics_handlers.hpp"

#include <charconv>
#include <cstdio>

#include "core/error.hpp"
#include "http/answer_cache.hpp"
#include "http/conditional_get.hpp"
#include "http/security_headers.hpp"
#include "http/statistics_json.hpp"
#include "http/statistics_params.hpp"

namespace okrsek::http {
namespace {

using boost::beast::http::verb;
using core::Error;
using core::ErrorCode;

constexpr std::string_view json_type = "application/json";
constexpr std::string_view csv_type = "text/csv; charset=utf-8";
constexpr std::string_view geojson_type = "application/geo+json";

std::string body_etag(std::string_view body) {
    // FNV-1a 64: the ETag only has to change when the body does.
    std::uint64_t hash = 14695981039346656037ull;
    for (const char c : body) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ull;
    }
    char text[24];
    std::snprintf(text, sizeof text, "\"%016llx\"", static_cast<unsigned long long>(hash));
    return text;
}

service::CrimeStatistics& statistics(service::Platform& platform) {
    return platform.statistics();
}

CachedAnswer cached_answer(std::string body, std::string_view content_type,
                           std::string_view filename = {}) {
    return {std::move(body), std::string(content_type), std::string(filename), {}};
}

CachedAnswer meta(service::Platform& platform, const Request& request, const PathParams&) {
    const auto scope = statistics_scope(request);
    return cached_answer(meta_json(statistics(platform).meta(scope.town, scope.source)), json_type);
}

CachedAnswer table(service::Platform& platform, const Request& request, const PathParams&) {
    const auto format = format_parameter(request, {"json", "csv"});
    const auto figures = statistics(platform).table(table_query(request));
    if (format == "csv") return cached_answer(table_csv(figures), csv_type, "statistics.csv");
    return cached_answer(table_json(figures), json_type);
}

CachedAnswer areas(service::Platform& platform, const Request& request, const PathParams&) {
    const auto format = format_parameter(request, {"geojson", "csv"});
    service::AreaFiguresQuery query;
    query.scope = statistics_scope(request);
    query.level = map_level(request);
    query.category_id = category_parameter(request);
    const auto figures = statistics(platform).areas(query);
    if (format == "csv") return cached_answer(areas_csv(figures), csv_type, "areas.csv");
    return cached_answer(areas_geojson(figures), geojson_type);
}

CachedAnswer grid(service::Platform& platform, const Request& request, const PathParams&) {
    service::GridFiguresQuery query;
    query.scope = statistics_scope(request);
    query.cell_m = cell_parameter(request, 250.0);
    query.category_id = category_parameter(request);
    return cached_answer(grid_geojson(statistics(platform).grid(query)), geojson_type);
}

CachedAnswer summary(service::Platform& platform, const Request&, const PathParams& params) {
    std::int64_t id = 0;
    const auto& text = params.at(0);
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (error != std::errc{} || end != text.data() + text.size() || id < 1) {
        throw Error(ErrorCode::invalid_argument, "the district id must be a positive number", "id");
    }
    return cached_answer(summary_json(statistics(platform).district_summary(id)), json_type);
}

CachedAnswer profiles(service::Platform& platform, const Request& request, const PathParams&) {
    const auto format = format_parameter(request, {"json", "csv"});
    service::AreaFiguresQuery query;
    query.scope = statistics_scope(request);
    query.level = map_level(request);
    const auto figures = statistics(platform).profiles(query);
    if (format == "csv") return cached_answer(profiles_csv(figures), csv_type, "profiles.csv");
    return cached_answer(profiles_json(figures), json_type);
}

using PublicHandler = CachedAnswer (*)(service::Platform&, const Request&, const PathParams&);

// Every public route answers from the cache while the data version stays the same (and the
// answer is younger than the cache's max_age); the ETag is computed once per stored answer.
void add_public(Router& router, service::Platform& platform,
                const std::shared_ptr<AnswerCache>& cache, std::string pattern,
                PublicHandler handler) {
    service::Platform* target = &platform;
    router.add(
        verb::get, std::move(pattern),
        [target, cache, handler](const Request& request, const PathParams& params) {
            const auto version =
                service::CrimeStatistics::data_version(*statistics(*target).snapshot());
            const auto key = AnswerCache::key_of(request);
            auto found = cache->find(key, version);
            if (!found) {
                auto built = handler(*target, request, params);
                built.etag = body_etag(built.body);
                found = std::make_shared<const CachedAnswer>(std::move(built));
                cache->store(key, version, found);
            }
            return public_statistics_answer(request, found);
        },
        Access::open);
}

}  // namespace

Response public_statistics_answer(const Request& request,
                                  std::shared_ptr<const CachedAnswer> answer) {
    Response response;
    const std::string etag = answer->etag.empty() ? body_etag(answer->body) : answer->etag;
    set_header(response, "Cache-Control", "public, max-age=300");
    set_header(response, "ETag", etag);
    if (etag_matches(request.if_none_match, etag)) {
        response.status = 304;
        response.content_type.clear();
        return response;
    }
    response.content_type = answer->content_type;
    if (!answer->filename.empty()) {
        set_header(response, "Content-Disposition",
                   "attachment; filename=\"" + answer->filename + "\"");
    }
    // The cached answer's body itself, not a copy (it lives as long as the response).
    response.shared_body = std::shared_ptr<const std::string>(answer, &answer->body);
    return response;
}

void add_statistics_routes(Router& router, service::Platform& platform) {
    const auto cache = std::make_shared<AnswerCache>();
    add_public(router, platform, cache, "/api/v1/statistics/meta", meta);
    add_public(router, platform, cache, "/api/v1/statistics/table", table);
    add_public(router, platform, cache, "/api/v1/statistics/areas", areas);
    add_public(router, platform, cache, "/api/v1/statistics/grid", grid);
    add_public(router, platform, cache, "/api/v1/statistics/districts/{id}/summary", summary);
    add_public(router, platform, cache, "/api/v1/statistics/profiles", profiles);
    add_statistics_admin_routes(router, platform);
}

}  // namespace okrsek::http
