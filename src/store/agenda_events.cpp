// AgendaStore: public meetings and events.
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "store/account_common.hpp"
#include "store/agenda_common.hpp"
#include "store/audit_log.hpp"

namespace okrsek::store {
namespace {

using accounts::append_audit_row;
using accounts::time_text;
using accounts::with_defaults;
using nlohmann::json;

constexpr std::size_t max_event_page = 1000;

std::optional<Event> event_row(SqlRunner& sql, std::int64_t id) {
    auto rows = sql.query(
        "SELECT " + std::string(agenda::event_columns) + " FROM public_events WHERE id = $1",
        SqlParams().add(id));
    if (!rows->next()) return std::nullopt;
    return agenda::event_of(*rows);
}

Event require_event(SqlRunner& sql, std::int64_t id) {
    auto event = event_row(sql, id);
    if (!event) agenda::throw_missing("event", id);
    return std::move(*event);
}

std::optional<std::int64_t> lon_e7(const EventFields& fields) {
    if (!fields.position) return std::nullopt;
    return agenda::to_e7(fields.position->lon);
}

std::optional<std::int64_t> lat_e7(const EventFields& fields) {
    if (!fields.position) return std::nullopt;
    return agenda::to_e7(fields.position->lat);
}

json changed_fields_agenda_events(const EventFields& before, const EventFields& after) {
    json names = json::array();
    if (before.kind != after.kind) names.push_back("kind");
    if (before.title != after.title) names.push_back("title");
    if (before.place_name != after.place_name) names.push_back("place_name");
    if (before.address != after.address) names.push_back("address");
    if (before.position != after.position) names.push_back("position");
    if (before.starts_at != after.starts_at) names.push_back("starts_at");
    if (before.ends_at != after.ends_at) names.push_back("ends_at");
    if (before.agenda != after.agenda) names.push_back("agenda");
    return names;
}

void require_scheduled(const Event& event, std::string_view doing) {
    if (event.status == EventStatus::cancelled) {
        agenda::throw_conflict(
            "event " + std::to_string(event.id) + " is cancelled: cannot " + std::string(doing),
            "status");
    }
}

struct Query {
    std::string where;
    std::string order;
};

Query query_of(const EventFilter& filter, SqlParams& params) {
    params.add(filter.municipality_code);
    Query query;
    if (!filter.district_id) {
        query.where = "municipality_code = $1";
    } else {
        params.add(*filter.district_id);
        query.where = filter.include_town_wide
                          ? "(district_id = $2 OR (district_id IS NULL AND municipality_code = $1))"
                          : "(district_id = $2 AND municipality_code = $1)";
    }
    const std::string n = std::to_string(params.values().size() + 1);
    switch (filter.when) {
        case EventWindow::upcoming:
            params.add(time_text(filter.now));
            query.where += " AND ends_at > $" + n;
            query.order = "starts_at, id";
            break;
        case EventWindow::past:
            params.add(time_text(filter.now));
            query.where += " AND ends_at <= $" + n;
            query.order = "starts_at DESC, id DESC";
            break;
        case EventWindow::since:
            params.add(time_text(filter.since));
            query.where += " AND ends_at > $" + n;
            query.order = "starts_at, id";
            break;
    }
    return query;
}

}  // namespace

std::int64_t AgendaStore::create_event(const NewEvent& event, TimePoint now,
                                       const AuditEntry& audit) {
    const std::string when = time_text(now);
    const auto& fields = event.fields;
    std::int64_t id = 0;
    write([&](SqlRunner& sql) {
        auto rows = sql.query(
            "INSERT INTO public_events (uid, municipality_code, district_id, kind, title, "
            "place_name, address, lon_e7, lat_e7, starts_at, ends_at, agenda, status, sequence, "
            "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
            "'scheduled', 0, $13, $13) RETURNING id",
            SqlParams()
                .add(event.uid)
                .add(event.municipality_code)
                .add(event.district_id)
                .add(to_string(fields.kind))
                .add(fields.title)
                .add(fields.place_name)
                .add(fields.address)
                .add(lon_e7(fields))
                .add(lat_e7(fields))
                .add(time_text(fields.starts_at))
                .add(time_text(fields.ends_at))
                .add(fields.agenda)
                .add(when));
        rows->next();
        id = rows->int64(0);
        AuditEntry entry = with_defaults(audit, "event.create", "event", std::to_string(id),
                                         event.municipality_code);
        if (entry.details_json == "{}") {
            json details = {{"district_id", event.district_id ? json(*event.district_id) : json()},
                            {"kind", to_string(fields.kind)}};
            entry.details_json = details.dump();
        }
        append_audit_row(sql, entry, now);
    });
    return id;
}

std::optional<Event> AgendaStore::find_event(std::int64_t id) {
    std::optional<Event> event;
    snapshot([&](SqlRunner& sql) { event = event_row(sql, id); });
    return event;
}

EventPage AgendaStore::list_events(const EventFilter& filter) {
    if (filter.limit < 1 || filter.limit > max_event_page) {
        throw core::Error(core::ErrorCode::invalid_argument, "limit must be from 1 to 1000",
                          "limit");
    }
    EventPage page;
    snapshot([&](SqlRunner& sql) {
        page = {};
        SqlParams params;
        const Query query = query_of(filter, params);
        auto count = sql.query("SELECT COUNT(*) FROM public_events WHERE " + query.where, params);
        if (count->next()) page.total = count->int64(0);
        const std::size_t n = params.values().size();
        params.add(static_cast<std::int64_t>(filter.limit));
        params.add(static_cast<std::int64_t>(filter.offset));
        auto rows =
            sql.query("SELECT " + std::string(agenda::event_columns) +
                          " FROM public_events WHERE " + query.where + " ORDER BY " + query.order +
                          " LIMIT $" + std::to_string(n + 1) + " OFFSET $" + std::to_string(n + 2),
                      params);
        while (rows->next()) page.items.push_back(agenda::event_of(*rows));
    });
    return page;
}

void AgendaStore::update_event(std::int64_t id, const EventFields& fields, TimePoint now,
                               const AuditEntry& audit) {
    const std::string when = time_text(now);
    write([&](SqlRunner& sql) {
        const Event before = require_event(sql, id);
        require_scheduled(before, "edit it");
        auto rows = sql.query(
            "UPDATE public_events SET kind = $2, title = $3, place_name = $4, address = $5, "
            "lon_e7 = $6, lat_e7 = $7, starts_at = $8, ends_at = $9, agenda = $10, "
            "sequence = sequence + 1, updated_at = $11 "
            "WHERE id = $1 AND status = 'scheduled' RETURNING id",
            SqlParams()
                .add(id)
                .add(to_string(fields.kind))
                .add(fields.title)
                .add(fields.place_name)
                .add(fields.address)
                .add(lon_e7(fields))
                .add(lat_e7(fields))
                .add(time_text(fields.starts_at))
                .add(time_text(fields.ends_at))
                .add(fields.agenda)
                .add(when));
        if (!rows->next()) require_scheduled(require_event(sql, id), "edit it");
        AuditEntry entry = with_defaults(audit, "event.update", "event", std::to_string(id),
                                         before.municipality_code);
        if (entry.details_json == "{}") {
            entry.details_json =
                json{{"changed", changed_fields_agenda_events(before.fields, fields)}}.dump();
        }
        append_audit_row(sql, entry, now);
    });
}

void AgendaStore::cancel_event(std::int64_t id, std::string_view reason, TimePoint now,
                               const AuditEntry& audit) {
    const std::string when = time_text(now);
    write([&](SqlRunner& sql) {
        const Event before = require_event(sql, id);
        require_scheduled(before, "cancel it again");
        auto rows = sql.query(
            "UPDATE public_events SET status = 'cancelled', cancel_reason = $2, "
            "cancelled_at = $3, sequence = sequence + 1, updated_at = $3 "
            "WHERE id = $1 AND status = 'scheduled' RETURNING id",
            SqlParams().add(id).add(reason).add(when));
        if (!rows->next()) require_scheduled(require_event(sql, id), "cancel it again");
        append_audit_row(sql,
                         with_defaults(audit, "event.cancel", "event", std::to_string(id),
                                       before.municipality_code),
                         now);
    });
}

void AgendaStore::record_event_minutes(std::int64_t id, std::string_view minutes,
                                       std::optional<std::int64_t> attendance, TimePoint now,
                                       const AuditEntry& audit) {
    const std::string when = time_text(now);
    write([&](SqlRunner& sql) {
        const Event before = require_event(sql, id);
        require_scheduled(before, "record minutes");
        if (before.fields.starts_at > now) {
            agenda::throw_conflict("event " + std::to_string(id) + " has not begun yet",
                                   "starts_at");
        }
        auto rows = sql.query(
            "UPDATE public_events SET minutes = $2, attendance = $3, minutes_recorded_at = $4, "
            "sequence = sequence + 1, updated_at = $4 "
            "WHERE id = $1 AND status = 'scheduled' AND starts_at <= $4 RETURNING id",
            SqlParams().add(id).add(minutes).add(attendance).add(when));
        if (!rows->next()) {
            agenda::throw_conflict("event " + std::to_string(id) + " changed meanwhile", "status");
        }
        AuditEntry entry = with_defaults(audit, "event.minutes", "event", std::to_string(id),
                                         before.municipality_code);
        if (entry.details_json == "{}") {
            json details = {{"attendance", attendance ? json(*attendance) : json()},
                            {"corrected", before.minutes.has_value()}};
            entry.details_json = details.dump();
        }
        append_audit_row(sql, entry, now);
    });
}

}  // namespace okrsek::store
