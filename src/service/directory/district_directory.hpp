#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "service/addresses/address_book.hpp"
#include "service/auth/account_admin.hpp"
#include "service/directory/directory_types.hpp"
#include "service/directory/place_import.hpp"
#include "service/security/clock.hpp"
#include "store/store.hpp"

namespace okrsek::service {

/// District teams, photos and places on the map: public reading (no principal), and editing
/// checked against the role × action × scope matrix (Action::district_team_edit for appointing
/// holders, role contacts, roles and place kinds; Action::district_card_edit for holders'
/// profiles and photos and for places; the target
/// taken from the object as stored: a district's seat, holder and photo lie in their district,
/// a place in the district it serves or contains it, a role or place kind in its town) and
/// audited in the transaction of the change. A town's default roles and place kinds are
/// seeded the first time anything asks for them. Thread-safe.
///
/// Throws core::Error: not_found naming the field ("id", "role", "holder", "place"…) for an
/// unknown object, forbidden when the principal may not, unauthenticated for a principal that
/// is neither a complete user session nor the command line, and what the store throws for bad
/// values (field named).
class DistrictDirectory {
public:
    DistrictDirectory(store::Store& store, const security::Clock& clock, CatalogSource catalog,
                      AccountAdmin& accounts);
    ~DistrictDirectory();

    // -- Public reading (district_directory.cpp, directory_places.cpp).

    /// The card of a district of the "districts" layer. Throws not_found (field "id").
    DistrictCard card(std::int64_t district_id);
    /// The district's active roles in the town's order, each with its contact and current
    /// holder.
    std::vector<TeamSeat> team(std::int64_t district_id);
    /// The places serving the district, by id; limit 1 to max_page_places (else
    /// invalid_argument, field "limit").
    PlacePage district_places(std::int64_t district_id, std::size_t limit, std::size_t offset);
    /// A town's places for the map (at most max_map_places). Throws not_found (field
    /// "municipality" or "kind").
    std::vector<PlaceView> town_places(const PlaceQuery& query);
    /// The town's roles in order (retired ones too when asked). Throws not_found (field
    /// "municipality").
    std::vector<store::TeamRole> team_roles(std::int64_t municipality_code, bool include_retired);
    std::vector<store::PlaceKind> place_kinds(std::int64_t municipality_code);
    /// A photo shown on a current holder's card; none for anything else (replaced photos,
    /// former holders' photos, a wrong hash).
    std::optional<store::PhotoContent> public_photo(std::int64_t photo_id, std::string_view sha256);

    // -- The back office (directory_team_edit.cpp, directory_photos.cpp, directory_places.cpp).

    /// The districts whose card the principal may edit (of one town when given), by town and
    /// code, each saying whether the principal also appoints its team.
    std::vector<EditableDistrict> editable_districts(
        const Principal& principal, std::optional<std::int64_t> municipality_code = {});
    /// Every role of the district (retired ones with history too) with every holder it had.
    /// Needs district_team_read on the district.
    std::vector<TeamSeatHistory> team_history(const Principal& principal, std::int64_t district_id);
    /// Any stored photo (a former holder's too), for staff with district_team_read on the
    /// photo's district.
    std::optional<store::PhotoContent> staff_photo(const Principal& principal,
                                                   std::int64_t photo_id, std::string_view sha256);

    /// Sets the public contact of the district's seat for a role. Audited "team.contact.update".
    store::TeamPosition set_contact(const Principal& principal, std::int64_t district_id,
                                    std::int64_t role_id, const store::Contact& contact);
    /// A new holder from `from_date` ("YYYY-MM-DD"), ending the current one on that date.
    /// Audited "team.holder.start".
    store::TeamHolder start_holder(const Principal& principal, std::int64_t district_id,
                                   std::int64_t role_id, const store::HolderProfile& profile,
                                   std::string_view from_date);
    /// Audited "team.holder.update". Changing the linked staff account (profile.user_id: the
    /// account that receives the reports the holder owns) needs district_team_edit as well;
    /// `keep_account` keeps the stored link whatever profile.user_id says (a client that did
    /// not send it).
    store::TeamHolder update_holder(const Principal& principal, std::int64_t holder_id,
                                    store::HolderProfile profile, bool keep_account = false);
    /// Audited "team.holder.end".
    store::TeamHolder end_holder(const Principal& principal, std::int64_t holder_id,
                                 std::string_view to_date);
    /// Decodes the upload (JPEG or PNG, media::normalize_photo's limits), stores it re-encoded
    /// without metadata with a thumbnail; the replaced photo is deleted. Audited
    /// "photo.upload".
    StoredPhoto upload_photo(const Principal& principal, std::int64_t holder_id,
                             std::string_view bytes);
    /// Audited "photo.remove".
    void remove_photo(const Principal& principal, std::int64_t holder_id);
    /// Throws as an edit of the holder would (not_found, forbidden), changing nothing: lets a
    /// front end refuse before it looks at an upload's body.
    void require_holder_edit(const Principal& principal, std::int64_t holder_id);

    /// Team roles of a town; need district_team_edit for the whole town. Audited
    /// "team.role.create" / "team.role.update" / "team.role.order".
    store::TeamRole add_team_role(const Principal& principal, const store::NewTeamRole& role);
    store::TeamRole update_team_role(const Principal& principal, std::int64_t role_id,
                                     std::string_view name_cs, std::string_view name_en,
                                     bool retired);
    std::vector<store::TeamRole> order_team_roles(const Principal& principal,
                                                  std::int64_t municipality_code,
                                                  std::span<const std::int64_t> role_ids);

    /// Place kinds of a town; need district_team_edit for the whole town.
    store::PlaceKind add_place_kind(const Principal& principal, const store::NewPlaceKind& kind);
    store::PlaceKind update_place_kind(const Principal& principal, std::int64_t kind_id,
                                       std::string_view name_cs, std::string_view name_en,
                                       bool station);

    /// A place of kind `kind` (a code) in a town; the principal needs district_card_edit where
    /// it lies (its district, else its city part, else the town). Audited "place.create".
    PlaceView create_place(const Principal& principal, std::int64_t municipality_code,
                           std::string_view kind, const store::PlaceFields& fields);
    /// Needs the permission where the place lies now and where it will lie. Audited
    /// "place.update".
    PlaceView update_place(const Principal& principal, std::int64_t place_id,
                           const store::PlaceFields& fields);
    /// Audited "place.delete".
    void delete_place(const Principal& principal, std::int64_t place_id);
    /// Reads the file and makes its points the kind's imported places, atomically. Needs
    /// district_team_edit for the whole town. Audited "place.import".
    PlaceImportReport import_places(const Principal& principal, const PlaceImportRequest& request);

private:
    store::TimePoint now() const { return m_clock.now(); }
    std::shared_ptr<const AreaCatalog> catalog() const { return m_catalog(); }
    /// The district of the districts layer with this id. Throws not_found naming `field`.
    AreaRef district(const AreaCatalog& catalog, std::int64_t district_id,
                     std::string_view field) const;
    /// Seeds the town's default roles and place kinds unless it has some.
    void ensure_defaults(std::int64_t municipality_code);
    void require_town(std::int64_t municipality_code);
    security::Target district_target(std::int64_t district_id) const;
    security::Target place_target(std::int64_t municipality_code,
                                  const store::PlaceFields& fields) const;
    std::optional<std::int64_t> district_of(const AreaCatalog& catalog,
                                            const store::Place& place) const;
    std::vector<PlaceView> views_of(const AreaCatalog& catalog, std::vector<store::Place> places,
                                    std::int64_t municipality_code);
    std::vector<TeamSeat> seats(std::int64_t municipality_code, std::int64_t district_id);

    store::Store& m_store;
    const security::Clock& m_clock;
    CatalogSource m_catalog;
    AccountAdmin& m_accounts;
    std::mutex m_seeded_mutex;
    std::set<std::int64_t> m_seeded;  ///< towns known to have their defaults
};

}  // namespace okrsek::service
