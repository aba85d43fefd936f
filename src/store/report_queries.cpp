// ReportStore: selecting reports (the inbox's filters, the escalation sweep). Every value of a
// filter is a bound parameter.
#include "core/error.hpp"
#include "store/account_common.hpp"
#include "store/report_common.hpp"

namespace okrsek::store {
namespace {

using core::Error;
using core::ErrorCode;
using namespace accounts;
using namespace reports;

// Not finished and past one of its deadlines at $n.
std::string overdue_condition(const std::string& at) {
    return "(" + open_state_condition +
           " AND ((first_response_at IS NULL AND first_response_due <= " + at +
           ") OR resolution_due <= " + at + " OR (level_due IS NOT NULL AND level_due <= " + at +
           ")))";
}

// A WHERE clause and its parameters, written one condition at a time.
class Where {
public:
    std::string placeholder() { return "$" + std::to_string(m_next++); }

    void add(const std::string& condition) {
        m_text += (m_text.empty() ? " WHERE " : " AND ") + condition;
    }

    template <typename Value>
    void equal(const char* column, const Value& value) {
        add(std::string(column) + " = " + placeholder());
        m_params.add(value);
    }

    void compare(const char* column, const char* op, const std::optional<TimePoint>& time) {
        if (!time) return;
        add(std::string(column) + " " + op + " " + placeholder());
        m_params.add(time_text(*time));
    }

    // "column IN ($n, …)"; `strings` the values' spellings.
    std::string in(const char* column, const std::vector<std::string>& values) {
        std::string list;
        for (const auto& value : values) {
            list += (list.empty() ? "" : ", ") + placeholder();
            m_params.add(value);
        }
        return std::string(column) + " IN (" + list + ")";
    }

    std::string in(const char* column, const std::vector<std::int64_t>& values) {
        std::string list;
        for (const auto value : values) {
            list += (list.empty() ? "" : ", ") + placeholder();
            m_params.add(value);
        }
        return std::string(column) + " IN (" + list + ")";
    }

    const std::string& text() const { return m_text; }
    SqlParams& params() { return m_params; }

private:
    std::string m_text;
    SqlParams m_params;
    int m_next = 1;
};

template <typename T>
void check_list(const std::vector<T>& values, const char* field) {
    if (values.size() > max_list_ids) {
        throw Error(ErrorCode::invalid_argument,
                    std::string(field) + " may list at most " + std::to_string(max_list_ids),
                    field);
    }
}

void check_filter(const ReportFilter& filter) {
    if (filter.limit == 0 || filter.limit > max_report_page) {
        throw Error(ErrorCode::invalid_argument,
                    "limit must be 1 to " + std::to_string(max_report_page), "limit");
    }
    if (filter.offset > 10'000'000)
        throw Error(ErrorCode::invalid_argument, "offset is too large", "offset");
    check_list(filter.municipality_codes, "municipality_codes");
    check_list(filter.district_ids, "district_ids");
    check_list(filter.city_part_ids, "city_part_ids");
    check_list(filter.category_ids, "category_ids");
    check_list(filter.ids, "ids");
}

// Reports in the listed districts, or outside every district in the listed city parts, or
// (when asked) in no district at all.
void add_area(Where& where, const ReportFilter& filter) {
    if (filter.district_ids.empty() && filter.city_part_ids.empty() && !filter.include_unassigned)
        return;
    std::string any;
    const auto either = [&](const std::string& condition) {
        any += (any.empty() ? "" : " OR ") + condition;
    };
    if (!filter.district_ids.empty()) either(where.in("district_id", filter.district_ids));
    if (!filter.city_part_ids.empty())
        either("(district_id IS NULL AND " + where.in("city_part_id", filter.city_part_ids) + ")");
    if (filter.include_unassigned) either("district_id IS NULL");
    where.add("(" + any + ")");
}

void add_enums(Where& where, const ReportFilter& filter) {
    if (!filter.states.empty()) {
        std::vector<std::string> names;
        for (const auto state : filter.states) names.emplace_back(to_string(state));
        where.add(where.in("state", names));
    }
    if (!filter.visibilities.empty()) {
        std::vector<std::string> names;
        for (const auto visibility : filter.visibilities) names.emplace_back(to_string(visibility));
        where.add(where.in("visibility", names));
    }
}

Where where_of_report_queries(const ReportFilter& filter) {
    Where where;
    if (filter.municipality_code) where.equal("municipality_code", *filter.municipality_code);
    if (!filter.municipality_codes.empty())
        where.add(where.in("municipality_code", filter.municipality_codes));
    add_area(where, filter);
    add_enums(where, filter);
    if (!filter.category_ids.empty()) where.add(where.in("category_id", filter.category_ids));
    if (filter.level) where.equal("level", *filter.level);
    if (filter.min_level) {
        where.add("level >= " + where.placeholder());
        where.params().add(*filter.min_level);
    }
    if (filter.owner_user_id) where.equal("owner_user_id", *filter.owner_user_id);
    if (filter.overdue_at) {
        where.add(overdue_condition(where.placeholder()));
        where.params().add(time_text(*filter.overdue_at));
    }
    where.compare("created_at", ">=", filter.created_from);
    where.compare("created_at", "<", filter.created_to);
    where.compare("updated_at", ">=", filter.updated_from);
    where.compare("updated_at", "<", filter.updated_to);
    if (filter.box_e7) {
        const auto& box = *filter.box_e7;
        const std::string a = where.placeholder(), b = where.placeholder(), c = where.placeholder(),
                          d = where.placeholder();
        where.add("lon_e7 >= " + a + " AND lat_e7 >= " + b + " AND lon_e7 <= " + c +
                  " AND lat_e7 <= " + d);
        where.params().add(box[0]).add(box[1]).add(box[2]).add(box[3]);
    }
    if (!filter.ids.empty()) where.add(where.in("id", filter.ids));
    if (filter.open311_token) where.equal("open311_token", *filter.open311_token);
    if (filter.contact_email_hash) where.equal("contact_email_hash", *filter.contact_email_hash);
    return where;
}

std::string order_of(ReportFilter::Order order) {
    switch (order) {
        case ReportFilter::Order::oldest_first:
            return " ORDER BY created_at, id";
        case ReportFilter::Order::updated_newest_first:
            return " ORDER BY updated_at DESC, id DESC";
        case ReportFilter::Order::newest_first:
            break;
    }
    return " ORDER BY created_at DESC, id DESC";
}

}  // namespace

ReportPage ReportStore::list_reports(const ReportFilter& filter) {
    check_filter(filter);
    Where where = where_of_report_queries(filter);
    const std::string count_sql = "SELECT COUNT(*) FROM reports" + where.text();
    const SqlParams count_params = where.params();
    const std::string limit = where.placeholder(), offset = where.placeholder();
    where.params()
        .add(static_cast<std::int64_t>(filter.limit))
        .add(static_cast<std::int64_t>(filter.offset));
    // The page's ids first, from an index where one covers the filter; then only their rows.
    const std::string order = order_of(filter.order);
    const std::string page_sql =
        "SELECT " + report_columns + " FROM reports WHERE id IN (SELECT id FROM reports" +
        where.text() + order + " LIMIT " + limit + " OFFSET " + offset + ")" + order;
    ReportPage page;
    read([&](SqlRunner& sql) {
        page = {};
        auto rows = sql.query(page_sql, where.params());
        while (rows->next()) page.reports.push_back(report_of(*rows));
        // A short first page holds every match: no second query.
        if (filter.offset == 0 && page.reports.size() < filter.limit) {
            page.total = static_cast<std::int64_t>(page.reports.size());
            return;
        }
        auto count = sql.query(count_sql, count_params);
        page.total = count->next() ? count->int64(0) : 0;
    });
    return page;
}

std::vector<Report> ReportStore::reports_due_for_escalation(TimePoint now, std::size_t limit) {
    if (limit == 0 || limit > max_report_page) {
        throw Error(ErrorCode::invalid_argument,
                    "limit must be 1 to " + std::to_string(max_report_page), "limit");
    }
    // The deadline that passed first: level 0 the earlier of its running deadlines, above it
    // the level's.
    const std::string deadline =
        "CASE WHEN level = 0 THEN CASE WHEN first_response_at IS NULL AND "
        "first_response_due < resolution_due THEN first_response_due ELSE resolution_due END "
        "ELSE level_due END";
    // Chosen from the partial index of open reports alone; only the chosen rows are read.
    const std::string sql_text =
        "SELECT " + report_columns + " FROM reports WHERE id IN (SELECT id FROM reports WHERE " +
        open_state_condition +
        " AND visibility <> 'hidden' AND ((level = 0 AND ((first_response_at IS NULL AND "
        "first_response_due <= $1) OR "
        "resolution_due <= $1)) OR (level BETWEEN 1 AND 3 AND level_due <= $1)) ORDER BY " +
        deadline + ", id LIMIT $2) ORDER BY " + deadline + ", id";
    std::vector<Report> due;
    read([&](SqlRunner& sql) {
        due.clear();
        auto rows = sql.query(
            sql_text, SqlParams().add(time_text(now)).add(static_cast<std::int64_t>(limit)));
        while (rows->next()) due.push_back(report_of(*rows));
    });
    return due;
}

}  // namespace okrsek::store
