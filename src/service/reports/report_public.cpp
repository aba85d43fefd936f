// The public side of citizen reports: listings, one report, its photos and the towns'
// responsiveness figures (docs/reports.md "HTTP API", public part). Only reports whose
// visibility is public appear; pending and hidden ones do not exist for the public.
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>

#include "core/error.hpp"
#include "service/reports/report_impl.hpp"
#include "service/reports/report_stats.hpp"

namespace okrsek::service {
namespace {

using core::Error;
using core::ErrorCode;

constexpr std::string_view district_layer = "districts";
constexpr std::size_t max_public_offset = 100000;
constexpr auto max_statistics_period = std::chrono::days(5 * 366);

std::int64_t to_e7(double degrees) {
    return std::llround(degrees * 1e7);
}

std::array<std::int64_t, 4> box_of(const std::array<double, 4>& bbox) {
    const auto [min_lon, min_lat, max_lon, max_lat] = bbox;
    const bool finite =
        std::all_of(bbox.begin(), bbox.end(), [](double v) { return std::isfinite(v); });
    if (!finite || min_lon < -180 || max_lon > 180 || min_lat < -90 || max_lat > 90 ||
        min_lon > max_lon || min_lat > max_lat)
        throw Error(ErrorCode::invalid_argument,
                    "bbox must be min lon, min lat, max lon, max lat in WGS 84", "bbox");
    return {to_e7(min_lon), to_e7(min_lat), to_e7(max_lon), to_e7(max_lat)};
}

// The category ids of `codes` in a town; false when one is unknown there (nothing can match).
bool category_ids(reports::ReportLookups& lookups, const PublicReportQuery& query,
                  std::vector<std::int64_t>& ids) {
    if (query.category_codes.empty()) return true;
    if (!query.municipality_code)
        throw Error(ErrorCode::invalid_argument, "a category filter needs a town", "town");
    for (const auto& code : query.category_codes) {
        const auto* category = lookups.category(*query.municipality_code, code);
        if (!category) return false;
        ids.push_back(category->id);
    }
    return true;
}

std::vector<std::int64_t> town_districts(const AreaCatalog& catalog,
                                         std::int64_t municipality_code) {
    std::vector<std::int64_t> ids;
    if (const auto* layer = catalog.find_layer(district_layer)) {
        for (const auto& area : layer->areas) {
            if (area.municipality_code == municipality_code) ids.push_back(area.id);
        }
    }
    return ids;
}

}  // namespace

PublicReportPage CitizenReports::public_reports(const PublicReportQuery& query) {
    auto& core = *m_impl;
    if (query.limit < 1 || query.limit > store::max_report_page)
        throw Error(ErrorCode::invalid_argument,
                    "limit must be 1 to " + std::to_string(store::max_report_page), "limit");
    if (query.offset > max_public_offset)
        throw Error(ErrorCode::invalid_argument,
                    "offset must be at most " + std::to_string(max_public_offset), "offset");
    if (query.ids.size() > store::max_report_page)
        throw Error(ErrorCode::invalid_argument, "too many ids", "ids");
    reports::ReportLookups lookups(core);
    store::ReportFilter filter;
    filter.municipality_code = query.municipality_code;
    if (query.district_id) filter.district_ids = {*query.district_id};
    filter.states = query.states;
    if (!category_ids(lookups, query, filter.category_ids)) return {};
    filter.visibilities = {store::ReportVisibility::public_};
    filter.created_from = query.created_from;
    filter.created_to = query.created_to;
    filter.updated_from = query.updated_from;
    filter.updated_to = query.updated_to;
    if (query.bbox) filter.box_e7 = box_of(*query.bbox);
    filter.ids = query.ids;
    filter.order = store::ReportFilter::Order::newest_first;
    filter.limit = query.limit;
    filter.offset = query.offset;
    const auto page = core.store.list_reports(filter);
    PublicReportPage result;
    result.total = page.total;
    result.reports.reserve(page.reports.size());
    for (const auto& report : page.reports)
        result.reports.push_back(lookups.to_public(report, false));
    return result;
}

PublicReport CitizenReports::public_report(std::int64_t report_id) {
    auto& core = *m_impl;
    const auto report = core.store.find_report(report_id);
    if (!report || report->status.visibility != store::ReportVisibility::public_)
        throw Error(ErrorCode::not_found, "no public report " + std::to_string(report_id), "id");
    reports::ReportLookups lookups(core);
    return lookups.to_public(*report, true);
}

std::optional<std::string> CitizenReports::public_photo(std::int64_t photo_id,
                                                        std::string_view sha256) {
    auto& core = *m_impl;
    if (sha256.size() != 64) return std::nullopt;
    auto photo = core.store.report_photo(photo_id, sha256);
    if (!photo || !photo->is_public) return std::nullopt;
    const auto report = core.store.find_report(photo->report_id);
    if (!report || report->status.visibility != store::ReportVisibility::public_)
        return std::nullopt;
    return std::move(photo->jpeg);
}

std::vector<Responsiveness> CitizenReports::responsiveness(std::int64_t municipality_code,
                                                           store::TimePoint from,
                                                           store::TimePoint to) {
    auto& core = *m_impl;
    if (!(from < to))
        throw Error(ErrorCode::invalid_argument, "the period must end after it begins", "to");
    if (to - from > max_statistics_period)
        throw Error(ErrorCode::invalid_argument, "the period may be at most five years", "from");
    const auto timings = core.store.report_timings(municipality_code, from, to);
    const auto districts = town_districts(*core.catalog(), municipality_code);
    return reports::responsiveness_by_district(timings, districts, core.now());
}

}  // namespace okrsek::service
