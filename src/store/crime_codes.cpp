// CrimeStore's code lists (types, states, relevance) on top of SqlRunner.
#include <algorithm>
#include <map>
#include <set>

#include "core/error.hpp"
#include "store/account_common.hpp"
#include "store/audit_log.hpp"
#include "store/crime.hpp"
#include "store/crime_common.hpp"

namespace okrsek::store {
namespace {

using core::Error;
using core::ErrorCode;

const char* table_of(CrimeCodeList list) {
    switch (list) {
        case CrimeCodeList::types:
            return "crime_types";
        case CrimeCodeList::states:
            return "crime_states";
        case CrimeCodeList::relevance:
            return "crime_relevances";
    }
    return "crime_types";
}

void check_codes(std::span<const CrimeCode> codes) {
    if (codes.size() > max_crime_codes) {
        throw Error(ErrorCode::invalid_argument,
                    "more than " + std::to_string(max_crime_codes) + " codes in one list", "codes");
    }
    std::set<std::int64_t> seen;
    for (const auto& code : codes) {
        if (!seen.insert(code.code).second) {
            throw Error(ErrorCode::invalid_argument,
                        "code " + std::to_string(code.code) + " is listed twice", "codes");
        }
        if (code.level < 1 || code.level > 4) {
            throw Error(ErrorCode::invalid_argument,
                        "code " + std::to_string(code.code) + ": level must be 1 to 4", "codes");
        }
        accounts::checked_text(code.name, max_crime_code_name_bytes, "name");
        if (code.label.size() > max_crime_code_name_bytes) {
            throw Error(ErrorCode::invalid_argument,
                        "code " + std::to_string(code.code) + ": label too long", "codes");
        }
    }
}

std::map<std::int64_t, CrimeCode> read_codes(SqlRunner& sql, std::int64_t source_id,
                                             CrimeCodeList list) {
    std::map<std::int64_t, CrimeCode> codes;
    const bool types = list == CrimeCodeList::types;
    const std::string query =
        types ? "SELECT code, name, parent_code, level, label, sensitive FROM crime_types "
                "WHERE source_id = $1 ORDER BY code"
              : std::string("SELECT code, name FROM ") + table_of(list) +
                    " WHERE source_id = $1 ORDER BY code";
    auto rows = sql.query(query, SqlParams().add(source_id));
    while (rows->next()) {
        CrimeCode code;
        code.code = rows->int64(0);
        code.name = rows->text(1);
        if (types) {
            code.parent_code = rows->optional_int64(2);
            code.level = rows->int64(3);
            code.label = rows->text(4);
            code.sensitive = rows->int64(5) != 0;
        }
        codes.emplace(code.code, std::move(code));
    }
    return codes;
}

bool same_code(const CrimeCode& a, const CrimeCode& b) {
    return a.name == b.name && a.parent_code == b.parent_code && a.level == b.level &&
           a.label == b.label && a.sensitive == b.sensitive;
}

void write_code(SqlRunner& sql, CrimeCodeList list, std::int64_t source_id, const CrimeCode& code,
                bool update, const std::string& now) {
    if (list == CrimeCodeList::types) {
        const std::string query =
            update ? "UPDATE crime_types SET parent_code = $3, level = $4, name = $5, "
                     "label = $6, sensitive = $7, updated_at = $8 WHERE source_id = $1 AND "
                     "code = $2"
                   : "INSERT INTO crime_types (source_id, code, parent_code, level, name, label, "
                     "sensitive, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
        sql.execute(query, SqlParams()
                               .add(source_id)
                               .add(code.code)
                               .add(code.parent_code)
                               .add(code.level)
                               .add(code.name)
                               .add(code.label)
                               .add_flag(code.sensitive)
                               .add(now));
        return;
    }
    const std::string table = table_of(list);
    const std::string query =
        update ? "UPDATE " + table +
                     " SET name = $3, updated_at = $4 WHERE source_id = $1 AND "
                     "code = $2"
               : "INSERT INTO " + table +
                     " (source_id, code, name, updated_at) VALUES ($1, $2, $3, $4)";
    sql.execute(query, SqlParams().add(source_id).add(code.code).add(code.name).add(now));
}

}  // namespace

std::string_view to_string(CrimeCodeList list) noexcept {
    switch (list) {
        case CrimeCodeList::types:
            return "types";
        case CrimeCodeList::states:
            return "states";
        case CrimeCodeList::relevance:
            return "relevance";
    }
    return "types";
}

std::optional<CrimeCodeList> crime_code_list_from(std::string_view text) noexcept {
    for (const auto list :
         {CrimeCodeList::types, CrimeCodeList::states, CrimeCodeList::relevance}) {
        if (to_string(list) == text) return list;
    }
    return std::nullopt;
}

std::vector<std::string> CrimeStore::crime_sources() {
    std::vector<std::string> names;
    run_read([&](SqlRunner& sql) {
        auto rows = sql.query("SELECT name FROM crime_sources ORDER BY name");
        while (rows->next()) names.push_back(rows->text(0));
    });
    return names;
}

CrimeCodeResult CrimeStore::replace_crime_codes(std::string_view source, CrimeCodeList list,
                                                std::span<const CrimeCode> codes,
                                                const AuditEntry& audit, TimePoint now) {
    crime::check_source_name(source);
    check_codes(codes);
    CrimeCodeResult result;
    run_write([&](SqlRunner& sql) {
        const std::string at = accounts::time_text(now);
        crime::bump_version(sql, at);
        const std::int64_t source_id = crime::ensure_source(sql, source, at);
        auto stored = read_codes(sql, source_id, list);
        for (const auto& code : codes) {
            const auto found = stored.find(code.code);
            if (found == stored.end()) {
                write_code(sql, list, source_id, code, false, at);
                ++result.inserted;
                continue;
            }
            if (!same_code(found->second, code)) {
                write_code(sql, list, source_id, code, true, at);
                ++result.updated;
            }
            stored.erase(found);
        }
        for (const auto& [code, unused] : stored) {
            sql.execute(std::string("DELETE FROM ") + table_of(list) +
                            " WHERE source_id = $1 AND code = $2",
                        SqlParams().add(source_id).add(code));
            ++result.removed;
        }
        accounts::append_audit_row(sql, audit, now);
    });
    return result;
}

std::vector<CrimeCode> CrimeStore::crime_codes(std::string_view source, CrimeCodeList list) {
    std::vector<CrimeCode> codes;
    run_read([&](SqlRunner& sql) {
        const auto source_id = crime::find_source(sql, source);
        if (!source_id) return;
        for (auto& [code, value] : read_codes(sql, *source_id, list)) {
            codes.push_back(std::move(value));
        }
    });
    return codes;
}

void CrimeStore::set_crime_type_sensitive(std::string_view source, std::int64_t code,
                                          bool sensitive, const AuditEntry& audit, TimePoint now) {
    run_write([&](SqlRunner& sql) {
        const std::string at = accounts::time_text(now);
        const auto source_id = crime::find_source(sql, source);
        if (!source_id) {
            throw Error(ErrorCode::not_found, "no crime source '" + std::string(source) + "'",
                        "source");
        }
        auto rows = sql.query(
            "UPDATE crime_types SET sensitive = $3, updated_at = $4 WHERE source_id = $1 AND "
            "code = $2 RETURNING code",
            SqlParams().add(*source_id).add(code).add_flag(sensitive).add(at));
        if (!rows->next()) {
            throw Error(ErrorCode::not_found,
                        "source '" + std::string(source) + "' has no type " + std::to_string(code),
                        "type");
        }
        crime::bump_version(sql, at);
        accounts::append_audit_row(sql, audit, now);
    });
}

}  // namespace okrsek::store
