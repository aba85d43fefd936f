#include "store/audit_log.hpp"

#include "core/error.hpp"
#include "store/account_common.hpp"
#include "store/audit_chain.hpp"

namespace okrsek::store {
namespace accounts {
namespace {

using core::Error;
using core::ErrorCode;

// Rows per read while verifying: bounded memory however long the log is.
constexpr std::int64_t verify_page_rows = 1000;
constexpr std::size_t max_list_rows = 1000;

const std::string audit_columns =
    "id, occurred_at, actor_kind, actor_id, action, object_type, object_id, municipality_code, "
    "client_address, reason, details, prev_hash, hash";

// Locks the head row until the transaction ends, creating it on the first append. The INSERT
// comes before the locking SELECT so that two first appends cannot both see no head: the
// second INSERT waits for the first to commit and then does nothing.
AuditHead lock_head(SqlRunner& sql) {
    const std::string select = sql.dialect() == Dialect::postgresql
                                   ? "SELECT last_id, last_hash FROM audit_head WHERE id = 1 "
                                     "FOR UPDATE"
                                   : "SELECT last_id, last_hash FROM audit_head WHERE id = 1";
    auto rows = sql.query(select);
    if (!rows->next()) {
        sql.execute(
            "INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, $1) "
            "ON CONFLICT (id) DO NOTHING",
            SqlParams().add(audit_genesis_hash));
        rows = sql.query(select);
        if (!rows->next()) throw Error(ErrorCode::internal, "cannot create the audit head");
    }
    AuditHead head{rows->int64(0), rows->text(1)};
    // Under the lock no append can be half done, so rows without a head were put there (or
    // the head deleted) behind the code's back. Refuse to start a second chain beside them.
    if (head.last_id == 0 && exists(sql, "SELECT 1 FROM audit_log", {})) {
        throw Error(ErrorCode::internal,
                    "the audit log has rows but its head is missing; run okrsek audit verify");
    }
    return head;
}

AuditFields fields_of(const SqlRows& rows) {
    AuditFields row;
    row.id = rows.int64(0);
    row.occurred_at = rows.text(1);
    row.actor_kind = rows.text(2);
    row.actor_id = rows.optional_int64(3);
    row.action = rows.text(4);
    row.object_type = rows.text(5);
    row.object_id = rows.text(6);
    row.municipality_code = rows.optional_int64(7);
    row.client_address = rows.optional_text(8);
    row.reason = rows.optional_text(9);
    row.details = rows.text(10);
    row.prev_hash = rows.text(11);
    return row;
}

AuditRecord record_of(const SqlRows& rows) {
    AuditFields fields = fields_of(rows);
    AuditRecord record;
    record.id = fields.id;
    record.occurred_at = parse_time(fields.occurred_at);
    record.actor_kind = actor_kind_from(fields.actor_kind);
    record.actor_id = fields.actor_id;
    record.action = std::move(fields.action);
    record.object_type = std::move(fields.object_type);
    record.object_id = std::move(fields.object_id);
    record.municipality_code = fields.municipality_code;
    record.client_address = std::move(fields.client_address);
    record.reason = std::move(fields.reason);
    record.details_json = std::move(fields.details);
    record.prev_hash = std::move(fields.prev_hash);
    record.hash = rows.text(12);
    return record;
}

// The WHERE clause of `filter` with its parameters numbered from $1.
std::string where_clause(const AuditFilter& filter, SqlParams& params) {
    std::string where;
    int next = 1;
    const auto condition = [&](const std::string& text) {
        where += (where.empty() ? " WHERE " : " AND ") + text;
    };
    const auto placeholder = [&] { return "$" + std::to_string(next++); };
    if (filter.actor_kind) {
        condition("actor_kind = " + placeholder());
        params.add(to_string(*filter.actor_kind));
    }
    if (filter.actor_id) {
        condition("actor_id = " + placeholder());
        params.add(*filter.actor_id);
    }
    if (filter.action.ends_with('.')) {
        // substr, not LIKE: LIKE ignores case on SQLite only, and '_' would match any byte.
        const std::string length = placeholder();
        const std::string prefix = placeholder();
        condition("substr(action, 1, " + length + ") = " + prefix);
        params.add(static_cast<std::int64_t>(filter.action.size())).add(filter.action);
    } else if (!filter.action.empty()) {
        condition("action = " + placeholder());
        params.add(filter.action);
    }
    if (!filter.object_type.empty()) {
        condition("object_type = " + placeholder());
        params.add(filter.object_type);
    }
    if (!filter.object_id.empty()) {
        condition("object_id = " + placeholder());
        params.add(filter.object_id);
    }
    if (filter.municipality_code) {
        condition("municipality_code = " + placeholder());
        params.add(*filter.municipality_code);
    }
    if (filter.from) {
        condition("occurred_at >= " + placeholder());
        params.add(time_text(*filter.from));
    }
    if (filter.until) {
        condition("occurred_at < " + placeholder());
        params.add(time_text(*filter.until));
    }
    if (filter.before_id) {
        condition("id < " + placeholder());
        params.add(*filter.before_id);
    }
    // One placeholder per statement: the operands of + are evaluated in no fixed order.
    const std::string limit = placeholder();
    const std::string offset = placeholder();
    return where + " ORDER BY id DESC LIMIT " + limit + " OFFSET " + offset;
}

}  // namespace

std::int64_t append_audit_row(SqlRunner& sql, const AuditEntry& entry, TimePoint now) {
    check_audit_entry(entry);
    const AuditHead head = lock_head(sql);
    AuditFields row;
    row.id = head.last_id + 1;
    row.occurred_at = time_text(now);
    row.actor_kind = to_string(entry.actor_kind);
    row.actor_id = entry.actor_id;
    row.action = entry.action;
    row.object_type = entry.object_type;
    row.object_id = entry.object_id;
    row.municipality_code = entry.municipality_code;
    row.client_address = entry.client_address;
    row.reason = entry.reason;
    row.details = entry.details_json;
    row.prev_hash = head.last_hash;
    const std::string hash = audit_hash(row);
    sql.execute("INSERT INTO audit_log (" + audit_columns +
                    ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                SqlParams()
                    .add(row.id)
                    .add(row.occurred_at)
                    .add(row.actor_kind)
                    .add(row.actor_id)
                    .add(row.action)
                    .add(row.object_type)
                    .add(row.object_id)
                    .add(row.municipality_code)
                    .add(row.client_address)
                    .add(row.reason)
                    .add(row.details)
                    .add(row.prev_hash)
                    .add(hash));
    sql.execute("UPDATE audit_head SET last_id = $1, last_hash = $2 WHERE id = 1",
                SqlParams().add(row.id).add(hash));
    return row.id;
}

}  // namespace accounts

std::int64_t AccountStore::append_audit(const AuditEntry& entry, TimePoint now) {
    accounts::check_audit_entry(entry);
    std::int64_t id = 0;
    write([&](SqlRunner& sql) { id = accounts::append_audit_row(sql, entry, now); });
    return id;
}

std::vector<AuditRecord> AccountStore::list_audit(const AuditFilter& filter) {
    if (filter.limit == 0 || filter.limit > accounts::max_list_rows) {
        throw core::Error(core::ErrorCode::invalid_argument, "limit must be 1 to 1000", "limit");
    }
    SqlParams params;
    const std::string sql = "SELECT " + accounts::audit_columns + " FROM audit_log" +
                            accounts::where_clause(filter, params);
    params.add(static_cast<std::int64_t>(filter.limit))
        .add(static_cast<std::int64_t>(filter.offset));
    std::vector<AuditRecord> records;
    read([&](SqlRunner& runner) {
        records.clear();
        auto rows = runner.query(sql, params);
        while (rows->next()) records.push_back(accounts::record_of(*rows));
    });
    return records;
}

AuditVerification AccountStore::verify_audit_chain() {
    AuditVerification result;
    snapshot([&](SqlRunner& sql) {
        std::optional<AuditHead> head;
        auto head_rows = sql.query("SELECT last_id, last_hash FROM audit_head WHERE id = 1");
        if (head_rows->next()) head = AuditHead{head_rows->int64(0), head_rows->text(1)};
        AuditChainCheck check;
        std::int64_t after = 0;
        for (bool sound = true, more = true; sound && more;) {
            auto rows = sql.query("SELECT " + accounts::audit_columns +
                                      " FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2",
                                  SqlParams().add(after).add(accounts::verify_page_rows));
            std::int64_t count = 0;
            while (sound && rows->next()) {
                ++count;
                after = rows->int64(0);
                sound = check.add(accounts::fields_of(*rows), rows->text(12));
            }
            more = count == accounts::verify_page_rows;
        }
        result = check.finish(head);
    });
    return result;
}

}  // namespace okrsek::store
