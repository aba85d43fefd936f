// OutboxStore: claiming with leases, recording outcomes, and the staff's operations.
#include <algorithm>
#include <utility>

#include "core/error.hpp"
#include "store/account_common.hpp"
#include "store/audit_log.hpp"
#include "store/outbox_common.hpp"

namespace okrsek::store {
namespace {

using accounts::time_text;
using core::Error;
using core::ErrorCode;

constexpr std::size_t max_claim = 1000;
constexpr std::size_t max_list = 1000;
constexpr std::size_t max_error_bytes = 300;

// Due: queued and its time has come, or sending under a lease that ran out (its worker died
// or hung). Written twice in the claim: once to choose, once more as the UPDATE's own
// condition, which PostgreSQL re-checks on the row's newest version after waiting for a
// concurrent claim, so a row two workers chose goes to one of them only.
constexpr std::string_view due_condition =
    "((state = 'queued' AND next_attempt_at <= $3) OR (state = 'sending' AND lease_until <= $3))";

std::string checked_error(std::string_view error) {
    return accounts::truncated_utf8(error.empty() ? "unknown error" : error, max_error_bytes);
}

OutboxRecord locked_message(SqlRunner& sql, std::int64_t id) {
    const std::string lock = sql.dialect() == Dialect::postgresql ? " FOR UPDATE" : "";
    auto rows = sql.query(
        "SELECT " + std::string(outbox::columns) + " FROM outbox_messages WHERE id = $1" + lock,
        SqlParams().add(id));
    if (!rows->next()) accounts::throw_not_found("outbox message", id, "id");
    return outbox::record_of(*rows);
}

bool returned_a_row(SqlRunner& sql, const std::string& statement, const SqlParams& params) {
    auto rows = sql.query(statement + " RETURNING id", params);
    return rows->next();
}

}  // namespace

void OutboxStore::write(const std::function<void(SqlRunner&)>& work) {
    try {
        run_write(work);
    } catch (const Error& error) {
        accounts::rethrow_without_values(error);
    }
}

void OutboxStore::read(const std::function<void(SqlRunner&)>& work) {
    try {
        run_read(work);
    } catch (const Error& error) {
        accounts::rethrow_without_values(error);
    }
}

std::int64_t OutboxStore::enqueue(const OutboxMessage& message, TimePoint now) {
    outbox::check_message(message);
    std::int64_t id = 0;
    write([&](SqlRunner& sql) { id = append_outbox_message(sql, message, now); });
    return id;
}

std::vector<std::int64_t> OutboxStore::enqueue_all(std::span<const OutboxMessage> messages,
                                                   TimePoint now) {
    std::vector<std::int64_t> ids;
    write([&](SqlRunner& sql) {
        ids.clear();
        for (const auto& message : messages)
            ids.push_back(append_outbox_message(sql, message, now));
    });
    return ids;
}

std::vector<OutboxRecord> OutboxStore::claim_due(std::string_view owner, std::size_t limit,
                                                 TimePoint now, std::chrono::seconds lease) {
    if (limit == 0 || limit > max_claim)
        throw Error(ErrorCode::invalid_argument, "limit must be 1 to 1000", "limit");
    if (owner.empty() || owner.size() > 100)
        throw Error(ErrorCode::invalid_argument, "owner must be 1 to 100 bytes", "owner");
    std::vector<OutboxRecord> claimed;
    write([&](SqlRunner& sql) {
        claimed.clear();
        // PostgreSQL: rows another worker is claiming right now are skipped, not waited for,
        // so several workers take different batches instead of queueing on the same rows. The
        // choice is materialised once: as a plain subquery PostgreSQL may run it again while
        // updating, and then find further rows (the ones updated are no longer due).
        const bool pg = sql.dialect() == Dialect::postgresql;
        const std::string due(due_condition);
        auto rows = sql.query(
            std::string("WITH chosen AS ") + (pg ? "MATERIALIZED " : "") +
                "(SELECT id FROM outbox_messages WHERE " + due +
                " ORDER BY next_attempt_at, id LIMIT $4" + (pg ? " FOR UPDATE SKIP LOCKED" : "") +
                ") UPDATE outbox_messages SET state = 'sending', lease_owner = $1, "
                "lease_until = $2, attempts = attempts + 1, updated_at = $3 "
                "WHERE id IN (SELECT id FROM chosen) AND " +
                due + " RETURNING " + std::string(outbox::columns),
            SqlParams()
                .add(owner)
                .add(time_text(now + lease))
                .add(time_text(now))
                .add(static_cast<std::int64_t>(limit)));
        while (rows->next()) claimed.push_back(outbox::record_of(*rows));
    });
    std::sort(claimed.begin(), claimed.end(), [](const auto& a, const auto& b) {
        return std::pair(a.next_attempt_at, a.id) < std::pair(b.next_attempt_at, b.id);
    });
    return claimed;
}

bool OutboxStore::mark_sent(std::int64_t id, TimePoint now) {
    bool done = false;
    write([&](SqlRunner& sql) {
        done = returned_a_row(sql,
                              "UPDATE outbox_messages SET state = 'sent', sent_at = $2, "
                              "updated_at = $2, lease_owner = NULL, lease_until = NULL, "
                              "last_error = NULL WHERE id = $1 AND state IN ('sending', 'queued')",
                              SqlParams().add(id).add(time_text(now)));
    });
    return done;
}

bool OutboxStore::retry_later(std::int64_t id, std::string_view owner, std::string_view error,
                              TimePoint next_attempt_at, TimePoint now) {
    bool done = false;
    write([&](SqlRunner& sql) {
        done = returned_a_row(
            sql,
            "UPDATE outbox_messages SET state = 'queued', next_attempt_at = $3, last_error = $4, "
            "updated_at = $5, lease_owner = NULL, lease_until = NULL "
            "WHERE id = $1 AND state = 'sending' AND lease_owner = $2",
            SqlParams()
                .add(id)
                .add(owner)
                .add(time_text(next_attempt_at))
                .add(checked_error(error))
                .add(time_text(now)));
    });
    return done;
}

bool OutboxStore::mark_failed(std::int64_t id, std::string_view owner, std::string_view error,
                              TimePoint now) {
    bool done = false;
    write([&](SqlRunner& sql) {
        done = returned_a_row(
            sql,
            "UPDATE outbox_messages SET state = 'failed', last_error = $3, "
            "updated_at = $4, lease_owner = NULL, lease_until = NULL "
            "WHERE id = $1 AND state = 'sending' AND lease_owner = $2",
            SqlParams().add(id).add(owner).add(checked_error(error)).add(time_text(now)));
    });
    return done;
}

bool OutboxStore::release(std::int64_t id, std::string_view owner, TimePoint now) {
    bool done = false;
    write([&](SqlRunner& sql) {
        done = returned_a_row(
            sql,
            "UPDATE outbox_messages SET state = 'queued', next_attempt_at = $3, updated_at = $3, "
            "attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END, "
            "lease_owner = NULL, lease_until = NULL "
            "WHERE id = $1 AND state = 'sending' AND lease_owner = $2",
            SqlParams().add(id).add(owner).add(time_text(now)));
    });
    return done;
}

std::optional<OutboxRecord> OutboxStore::find_outbox_message(std::int64_t id) {
    std::optional<OutboxRecord> record;
    read([&](SqlRunner& sql) {
        record.reset();
        auto rows = sql.query(
            "SELECT " + std::string(outbox::columns) + " FROM outbox_messages WHERE id = $1",
            SqlParams().add(id));
        if (rows->next()) record = outbox::record_of(*rows);
    });
    return record;
}

std::vector<OutboxRecord> OutboxStore::list_outbox(const OutboxFilter& filter) {
    if (filter.limit == 0 || filter.limit > max_list)
        throw Error(ErrorCode::invalid_argument, "limit must be 1 to 1000", "limit");
    std::string where;
    SqlParams params;
    int next = 1;
    const auto condition = [&](const std::string& column) {
        where += (where.empty() ? " WHERE " : " AND ") + column + " $" + std::to_string(next++);
    };
    if (filter.state) {
        condition("state =");
        params.add(to_string(*filter.state));
    }
    if (filter.kind) {
        condition("kind =");
        params.add(*filter.kind);
    }
    if (filter.before_id) {
        condition("id <");
        params.add(*filter.before_id);
    }
    const std::string sql_text = "SELECT " + std::string(outbox::columns_without_body) +
                                 " FROM outbox_messages" + where + " ORDER BY id DESC LIMIT $" +
                                 std::to_string(next);
    params.add(static_cast<std::int64_t>(filter.limit));
    std::vector<OutboxRecord> records;
    read([&](SqlRunner& sql) {
        records.clear();
        auto rows = sql.query(sql_text, params);
        while (rows->next()) records.push_back(outbox::record_of(*rows));
    });
    return records;
}

OutboxCounts OutboxStore::count_outbox() {
    OutboxCounts counts;
    read([&](SqlRunner& sql) {
        counts = {};
        auto rows = sql.query("SELECT state, COUNT(*) FROM outbox_messages GROUP BY state");
        while (rows->next()) {
            const auto state = outbox_state_from(rows->text(0));
            const std::int64_t count = rows->int64(1);
            if (!state) continue;
            switch (*state) {
                case OutboxState::queued:
                    counts.queued = count;
                    break;
                case OutboxState::sending:
                    counts.sending = count;
                    break;
                case OutboxState::sent:
                    counts.sent = count;
                    break;
                case OutboxState::failed:
                    counts.failed = count;
                    break;
                case OutboxState::cancelled:
                    counts.cancelled = count;
                    break;
            }
        }
    });
    return counts;
}

void OutboxStore::retry_outbox_message(std::int64_t id, TimePoint now, const AuditEntry& audit) {
    write([&](SqlRunner& sql) {
        const auto record = locked_message(sql, id);
        if (record.state == OutboxState::sending || record.state == OutboxState::sent)
            throw Error(
                ErrorCode::conflict,
                "message " + std::to_string(id) + " is " + std::string(to_string(record.state)),
                "state");
        if (!record.body) throw Error(ErrorCode::conflict, "the body was purged", "state");
        // A failed or cancelled message starts afresh: it gets its full number of attempts.
        const std::string attempts = record.state == OutboxState::queued ? "" : ", attempts = 0";
        sql.execute(
            "UPDATE outbox_messages SET state = 'queued', next_attempt_at = $2, "
            "updated_at = $2" +
                attempts + " WHERE id = $1",
            SqlParams().add(id).add(time_text(now)));
        accounts::append_audit_row(
            sql,
            accounts::with_defaults(audit, "outbox.retry", "outbox_message", std::to_string(id),
                                    record.municipality_code),
            now);
    });
}

void OutboxStore::cancel_outbox_message(std::int64_t id, TimePoint now, const AuditEntry& audit) {
    write([&](SqlRunner& sql) {
        const auto record = locked_message(sql, id);
        if (record.state != OutboxState::queued && record.state != OutboxState::failed)
            throw Error(
                ErrorCode::conflict,
                "message " + std::to_string(id) + " is " + std::string(to_string(record.state)),
                "state");
        sql.execute("UPDATE outbox_messages SET state = 'cancelled', updated_at = $2 WHERE id = $1",
                    SqlParams().add(id).add(time_text(now)));
        accounts::append_audit_row(
            sql,
            accounts::with_defaults(audit, "outbox.cancel", "outbox_message", std::to_string(id),
                                    record.municipality_code),
            now);
    });
}

std::int64_t OutboxStore::purge_outbox_bodies(TimePoint before) {
    std::int64_t purged = 0;
    write([&](SqlRunner& sql) {
        purged = 0;
        auto rows = sql.query(
            "UPDATE outbox_messages SET body = NULL WHERE body IS NOT NULL AND "
            "((state = 'sent' AND sent_at < $1) OR (state = 'cancelled' AND updated_at < $1)) "
            "RETURNING id",
            SqlParams().add(time_text(before)));
        while (rows->next()) ++purged;
    });
    return purged;
}

}  // namespace okrsek::store
