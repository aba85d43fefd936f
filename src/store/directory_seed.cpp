#include "store/directory_seed.hpp"

#include "core/error.hpp"
#include "store/account_common.hpp"
#include "store/audit_log.hpp"
#include "store/directory_common.hpp"

namespace okrsek::store::directory {

bool seed_town_defaults(SqlRunner& sql, const TownDefaults& defaults,
                        std::int64_t municipality_code, std::size_t count,
                        const std::function<void(std::size_t, SqlParams&)>& bind, TimePoint now,
                        const AuditEntry& audit) {
    require_town(sql, municipality_code);
    if (accounts::exists(sql, "SELECT 1 FROM " + defaults.table + " WHERE municipality_code = $1",
                         SqlParams().add(municipality_code))) {
        return false;
    }
    // Two servers may seed at once: the second one's rows meet the unique index, wait for the
    // first to commit and are dropped.
    const std::string when = accounts::time_text(now);
    for (std::size_t i = 0; i < count; ++i) {
        SqlParams params;
        params.add(municipality_code);
        bind(i, params);
        params.add(static_cast<std::int64_t>(i + 1)).add(when);
        auto rows = sql.query(defaults.insert_sql, params);
        if (!rows->next()) {
            if (i == 0) return false;
            throw core::Error(core::ErrorCode::conflict, defaults.conflict, defaults.field);
        }
    }
    accounts::append_audit_row(
        sql,
        accounts::with_defaults(audit, defaults.audit_action, "municipality",
                                std::to_string(municipality_code), municipality_code),
        now);
    return true;
}

}  // namespace okrsek::store::directory
