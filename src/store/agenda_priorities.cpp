// AgendaStore: district priorities, their status history and evaluation.
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "store/account_common.hpp"
#include "store/agenda_common.hpp"
#include "store/audit_log.hpp"

namespace okrsek::store {
namespace {

using accounts::append_audit_row;
using accounts::parse_time;
using accounts::time_text;
using accounts::with_defaults;
using nlohmann::json;

constexpr std::size_t max_priority_page = 500;

std::optional<Priority> priority_row(SqlRunner& sql, std::int64_t id) {
    auto rows = sql.query("SELECT " + std::string(agenda::priority_columns) +
                              " FROM district_priorities WHERE id = $1",
                          SqlParams().add(id));
    if (!rows->next()) return std::nullopt;
    return agenda::priority_of(*rows);
}

Priority require_priority(SqlRunner& sql, std::int64_t id) {
    auto priority = priority_row(sql, id);
    if (!priority) agenda::throw_missing("priority", id);
    return std::move(*priority);
}

std::vector<PriorityStatusChange> history_of(SqlRunner& sql, std::int64_t id) {
    auto rows = sql.query(
        "SELECT id, from_status, to_status, reason, changed_at FROM priority_status_changes "
        "WHERE priority_id = $1 ORDER BY id",
        SqlParams().add(id));
    std::vector<PriorityStatusChange> history;
    while (rows->next()) {
        PriorityStatusChange change;
        change.id = rows->int64(0);
        if (!rows->is_null(1)) change.from = agenda::stored_priority_status(rows->text(1));
        change.to = agenda::stored_priority_status(rows->text(2));
        change.reason = rows->optional_text(3);
        change.changed_at = parse_time(rows->text(4));
        history.push_back(std::move(change));
    }
    return history;
}

void add_history(SqlRunner& sql, std::int64_t id, std::optional<PriorityStatus> from,
                 PriorityStatus to, const std::optional<std::string>& reason,
                 const std::string& when) {
    sql.execute(
        "INSERT INTO priority_status_changes (priority_id, from_status, to_status, reason, "
        "changed_at) VALUES ($1, $2, $3, $4, $5)",
        SqlParams()
            .add(id)
            .add(from ? std::optional<std::string>(std::string(to_string(*from))) : std::nullopt)
            .add(to_string(to))
            .add(reason)
            .add(when));
}

// The names of the written fields that differ, for the audit row (values stay out of it).
json changed_fields(const PriorityFields& before, const PriorityFields& after) {
    json names = json::array();
    if (before.title != after.title) names.push_back("title");
    if (before.description != after.description) names.push_back("description");
    if (before.source != after.source) names.push_back("source");
    if (before.raised_on != after.raised_on) names.push_back("raised_on");
    if (before.source_event_id != after.source_event_id) names.push_back("source_event_id");
    if (before.action_taken != after.action_taken) names.push_back("action_taken");
    return names;
}

// WHERE clause and parameters of a filter, parameters numbered from $1.
std::string where_of(const PriorityFilter& filter, SqlParams& params) {
    std::string where = "1 = 1";
    int n = 0;
    if (filter.municipality_code) {
        params.add(*filter.municipality_code);
        where += " AND municipality_code = $" + std::to_string(++n);
    }
    if (filter.district_id) {
        params.add(*filter.district_id);
        where += " AND district_id = $" + std::to_string(++n);
    }
    if (filter.status) {
        params.add(to_string(*filter.status));
        where += " AND status = $" + std::to_string(++n);
    }
    return where;
}

}  // namespace

std::int64_t AgendaStore::create_priority(const NewPriority& priority, TimePoint now,
                                          const AuditEntry& audit) {
    const std::string when = time_text(now);
    const auto& fields = priority.fields;
    std::int64_t id = 0;
    write([&](SqlRunner& sql) {
        auto rows = sql.query(
            "INSERT INTO district_priorities (municipality_code, district_id, title, "
            "description, source, raised_on, source_event_id, action_taken, action_updated_at, "
            "status, status_changed_at, created_at, updated_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10, $10, $10) RETURNING id",
            SqlParams()
                .add(priority.municipality_code)
                .add(priority.district_id)
                .add(fields.title)
                .add(fields.description)
                .add(to_string(fields.source))
                .add(fields.raised_on)
                .add(fields.source_event_id)
                .add(fields.action_taken)
                .add(fields.action_taken.empty() ? std::nullopt : std::optional(when))
                .add(when));
        rows->next();
        id = rows->int64(0);
        add_history(sql, id, std::nullopt, PriorityStatus::open, std::nullopt, when);
        AuditEntry entry = with_defaults(audit, "priority.create", "priority", std::to_string(id),
                                         priority.municipality_code);
        if (entry.details_json == "{}") {
            entry.details_json = json{{"district_id", priority.district_id}}.dump();
        }
        append_audit_row(sql, entry, now);
    });
    return id;
}

std::optional<Priority> AgendaStore::find_priority(std::int64_t id) {
    std::optional<Priority> priority;
    snapshot([&](SqlRunner& sql) {
        priority = priority_row(sql, id);
        if (priority) priority->history = history_of(sql, id);
    });
    return priority;
}

PriorityPage AgendaStore::list_priorities(const PriorityFilter& filter) {
    if (filter.limit < 1 || filter.limit > max_priority_page) {
        throw core::Error(core::ErrorCode::invalid_argument, "limit must be from 1 to 500",
                          "limit");
    }
    PriorityPage page;
    snapshot([&](SqlRunner& sql) {
        page = {};
        SqlParams params;
        const std::string where = where_of(filter, params);
        auto count = sql.query("SELECT COUNT(*) FROM district_priorities WHERE " + where, params);
        if (count->next()) page.total = count->int64(0);
        const int n = static_cast<int>(params.values().size());
        params.add(static_cast<std::int64_t>(filter.limit));
        params.add(static_cast<std::int64_t>(filter.offset));
        auto rows = sql.query(
            "SELECT " + std::string(agenda::priority_columns) + " FROM district_priorities WHERE " +
                where +
                " ORDER BY CASE WHEN status IN ('open', 'in_progress') THEN 0 ELSE 1 END, "
                "raised_on DESC, id DESC LIMIT $" +
                std::to_string(n + 1) + " OFFSET $" + std::to_string(n + 2),
            params);
        while (rows->next()) page.items.push_back(agenda::priority_of(*rows));
    });
    return page;
}

void AgendaStore::update_priority(std::int64_t id, const PriorityFields& fields, TimePoint now,
                                  const AuditEntry& audit) {
    const std::string when = time_text(now);
    write([&](SqlRunner& sql) {
        const Priority before = require_priority(sql, id);
        const bool action_changed = before.fields.action_taken != fields.action_taken;
        sql.execute(
            "UPDATE district_priorities SET title = $2, description = $3, source = $4, "
            "raised_on = $5, source_event_id = $6, action_taken = $7, "
            "action_updated_at = CASE WHEN $8 = 1 THEN $9 ELSE action_updated_at END, "
            "updated_at = $9 WHERE id = $1",
            SqlParams()
                .add(id)
                .add(fields.title)
                .add(fields.description)
                .add(to_string(fields.source))
                .add(fields.raised_on)
                .add(fields.source_event_id)
                .add(fields.action_taken)
                .add_flag(action_changed)
                .add(when));
        AuditEntry entry = with_defaults(audit, "priority.update", "priority", std::to_string(id),
                                         before.municipality_code);
        if (entry.details_json == "{}") {
            entry.details_json = json{{"changed", changed_fields(before.fields, fields)}}.dump();
        }
        append_audit_row(sql, entry, now);
    });
}

void AgendaStore::change_priority_status(std::int64_t id, PriorityStatus from, PriorityStatus to,
                                         const std::optional<std::string>& reason, TimePoint now,
                                         const AuditEntry& audit) {
    const std::string when = time_text(now);
    write([&](SqlRunner& sql) {
        const Priority before = require_priority(sql, id);
        // The WHERE re-checks the status under the row lock: of two concurrent changes from
        // the same status, one finds it changed.
        auto rows = sql.query(
            "UPDATE district_priorities SET status = $3, status_changed_at = $4, updated_at = $4, "
            "dropped_reason = CASE WHEN $3 = 'dropped' THEN $5 ELSE dropped_reason END "
            "WHERE id = $1 AND status = $2 RETURNING id",
            SqlParams().add(id).add(to_string(from)).add(to_string(to)).add(when).add(reason));
        if (!rows->next()) {
            agenda::throw_conflict("priority " + std::to_string(id) + " is " +
                                       std::string(to_string(before.status)) + ", not " +
                                       std::string(to_string(from)),
                                   "status");
        }
        add_history(sql, id, from, to, reason, when);
        AuditEntry entry = with_defaults(audit, "priority.status", "priority", std::to_string(id),
                                         before.municipality_code);
        if (entry.details_json == "{}") {
            entry.details_json = json{{"from", to_string(from)}, {"to", to_string(to)}}.dump();
        }
        append_audit_row(sql, entry, now);
    });
}

void AgendaStore::evaluate_priority(std::int64_t id, const PriorityEvaluation& evaluation,
                                    TimePoint now, const AuditEntry& audit) {
    const std::string when = time_text(now);
    write([&](SqlRunner& sql) {
        const Priority before = require_priority(sql, id);
        auto rows = sql.query(
            "UPDATE district_priorities SET evaluation_outcome = $2, evaluation_text = $3, "
            "evaluated_on = $4, evaluation_event_id = $5, evaluation_recorded_at = $6, "
            "updated_at = $6 WHERE id = $1 AND status = 'action_completed' RETURNING id",
            SqlParams()
                .add(id)
                .add(to_string(evaluation.outcome))
                .add(evaluation.text)
                .add(evaluation.evaluated_on)
                .add(evaluation.event_id)
                .add(when));
        if (!rows->next()) {
            agenda::throw_conflict("priority " + std::to_string(id) +
                                       " can be evaluated only once its action is completed",
                                   "status");
        }
        AuditEntry entry = with_defaults(audit, "priority.evaluate", "priority", std::to_string(id),
                                         before.municipality_code);
        if (entry.details_json == "{}") {
            json details = {{"outcome", to_string(evaluation.outcome)},
                            {"corrected", before.evaluation.has_value()}};
            entry.details_json = details.dump();
        }
        append_audit_row(sql, entry, now);
    });
}

}  // namespace okrsek::store
