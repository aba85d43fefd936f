#pragma once

#include "http/router.hpp"
#include "service/platform.hpp"

namespace okrsek::http {

/// Registers GET and PUT /api/v1/admin/areas/{id}/profile (Access::session, CSRF for PUT):
/// any signed-in staff member reads a profile (the same figures are public on the statistics
/// pages); the service checks area_profiles.edit and audits every change.
void add_area_profile_routes(Router& router, service::Platform& platform);

}  // namespace okrsek::http
