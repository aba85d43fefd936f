// DistrictAgenda: creating, editing and cancelling events, and their minutes.
#include <cstdio>

#include "core/error.hpp"
#include "service/directory/district_agenda.hpp"
#include "service/security/random.hpp"

namespace okrsek::service {
namespace {

using core::Error;
using core::ErrorCode;

// A random (version 4) UUID: the event's iCalendar UID, unique without naming a host (RFC 7986
// section 5.3 advises against putting one in).
std::string new_uid() {
    auto bytes = security::random_bytes(16);
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);
    std::string uid;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) uid += '-';
        char hex[3];
        std::snprintf(hex, sizeof hex, "%02x", bytes[i]);
        uid += hex;
    }
    return uid;
}

std::string id_text_agenda_events(std::int64_t id) {
    return std::to_string(id);
}

}  // namespace

store::Event DistrictAgenda::create_event(const Principal& principal, std::int64_t town,
                                          std::optional<std::int64_t> district,
                                          const EventInput& input) {
    require_edit(principal, town, district);
    store::NewEvent event;
    event.uid = new_uid();
    event.municipality_code = town;
    event.district_id = district;
    event.fields = merged_event({}, input, true);
    const auto id =
        m_store.create_event(event, now(), principal.audit("event.create", "event", ""));
    return this->event(id);
}

store::Event DistrictAgenda::create_district_event(const Principal& principal,
                                                   std::int64_t district_id,
                                                   const EventInput& input) {
    const DistrictInfo district = require_district(district_id);
    return create_event(principal, district.municipality_code, district_id, input);
}

store::Event DistrictAgenda::create_town_event(const Principal& principal, std::int64_t town_code,
                                               const EventInput& input) {
    require_town(town_code);
    return create_event(principal, town_code, std::nullopt, input);
}

store::Event DistrictAgenda::update_event(const Principal& principal, std::int64_t id,
                                          const EventInput& input) {
    const store::Event current = event(id);
    require_edit(principal, current.municipality_code, current.district_id);
    if (current.status == store::EventStatus::cancelled) {
        throw Error(ErrorCode::conflict, "event " + id_text_agenda_events(id) + " is cancelled",
                    "status");
    }
    const auto fields = merged_event(current.fields, input, false);
    m_store.update_event(id, fields, now(),
                         principal.audit("event.update", "event", id_text_agenda_events(id)));
    return event(id);
}

store::Event DistrictAgenda::cancel_event(const Principal& principal, std::int64_t id,
                                          std::string_view reason) {
    const store::Event current = event(id);
    require_edit(principal, current.municipality_code, current.district_id);
    const std::string checked =
        checked_agenda_text(reason, max_agenda_reason_bytes, "reason", true, true);
    if (current.status == store::EventStatus::cancelled) {
        throw Error(ErrorCode::conflict,
                    "event " + id_text_agenda_events(id) + " is cancelled already", "status");
    }
    if (current.fields.ends_at <= now()) {
        throw Error(ErrorCode::conflict,
                    "event " + id_text_agenda_events(id) + " is over: it cannot be cancelled",
                    "ends_at");
    }
    m_store.cancel_event(
        id, checked, now(),
        principal.audit("event.cancel", "event", id_text_agenda_events(id), checked));
    return event(id);
}

store::Event DistrictAgenda::record_minutes(const Principal& principal, std::int64_t id,
                                            std::string_view minutes,
                                            std::optional<std::int64_t> attendance) {
    const store::Event current = event(id);
    require_edit(principal, current.municipality_code, current.district_id);
    const std::string checked =
        checked_agenda_text(minutes, max_event_minutes_bytes, "minutes", true, true);
    if (attendance && (*attendance < 0 || *attendance > max_event_attendance)) {
        throw Error(ErrorCode::invalid_argument,
                    "attendance must be from 0 to " + std::to_string(max_event_attendance),
                    "attendance");
    }
    if (current.status == store::EventStatus::cancelled) {
        throw Error(ErrorCode::conflict, "event " + id_text_agenda_events(id) + " was cancelled",
                    "status");
    }
    if (current.fields.starts_at > now()) {
        throw Error(ErrorCode::conflict,
                    "event " + id_text_agenda_events(id) + " has not begun yet", "starts_at");
    }
    m_store.record_event_minutes(
        id, checked, attendance, now(),
        principal.audit("event.minutes", "event", id_text_agenda_events(id)));
    return event(id);
}

}  // namespace okrsek::service
