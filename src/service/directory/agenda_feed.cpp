// DistrictAgenda: the iCalendar feeds of a district and of a town.
#include <cstdio>

#include "io/icalendar.hpp"
#include "service/directory/district_agenda.hpp"
#include "service/platform.hpp"

namespace okrsek::service {
namespace {

namespace ical = io::ical;
using std::chrono::floor;
using std::chrono::seconds;

std::string_view kind_name(store::EventKind kind) {
    switch (kind) {
        case store::EventKind::public_meeting:
            return "Veřejné setkání";
        case store::EventKind::prevention_event:
            return "Preventivní akce";
        case store::EventKind::other:
            return "Akce";
    }
    return "Akce";
}

std::string base_url(std::string_view public_url) {
    std::string base(public_url);
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base;
}

std::string description_of(const store::Event& event) {
    std::string text;
    if (event.status == store::EventStatus::cancelled) {
        text = "ZRUŠENO: " + event.cancel_reason.value_or("");
        if (!event.fields.agenda.empty()) text += "\n\n";
    }
    return text + event.fields.agenda;
}

std::string location_of(const store::EventFields& fields) {
    if (fields.address.empty()) return fields.place_name;
    return fields.place_name + ", " + fields.address;
}

// The district card shows its events and its town's town-wide ones: a district event links
// to its own card, a town-wide one to the card of the feed's district (the town feed has no
// page to link it to).
std::string url_of(const store::Event& event, const std::string& base,
                   std::optional<std::int64_t> page_district) {
    const auto district = event.district_id ? event.district_id : page_district;
    if (!district || base.empty()) return {};
    return base + "/districts/" + std::to_string(*district) + "#event-" + std::to_string(event.id);
}

ical::CalendarEvent calendar_event(const store::Event& event, const std::string& base,
                                   std::optional<std::int64_t> page_district) {
    ical::CalendarEvent out;
    out.uid = event.uid;
    out.sequence = event.sequence;
    // The last revision rather than the time of the request: the feed's bytes (and its ETag)
    // stay the same until an event changes.
    out.stamp = floor<seconds>(event.updated_at);
    out.created = floor<seconds>(event.created_at);
    out.last_modified = floor<seconds>(event.updated_at);
    out.start = floor<seconds>(event.fields.starts_at);
    out.end = floor<seconds>(event.fields.ends_at);
    out.summary = event.fields.title;
    out.description = description_of(event);
    out.location = location_of(event.fields);
    out.position = event.fields.position;
    out.url = url_of(event, base, page_district);
    out.categories = std::string(kind_name(event.fields.kind));
    out.status = event.status == store::EventStatus::cancelled ? ical::EventStatus::cancelled
                                                               : ical::EventStatus::confirmed;
    return out;
}

// FNV-1a, 64 bits: enough to tell two versions of one feed apart.
std::string etag_of(std::string_view body) {
    std::uint64_t hash = 14695981039346656037ull;
    for (const char c : body) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ull;
    }
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "\"%016llx\"", static_cast<unsigned long long>(hash));
    return buffer;
}

}  // namespace

CalendarFeed DistrictAgenda::calendar(const store::EventFilter& filter, const std::string& name,
                                      std::string_view public_url,
                                      std::optional<std::int64_t> page_district) const {
    const auto page = m_store.list_events(filter);
    const std::string base = base_url(public_url);
    ical::Calendar calendar;
    calendar.product_id = "-//okrsek//okrsek " + std::string(okrsek_version()) + "//CS";
    calendar.name = name;
    calendar.description = "Veřejná setkání a preventivní akce: " + name;
    CalendarFeed feed;
    for (const auto& event : page.items) {
        calendar.events.push_back(calendar_event(event, base, page_district));
        if (!feed.last_modified || event.updated_at > *feed.last_modified) {
            feed.last_modified = event.updated_at;
        }
    }
    feed.body = ical::write_calendar(calendar);
    feed.etag = etag_of(feed.body);
    return feed;
}

CalendarFeed DistrictAgenda::district_calendar(std::int64_t district_id,
                                               std::string_view public_url) const {
    const DistrictInfo district = require_district(district_id);
    return calendar({.municipality_code = district.municipality_code,
                     .district_id = district_id,
                     .include_town_wide = true,
                     .when = store::EventWindow::since,
                     .since = now() - feed_history,
                     .limit = max_feed_events},
                    district.name, public_url, district_id);
}

CalendarFeed DistrictAgenda::town_calendar(std::int64_t town_code,
                                           std::string_view public_url) const {
    const std::string name = require_town(town_code);
    return calendar({.municipality_code = town_code,
                     .when = store::EventWindow::since,
                     .since = now() - feed_history,
                     .limit = max_feed_events},
                    name, public_url, std::nullopt);
}

}  // namespace okrsek::service
