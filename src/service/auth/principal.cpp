#include "service/auth/principal.hpp"

namespace okrsek::service {

Principal Principal::cli() {
    Principal principal;
    principal.kind = Kind::cli;
    principal.display_name = "command line";
    return principal;
}

store::AuditEntry Principal::audit(std::string action, std::string object_type,
                                   std::string object_id, std::optional<std::string> reason) const {
    store::AuditEntry entry;
    switch (kind) {
        case Kind::user:
            entry.actor_kind = store::ActorKind::user;
            entry.actor_id = id;
            break;
        case Kind::token:
            entry.actor_kind = store::ActorKind::token;
            entry.actor_id = id;
            break;
        case Kind::cli:
            entry.actor_kind = store::ActorKind::cli;
            break;
    }
    entry.action = std::move(action);
    entry.object_type = std::move(object_type);
    entry.object_id = std::move(object_id);
    if (!client.address.empty()) entry.client_address = client.address;
    entry.reason = std::move(reason);
    return entry;
}

}  // namespace okrsek::service
