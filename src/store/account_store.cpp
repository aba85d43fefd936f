// AccountStore's plumbing: the spellings of its enums and the three ways to run SQL, with
// database messages made safe to log.
#include "core/error.hpp"
#include "store/account_common.hpp"
#include "store/accounts.hpp"

namespace okrsek::store {

std::string_view to_string(ActorKind kind) noexcept {
    switch (kind) {
        case ActorKind::user:
            return "user";
        case ActorKind::token:
            return "token";
        case ActorKind::system:
            return "system";
        case ActorKind::cli:
            return "cli";
    }
    return "system";
}

std::string_view to_string(ScopeKind kind) noexcept {
    switch (kind) {
        case ScopeKind::global:
            return "global";
        case ScopeKind::municipality:
            return "municipality";
        case ScopeKind::city_part:
            return "city_part";
        case ScopeKind::district:
            return "district";
    }
    return "global";
}

std::string_view to_string(LinkPurpose purpose) noexcept {
    return purpose == LinkPurpose::invite ? "invite" : "password_reset";
}

std::string_view to_string(AuditProblem problem) noexcept {
    switch (problem) {
        case AuditProblem::none:
            return "none";
        case AuditProblem::missing_row:
            return "missing_row";
        case AuditProblem::broken_link:
            return "broken_link";
        case AuditProblem::altered_row:
            return "altered_row";
        case AuditProblem::missing_tail:
            return "missing_tail";
        case AuditProblem::unrecorded_rows:
            return "unrecorded_rows";
        case AuditProblem::head_mismatch:
            return "head_mismatch";
        case AuditProblem::head_missing:
            return "head_missing";
    }
    return "none";
}

void AccountStore::write(const std::function<void(SqlRunner&)>& work) {
    try {
        run_write(work);
    } catch (const core::Error& error) {
        accounts::rethrow_without_values(error);
    }
}

void AccountStore::read(const std::function<void(SqlRunner&)>& work) {
    try {
        run_read(work);
    } catch (const core::Error& error) {
        accounts::rethrow_without_values(error);
    }
}

void AccountStore::snapshot(const std::function<void(SqlRunner&)>& work) {
    try {
        run_snapshot(work);
    } catch (const core::Error& error) {
        accounts::rethrow_without_values(error);
    }
}

}  // namespace okrsek::store
