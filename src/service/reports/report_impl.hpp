#pragma once

// What the parts of CitizenReports share (service/reports/report_*.cpp): the set-up, routing,
// tokens and keyed hashes, sealed contacts, permission targets and scopes, per-call lookups of
// categories, levels, districts and holders, the public view of a report and mail recipients.
// Internal to service/reports/: front ends use citizen_reports.hpp.

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "service/reports/citizen_reports.hpp"
#include "service/reports/report_deadlines.hpp"
#include "service/reports/report_mail.hpp"
#include "service/reports/report_states.hpp"
#include "service/security/authorization.hpp"

namespace okrsek::service::reports {

/// The reporter's contact as sealed in reports.contact_sealed (JSON {name, email, phone,
/// lang}, SecretBox context "report-contact:<id>"), with the language of their e-mails.
struct ReporterContact {
    ReportContact contact{};
    std::string language = "cs";  ///< "cs" or "en"
};

/// Where a position lies (area catalog): its town, city part and district.
struct Placement {
    std::int64_t municipality_code = 0;
    std::optional<std::int64_t> city_part_id{};
    std::optional<std::int64_t> district_id{};
    std::optional<std::string> district_name{};
};

/// The current holder of a role in a district.
struct Owner {
    std::string role_code{};
    std::optional<std::int64_t> holder_id{};
    std::optional<std::int64_t> user_id{};  ///< the holder's staff account, if linked
    std::optional<std::string> name{};
};

/// Where a principal may do an action, as lists for store::ReportFilter.
struct ReportScope {
    bool everywhere = false;                         ///< no area filter at all
    std::vector<std::int64_t> municipality_codes{};  ///< whole towns
    std::vector<std::int64_t> district_ids{};
    std::vector<std::int64_t> city_part_ids{};
    bool empty() const noexcept {
        return !everywhere && municipality_codes.empty() && district_ids.empty() &&
               city_part_ids.empty();
    }
};

/// Level 0's names (the district team) and the default names of levels 1–4 when a town has
/// not configured them: {cs, en}.
std::pair<std::string, std::string> default_level_name(std::int64_t level);

/// Whether the report is not finished and past a deadline at `now`: the first response (none
/// given yet), the resolution, or its level's.
bool is_overdue(const store::Report& report, store::TimePoint now) noexcept;

/// SHA-256 of `token` as 64 lower-case hex digits (tracking and confirmation tokens).
std::string sha256_hex(std::string_view token);
/// A new token: 192 random bits as 32 base64url characters.
std::string new_report_token();
/// Whether `token` has that shape (lets garbage be refused before hashing).
bool is_report_token(std::string_view token) noexcept;

/// The shared set-up and helpers. CitizenReports::Impl is one of these.
struct ReportCore {
    ReportCore(store::Store& store, const security::Clock& clock, CatalogSource catalog,
               AccountAdmin& accounts, ReportSettings settings);

    store::Store& store;
    const security::Clock& clock;
    CatalogSource catalog;
    AccountAdmin& accounts;
    ReportSettings settings;
    std::optional<security::SecretBox> contact_box;  ///< none without settings.contact_key

    store::TimePoint now() const { return clock.now(); }

    /// Seeds the town's default categories and levels the first time a town without any is
    /// asked for (remembered per process). Throws not_found (field "municipality") for an
    /// unknown town.
    void ensure_defaults(std::int64_t municipality_code);

    // -- Loading (report_impl.cpp).

    /// Throws not_found (field `field`).
    store::Report load(std::int64_t report_id, std::string_view field = "id");
    /// The report of a tracking token. Throws not_found (field "token").
    store::Report load_tracked(std::string_view tracking_token);

    /// Keyed BLAKE2b (crypto_generichash with settings.hash_key) of `text` as hex: rate-limit
    /// keys of client addresses and e-mails, never the value itself.
    std::string keyed_hash(std::string_view purpose, std::string_view text) const;

    /// Decodes, re-encodes (no metadata) and hashes uploaded photos, with thumbnails. Throws
    /// invalid_argument (field "photos") for more than 5, what media::normalize_photo throws
    /// (field "photo") for a bad or too large one.
    std::vector<store::NewReportPhoto> prepare_photos(std::span<const std::string> photos,
                                                      bool is_public) const;

    // -- Routing (report_routing.cpp).

    /// The town, city part and district at the position. Throws invalid_argument (field "lon"
    /// or "lat") for a position that is not WGS 84 or lies in no town.
    Placement place(double lon, double lat) const;
    /// The current holder of `role_code` in the district; an empty Owner when there is no
    /// district, no such role or no holder (the report then starts at level 1).
    Owner owner_of(std::int64_t municipality_code, std::optional<std::int64_t> district_id,
                   std::string_view role_code);
    /// The whole routing of a report at a position in a category. Throws as place(), and
    /// invalid_argument (field "category") when the category is of another town.
    store::ReportRouting route(double lon, double lat, std::string address_text,
                               const store::ReportCategory& category);

    // -- Contacts (report_impl.cpp).

    /// The sealed JSON of a contact for report `report_id`; none for an empty contact. Throws
    /// unavailable (field "contact") without a contact key.
    std::optional<std::string> seal_contact(std::int64_t report_id,
                                            const ReporterContact& contact) const;
    /// The contact of a report; none when it has none (or the key is missing or wrong).
    std::optional<ReporterContact> open_contact(const store::Report& report) const;

    // -- Permissions (report_impl.cpp).

    /// Where the report lies, as stored: its district (with its stored city part), else its
    /// city part, else its town.
    security::Target target_of(const store::Report& report) const;
    /// Throws forbidden / unauthenticated unless the principal may do `action` on the report.
    void require(const Principal& principal, security::Action action,
                 const store::Report& report) const;
    bool allowed(const Principal& principal, security::Action action,
                 const store::Report& report) const;
    /// Every town, city part and district where the principal may do `action` (found by
    /// asking AccountAdmin::allowed for each area of the catalog).
    ReportScope scope_of(const Principal& principal, security::Action action) const;
    /// Narrows `filter` to `scope` (whole towns of several: their areas and reports in no
    /// area). False when nothing can match (then leave the filter unused).
    bool narrow(const ReportScope& scope, store::ReportFilter& filter) const;

    // -- Recipients (report_impl.cpp).

    /// The owner's address: the linked account's e-mail, else the district position's e-mail
    /// for the owner's role; none when neither exists.
    std::optional<std::string> owner_address(const store::Report& report);
    /// The addresses of escalation level `level` (1–4) of a town: staff whose grant covers the
    /// town with the level's role (1: both police leaderships, 2: prevention managers,
    /// 3: security commission members, 4: the level's contact only) and the level's contact
    /// e-mail; each once.
    std::vector<std::string> level_addresses(std::int64_t municipality_code, std::int64_t level);
    /// Who answers for the report now: the owner's address, else (no owner or no address) the
    /// addresses of its level (level 1 for a level-0 report without owner).
    std::vector<std::string> responsible_addresses(const store::Report& report);

private:
    std::mutex m_seeded_mutex;
    std::set<std::int64_t> m_seeded_towns;
};

/// Lookups for one call, each asked of the store once (a page of reports names each
/// category, level, district and holder many times). Not thread-safe: make one per call.
class ReportLookups {
public:
    explicit ReportLookups(ReportCore& core) : m_core(core) {}

    /// Throws not_found (field "category").
    const store::ReportCategory& category(std::int64_t category_id);
    /// A town's category by code (retired too); none when unknown.
    const store::ReportCategory* category(std::int64_t municipality_code, std::string_view code);
    const std::vector<store::ReportLevel>& levels(std::int64_t municipality_code);
    /// The level's configured row; none for level 0 or an unconfigured level.
    const store::ReportLevel* level(std::int64_t municipality_code, std::int64_t level);
    /// {cs, en}: configured, else default_level_name().
    std::pair<std::string, std::string> level_name(std::int64_t municipality_code,
                                                   std::int64_t level);
    std::optional<std::string> district_name(std::optional<std::int64_t> district_id);
    std::optional<std::string> holder_name(std::optional<std::int64_t> holder_id);
    /// The named person responsible: the holder's name, else the linked account's display name.
    std::optional<std::string> owner_name(const store::ReportRouting& routing);

    /// The public view: public description, names, deadlines, overdue at the core's now;
    /// `with_history` adds the public updates and public photos.
    PublicReport to_public(const store::Report& report, bool with_history);
    /// What mails say about the report.
    MailFacts facts(const store::Report& report);

private:
    ReportCore& m_core;
    std::map<std::int64_t, store::ReportCategory> m_categories;
    std::map<std::int64_t, std::vector<store::ReportLevel>> m_levels;
    std::map<std::int64_t, std::optional<std::string>> m_holders;
    std::map<std::int64_t, std::optional<std::string>> m_users;
};

/// The status of a finished report reopened now with `reason`: state reopened, resolution and
/// closing cleared, the resolution deadline restarted from now with the category's days and,
/// at level 1 or more, the level's deadline too.
store::ReportStatus reopened_status(ReportCore& core, ReportLookups& lookups,
                                    const store::Report& report, std::string reason);

}  // namespace okrsek::service::reports

namespace okrsek::service {

struct CitizenReports::Impl : reports::ReportCore {
    using ReportCore::ReportCore;
};

}  // namespace okrsek::service
