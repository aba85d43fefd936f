#pragma once

// Schema migration 7: citizen reports (owned by store/report_*.cpp). Design: docs/reports.md.

#include <array>
#include <string_view>

namespace okrsek::store {

// Choices worth a word:
// - A category belongs to a town; its code is stable (it is the Open311 service_code). The
//   category names the team role (team_roles.code) whose current holder owns a report, its
//   response targets in Czech working days, guidance shown before the form, and extra fields
//   (a JSON array, see docs/reports.md). `accepts_reports` 0: guidance only ("not for the
//   district team: call …").
// - Escalation levels 1–4 of a town (police leadership, coordination meeting, security
//   commission, council) with their working-day deadline and a contact address; level 0 is the
//   district team with the category's targets.
// - A report keeps its original text for ever; `public_description` is what the public sees
//   (moderators edit it; audited). The reporter's contact is sealed (SecretBox, context
//   "report-contact:<id>"); only a keyed hash of the e-mail is searchable (rate limits, "my
//   reports"); `submitter_key` is a keyed hash of the client address (rate limits), never the
//   address itself. The tracking link's token is stored as its SHA-256 only.
// - `version` grows with every change: the service writes with the version it read, so two
//   servers escalating the same report at once cannot both succeed (exactly one escalation).
// - `duplicate_of` is checked at commit (DEFERRABLE INITIALLY DEFERRED, both engines): a report
//   may be merged into a later one, and a restore inserts reports in id order.
// - Indexes follow the inbox (bench/bench_report_inbox.cpp, a million reports): a district's
//   reports by state or category, newest first, with their count from the index alone; and
//   `reports_open`, a partial index of the unfinished reports only (a few percent of all) that
//   holds every deadline, so "overdue" and the escalation sweep never read the table but for
//   the rows they return. `id` ends these indexes: the store chooses a page's ids from an
//   index alone, then reads those rows (PostgreSQL's index-only scans need every column). Its WHERE
//   is spelled exactly as report_common.cpp's open_state_condition: SQLite uses a partial index
//   only for a query that repeats its terms.
// - Positions are WGS 84 in units of 1e-7 degree (BIGINT), as places. District and city-part
//   ids have no foreign key (as everywhere: re-imports must not fail).
inline constexpr std::string_view v7_reports_sql = R"sql(
CREATE TABLE report_categories (
    id ${ID},
    municipality_code BIGINT NOT NULL REFERENCES municipalities (code),
    code TEXT NOT NULL CHECK (code <> ''),
    name_cs TEXT NOT NULL,
    name_en TEXT NOT NULL,
    description_cs TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    guidance_cs TEXT NOT NULL DEFAULT '',
    guidance_en TEXT NOT NULL DEFAULT '',
    accepts_reports INTEGER NOT NULL DEFAULT 1 CHECK (accepts_reports IN (0, 1)),
    owner_role_code TEXT NOT NULL,
    first_response_days BIGINT NOT NULL CHECK (first_response_days BETWEEN 1 AND 60),
    resolution_days BIGINT NOT NULL CHECK (resolution_days BETWEEN 1 AND 250),
    extra_fields_json TEXT NOT NULL DEFAULT '[]',
    sort_order BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    retired_at TEXT,
    UNIQUE (municipality_code, code)
);
CREATE TABLE report_levels (
    id ${ID},
    municipality_code BIGINT NOT NULL REFERENCES municipalities (code),
    level BIGINT NOT NULL CHECK (level BETWEEN 1 AND 4),
    code TEXT NOT NULL,
    name_cs TEXT NOT NULL,
    name_en TEXT NOT NULL,
    deadline_days BIGINT NOT NULL CHECK (deadline_days BETWEEN 1 AND 250),
    contact_email TEXT,
    updated_at TEXT NOT NULL,
    UNIQUE (municipality_code, level)
);
CREATE TABLE reports (
    id ${ID},
    municipality_code BIGINT NOT NULL REFERENCES municipalities (code),
    city_part_id BIGINT,
    district_id BIGINT,
    category_id BIGINT NOT NULL REFERENCES report_categories (id),
    lon_e7 BIGINT NOT NULL,
    lat_e7 BIGINT NOT NULL,
    address_text TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL,
    public_description TEXT NOT NULL,
    extra_json TEXT NOT NULL DEFAULT '{}',
    state TEXT NOT NULL CHECK (state IN ('new', 'acknowledged', 'in_progress', 'resolved',
        'closed_not_competent', 'closed_duplicate', 'closed_no_action', 'reopened')),
    state_reason TEXT,
    passed_to TEXT,
    duplicate_of BIGINT REFERENCES reports (id) DEFERRABLE INITIALLY DEFERRED,
    visibility TEXT NOT NULL CHECK (visibility IN ('pending', 'public', 'hidden')),
    level BIGINT NOT NULL DEFAULT 0 CHECK (level BETWEEN 0 AND 4),
    level_due TEXT,
    first_response_due TEXT NOT NULL,
    resolution_due TEXT NOT NULL,
    first_response_at TEXT,
    resolved_at TEXT,
    closed_at TEXT,
    fixed_confirmed_at TEXT,
    owner_role_code TEXT,
    owner_holder_id BIGINT,
    owner_user_id BIGINT REFERENCES users (id),
    tracking_hash TEXT NOT NULL UNIQUE,
    open311_token TEXT UNIQUE,
    confirm_hash TEXT UNIQUE,
    contact_sealed ${BLOB},
    contact_email_hash TEXT,
    has_email INTEGER NOT NULL DEFAULT 0 CHECK (has_email IN (0, 1)),
    show_name INTEGER NOT NULL DEFAULT 0 CHECK (show_name IN (0, 1)),
    public_name TEXT,
    submitter_key TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL CHECK (source IN ('web', 'open311', 'staff')),
    confirmed_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    CHECK (show_name = 0 OR public_name IS NOT NULL)
);
CREATE INDEX reports_town_created ON reports (municipality_code, created_at);
CREATE INDEX reports_district_created ON reports (district_id, created_at);
CREATE INDEX reports_town_state ON reports (municipality_code, state, created_at);
CREATE INDEX reports_district_state ON reports (district_id, state, created_at, id);
CREATE INDEX reports_district_category ON reports (district_id, category_id, created_at, id);
CREATE INDEX reports_open ON reports (municipality_code, created_at, state, level,
    first_response_at, first_response_due, resolution_due, level_due, id)
    WHERE state IN ('new', 'acknowledged', 'in_progress', 'reopened');
CREATE INDEX reports_email_hash ON reports (contact_email_hash, created_at);
CREATE INDEX reports_submitter ON reports (submitter_key, created_at);
CREATE INDEX reports_updated ON reports (municipality_code, updated_at);
CREATE TABLE report_updates (
    id ${ID},
    report_id BIGINT NOT NULL REFERENCES reports (id),
    created_at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('submitted', 'confirmed', 'approved', 'hidden', 'state',
        'answer', 'note', 'citizen', 'reopened', 'escalated', 'reassigned', 'category', 'place',
        'merged', 'moderated', 'fixed_confirmed')),
    public INTEGER NOT NULL CHECK (public IN (0, 1)),
    author_kind TEXT NOT NULL CHECK (author_kind IN ('citizen', 'staff', 'system')),
    author_user_id BIGINT REFERENCES users (id),
    author_name TEXT,
    from_state TEXT,
    to_state TEXT,
    level BIGINT,
    body TEXT NOT NULL DEFAULT ''
);
CREATE INDEX report_updates_report ON report_updates (report_id, id);
CREATE INDEX report_updates_town_feed ON report_updates (created_at);
CREATE TABLE report_photos (
    id ${ID},
    report_id BIGINT NOT NULL REFERENCES reports (id),
    update_id BIGINT REFERENCES report_updates (id),
    jpeg ${BLOB} NOT NULL,
    sha256 TEXT NOT NULL,
    width BIGINT NOT NULL,
    height BIGINT NOT NULL,
    thumb_jpeg ${BLOB} NOT NULL,
    thumb_sha256 TEXT NOT NULL,
    public INTEGER NOT NULL DEFAULT 1 CHECK (public IN (0, 1)),
    created_at TEXT NOT NULL
);
CREATE INDEX report_photos_report ON report_photos (report_id);
CREATE TABLE report_templates (
    id ${ID},
    municipality_code BIGINT NOT NULL REFERENCES municipalities (code),
    title TEXT NOT NULL CHECK (title <> ''),
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (municipality_code, title)
);
CREATE TABLE area_subscriptions (
    id ${ID},
    municipality_code BIGINT NOT NULL REFERENCES municipalities (code),
    district_id BIGINT NOT NULL,
    email TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    confirmed_at TEXT,
    created_at TEXT NOT NULL,
    last_update_id BIGINT NOT NULL DEFAULT 0,
    UNIQUE (district_id, email)
);
)sql";

inline constexpr std::array<std::string_view, 7> v7_tables{
    "report_categories", "report_levels",    "reports",           "report_updates",
    "report_photos",     "report_templates", "area_subscriptions"};

}  // namespace okrsek::store
