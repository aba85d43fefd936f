#include "store/migrations.hpp"

#include <array>
#include <vector>

#include "store/schema_addresses.hpp"
#include "store/schema_agenda.hpp"
#include "store/schema_area_profiles.hpp"
#include "store/schema_crime.hpp"
#include "store/schema_directory.hpp"
#include "store/schema_outbox.hpp"
#include "store/schema_reports.hpp"

namespace okrsek::store {
namespace {

// Keep SQL portable: TEXT timestamps in ISO 8601 UTC, BIGINT ids, DOUBLE PRECISION, no
// engine-specific functions. The two spellings that differ are the ${…} placeholders.
constexpr std::string_view v1_areas = R"sql(
CREATE TABLE municipalities (
    code BIGINT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE layers (
    id ${ID},
    name TEXT NOT NULL UNIQUE,
    version BIGINT NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);
CREATE TABLE areas (
    id ${ID},
    layer_id BIGINT NOT NULL REFERENCES layers (id),
    municipality_code BIGINT NOT NULL REFERENCES municipalities (code),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    properties TEXT NOT NULL,
    min_lon DOUBLE PRECISION NOT NULL,
    min_lat DOUBLE PRECISION NOT NULL,
    max_lon DOUBLE PRECISION NOT NULL,
    max_lat DOUBLE PRECISION NOT NULL,
    geometry ${BLOB} NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (layer_id, municipality_code, code)
);
CREATE INDEX areas_municipality ON areas (municipality_code);
CREATE TABLE layer_imports (
    id ${ID},
    layer_id BIGINT NOT NULL REFERENCES layers (id),
    municipality_code BIGINT REFERENCES municipalities (code),
    fingerprint TEXT NOT NULL,
    area_count BIGINT NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE INDEX layer_imports_scope ON layer_imports (layer_id, municipality_code);
)sql";

// The security core. Booleans are INTEGER 0/1 (compared with "= 1": PostgreSQL has no implicit
// integer truth). Secrets are never stored: tokens, links and recovery codes as hashes, the
// TOTP secret as the bytes the service gives (it encrypts them). Role grants, api tokens and
// the audit log carry the municipality they concern; accounts, sessions and throttle counters
// are deployment-wide. A grant's area has no foreign key on purpose: a re-import that drops
// the area must not fail, and a grant to an area that no longer exists matches nothing.
constexpr std::string_view v2_security = R"sql(
CREATE TABLE users (
    id ${ID},
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT,
    totp_secret ${BLOB},
    totp_enabled INTEGER NOT NULL DEFAULT 0 CHECK (totp_enabled IN (0, 1)),
    totp_last_step BIGINT,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    password_changed_at TEXT,
    last_login_at TEXT,
    CHECK (totp_enabled = 0 OR totp_secret IS NOT NULL)
);
CREATE TABLE user_recovery_codes (
    id ${ID},
    user_id BIGINT NOT NULL REFERENCES users (id),
    code_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX user_recovery_codes_user ON user_recovery_codes (user_id);
CREATE TABLE role_grants (
    id ${ID},
    user_id BIGINT NOT NULL REFERENCES users (id),
    role TEXT NOT NULL CHECK (role <> ''),
    scope_kind TEXT NOT NULL
        CHECK (scope_kind IN ('global', 'municipality', 'city_part', 'district')),
    scope_municipality_code BIGINT REFERENCES municipalities (code),
    scope_area_id BIGINT,
    granted_by BIGINT REFERENCES users (id),
    granted_at TEXT NOT NULL,
    revoked_at TEXT,
    revoked_by BIGINT REFERENCES users (id),
    CHECK ((scope_kind = 'global' AND scope_municipality_code IS NULL
                AND scope_area_id IS NULL)
        OR (scope_kind = 'municipality' AND scope_municipality_code IS NOT NULL
                AND scope_area_id IS NULL)
        OR (scope_kind IN ('city_part', 'district') AND scope_municipality_code IS NOT NULL
                AND scope_area_id IS NOT NULL))
);
CREATE UNIQUE INDEX role_grants_active ON role_grants (user_id, role, scope_kind,
    COALESCE(scope_municipality_code, 0), COALESCE(scope_area_id, 0)) WHERE revoked_at IS NULL;
CREATE INDEX role_grants_municipality ON role_grants (scope_municipality_code);
CREATE TABLE sensitive_roles (
    role TEXT PRIMARY KEY,
    marked_at TEXT NOT NULL
);
CREATE TABLE sessions (
    id ${ID},
    token_hash TEXT NOT NULL UNIQUE,
    user_id BIGINT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ip TEXT,
    user_agent TEXT,
    second_factor_pending INTEGER NOT NULL DEFAULT 0 CHECK (second_factor_pending IN (0, 1)),
    revoked_at TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE TABLE api_tokens (
    id ${ID},
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    scope TEXT NOT NULL,
    municipality_code BIGINT REFERENCES municipalities (code),
    created_by BIGINT REFERENCES users (id),
    created_at TEXT NOT NULL,
    expires_at TEXT,
    revoked_at TEXT,
    last_used_at TEXT
);
CREATE TABLE one_time_links (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    purpose TEXT NOT NULL CHECK (purpose IN ('invite', 'password_reset')),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX one_time_links_user ON one_time_links (user_id);
CREATE TABLE throttle_counters (
    key TEXT PRIMARY KEY,
    window_start TEXT NOT NULL,
    count BIGINT NOT NULL,
    locked_until TEXT
);
CREATE TABLE audit_log (
    id BIGINT NOT NULL PRIMARY KEY,
    occurred_at TEXT NOT NULL,
    actor_kind TEXT NOT NULL CHECK (actor_kind IN ('user', 'token', 'system', 'cli')),
    actor_id BIGINT,
    action TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id TEXT NOT NULL,
    municipality_code BIGINT,
    client_address TEXT,
    reason TEXT,
    details TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
-- The viewer lists the newest rows first: each filter's index ends with the id, so a page is
-- read backwards along it and stops at the page's end instead of sorting every match.
CREATE INDEX audit_log_occurred ON audit_log (occurred_at);
CREATE INDEX audit_log_actor ON audit_log (actor_kind, actor_id, id);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id, id);
CREATE INDEX audit_log_municipality ON audit_log (municipality_code, id);
CREATE TABLE audit_head (
    id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    last_id BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
)sql";

// The code has no UPDATE or DELETE of audit rows; these triggers also stop one typed by hand
// or smuggled in by a future bug. They do not stop the database's owner, who can drop them:
// the hash chain is what detects that.
constexpr std::string_view v2_sqlite_guards = R"sql(
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
)sql";

constexpr std::string_view v2_postgresql_guards = R"sql(
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
)sql";

constexpr std::array<Migration, 9> all_migrations{{
    {1, "municipalities, layers, areas, layer imports", v1_areas},
    {2, "users, role grants, sessions, api tokens, one-time links, throttling, audit log",
     v2_security, v2_sqlite_guards, v2_postgresql_guards},
    {3, "address points", v3_addresses_sql},
    {4, "district teams, photos, places", v4_directory_sql},
    {5, "district priorities, public meetings", v5_agenda_sql},
    {6, "e-mail outbox", v6_outbox_sql},
    {7, "citizen reports, categories, escalation levels, templates, area alerts", v7_reports_sql},
    {8, "crime sources, code lists, incidents and their types", v8_crime_sql},
    {9, "area profiles: population, amenities, prevention workers", v9_area_profiles_sql},
}};

// Parents before children. audit_head last: a restore brings the chain's rows before the
// head that vouches for them.
constexpr std::array<std::string_view, 14> base_portable_tables{
    "municipalities", "layers",          "areas",
    "layer_imports",  "users",           "user_recovery_codes",
    "role_grants",    "sensitive_roles", "sessions",
    "api_tokens",     "one_time_links",  "throttle_counters",
    "audit_log",      "audit_head"};

void replace_all(std::string& text, std::string_view from, std::string_view to) {
    for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos)) {
        text.replace(pos, from.size(), to);
        pos += to.size();
    }
}

}  // namespace

std::span<const Migration> migrations() {
    return all_migrations;
}

int latest_schema_version() {
    return all_migrations.back().version;
}

std::span<const std::string_view> portable_tables() {
    // The security tables before the later migrations' (which may refer to users); audit_head
    // stays last.
    static const std::vector<std::string_view> tables = [] {
        std::vector<std::string_view> all(base_portable_tables.begin(),
                                          base_portable_tables.end() - 2);
        all.insert(all.end(), v3_tables.begin(), v3_tables.end());
        all.insert(all.end(), v4_tables.begin(), v4_tables.end());
        all.insert(all.end(), v5_tables.begin(), v5_tables.end());
        all.insert(all.end(), v6_tables.begin(), v6_tables.end());
        all.insert(all.end(), v7_tables.begin(), v7_tables.end());
        all.insert(all.end(), v8_tables.begin(), v8_tables.end());
        all.insert(all.end(), v9_tables.begin(), v9_tables.end());
        all.insert(all.end(), base_portable_tables.end() - 2, base_portable_tables.end());
        return all;
    }();
    return tables;
}

std::string render_sql(const Migration& migration, Dialect dialect) {
    std::string sql(migration.sql);
    const bool pg = dialect == Dialect::postgresql;
    replace_all(sql, "${ID}",
                pg ? "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY");
    replace_all(sql, "${BLOB}", pg ? "BYTEA" : "BLOB");
    return sql + std::string(pg ? migration.postgresql_sql : migration.sqlite_sql);
}

}  // namespace okrsek::store
