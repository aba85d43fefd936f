#pragma once

// Crime incidents and their code lists, part of every Store. Written once on top of SqlRunner
// (store/crime_codes.cpp, store/crime_incidents.cpp); schema in store/schema_crime.hpp; design
// in docs/crime-data.md. The store keeps no rules beyond integrity and limits: parsing,
// spatial assignment and reports are the service's (service/crime/).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/accounts.hpp"

namespace okrsek::store {

class SqlRunner;

/// The three code lists of a source.
enum class CrimeCodeList { types, states, relevance };
/// "types", "states", "relevance".
std::string_view to_string(CrimeCodeList list) noexcept;
std::optional<CrimeCodeList> crime_code_list_from(std::string_view text) noexcept;

inline constexpr std::size_t max_crime_source_name_bytes = 64;
inline constexpr std::size_t max_crime_code_name_bytes = 500;
inline constexpr std::size_t max_crime_codes = 10000;  ///< per list
inline constexpr std::size_t max_incident_external_id_bytes = 100;
inline constexpr std::size_t max_incident_types = 32;  ///< per incident

/// One entry of a code list. For states and relevance only code and name count.
struct CrimeCode {
    std::int64_t code = 0;
    std::optional<std::int64_t> parent_code{};  ///< types: the direct parent
    std::int64_t level = 1;                     ///< types: 1 (top category) to 4
    std::string name{};
    std::string label{};
    bool sensitive = false;  ///< types only
};

/// What replace_crime_codes() did.
struct CrimeCodeResult {
    std::int64_t inserted = 0;
    std::int64_t updated = 0;
    std::int64_t removed = 0;
};

/// One incident as an import writes it.
struct NewIncident {
    std::string external_id{};  ///< the source's id, 1–100 bytes
    std::string occurred_at{};  ///< UTC, "YYYY-MM-DDTHH:MM:SSZ"
    std::int32_t local_offset_min = 0;
    std::int64_t lon_e7 = 0;
    std::int64_t lat_e7 = 0;
    bool municipal_police = false;
    std::optional<std::int64_t> state{};
    std::optional<std::int64_t> relevance{};
    std::optional<std::int64_t> municipality_code{};
    std::optional<std::int64_t> city_part_id{};
    std::optional<std::int64_t> district_id{};
    std::vector<std::int64_t> types{};  ///< distinct, 1 to max_incident_types
    /// The id came earlier in the same write: only `types` count, added to the incident
    /// written then (a source's rows of one incident need not be adjacent).
    bool repeat = false;
};

/// An incident as stored.
struct StoredIncident {
    std::int64_t id = 0;
    std::string source{};
    NewIncident incident{};  ///< types ascending; repeat false
    TimePoint imported_at{};
};

/// Feeds write_incidents() with batches of one file's incidents.
class IncidentFeed {
public:
    virtual ~IncidentFeed() = default;
    /// Replaces `batch` with the next incidents; false (and `batch` empty) when none are left.
    /// An id may come twice only as a repeat. Throwing aborts the write: nothing changes.
    virtual bool next_batch(std::vector<NewIncident>& batch) = 0;
    /// After the last batch: the audit row of the write (counts, never contents).
    virtual AuditEntry audit_entry() = 0;
};

/// What write_incidents() did.
struct IncidentWriteResult {
    std::int64_t inserted = 0;
    std::int64_t updated = 0;  ///< incidents of the source already stored, overwritten
    std::int64_t version = 0;  ///< crime_version() after the write
};

/// Where an incident lies, as reassign_incidents() reads and writes it.
struct IncidentPlace {
    std::int64_t id = 0;
    std::int64_t lon_e7 = 0;
    std::int64_t lat_e7 = 0;
    std::optional<std::int64_t> municipality_code{};
    std::optional<std::int64_t> city_part_id{};
    std::optional<std::int64_t> district_id{};
};

class CrimeStore {
public:
    virtual ~CrimeStore() = default;

    /// The sources that have code lists or incidents, by name.
    std::vector<std::string> crime_sources();

    /// In one transaction: makes `codes` the content of `source`'s `list` (creating the
    /// source): known codes are updated, new ones inserted, missing ones removed. A type's
    /// `sensitive` flag is written as given. Appends `audit`. Throws invalid_argument for a
    /// bad source name, too many codes or a code twice.
    CrimeCodeResult replace_crime_codes(std::string_view source, CrimeCodeList list,
                                        std::span<const CrimeCode> codes, const AuditEntry& audit,
                                        TimePoint now);

    /// A source's list, by code; empty for an unknown source.
    std::vector<CrimeCode> crime_codes(std::string_view source, CrimeCodeList list);

    /// Marks a type sensitive or not, audited in the same transaction. Throws not_found for an
    /// unknown source or type.
    void set_crime_type_sensitive(std::string_view source, std::int64_t code, bool sensitive,
                                  const AuditEntry& audit, TimePoint now);

    /// In one transaction: writes the feed's incidents of `source` (creating it). An incident
    /// whose external id is stored already is overwritten, its types replaced (a repeat adds
    /// types instead). Appends the feed's audit row and grows the version. All or nothing.
    /// Throws what the feed throws, invalid_argument for a bad incident.
    IncidentWriteResult write_incidents(std::string_view source, IncidentFeed& feed, TimePoint now);

    /// Stored incidents in total, or of one source.
    std::int64_t incident_count(std::optional<std::string_view> source = std::nullopt);
    /// Whether any incident is stored (cheap, unlike a count of millions).
    bool has_incidents();
    /// Stored (incident, type) rows in total.
    std::int64_t incident_type_count();

    std::optional<StoredIncident> find_incident(std::string_view source,
                                                std::string_view external_id);

    /// Calls `visit` for every stored incident (all sources), by id, from one snapshot; pages
    /// keep memory flat for tens of millions.
    void for_each_incident(const std::function<void(const StoredIncident&)>& visit);

    /// A number that changes whenever incidents change.
    std::int64_t crime_version();

    /// In one transaction: reads every incident's place page by page, lets `assign` rewrite
    /// the areas of a page in place, and stores those that changed; appends `audit` and grows
    /// the version. Returns how many incidents changed.
    std::int64_t reassign_incidents(const std::function<void(std::span<IncidentPlace>)>& assign,
                                    const AuditEntry& audit, TimePoint now);

protected:
    // The engine's ways to run SQL (see AccountStore).
    virtual void run_write(const std::function<void(SqlRunner&)>& work) = 0;
    virtual void run_read(const std::function<void(SqlRunner&)>& work) = 0;
    virtual void run_snapshot(const std::function<void(SqlRunner&)>& work) = 0;
};

}  // namespace okrsek::store
