#pragma once

// Schema migration 5: district priorities and public meetings (owned by store/agenda_*.cpp).

#include <array>
#include <string_view>

namespace okrsek::store {

// Events and priorities carry their town (RÚIAN code). The district is an area id without a
// foreign key, as role grants have it: a re-import that drops a district must not fail, and
// the rows stay with their town (editable by the town's staff). An event without a district
// is town-wide. Times are ISO 8601 UTC text; dates (raised_on, evaluated_on) are Prague
// calendar dates "YYYY-MM-DD". An event's position is in units of 1e-7 degrees
// (about a centimetre, as areas are rounded), exact on both engines. A priority's status changes
// are kept as history rows (who made them is in the audit log).
inline constexpr std::string_view v5_agenda_sql = R"sql(
CREATE TABLE public_events (
    id ${ID},
    uid TEXT NOT NULL UNIQUE,
    municipality_code BIGINT NOT NULL REFERENCES municipalities (code),
    district_id BIGINT,
    kind TEXT NOT NULL CHECK (kind IN ('public_meeting', 'prevention_event', 'other')),
    title TEXT NOT NULL CHECK (title <> ''),
    place_name TEXT NOT NULL,
    address TEXT NOT NULL,
    lon_e7 BIGINT,
    lat_e7 BIGINT,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    agenda TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'cancelled')),
    cancel_reason TEXT,
    cancelled_at TEXT,
    minutes TEXT,
    attendance BIGINT CHECK (attendance IS NULL OR attendance >= 0),
    minutes_recorded_at TEXT,
    sequence BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((lon_e7 IS NULL AND lat_e7 IS NULL) OR (lon_e7 IS NOT NULL AND lat_e7 IS NOT NULL)),
    CHECK (ends_at > starts_at),
    CHECK (status = 'scheduled' OR cancel_reason IS NOT NULL)
);
CREATE INDEX public_events_town ON public_events (municipality_code, starts_at);
CREATE INDEX public_events_district ON public_events (district_id, starts_at);
CREATE TABLE district_priorities (
    id ${ID},
    municipality_code BIGINT NOT NULL REFERENCES municipalities (code),
    district_id BIGINT NOT NULL,
    title TEXT NOT NULL CHECK (title <> ''),
    description TEXT NOT NULL,
    source TEXT NOT NULL
        CHECK (source IN ('public_meeting', 'citizen_reports', 'survey', 'other')),
    raised_on TEXT NOT NULL,
    source_event_id BIGINT REFERENCES public_events (id),
    action_taken TEXT NOT NULL,
    action_updated_at TEXT,
    status TEXT NOT NULL
        CHECK (status IN ('open', 'in_progress', 'action_completed', 'dropped')),
    status_changed_at TEXT NOT NULL,
    dropped_reason TEXT,
    evaluation_outcome TEXT
        CHECK (evaluation_outcome IS NULL
            OR evaluation_outcome IN ('worked', 'partly', 'did_not_work')),
    evaluation_text TEXT,
    evaluated_on TEXT,
    evaluation_event_id BIGINT REFERENCES public_events (id),
    evaluation_recorded_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (status <> 'dropped' OR dropped_reason IS NOT NULL),
    CHECK (evaluation_outcome IS NULL OR status = 'action_completed'),
    CHECK ((evaluation_outcome IS NULL AND evaluated_on IS NULL)
        OR (evaluation_outcome IS NOT NULL AND evaluated_on IS NOT NULL))
);
CREATE INDEX district_priorities_district ON district_priorities (district_id, status);
CREATE INDEX district_priorities_town ON district_priorities (municipality_code);
CREATE TABLE priority_status_changes (
    id ${ID},
    priority_id BIGINT NOT NULL REFERENCES district_priorities (id),
    from_status TEXT,
    to_status TEXT NOT NULL,
    reason TEXT,
    changed_at TEXT NOT NULL
);
CREATE INDEX priority_status_changes_priority ON priority_status_changes (priority_id, id);
)sql";

/// The tables migration 5 creates, parents first (for backups).
inline constexpr std::array<std::string_view, 3> v5_tables{"public_events", "district_priorities",
                                                           "priority_status_changes"};

}  // namespace okrsek::store
