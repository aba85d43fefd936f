#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "service/security/authorization.hpp"
#include "store/accounts.hpp"

namespace okrsek::service {

/// Where a request came from, as the front end saw it; goes into the audit log and the session.
struct ClientInfo {
    std::string address;     ///< client IP address ("" for the command line)
    std::string user_agent;  ///< browser's User-Agent, cut by the store
};

/// Who is asking: a signed-in person, a machine token, or the operator at the command line.
/// Built only by Authenticator (from a session cookie or a bearer token) or Principal::cli();
/// every service operation on personal data takes one and checks it.
struct Principal {
    enum class Kind { user, token, cli };

    Kind kind = Kind::user;
    std::int64_t id = 0;  ///< user id or api token id; 0 for the command line
    std::string email;    ///< users only
    std::string display_name;
    bool totp_enabled = false;
    std::vector<security::Grant> grants;  ///< users: the active grants; others: none
    std::vector<std::int64_t> grant_ids;  ///< the stored id of each grant, same order
    std::optional<std::int64_t> session_id;
    std::optional<store::TimePoint> session_created_at;
    std::optional<store::TimePoint> session_last_seen_at;
    std::string token_scope;  ///< machine tokens: e.g. "open311"
    std::optional<std::int64_t> token_municipality;
    ClientInfo client;

    /// The operator at the command line: may do everything; audited as actor kind "cli".
    static Principal cli();

    bool is_user() const noexcept { return kind == Kind::user; }

    /// An audit entry with this principal as actor and its client address.
    store::AuditEntry audit(std::string action, std::string object_type, std::string object_id,
                            std::optional<std::string> reason = {}) const;
};

}  // namespace okrsek::service
