#pragma once

// Crime data (issue 7): import of incidents and their code lists, their assignment to the
// loaded areas, the sensitive mark of types. Design and formats: docs/crime-data.md.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/crs_transform.hpp"
#include "service/area_catalog.hpp"
#include "service/auth/principal.hpp"
#include "service/security/clock.hpp"
#include "store/crime.hpp"
#include "store/store.hpp"

namespace okrsek::service {

/// Limits of one incident import.
inline constexpr std::size_t max_incident_files = 10000;
inline constexpr std::uint64_t max_incident_csv_bytes = std::uint64_t{8} << 30;
inline constexpr std::uint64_t max_incident_geojson_bytes = std::uint64_t{256} << 20;
inline constexpr std::uint64_t max_incident_rows_per_file = 100'000'000;
/// Rejected rows listed in a report (all are counted).
inline constexpr std::size_t max_reported_incident_rejections = 20;
/// The source Policie ČR data is stored under unless told otherwise.
inline constexpr std::string_view policie_source = "policie-cz";

enum class IncidentFormat {
    policie_cz,  ///< Policie ČR open data: CSV or GeoJSON by the file's extension
    csv,         ///< a town's CSV, described by a mapping
    geojson,     ///< a town's GeoJSON, described by a mapping (or the Policie properties)
};

struct IncidentImportRequest {
    std::vector<std::filesystem::path> files{};
    IncidentFormat format = IncidentFormat::policie_cz;
    /// The mapping file's content (io::parse_incident_mapping); empty: the Policie layout.
    std::string mapping_json{};
    std::optional<geo::Crs> crs{};  ///< overrides the mapping's
    std::string source{policie_source};
    /// A type the source's type list lacks: false keeps the incident (counted as a warning),
    /// true rejects its row. Without a type list nothing is checked.
    bool reject_unknown_types = false;
    /// More rejected rows than this in one file fail that file (it changes nothing).
    std::uint64_t max_rejected_rows = 1000;
    /// Called now and then with bytes read so far and the files' total size.
    std::function<void(std::uint64_t done, std::uint64_t total)> progress{};
    /// Who imports, for the audit log. Only the command line may.
    Principal actor{};
};

/// A row that was not imported, and why.
struct IncidentRejection {
    std::string file{};
    std::string position_kind{};  ///< "line" or "feature"
    std::uint64_t position = 0;   ///< 1-based
    std::string reason{};
};

struct IncidentFileReport {
    std::string file{};
    std::uint64_t rows_read = 0;
    std::uint64_t rows_rejected = 0;
    std::uint64_t incidents = 0;     ///< distinct incidents written
    std::uint64_t repeated_ids = 0;  ///< rows of an incident that came apart from its others
    std::int64_t inserted = 0;
    std::int64_t updated = 0;
    std::uint64_t unassigned = 0;     ///< outside every loaded town
    std::uint64_t unknown_types = 0;  ///< rows with a type the type list lacks (kept)
};

struct IncidentImportReport {
    std::string source{};
    std::vector<IncidentFileReport> files{};
    std::vector<IncidentRejection> rejections{};  ///< the first max_reported_… of each file
    std::uint64_t rows_read = 0;
    std::uint64_t rows_rejected = 0;
    std::uint64_t incidents = 0;
    std::int64_t inserted = 0;
    std::int64_t updated = 0;
    std::uint64_t unassigned = 0;
    std::uint64_t unknown_types = 0;
    bool type_list_loaded = false;  ///< false: types were not checked
    std::int64_t version = 0;
    double seconds = 0.0;
};

struct CodeListImportRequest {
    std::filesystem::path file{};
    /// Which list; std::nullopt: from the file name (types.*, states.*, relevance.*).
    std::optional<store::CrimeCodeList> list{};
    std::string source{policie_source};
    /// Types: mark those whose names say sexual offences sensitive (and their sub-types).
    bool mark_sensitive_by_name = true;
    Principal actor{};
};

struct CodeListImportReport {
    std::string source{};
    store::CrimeCodeList list = store::CrimeCodeList::types;
    std::size_t codes = 0;
    std::size_t top_level = 0;
    int depth = 0;                          ///< deepest level
    std::vector<std::int64_t> sensitive{};  ///< types marked sensitive now
    store::CrimeCodeResult result{};
};

struct ReassignReport {
    std::int64_t incidents = 0;
    std::int64_t changed = 0;
    std::int64_t unassigned = 0;
    double seconds = 0.0;
};

/// Whether a type's name says it is a sexual offence (folded Czech: "znásilnění", "sexuální",
/// "pohlavní", "mravnost"…).
bool is_sensitive_type_name(std::string_view name);

/// The crime data of a Platform. Thread-safe (the store is; the catalog is a snapshot).
class CrimeData {
public:
    CrimeData(store::Store& store, const security::Clock& clock,
              std::function<std::shared_ptr<const AreaCatalog>()> catalog);

    /// Imports incident files, each in its own transaction (a file with a fatal error, or
    /// more rejected rows than allowed, changes nothing; files before it stay imported). Rows
    /// of one id in a file are merged into one incident with several types. Each incident is
    /// placed in the current catalog's town, city part and district. Throws core::Error:
    /// forbidden unless the actor is the command line, invalid_argument for a bad request,
    /// invalid_input / payload_too_large naming the file at fault.
    IncidentImportReport import_incidents(const IncidentImportRequest& request);

    /// Imports one code list (replacing the source's list). Same errors.
    CodeListImportReport import_code_list(const CodeListImportRequest& request);

    /// Marks a type sensitive (or not), audited. Only the command line may.
    void set_type_sensitive(const Principal& actor, const std::string& source, std::int64_t code,
                            bool sensitive);

    /// Places every stored incident again in the current catalog (after a layer changed).
    /// `actor`: the command line, or std::nullopt for the platform itself after a layer import.
    ReassignReport reassign(const std::optional<Principal>& actor);

private:
    store::Store& m_store;
    const security::Clock& m_clock;
    std::function<std::shared_ptr<const AreaCatalog>()> m_catalog;
};

}  // namespace okrsek::service
