#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/area.hpp"
#include "core/lon_lat.hpp"
#include "service/addresses/address_book.hpp"
#include "service/area_catalog.hpp"
#include "service/area_import.hpp"
#include "service/areas/area_profiles.hpp"
#include "service/auth/account_admin.hpp"
#include "service/auth/auth_settings.hpp"
#include "service/auth/authenticator.hpp"
#include "service/crime/crime_data.hpp"
#include "service/crime/crime_statistics.hpp"
#include "service/directory/district_agenda.hpp"
#include "service/directory/district_directory.hpp"
#include "service/notify/outbox.hpp"
#include "service/reports/citizen_reports.hpp"
#include "service/security/clock.hpp"
#include "store/store.hpp"

namespace okrsek::service {

/// The version string of this build ("0.1.0").
std::string_view okrsek_version() noexcept;

/// Most points one batch lookup may hold.
inline constexpr std::size_t max_batch_points = 10000;

/// Largest `simplify` tolerance accepted, in metres.
inline constexpr double max_simplify_m = 10000.0;

struct HealthStatus {
    bool ok = false;
    std::string engine;
    int schema_version = 0;
    std::string problem;  ///< why not ok, without secrets
};

struct AreasQuery {
    std::string layer;
    std::optional<std::int64_t> municipality_code;
    double simplify_m = 0.0;  ///< 0: full detail
};

/// The areas containing one point, one per layer at most, most detailed layer first.
/// Holds the catalog snapshot its references point into.
struct LookupResult {
    core::LonLat position;
    std::shared_ptr<const AreaCatalog> catalog;
    std::vector<AreaRef> areas;
};

/// How the security core of a Platform is set up.
struct PlatformOptions {
    /// The server master key (service/auth/master_key.hpp); without it second factors and CSRF
    /// tokens are unavailable (enough for the CLI's account commands).
    std::optional<std::vector<unsigned char>> master_key;
    /// The clock of every security rule; the system clock when null (tests pass a ManualClock).
    std::shared_ptr<const security::Clock> clock;
    AuthSettings auth;
    /// On a database where no one ever chose, mark the default sensitive roles (audited).
    /// Read-only tools (okrsek audit verify) turn it off so that they write nothing.
    bool seed_security_defaults = true;
    /// Citizen reports: limits and texts. public_url, contact_key and hash_key are filled in
    /// by the Platform (from `auth.public_url` and the keys derived from the master key).
    ReportSettings reports{};
    /// What the public statistics may show (docs/statistics.md); serve --stats-min-count.
    analytics::PublicationRules publication{};
};

/// The one facade every front end (HTTP, CLI, tests) calls. Owns the store and the in-memory
/// catalog of area layers. Thread-safe.
class Platform {
public:
    /// Takes the store, applies pending migrations and loads the catalog.
    explicit Platform(std::unique_ptr<store::Store> store, PlatformOptions options = {});
    ~Platform();

    std::string_view engine() const noexcept { return m_store->engine(); }
    HealthStatus health();

    std::vector<core::Municipality> municipalities();
    std::vector<core::LayerInfo> layers() const;

    /// GeoJSON FeatureCollection of a layer's areas. Throws not_found for an unknown layer or
    /// municipality, invalid_argument for a bad simplify value.
    std::shared_ptr<const std::string> areas_geojson(const AreasQuery& query) const;

    /// GeoJSON Feature of one area. Throws not_found.
    std::string area_geojson(std::int64_t id) const;

    /// Throws invalid_argument (field lon or lat) for a position that is not WGS 84.
    LookupResult lookup(core::LonLat position) const;

    /// Lookup of up to max_batch_points points against one snapshot.
    /// Throws payload_too_large for more, invalid_argument naming the first bad point.
    std::vector<LookupResult> lookup_many(std::span<const core::LonLat> positions) const;

    /// Reads, validates and stores a layer (or one town's part of it), then rebuilds the
    /// catalog. All or nothing.
    ImportReport import_areas(const ImportRequest& request);

    /// Stores already-read features (used by import_areas and the demo builder).
    ImportReport import_features(const ImportRequest& request,
                                 const std::vector<io::AreaFeature>& features,
                                 const std::string& fingerprint);

    /// The store's fingerprint of the last import into a scope.
    std::optional<std::string> last_fingerprint(const std::string& layer,
                                                std::optional<std::int64_t> municipality_code);

    /// Reloads the catalog from the store when another process changed it; true if it did.
    bool refresh_if_changed();

    std::shared_ptr<const AreaCatalog> catalog() const;

    /// Walks the whole audit log and checks its hash chain (see store::AccountStore).
    store::AuditVerification verify_audit_log();

    /// Sign-in, sessions, tokens and one's own account.
    Authenticator& auth() { return *m_auth; }
    /// Administration of accounts, roles, tokens and the audit log, with permission checks.
    AccountAdmin& accounts() { return *m_accounts; }
    /// Address points: import and search ("find my district").
    AddressBook& addresses() { return *m_addresses; }
    /// District teams, places, priorities and public meetings.
    DistrictDirectory& directory() { return *m_directory; }
    /// District priorities and public meetings.
    DistrictAgenda& agenda() { return *m_agenda; }
    /// The e-mail outbox: the staff's operations and the store its worker sends from.
    notify::Outbox& outbox() { return *m_outbox; }
    /// Citizen reports: submission, tracking, the staff inbox, escalation and alerts.
    CitizenReports& reports() { return *m_reports; }
    /// Crime data: incident and code-list imports, assignment to areas, sensitive types.
    CrimeData& crime() { return *m_crime; }
    /// Crime statistics: public (suppressed) and staff (exact, audited) figures and hotspots.
    CrimeStatistics& statistics() { return *m_statistics; }
    /// Area profiles: population, amenities and prevention workers of an area.
    AreaProfiles& area_profiles() { return *m_area_profiles; }
    /// Stored incidents of one source (lets the demo builder skip data it wrote before).
    std::int64_t incident_count(std::string_view source) { return m_store->incident_count(source); }

private:
    void reload();
    void check_municipality(const ImportRequest& request);

    std::unique_ptr<store::Store> m_store;
    std::mutex m_reload_mutex;
    std::atomic<std::shared_ptr<const AreaCatalog>> m_catalog;
    std::shared_ptr<const security::Clock> m_clock;
    std::unique_ptr<Authenticator> m_auth;
    std::unique_ptr<AccountAdmin> m_accounts;
    std::unique_ptr<AddressBook> m_addresses;
    std::unique_ptr<DistrictDirectory> m_directory;
    std::unique_ptr<DistrictAgenda> m_agenda;
    std::unique_ptr<notify::Outbox> m_outbox;
    std::unique_ptr<CitizenReports> m_reports;
    std::unique_ptr<CrimeData> m_crime;
    std::unique_ptr<CrimeStatistics> m_statistics;
    std::unique_ptr<AreaProfiles> m_area_profiles;
};

}  // namespace okrsek::service
