#pragma once

// Storage of district teams (roles, role contacts, holders with history), photos and places on
// the map, part of every Store. Written once on top of
// SqlRunner (store/directory_*.cpp), so both engines follow the same rules.

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/lon_lat.hpp"
#include "store/accounts.hpp"

namespace okrsek::store {

class SqlRunner;

// Every member below has a default, so that designated initialisers may leave any out.

// ---- Team roles and positions -----------------------------------------------------------

/// A role of the district teams of one town ("state_police_officer"…): configurable per town.
struct TeamRole {
    std::int64_t id = 0;
    std::int64_t municipality_code = 0;
    std::string code{};  ///< stable: [a-z0-9_], 1 to 64 bytes; never changes
    std::string name_cs{};
    std::string name_en{};
    std::int64_t sort_order = 0;  ///< 1, 2, 3… in the town's order
    TimePoint created_at{};
    TimePoint updated_at{};
    std::optional<TimePoint> retired_at{};  ///< retired roles stay, with their history
};

struct NewTeamRole {
    std::int64_t municipality_code = 0;
    std::string code{};
    std::string name_cs{};
    std::string name_en{};
};

/// One district's seat for one role: its public contact outlives the people holding it.
struct TeamPosition {
    std::int64_t id = 0;
    std::int64_t municipality_code = 0;
    std::int64_t district_id = 0;
    std::int64_t role_id = 0;
    std::optional<std::string> email{};
    std::optional<std::string> phone{};
    TimePoint updated_at{};
};

/// A contact as given: none clears it.
struct Contact {
    std::optional<std::string> email{};  ///< at most 254 bytes, one address
    std::optional<std::string> phone{};  ///< digits, spaces and + ( ) - / . ; at most 40 bytes
};

/// When a holder can be met: a weekday and a time range (Europe/Prague local time).
struct OfficeHours {
    int weekday = 1;      ///< ISO 8601: 1 Monday … 7 Sunday
    std::string from{};   ///< "HH:MM"
    std::string to{};     ///< "HH:MM", after `from`
    std::string place{};  ///< where, optional ("služebna Korunní 15"); at most 200 bytes
    friend bool operator==(const OfficeHours&, const OfficeHours&) = default;
};

/// What staff write about a holder.
struct HolderProfile {
    std::string name{};                              ///< 1 to 200 bytes
    std::optional<std::string> bio{};                ///< at most 2000 bytes, line breaks allowed
    std::vector<OfficeHours> office_hours{};         ///< at most 14, kept sorted
    std::optional<std::string> office_hours_note{};  ///< "and by appointment"; at most 500 bytes
    Contact contact{};
    std::optional<std::int64_t> user_id{};  ///< the staff account of the holder, if one
};

/// A person holding a position, now or in the past.
struct TeamHolder {
    std::int64_t id = 0;
    std::int64_t position_id = 0;
    std::int64_t municipality_code = 0;
    std::int64_t district_id = 0;
    std::int64_t role_id = 0;
    HolderProfile profile{};
    std::optional<std::int64_t> photo_id{};
    std::optional<std::string> photo_sha256{};  ///< the photo's and its thumbnail's hashes
    std::optional<std::string> thumb_sha256{};
    std::string from_date{};               ///< "YYYY-MM-DD"
    std::optional<std::string> to_date{};  ///< none: the current holder
    TimePoint created_at{};
    TimePoint updated_at{};
    bool current() const noexcept { return !to_date.has_value(); }
};

// ---- Photos -------------------------------------------------------------------------------

/// A photo ready to store: JPEG bytes already decoded, re-encoded and stripped by the caller.
struct NewPhoto {
    std::string jpeg{};
    std::string sha256{};  ///< 64 lower-case hex digits of `jpeg`'s SHA-256
    std::int64_t width = 0;
    std::int64_t height = 0;
    std::string thumb_jpeg{};
    std::string thumb_sha256{};
    std::int64_t thumb_width = 0;
    std::int64_t thumb_height = 0;
};

/// The bytes of one stored photo variant (the photo or its thumbnail).
struct PhotoContent {
    std::int64_t photo_id = 0;
    std::int64_t municipality_code = 0;
    std::int64_t district_id = 0;
    std::string jpeg{};
    std::string sha256{};
    bool current = false;  ///< a current holder shows it
};

// ---- Places ---------------------------------------------------------------------------------

/// A kind of place on a town's map ("police_station"…).
struct PlaceKind {
    std::int64_t id = 0;
    std::int64_t municipality_code = 0;
    std::string code{};  ///< stable: [a-z0-9_], 1 to 64 bytes
    std::string name_cs{};
    std::string name_en{};
    bool station = false;  ///< a police station people can go to (the card's nearest stations)
    std::int64_t sort_order = 0;
};

struct NewPlaceKind {
    std::int64_t municipality_code = 0;
    std::string code{};
    std::string name_cs{};
    std::string name_en{};
    bool station = false;
};

/// What describes a place.
struct PlaceFields {
    std::string name{};                          ///< 1 to 200 bytes
    std::optional<std::string> address{};        ///< at most 300 bytes
    std::optional<std::string> opening_hours{};  ///< at most 1000 bytes, line breaks allowed
    std::optional<std::string> note{};           ///< at most 1000 bytes, line breaks allowed
    core::LonLat position{};                     ///< WGS 84, stored to 7 decimals
    /// The district it serves when given; none: the district containing its position.
    std::optional<std::int64_t> district_id{};
    friend bool operator==(const PlaceFields&, const PlaceFields&) = default;
};

struct Place {
    std::int64_t id = 0;
    std::int64_t municipality_code = 0;
    std::int64_t kind_id = 0;
    std::optional<std::string> code{};  ///< set by imports (unique per kind); none when by hand
    PlaceFields fields{};
    TimePoint created_at{};
    TimePoint updated_at{};
};

/// One place of an import file.
struct ImportedPlace {
    std::string code{};  ///< unique within the import, at most 200 bytes
    PlaceFields fields{};
};

struct PlaceImportCounts {
    std::size_t inserted = 0;
    std::size_t updated = 0;
    std::size_t unchanged = 0;
    std::size_t deleted = 0;
    std::size_t kept_manual = 0;  ///< places of the kind made by hand, which imports leave alone
};

/// Which places places() returns.
struct PlaceFilter {
    std::int64_t municipality_code = 0;
    std::optional<std::int64_t> kind_id{};
    /// min lon, min lat, max lon, max lat; none: everywhere.
    std::optional<std::array<double, 4>> bbox{};
    std::size_t limit = 10000;
};

/// District teams, photos and places. Thread-safe like Store. Operations throw core::Error:
/// not_found for an unknown id (field named), invalid_argument for a malformed value (field
/// named: "name", "email", "office_hours[1].from"…), invalid_input when the change breaks a
/// rule of the stored data (a duplicate code, a holder starting before the current one),
/// conflict for a change already made (ending an ended holder). Messages name ids and codes,
/// never names, e-mail addresses or phone numbers. Every change takes an AuditEntry and writes
/// it in its own transaction; empty action/object fields take the operation's defaults.
class DirectoryStore {
public:
    virtual ~DirectoryStore() = default;

    // -- Team roles. Default audit object "team_role" and its id.

    /// The town's roles in their order (retired ones too when asked).
    std::vector<TeamRole> team_roles(std::int64_t municipality_code, bool include_retired);
    std::optional<TeamRole> find_team_role(std::int64_t role_id);
    /// Stores `defaults` (in that order) when the town has no role at all yet; false, nothing
    /// written, otherwise (also when another server seeded meanwhile). Throws invalid_input
    /// (field "municipality") for an unknown town. Default action "team.role.seed", object
    /// "municipality".
    bool seed_team_roles(std::int64_t municipality_code, std::span<const NewTeamRole> defaults,
                         TimePoint now, const AuditEntry& audit);
    /// Added last in the town's order. Throws invalid_input (field "code") for a code the town
    /// has. Default action "team.role.create".
    std::int64_t add_team_role(const NewTeamRole& role, TimePoint now, const AuditEntry& audit);
    /// Renames; `retired` retires the role (it stays, with its positions and holders) or brings
    /// it back. Default action "team.role.update".
    void update_team_role(std::int64_t role_id, std::string_view name_cs, std::string_view name_en,
                          bool retired, TimePoint now, const AuditEntry& audit);
    /// Puts `role_ids` first, in that order; the town's other roles follow in their old order.
    /// Throws invalid_input (field "roles") for a role of another town or one named twice.
    /// Default action "team.role.order", object "municipality".
    void order_team_roles(std::int64_t municipality_code, std::span<const std::int64_t> role_ids,
                          TimePoint now, const AuditEntry& audit);

    // -- Positions and holders. Default audit object "team_position" / "team_holder".

    /// The district's positions (those that ever had a contact or a holder).
    std::vector<TeamPosition> district_positions(std::int64_t district_id);
    /// Sets the public contact of the district's position for the role (created when missing).
    /// The district must lie in the role's town (`municipality_code`, which the caller found
    /// from the area catalog). Default action "team.contact.update".
    TeamPosition set_position_contact(std::int64_t municipality_code, std::int64_t district_id,
                                      std::int64_t role_id, const Contact& contact, TimePoint now,
                                      const AuditEntry& audit);
    /// Makes a new holder current from `from_date`; the current holder, if any, ends on the
    /// same date, in the same transaction. Throws invalid_input (field "from") when the
    /// current holder started after `from_date`, (field "role") for a retired role or one of
    /// another town, not_found (field "user_id") for an unknown account. Default action
    /// "team.holder.start".
    std::int64_t start_holder(std::int64_t municipality_code, std::int64_t district_id,
                              std::int64_t role_id, const HolderProfile& profile,
                              std::string_view from_date, TimePoint now, const AuditEntry& audit);
    /// Replaces the holder's profile (current or past). Default action "team.holder.update".
    void update_holder(std::int64_t holder_id, const HolderProfile& profile, TimePoint now,
                       const AuditEntry& audit);
    /// Ends the current holder on `to_date` (not before its start). Throws conflict when it
    /// has ended already. Default action "team.holder.end".
    void end_holder(std::int64_t holder_id, std::string_view to_date, TimePoint now,
                    const AuditEntry& audit);
    std::optional<TeamHolder> find_holder(std::int64_t holder_id);
    /// The district's holders: current ones only, or every one (newest start first per
    /// position).
    std::vector<TeamHolder> district_holders(std::int64_t district_id, bool include_past);
    /// The current holders whose account is `user_id` (to route reports to them).
    std::vector<TeamHolder> holders_of_user(std::int64_t user_id);

    // -- Photos. Default audit object "team_holder" and the holder's id.

    /// Stores `photo` as the holder's photo; the photo it replaces is deleted (no other
    /// holder can show it). Returns the new photo's id. Default action "photo.upload".
    std::int64_t set_holder_photo(std::int64_t holder_id, const NewPhoto& photo, TimePoint now,
                                  const AuditEntry& audit);
    /// Removes and deletes the holder's photo; conflict when it has none. Default action
    /// "photo.remove".
    void remove_holder_photo(std::int64_t holder_id, TimePoint now, const AuditEntry& audit);
    /// The photo or thumbnail of `photo_id` whose SHA-256 is `sha256`; none when there is no
    /// such photo or the hash is neither of its variants'.
    std::optional<PhotoContent> photo_content(std::int64_t photo_id, std::string_view sha256);

    // -- Place kinds. Default audit object "place_kind" and its id.

    std::vector<PlaceKind> place_kinds(std::int64_t municipality_code);
    std::optional<PlaceKind> find_place_kind(std::int64_t kind_id);
    /// As seed_team_roles. Default action "place.kind.seed", object "municipality".
    bool seed_place_kinds(std::int64_t municipality_code, std::span<const NewPlaceKind> defaults,
                          TimePoint now, const AuditEntry& audit);
    /// Throws invalid_input (field "code") for a code the town has. Default action
    /// "place.kind.create".
    std::int64_t add_place_kind(const NewPlaceKind& kind, TimePoint now, const AuditEntry& audit);
    /// Default action "place.kind.update".
    void update_place_kind(std::int64_t kind_id, std::string_view name_cs, std::string_view name_en,
                           bool station, TimePoint now, const AuditEntry& audit);

    // -- Places. Default audit object "place" and its id.

    /// Places of a town, by id.
    std::vector<Place> places(const PlaceFilter& filter);
    std::optional<Place> find_place(std::int64_t place_id);
    /// Throws not_found (field "kind") for an unknown kind. Default action "place.create".
    std::int64_t create_place(std::int64_t kind_id, const PlaceFields& fields, TimePoint now,
                              const AuditEntry& audit);
    /// Default action "place.update".
    void update_place(std::int64_t place_id, const PlaceFields& fields, TimePoint now,
                      const AuditEntry& audit);
    /// Default action "place.delete".
    void delete_place(std::int64_t place_id, TimePoint now, const AuditEntry& audit);
    /// Makes `places` the kind's imported places, atomically: known codes are updated (keeping
    /// their ids), new ones inserted, imported places missing from `places` deleted; places
    /// made by hand (no code) stay. Throws invalid_argument naming "places[N].…" for a bad
    /// place, invalid_input (field "places[N].code") for a code given twice. Default action
    /// "place.import", object "place_kind", the counts added to its details; an import that
    /// changes nothing writes no audit row either.
    PlaceImportCounts replace_imported_places(std::int64_t kind_id,
                                              std::span<const ImportedPlace> places, TimePoint now,
                                              const AuditEntry& audit);

protected:
    // The engine's ways to run SQL (see AccountStore); one override in each engine serves all
    // the storage parts.
    virtual void run_write(const std::function<void(SqlRunner&)>& work) = 0;
    virtual void run_read(const std::function<void(SqlRunner&)>& work) = 0;
    virtual void run_snapshot(const std::function<void(SqlRunner&)>& work) = 0;

private:
    // The three above, with database messages cut to their first line (no row values).
    void write(const std::function<void(SqlRunner&)>& work);
    void read(const std::function<void(SqlRunner&)>& work);
};

}  // namespace okrsek::store
