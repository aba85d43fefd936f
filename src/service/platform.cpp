#include "service/platform.hpp"

#include <sodium.h>

#include <cmath>
#include <cstdio>

#include "core/error.hpp"
#include "geo/coverage_report.hpp"
#include "geo/simplify.hpp"
#include "io/geojson_writer.hpp"
#include "service/auth/area_targets.hpp"
#include "service/crime/statistics_sources.hpp"

namespace okrsek::service {

using core::Error;
using core::ErrorCode;

std::string_view okrsek_version() noexcept {
    return "0.1.0";
}

Platform::Platform(std::unique_ptr<store::Store> store, PlatformOptions options)
    : m_store(std::move(store)), m_clock(options.clock) {
    if (sodium_init() < 0) throw Error(ErrorCode::internal, "libsodium failed to initialise");
    if (!m_clock) m_clock = std::make_shared<security::SystemClock>();
    std::optional<security::ServerKeys> keys;
    if (options.master_key) keys = security::ServerKeys::derive(*options.master_key);
    ReportSettings report_settings = std::move(options.reports);
    report_settings.public_url = options.auth.public_url;
    if (keys) {
        report_settings.contact_key = keys->report_contacts;
        report_settings.hash_key = keys->report_keys;
    }
    m_store->migrate();
    reload();
    m_auth = std::make_unique<Authenticator>(*m_store, *m_clock, std::move(options.auth),
                                             std::move(keys));
    m_accounts = std::make_unique<AccountAdmin>(
        *m_store, *m_auth,
        [this](const security::Scope& scope) { return target_of_scope(*catalog(), scope); });
    if (options.seed_security_defaults) m_auth->seed_sensitive_roles();
    CatalogSource catalog_source = [this] { return catalog(); };
    m_addresses = std::make_unique<AddressBook>(*m_store, *m_clock, catalog_source);
    m_directory =
        std::make_unique<DistrictDirectory>(*m_store, *m_clock, catalog_source, *m_accounts);
    m_agenda = std::make_unique<DistrictAgenda>(*m_store, *m_clock, catalog_source, *m_accounts);
    m_outbox = std::make_unique<notify::Outbox>(*m_store, *m_clock, *m_accounts);
    m_reports = std::make_unique<CitizenReports>(*m_store, *m_clock, catalog_source, *m_accounts,
                                                 std::move(report_settings));
    m_crime = std::make_unique<CrimeData>(*m_store, *m_clock, catalog_source);
    m_area_profiles =
        std::make_unique<AreaProfiles>(*m_store, *m_clock, catalog_source, *m_accounts);
    m_statistics = std::make_unique<CrimeStatistics>(
        *m_store, *m_clock, catalog_source, *m_accounts,
        StatisticsSettings{options.publication, statistics_populations(*m_area_profiles),
                           statistics_report_counts(*m_reports),
                           statistics_profiles(*m_area_profiles)});
}

Platform::~Platform() = default;

HealthStatus Platform::health() {
    HealthStatus status;
    status.engine = std::string(m_store->engine());
    try {
        m_store->ping();
        status.schema_version = m_store->schema_version();
        status.ok = true;
    } catch (const Error& error) {
        status.problem = error.what();
    }
    return status;
}

std::vector<core::Municipality> Platform::municipalities() {
    return m_store->municipalities();
}

std::vector<core::LayerInfo> Platform::layers() const {
    std::vector<core::LayerInfo> result;
    for (const auto& layer : catalog()->layers()) result.push_back(layer->info);
    return result;
}

std::shared_ptr<const AreaCatalog> Platform::catalog() const {
    return m_catalog.load();
}

void Platform::reload() {
    std::lock_guard lock(m_reload_mutex);
    store::CatalogSnapshot snapshot = m_store->load_catalog();
    auto fresh = std::make_shared<const AreaCatalog>(std::move(snapshot.layers),
                                                     std::move(snapshot.areas), snapshot.version);
    m_catalog.store(std::move(fresh));
}

store::AuditVerification Platform::verify_audit_log() {
    return m_store->verify_audit_chain();
}

bool Platform::refresh_if_changed() {
    if (m_store->catalog_version() == catalog()->version()) return false;
    reload();
    return true;
}

namespace {

void check_position(core::LonLat p, const std::string& prefix) {
    if (!std::isfinite(p.lon) || p.lon < -180.0 || p.lon > 180.0) {
        throw Error(ErrorCode::invalid_argument, prefix + "lon must be a number from -180 to 180",
                    prefix + "lon");
    }
    if (!std::isfinite(p.lat) || p.lat < -90.0 || p.lat > 90.0) {
        throw Error(ErrorCode::invalid_argument, prefix + "lat must be a number from -90 to 90",
                    prefix + "lat");
    }
}

std::string areas_cache_key(const AreasQuery& query) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "|%lld|%.3f",
                  static_cast<long long>(query.municipality_code.value_or(0)), query.simplify_m);
    return "areas|" + query.layer + buffer;
}

}  // namespace

std::shared_ptr<const std::string> Platform::areas_geojson(const AreasQuery& query) const {
    if (!std::isfinite(query.simplify_m) || query.simplify_m < 0.0 ||
        query.simplify_m > max_simplify_m) {
        throw Error(ErrorCode::invalid_argument, "simplify must be metres from 0 to 10000",
                    "simplify");
    }
    auto snapshot = catalog();
    const CatalogLayer* layer = snapshot->find_layer(query.layer);
    if (!layer) throw Error(ErrorCode::not_found, "no layer named '" + query.layer + "'", "layer");
    const std::string key = areas_cache_key(query);
    if (auto hit = snapshot->cached(key)) return hit;

    bool town_seen = !query.municipality_code;
    std::string out = R"({"type":"FeatureCollection","features":[)";
    bool first = true;
    for (std::size_t slot = 0; slot < layer->areas.size(); ++slot) {
        const auto& area = layer->areas[slot];
        if (query.municipality_code && area.municipality_code != *query.municipality_code) continue;
        town_seen = true;
        if (!first) out += ',';
        first = false;
        if (query.simplify_m > 0.0) {
            io::append_area_feature(out, area,
                                    geo::simplify(layer->shapes[slot], query.simplify_m));
        } else {
            io::append_area_feature(out, area, layer->shapes[slot]);
        }
    }
    out += "]}";
    if (!town_seen) {
        throw Error(ErrorCode::not_found,
                    "layer '" + query.layer + "' has no areas of municipality " +
                        std::to_string(*query.municipality_code),
                    "municipality");
    }
    auto rendered = std::make_shared<const std::string>(std::move(out));
    snapshot->cache(key, rendered);
    return rendered;
}

std::string Platform::area_geojson(std::int64_t id) const {
    auto snapshot = catalog();
    auto area = snapshot->find_area(id);
    if (!area) throw Error(ErrorCode::not_found, "no area with id " + std::to_string(id), "id");
    std::string out;
    io::append_area_feature(out, area->info(), area->shape());
    return out;
}

LookupResult Platform::lookup(core::LonLat position) const {
    check_position(position, "");
    LookupResult result{position, catalog(), {}};
    result.catalog->lookup(position, result.areas);
    return result;
}

std::vector<LookupResult> Platform::lookup_many(std::span<const core::LonLat> positions) const {
    if (positions.size() > max_batch_points) {
        throw Error(ErrorCode::payload_too_large,
                    "at most " + std::to_string(max_batch_points) + " points per request, got " +
                        std::to_string(positions.size()),
                    "points");
    }
    for (std::size_t i = 0; i < positions.size(); ++i) {
        check_position(positions[i], "points[" + std::to_string(i) + "].");
    }
    auto snapshot = catalog();
    std::vector<LookupResult> results;
    results.reserve(positions.size());
    for (const auto& position : positions) {
        LookupResult result{position, snapshot, {}};
        snapshot->lookup(position, result.areas);
        results.push_back(std::move(result));
    }
    return results;
}

void Platform::check_municipality(const ImportRequest& request) {
    validate_layer_name(request.layer);
    if (request.layer == municipalities_layer) {
        if (request.municipality_code) {
            throw Error(ErrorCode::invalid_argument,
                        "the municipalities layer takes each town from its features; "
                        "leave out --municipality",
                        "municipality");
        }
        return;
    }
    if (!request.municipality_code) {
        throw Error(ErrorCode::invalid_argument,
                    "layer '" + request.layer + "' needs the municipality its areas belong to",
                    "municipality");
    }
    for (const auto& town : m_store->municipalities()) {
        if (town.code == *request.municipality_code) return;
    }
    throw Error(ErrorCode::not_found,
                "municipality " + std::to_string(*request.municipality_code) +
                    " is not known; import the municipalities layer first",
                "municipality");
}

std::optional<std::string> Platform::last_fingerprint(
    const std::string& layer, std::optional<std::int64_t> municipality_code) {
    return m_store->import_fingerprint({layer, municipality_code});
}

ImportReport Platform::import_areas(const ImportRequest& request) {
    if (request.geojson.size() > max_import_bytes) {
        throw Error(ErrorCode::payload_too_large,
                    request.source_name + ": larger than " +
                        std::to_string(max_import_bytes / (1024 * 1024)) + " MiB");
    }
    check_municipality(request);
    const std::string fingerprint = import_fingerprint(request);
    if (!request.force &&
        last_fingerprint(request.layer, request.municipality_code) == fingerprint) {
        ImportReport report;
        report.layer = request.layer;
        report.municipality_code = request.municipality_code;
        report.unchanged = true;
        return report;
    }
    io::AreaReadResult read;
    try {
        read = io::read_area_features(request.geojson, request.read_options);
    } catch (const Error& error) {
        throw Error(error.code(), request.source_name + ": " + error.what(), error.field());
    }
    ImportReport report = import_features(request, read.features, fingerprint);
    report.crs = std::string(geo::to_string(read.crs));
    report.crs_source = read.crs_source;
    return report;
}

ImportReport Platform::import_features(const ImportRequest& request,
                                       const std::vector<io::AreaFeature>& features,
                                       const std::string& fingerprint) {
    check_municipality(request);
    ImportReport report;
    report.layer = request.layer;
    report.municipality_code = request.municipality_code;
    report.feature_count = features.size();
    report.crs = "EPSG:4326";

    std::vector<core::Municipality> towns;
    const auto areas = to_new_areas(features, request.layer, request.municipality_code, towns);
    std::vector<geo::MultiPolygon> shapes;
    shapes.reserve(features.size());
    for (const auto& feature : features) shapes.push_back(feature.geometry);
    report.coverage = geo::compute_coverage(shapes);
    report.warnings = coverage_warnings(report.coverage, features);

    report.result = m_store->replace_areas({request.layer, request.municipality_code}, areas, towns,
                                           fingerprint);
    reload();
    // Stored incidents follow the layers they are placed in (docs/crime-data.md).
    const bool places_incidents = request.layer == municipalities_layer ||
                                  request.layer == district_layer ||
                                  request.layer == city_part_layer;
    if (places_incidents && m_store->has_incidents()) m_crime->reassign(std::nullopt);
    return report;
}

}  // namespace okrsek::service
