#include "http/agenda_json.hpp"

#include "core/prague_time.hpp"

namespace okrsek::http {
namespace {

using nlohmann::json;

template <typename T>
json or_null(const std::optional<T>& value) {
    return value ? json(*value) : json(nullptr);
}

json history_json(const std::vector<store::PriorityStatusChange>& history) {
    json list = json::array();
    for (const auto& change : history) {
        list.push_back(
            {{"from", change.from ? json(store::to_string(*change.from)) : json(nullptr)},
             {"to", store::to_string(change.to)},
             {"reason", or_null(change.reason)},
             {"changed_at", prague_time_json(change.changed_at)}});
    }
    return list;
}

json evaluation_json(const std::optional<store::PriorityEvaluation>& evaluation) {
    if (!evaluation) return nullptr;
    return {{"outcome", store::to_string(evaluation->outcome)},
            {"text", evaluation->text},
            {"evaluated_on", evaluation->evaluated_on},
            {"event_id", or_null(evaluation->event_id)},
            {"recorded_at", prague_time_json(evaluation->recorded_at)}};
}

json paging(std::int64_t total, std::size_t count, const service::AgendaPage& asked) {
    const auto next = asked.offset + count;
    return {{"total", total},
            {"limit", asked.limit},
            {"offset", asked.offset},
            {"next_offset",
             static_cast<std::int64_t>(next) < total && count > 0 ? json(next) : json(nullptr)}};
}

}  // namespace

json prague_time_json(const std::optional<store::TimePoint>& time) {
    if (!time) return nullptr;
    return core::format_prague_time(std::chrono::floor<std::chrono::seconds>(*time));
}

json AgendaJson::district(std::int64_t id) {
    if (auto found = m_districts.find(id); found != m_districts.end()) return found->second;
    json value = {{"id", id}, {"code", nullptr}, {"name", nullptr}};
    if (const auto info = m_agenda.find_district(id)) {
        value["code"] = info->code;
        value["name"] = info->name;
    }
    m_districts.emplace(id, value);
    return value;
}

json AgendaJson::priority(const store::Priority& priority, bool history) {
    const auto& fields = priority.fields;
    json out = {{"id", priority.id},
                {"district", district(priority.district_id)},
                {"municipality", priority.municipality_code},
                {"title", fields.title},
                {"description", fields.description},
                {"source", store::to_string(fields.source)},
                {"raised_on", fields.raised_on},
                {"source_event_id", or_null(fields.source_event_id)},
                {"action_taken", fields.action_taken},
                {"action_updated_at", prague_time_json(priority.action_updated_at)},
                {"status", store::to_string(priority.status)},
                {"status_changed_at", prague_time_json(priority.status_changed_at)},
                {"dropped_reason", or_null(priority.dropped_reason)},
                {"evaluation", evaluation_json(priority.evaluation)},
                {"created_at", prague_time_json(priority.created_at)},
                {"updated_at", prague_time_json(priority.updated_at)}};
    if (history) out["history"] = history_json(priority.history);
    return out;
}

json AgendaJson::event(const store::Event& event) {
    const auto& fields = event.fields;
    json position = nullptr;
    if (fields.position) position = {{"lon", fields.position->lon}, {"lat", fields.position->lat}};
    return {{"id", event.id},
            {"uid", event.uid},
            {"scope", event.district_id ? "district" : "town"},
            {"district", event.district_id ? district(*event.district_id) : json(nullptr)},
            {"municipality", event.municipality_code},
            {"kind", store::to_string(fields.kind)},
            {"title", fields.title},
            {"place_name", fields.place_name},
            {"address", fields.address},
            {"position", position},
            {"starts_at", prague_time_json(fields.starts_at)},
            {"ends_at", prague_time_json(fields.ends_at)},
            {"agenda", fields.agenda},
            {"status", store::to_string(event.status)},
            {"cancel_reason", or_null(event.cancel_reason)},
            {"cancelled_at", prague_time_json(event.cancelled_at)},
            {"minutes", or_null(event.minutes)},
            {"attendance", or_null(event.attendance)},
            {"minutes_recorded_at", prague_time_json(event.minutes_recorded_at)},
            {"sequence", event.sequence},
            {"created_at", prague_time_json(event.created_at)},
            {"updated_at", prague_time_json(event.updated_at)}};
}

json AgendaJson::priorities(const store::PriorityPage& page, const service::AgendaPage& asked) {
    json list = json::array();
    for (const auto& item : page.items) list.push_back(priority(item));
    json out = paging(page.total, page.items.size(), asked);
    out["priorities"] = std::move(list);
    return out;
}

json AgendaJson::events(const store::EventPage& page, const service::AgendaPage& asked) {
    json list = json::array();
    for (const auto& item : page.items) list.push_back(event(item));
    json out = paging(page.total, page.items.size(), asked);
    out["events"] = std::move(list);
    return out;
}

}  // namespace okrsek::http
