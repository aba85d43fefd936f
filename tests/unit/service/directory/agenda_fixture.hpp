#pragma once

// The two invented towns of the auth tests (Testov: districts W in city part T1 and E in T2;
// Jinov: district J) with the people who may or may not edit their agendas, and helpers to
// build what they send. Everyone here is invented.

#include <gtest/gtest.h>

#include "core/prague_time.hpp"
#include "service/directory/district_agenda.hpp"
#include "unit/service/auth/auth_fixture.hpp"

namespace okrsek::service::test_auth {

class AgendaTest : public AuthTest {
protected:
    AgendaTest() {
        import_towns();
        w = area_id("districts", "W");
        e = area_id("districts", "E");
        j = area_id("districts", "J");
        t1 = area_id("city_parts", "T1");
        manager =
            as_user(add_user("martin.prevence@example.org", "Martin Prevence",
                             sec::Role::prevention_manager, sec::Scope::municipality(testov)));
        leader_t1 =
            as_user(add_user("lenka.velitelka@example.org", "Lenka Velitelka",
                             sec::Role::municipal_police_leadership, sec::Scope::city_part(t1)));
        officer_w = as_user(add_user("tomas.okrskar@example.org", "Tomáš Okrskář",
                                     sec::Role::district_state_officer, sec::Scope::district(w)));
        officer_e =
            as_user(add_user("karel.vychodni@example.org", "Karel Východní",
                             sec::Role::district_municipal_officer, sec::Scope::district(e)));
        jinov_manager =
            as_user(add_user("jiri.jinovsky@example.org", "Jiří Jinovský",
                             sec::Role::prevention_manager, sec::Scope::municipality(jinov)));
    }

    DistrictAgenda& agenda() { return platform.agenda(); }

    /// The Prague date `days_from_now` days from the clock's day.
    std::string date(int days_from_now) const {
        const auto today =
            core::prague_date(std::chrono::floor<std::chrono::seconds>(clock->now()));
        return core::format_date(std::chrono::year_month_day{std::chrono::sys_days{today} +
                                                             std::chrono::days(days_from_now)});
    }

    PriorityInput priority_input(const std::string& title) const {
        PriorityInput input;
        input.title = title;
        input.description = "Obyvatelé hlásí: " + title;
        input.source = store::PrioritySource::public_meeting;
        input.raised_on = date(-10);
        return input;
    }

    /// An event `offset` from now, lasting 90 minutes.
    EventInput event_input(const std::string& title, std::chrono::minutes offset) const {
        EventInput input;
        input.kind = store::EventKind::public_meeting;
        input.title = title;
        input.place_name = "Sokolovna";
        input.address = "Hlavní 1, Testov";
        input.starts_at = clock->now() + offset;
        input.ends_at = *input.starts_at + std::chrono::minutes(90);
        input.agenda = "1. Úvod\n2. Diskuse";
        return input;
    }

    /// Audit rows of the agenda ("priority.…" and "event.…").
    std::size_t agenda_audit_rows() {
        return audit_rows("priority.").size() + audit_rows("event.").size();
    }

    std::int64_t w = 0, e = 0, j = 0, t1 = 0;
    Principal manager, leader_t1, officer_w, officer_e, jinov_manager;
};

}  // namespace okrsek::service::test_auth
