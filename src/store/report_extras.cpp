// ReportStore: a town's answer templates and citizens' area alert subscriptions.
#include "core/error.hpp"
#include "store/account_common.hpp"
#include "store/audit_log.hpp"
#include "store/directory_common.hpp"
#include "store/report_common.hpp"

namespace okrsek::store {
namespace {

using core::Error;
using core::ErrorCode;
using namespace accounts;
using namespace reports;

constexpr std::string_view template_columns =
    "id, municipality_code, title, body, created_at, updated_at";
constexpr std::string_view subscription_columns =
    "id, municipality_code, district_id, email, token_hash, confirmed_at, created_at, "
    "last_update_id";

AnswerTemplate template_of(const SqlRows& rows) {
    AnswerTemplate answer;
    answer.id = rows.int64(0);
    answer.municipality_code = rows.int64(1);
    answer.title = rows.text(2);
    answer.body = rows.text(3);
    answer.created_at = parse_time(rows.text(4));
    answer.updated_at = parse_time(rows.text(5));
    return answer;
}

AreaSubscription subscription_of(const SqlRows& rows) {
    AreaSubscription subscription;
    subscription.id = rows.int64(0);
    subscription.municipality_code = rows.int64(1);
    subscription.district_id = rows.int64(2);
    subscription.email = rows.text(3);
    subscription.token_hash = rows.text(4);
    subscription.confirmed_at = optional_time(rows, 5);
    subscription.created_at = parse_time(rows.text(6));
    subscription.last_update_id = rows.int64(7);
    return subscription;
}

void check_template(std::string_view title, std::string_view body) {
    check_text(title, max_name_bytes, "title", true);
    check_text(body, max_report_update_bytes, "body", true, true);
}

// The town of template `id` (locked on PostgreSQL); throws not_found.
std::int64_t template_town(SqlRunner& sql, std::int64_t id) {
    const std::string lock = sql.dialect() == Dialect::postgresql ? " FOR UPDATE" : "";
    auto rows = sql.query("SELECT municipality_code FROM report_templates WHERE id = $1" + lock,
                          SqlParams().add(id));
    if (!rows->next()) throw_not_found("answer template", id, "id");
    return rows->int64(0);
}

void require_free_title(SqlRunner& sql, std::int64_t town, std::string_view title,
                        std::int64_t except_id) {
    if (exists(sql,
               "SELECT 1 FROM report_templates WHERE municipality_code = $1 AND title = $2 AND "
               "id <> $3",
               SqlParams().add(town).add(title).add(except_id))) {
        throw Error(ErrorCode::conflict, "the town has a template of this title", "title");
    }
}

}  // namespace

std::vector<AnswerTemplate> ReportStore::answer_templates(std::int64_t municipality_code) {
    std::vector<AnswerTemplate> templates;
    read([&](SqlRunner& sql) {
        templates.clear();
        auto rows = sql.query("SELECT " + std::string(template_columns) +
                                  " FROM report_templates WHERE municipality_code = $1 "
                                  "ORDER BY title, id",
                              SqlParams().add(municipality_code));
        while (rows->next()) templates.push_back(template_of(*rows));
    });
    return templates;
}

std::optional<AnswerTemplate> ReportStore::find_answer_template(std::int64_t template_id) {
    std::optional<AnswerTemplate> answer;
    read([&](SqlRunner& sql) {
        answer.reset();
        auto rows = sql.query(
            "SELECT " + std::string(template_columns) + " FROM report_templates WHERE id = $1",
            SqlParams().add(template_id));
        if (rows->next()) answer = template_of(*rows);
    });
    return answer;
}

std::int64_t ReportStore::create_answer_template(std::int64_t municipality_code,
                                                 std::string_view title, std::string_view body,
                                                 TimePoint now, const AuditEntry& audit) {
    check_template(title, body);
    std::int64_t id = 0;
    write([&](SqlRunner& sql) {
        directory::require_town(sql, municipality_code);
        require_free_title(sql, municipality_code, title, 0);
        auto rows = sql.query(
            "INSERT INTO report_templates (municipality_code, title, body, created_at, "
            "updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING id",
            SqlParams().add(municipality_code).add(title).add(body).add(time_text(now)));
        rows->next();
        id = rows->int64(0);
        append_audit_row(sql,
                         with_defaults(audit, "report_template.create", "report_template",
                                       std::to_string(id), municipality_code),
                         now);
    });
    return id;
}

void ReportStore::update_answer_template(std::int64_t template_id, std::string_view title,
                                         std::string_view body, TimePoint now,
                                         const AuditEntry& audit) {
    check_template(title, body);
    write([&](SqlRunner& sql) {
        const std::int64_t town = template_town(sql, template_id);
        require_free_title(sql, town, title, template_id);
        sql.execute(
            "UPDATE report_templates SET title = $2, body = $3, updated_at = $4 WHERE id = $1",
            SqlParams().add(template_id).add(title).add(body).add(time_text(now)));
        append_audit_row(sql,
                         with_defaults(audit, "report_template.update", "report_template",
                                       std::to_string(template_id), town),
                         now);
    });
}

void ReportStore::delete_answer_template(std::int64_t template_id, const AuditEntry& audit) {
    const TimePoint now = std::chrono::system_clock::now();
    write([&](SqlRunner& sql) {
        const std::int64_t town = template_town(sql, template_id);
        sql.execute("DELETE FROM report_templates WHERE id = $1", SqlParams().add(template_id));
        append_audit_row(sql,
                         with_defaults(audit, "report_template.delete", "report_template",
                                       std::to_string(template_id), town),
                         now);
    });
}

std::int64_t ReportStore::subscribe_area(std::int64_t municipality_code, std::int64_t district_id,
                                         std::string_view email, std::string_view token_hash,
                                         const OutboxMessage& confirmation, TimePoint now) {
    const std::string address = normalized_email(email);
    checked_hash(token_hash, "token_hash");
    std::int64_t id = 0;
    write([&](SqlRunner& sql) {
        directory::require_town(sql, municipality_code);
        auto rows = sql.query(
            "SELECT id, confirmed_at FROM area_subscriptions WHERE district_id = $1 AND email = $2",
            SqlParams().add(district_id).add(address));
        if (rows->next()) {
            if (!rows->is_null(1))
                throw Error(ErrorCode::conflict, "the address is subscribed already", "email");
            id = rows->int64(0);
            sql.execute("UPDATE area_subscriptions SET token_hash = $2 WHERE id = $1",
                        SqlParams().add(id).add(token_hash));
        } else {
            auto inserted = sql.query(
                "INSERT INTO area_subscriptions (municipality_code, district_id, email, "
                "token_hash, created_at, last_update_id) VALUES ($1, $2, $3, $4, $5, 0) "
                "RETURNING id",
                SqlParams()
                    .add(municipality_code)
                    .add(district_id)
                    .add(address)
                    .add(token_hash)
                    .add(time_text(now)));
            inserted->next();
            id = inserted->int64(0);
        }
        append_outbox_message(sql, confirmation, now);
    });
    return id;
}

bool ReportStore::confirm_subscription(std::string_view token_hash, TimePoint now) {
    bool found = false;
    write([&](SqlRunner& sql) {
        // Alerts start after the newest report; a second confirmation changes nothing.
        auto rows = sql.query(
            "UPDATE area_subscriptions SET confirmed_at = $2, last_update_id = "
            "(SELECT COALESCE(MAX(id), 0) FROM reports) WHERE token_hash = $1 AND "
            "confirmed_at IS NULL RETURNING id",
            SqlParams().add(token_hash).add(time_text(now)));
        found =
            rows->next() || exists(sql, "SELECT 1 FROM area_subscriptions WHERE token_hash = $1",
                                   SqlParams().add(token_hash));
    });
    return found;
}

bool ReportStore::unsubscribe(std::string_view token_hash) {
    bool found = false;
    write([&](SqlRunner& sql) {
        auto rows = sql.query("DELETE FROM area_subscriptions WHERE token_hash = $1 RETURNING id",
                              SqlParams().add(token_hash));
        found = rows->next();
    });
    return found;
}

std::vector<AreaSubscription> ReportStore::district_subscriptions(std::int64_t district_id) {
    std::vector<AreaSubscription> subscriptions;
    read([&](SqlRunner& sql) {
        subscriptions.clear();
        auto rows = sql.query("SELECT " + std::string(subscription_columns) +
                                  " FROM area_subscriptions WHERE district_id = $1 AND "
                                  "confirmed_at IS NOT NULL ORDER BY id",
                              SqlParams().add(district_id));
        while (rows->next()) subscriptions.push_back(subscription_of(*rows));
    });
    return subscriptions;
}

void ReportStore::record_alerts(std::span<const std::int64_t> subscription_ids,
                                std::int64_t last_report_id, std::span<const OutboxMessage> mails,
                                TimePoint now) {
    if (subscription_ids.size() > max_list_ids) {
        throw Error(ErrorCode::invalid_argument,
                    "at most " + std::to_string(max_list_ids) + " subscriptions",
                    "subscription_ids");
    }
    if (mails.size() > max_list_ids) {
        throw Error(ErrorCode::invalid_argument,
                    "at most " + std::to_string(max_list_ids) + " mails", "mails");
    }
    write([&](SqlRunner& sql) {
        for (const auto& mail : mails) append_outbox_message(sql, mail, now);
        for (const auto id : subscription_ids) {
            sql.execute(
                "UPDATE area_subscriptions SET last_update_id = $2 WHERE id = $1 AND "
                "last_update_id < $2",
                SqlParams().add(id).add(last_report_id));
        }
    });
}

}  // namespace okrsek::store
