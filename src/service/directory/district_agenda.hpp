#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "service/addresses/address_book.hpp"
#include "service/auth/account_admin.hpp"
#include "service/directory/agenda_input.hpp"
#include "service/security/clock.hpp"
#include "store/store.hpp"

namespace okrsek::service {

/// One page of a list: `limit` 1 to max_agenda_page items from `offset` (at most
/// max_agenda_offset).
struct AgendaPage {
    std::size_t limit = 20;
    std::size_t offset = 0;
};
inline constexpr std::size_t max_agenda_page = 100;
inline constexpr std::size_t max_agenda_offset = 100000;

/// How far back a calendar feed reaches; it holds every later event, up to max_feed_events.
inline constexpr auto feed_history = std::chrono::days(90);
inline constexpr std::size_t max_feed_events = 1000;

/// An iCalendar feed, ready to serve.
struct CalendarFeed {
    std::string body;                               ///< text/calendar, CRLF line ends
    std::string etag;                               ///< a strong ETag of the body, quoted
    std::optional<store::TimePoint> last_modified;  ///< the latest change of an event in it
};

/// District priorities (as police.uk: what the community raised, the action taken, the later
/// evaluation) and public meetings and events with their iCalendar feeds: public reading, and
/// editing checked against the role × action × scope matrix and audited. Thread-safe.
///
/// Editing needs district_card.edit on the object's place as stored: a priority's or a
/// district event's district (with its city part and town, from the area catalog; the town
/// alone when the district has since left the catalog), a town-wide event's town. Errors are
/// core::Error: not_found (field "district", "town" or "id"), forbidden / unauthenticated from
/// the permission check, invalid_argument naming the field, conflict (field "status" and so
/// on) when the stored state does not allow the change.
class DistrictAgenda {
public:
    DistrictAgenda(store::Store& store, const security::Clock& clock, CatalogSource catalog,
                   AccountAdmin& accounts);
    ~DistrictAgenda();

    // -- Public reading

    /// The district's priorities, active ones first. Throws not_found (field "district").
    store::PriorityPage district_priorities(std::int64_t district_id,
                                            std::optional<store::PriorityStatus> status,
                                            AgendaPage page) const;
    /// One priority with its status history. Throws not_found (field "id").
    store::Priority priority(std::int64_t id) const;
    /// The district's events and its town's town-wide ones: upcoming (not over yet, soonest
    /// first) or past (latest first). Throws not_found (field "district").
    store::EventPage district_events(std::int64_t district_id, store::EventWindow when,
                                     AgendaPage page) const;
    /// Every event of the town, its districts' and town-wide ones. Throws not_found (field
    /// "town").
    store::EventPage town_events(std::int64_t town_code, store::EventWindow when,
                                 AgendaPage page) const;
    store::Event event(std::int64_t id) const;

    /// The district's feed (as district_events) and the town's (as town_events): events that
    /// ended at most feed_history ago and all later ones. `public_url` is the portal's base
    /// for the events' URLs.
    CalendarFeed district_calendar(std::int64_t district_id, std::string_view public_url) const;
    CalendarFeed town_calendar(std::int64_t town_code, std::string_view public_url) const;

    // -- Editing (agenda_priorities.cpp, agenda_events.cpp)

    store::Priority create_priority(const Principal& principal, std::int64_t district_id,
                                    const PriorityInput& input);
    store::Priority update_priority(const Principal& principal, std::int64_t id,
                                    const PriorityInput& input);
    /// open → in_progress → action_completed; open or in_progress → dropped (needs a reason).
    /// Anything else: conflict (field "status").
    store::Priority change_priority_status(const Principal& principal, std::int64_t id,
                                           store::PriorityStatus to,
                                           const std::optional<std::string>& reason);
    /// Only once the action is completed (else conflict, field "status"); again to correct it.
    store::Priority evaluate_priority(const Principal& principal, std::int64_t id,
                                      const EvaluationInput& input);

    store::Event create_district_event(const Principal& principal, std::int64_t district_id,
                                       const EventInput& input);
    store::Event create_town_event(const Principal& principal, std::int64_t town_code,
                                   const EventInput& input);
    /// A cancelled event cannot change any more (conflict, field "status").
    store::Event update_event(const Principal& principal, std::int64_t id, const EventInput& input);
    store::Event cancel_event(const Principal& principal, std::int64_t id, std::string_view reason);
    /// Once the event has begun (else conflict, field "starts_at"); again to correct them.
    store::Event record_minutes(const Principal& principal, std::int64_t id,
                                std::string_view minutes, std::optional<std::int64_t> attendance);

    /// The district's name and town from the catalog (for feeds and JSON), if it is there.
    struct DistrictInfo {
        std::int64_t id = 0;
        std::string code;
        std::string name;
        std::int64_t municipality_code = 0;
    };
    std::optional<DistrictInfo> find_district(std::int64_t district_id) const;
    /// The town's name, if the town exists.
    std::optional<std::string> town_name(std::int64_t town_code) const;
    /// How many priorities the town has, in all its districts.
    std::int64_t town_priority_count(std::int64_t town_code) const;

    std::shared_ptr<const AreaCatalog> catalog() const { return m_catalog(); }
    const security::Clock& clock() const { return m_clock; }

private:
    DistrictInfo require_district(std::int64_t district_id) const;
    std::string require_town(std::int64_t town_code) const;
    /// Where an object of `town` (and `district`, if any) lies, for the permission check.
    security::Target target_of(std::int64_t town, std::optional<std::int64_t> district) const;
    void require_edit(const Principal& principal, std::int64_t town,
                      std::optional<std::int64_t> district) const;
    /// Throws invalid_input (field `field`) unless event `event_id` exists, is not
    /// cancelled, and belongs to the town and is town-wide or of `district`.
    void require_related_event(std::int64_t event_id, std::int64_t town, std::int64_t district,
                               std::string_view field) const;
    store::Event create_event(const Principal& principal, std::int64_t town,
                              std::optional<std::int64_t> district, const EventInput& input);
    CalendarFeed calendar(const store::EventFilter& filter, const std::string& name,
                          std::string_view public_url,
                          std::optional<std::int64_t> page_district) const;
    store::TimePoint now() const { return m_clock.now(); }
    std::chrono::sys_seconds floor_now() const {
        return std::chrono::floor<std::chrono::seconds>(m_clock.now());
    }

    store::Store& m_store;
    const security::Clock& m_clock;
    CatalogSource m_catalog;
    AccountAdmin& m_accounts;
};

/// Adds the demo town's priorities and meetings (a few Prague districts, found at known
/// places; dates around the current day, so some meetings always lie ahead) as the command
/// line. On a database that has them already it only adds new upcoming meetings once none is
/// left ahead. (agenda_demo.cpp)
void seed_demo_agenda(DistrictAgenda& agenda, std::int64_t town_code);

}  // namespace okrsek::service
