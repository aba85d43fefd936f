#pragma once

#include "http/router.hpp"
#include "service/platform.hpp"

namespace okrsek::http {

/// Sign-in, second factor, logout, one-time links (/api/v1/auth/…) and one's own account
/// (/api/v1/me…). See docs/http-api.md.
void add_auth_routes(Router& router, service::Platform& platform);

/// Account, role, token and audit administration (/api/v1/admin/…).
void add_admin_routes(Router& router, service::Platform& platform);

}  // namespace okrsek::http
