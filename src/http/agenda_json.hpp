#pragma once

// Priorities and events as the API's JSON (docs/http-api.md, "Priorities and public
// meetings"). Times are Prague wall-clock time with their offset
// ("2026-12-03T17:00:00+01:00"), dates "YYYY-MM-DD". The district card reuses these.

#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "service/directory/district_agenda.hpp"
#include "store/agenda.hpp"

namespace okrsek::http {

/// "2026-12-03T17:00:00+01:00", or null.
nlohmann::json prague_time_json(const std::optional<store::TimePoint>& time);

/// Renders priorities and events, naming their districts from the catalog (looked up once
/// per district per instance).
class AgendaJson {
public:
    explicit AgendaJson(const service::DistrictAgenda& agenda) : m_agenda(agenda) {}

    /// With `history` the status changes too (the detail answer).
    nlohmann::json priority(const store::Priority& priority, bool history = false);
    nlohmann::json event(const store::Event& event);
    /// {"priorities":[…],"total":…,"limit":…,"offset":…,"next_offset":…|null}
    nlohmann::json priorities(const store::PriorityPage& page, const service::AgendaPage& asked);
    /// {"events":[…], and the same paging members}
    nlohmann::json events(const store::EventPage& page, const service::AgendaPage& asked);

private:
    nlohmann::json district(std::int64_t id);

    const service::DistrictAgenda& m_agenda;
    std::map<std::int64_t, nlohmann::json> m_districts;
};

}  // namespace okrsek::http
